"""Validate → order → worker → DMP simulator over loopback mutual TLS: sent, replaced, refused, retried,
delivered exactly once under 30 % injected failures, and never registered twice after a lost answer."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import update

from lgc_app.audit import chain, journal
from lgc_app.audit.events import AuditEvent
from lgc_app.audit.journal import AuditFilter
from lgc_app.bootstrap import trace_describers
from lgc_app.dmp.feeding import KIND
from lgc_app.dmp.handler import FeedHandler
from lgc_app.dmp.models import DmpDocumentState, DmpState
from lgc_app.dmp.state import document_state, document_states
from lgc_app.documents import lifecycle
from lgc_app.outbox.models import EventKind, OrderStatus, SendOrder
from lgc_app.outbox.trace import format_proof, list_orders, read_order
from lgc_app.persistence.database import Database
from services.dmp import constants as c
from services.dmp.models import DocumentQuery
from services.sandbox.dmp import control
from services.sandbox.server import RunningSandbox
from tests.helpers.composition import PLANNERS
from tests.helpers.dmp import DmpWire, patient_id, random_ins
from tests.helpers.dmp_feed import (
    CABINET,
    Cabinetry,
    add_qualified_patient,
    dmp_patient,
    drain,
    fast_worker,
    validated,
)
from tests.helpers.outbox import proof_facts


async def _unique_ids(wire: DmpWire, ins: str) -> Counter[str]:
    entries = await wire.client.find_documents(
        patient_id(ins), DocumentQuery(statuses=(c.STATUS_APPROVED, c.STATUS_DEPRECATED)))
    return Counter(entry.unique_id for entry in entries)


async def test_a_validated_document_reaches_the_dmp_with_its_trace(db: Database, cabinet: Cabinetry,
                                                                  handler: FeedHandler, wire: DmpWire) -> None:
    ins, patient = await dmp_patient(db, wire)
    document_id = validated(db, patient, cabinet.author)
    await drain(db, fast_worker(db, handler))

    state = document_state(db, document_id)
    assert state is not None and state.state is DmpState.SENT and state.sent_at is not None
    assert state.last_answer == "Accepté (Success)"
    [entry] = await wire.client.find_documents(patient_id(ins))
    assert (entry.unique_id, entry.entry_uuid, entry.mime_type) == (state.unique_id, state.entry_uuid, "text/xml")
    assert entry.type_code is not None and entry.type_code.code == "11488-4"
    assert [a.person_id for a in entry.authors] == ["899700366240"]

    trace = read_order(db, state.order_id or "", trace_describers())
    assert trace is not None and trace.status is OrderStatus.DONE and trace.ordered_by == "pmedecin"
    assert [event.kind for event in trace.events] == [EventKind.CREATED, EventKind.CLAIMED, EventKind.SUCCEEDED]
    sent = trace.events[-1].detail
    assert f"uniqueId {state.unique_id}" in sent and f"Patient : {ins}^^^&" in sent  # the content sent
    assert "ProvideAndRegisterDocumentSet-b" in sent and "<saml2:Assertion" in sent  # the request
    assert "HTTP 200" in sent and "ResponseStatusType:Success" in sent  # the DMP's answer
    assert "<ds:SignatureValue>***" in sent  # masked before storage
    text = format_proof(trace)
    facts = proof_facts(text)
    assert (facts["Demandé par"], facts["Statut"], facts["Nature"]) == ("pmedecin", "envoyé", "Alimentation du DMP")
    assert (facts["Identifiant (uniqueId)"], facts["Entrée DMP (entryUUID)"]) == (state.unique_id, state.entry_uuid)
    assert facts["Dernière réponse du DMP"] == "Accepté (Success)"
    assert [order.id for order in list_orders(db, trace_describers(), kind=KIND)] == [state.order_id]
    [journaled] = journal.entries(db, AuditFilter(events=frozenset({AuditEvent.DOCUMENT_SENT})))
    assert (journaled.who, journaled.workstation, journaled.patient_id, journaled.subject) == (
        "pmedecin", "POSTE-1", patient, f"document {document_id}")  # in the name of whoever ordered it
    assert journaled.detail == "Envoyé au DMP : Accepté (Success)" and chain.verify(db).intact


async def test_a_replacement_is_sent_with_rplc_and_deprecates_the_old_entry(
        db: Database, cabinet: Cabinetry, handler: FeedHandler, wire: DmpWire) -> None:
    ins, patient = await dmp_patient(db, wire)
    first = validated(db, patient, cabinet.author, text="Première version.")
    await drain(db, fast_worker(db, handler))
    second = lifecycle.replace(db, first, cabinet.author)
    lifecycle.validate(db, second, cabinet.author, CABINET, planners=PLANNERS)
    await drain(db, fast_worker(db, handler))

    states = document_states(db, [first, second])
    assert states[first].state is DmpState.REPLACED and states[second].state is DmpState.SENT
    dmp = await control.patient_state(wire.http, wire.url, ins)
    assert dmp["statuses"] == {states[first].entry_uuid: c.STATUS_DEPRECATED,
                               states[second].entry_uuid: c.STATUS_APPROVED}
    trace = read_order(db, states[second].order_id or "", trace_describers())
    assert trace is not None and f"Remplace l'entrée {states[first].entry_uuid}" in trace.events[-1].detail
    assert c.ASSOC_RPLC in trace.events[-1].detail


async def test_a_replacement_validated_before_its_original_was_sent_waits_for_it(
        db: Database, cabinet: Cabinetry, handler: FeedHandler, wire: DmpWire) -> None:
    ins, patient = await dmp_patient(db, wire)
    first = validated(db, patient, cabinet.author, text="Première version.")
    second = lifecycle.replace(db, first, cabinet.author)
    lifecycle.validate(db, second, cabinet.author, CABINET, planners=PLANNERS)  # both orders wait (master down)
    await drain(db, fast_worker(db, handler, concurrency=2))

    states = document_states(db, [first, second])
    assert (states[first].state, states[second].state) == (DmpState.REPLACED, DmpState.SENT)
    dmp = await control.patient_state(wire.http, wire.url, ins)
    assert dmp["statuses"][states[first].entry_uuid] == c.STATUS_DEPRECATED
    waited = read_order(db, states[second].order_id or "", trace_describers())
    assert waited is not None and any("pas encore dans le DMP" in event.detail for event in waited.events)


async def test_a_refusal_is_permanent_and_shown_with_its_reason(db: Database, cabinet: Cabinetry,
                                                                handler: FeedHandler) -> None:
    patient = add_qualified_patient(db, random_ins())  # qualified, but without a DMP in the simulator
    document_id = validated(db, patient, cabinet.author)
    await drain(db, fast_worker(db, handler))
    state = document_state(db, document_id)
    assert state is not None and state.display == "refusé : Patient inconnu du DMP."
    assert state.last_answer == "Refus XDSUnknownPatientId"
    trace = read_order(db, state.order_id or "", trace_describers())
    assert trace is not None and trace.attempts == 1 and trace.status is OrderStatus.FAILED
    assert "XDSUnknownPatientId" in trace.events[-1].detail


async def test_transient_faults_are_retried(db: Database, cabinet: Cabinetry, handler: FeedHandler,
                                            wire: DmpWire, sandbox: RunningSandbox) -> None:
    ins, patient = await dmp_patient(db, wire)
    document_id = validated(db, patient, cabinet.author)
    sandbox.set_faults(fail_next=["error", "drop"])
    await drain(db, fast_worker(db, handler))
    state = document_state(db, document_id)
    assert state is not None and state.state is DmpState.SENT
    trace = read_order(db, state.order_id or "", trace_describers())
    assert trace is not None and trace.attempts == 3
    assert [event.kind for event in trace.events].count(EventKind.ATTEMPT_FAILED) == 2
    assert (await _unique_ids(wire, ins))[state.unique_id or ""] == 1


@pytest.mark.slow
async def test_thirty_percent_injected_failures_deliver_every_document_exactly_once(
        db: Database, cabinet: Cabinetry, handler: FeedHandler, wire: DmpWire, sandbox: RunningSandbox) -> None:
    ins, patient = await dmp_patient(db, wire)
    documents = [validated(db, patient, cabinet.author, text=f"Consultation n° {n}.") for n in range(30)]
    sandbox.set_faults(rates={"timeout": 0.1, "error": 0.1, "drop": 0.1}, seed=6)
    await drain(db, fast_worker(db, handler, concurrency=4), within=120)
    sandbox.set_faults()

    states = document_states(db, documents)
    assert {state.state for state in states.values()} == {DmpState.SENT}
    assert await _unique_ids(wire, ins) == Counter({state.unique_id: 1 for state in states.values()})
    with db.reading() as session:
        attempts = sum(order.attempts for order in session.query(SendOrder))
    assert attempts > len(documents), "no fault was injected"


async def test_a_lost_answer_is_checked_with_get_documents_not_sent_twice(
        db: Database, cabinet: Cabinetry, handler: FeedHandler, wire: DmpWire) -> None:
    ins, patient = await dmp_patient(db, wire)
    document_id = validated(db, patient, cabinet.author)
    await drain(db, fast_worker(db, handler))
    # The worker died after the DMP registered the document, before recording it: attempt 1 is spent,
    # the order waits again and the document still looks unsent.
    state = document_state(db, document_id)
    assert state is not None
    with db.unit_of_work() as session:
        session.execute(update(SendOrder).where(SendOrder.id == state.order_id)
                        .values(status=OrderStatus.PENDING, attempts=1, done_at=None))
    with db.unit_of_work() as session:
        session.execute(update(DmpDocumentState).where(DmpDocumentState.document_id == document_id)
                        .values(state=DmpState.PENDING, sent_at=None))
    await drain(db, fast_worker(db, handler))

    trace = read_order(db, state.order_id or "", trace_describers())
    assert trace is not None and trace.status is OrderStatus.DONE and trace.attempts == 2
    second = trace.events[-1].detail
    assert "RegistryStoredQuery" in second and "ProvideAndRegisterDocumentSet-b" not in second
    assert document_state(db, document_id).state is DmpState.SENT  # type: ignore[union-attr]
    assert (await _unique_ids(wire, ins))[state.unique_id or ""] == 1


async def test_the_handler_closes_its_connection_and_reconnects_after(handler: FeedHandler) -> None:
    first = await handler.connection()
    await handler.aclose()  # what the worker does when it stops
    assert first.http.is_closed
    second = await handler.connection()
    assert second is not first and not second.http.is_closed
