"""DMP feeding decided at validation (SC.DMP/ALI/PROG.02): the order in the same transaction, per-type
preferences, withholding, non-qualified identities, master/slave routing, the state users see."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from lgc_app.config import Role
from lgc_app.dmp import feeding
from lgc_app.dmp.feeding import FeedingError, plan_document_feed, release, set_type_preference, withhold
from lgc_app.dmp.models import DmpDocumentState, DmpState
from lgc_app.dmp.state import document_state
from lgc_app.documents import lifecycle
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.models import Document
from lgc_app.outbox import orders
from lgc_app.outbox.models import OrderStatus, SendOrder
from lgc_app.patients.models import Patient
from lgc_app.patients.status import change_status
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database
from lgc_app.workstation import Workstation
from tests.helpers.composition import PLANNERS
from tests.helpers.dmp_feed import CABINET, Cabinetry, add_qualified_patient, draft, validated

INS = "279035121518989"



def _orders(db: Database) -> list[SendOrder]:
    with db.reading() as session:
        return list(session.scalars(select(SendOrder).where(SendOrder.kind == feeding.KIND)))


def test_validation_creates_the_order_and_fixes_the_entry_identifiers(db: Database, cabinet: Cabinetry) -> None:
    patient_id = add_qualified_patient(db, INS)
    document_id = draft(db, patient_id, cabinet.author)
    planned = lifecycle.validate(db, document_id, cabinet.author, CABINET, planners=PLANNERS)

    [order] = _orders(db)
    assert order.id in planned  # with the MSSanté planner's orders
    assert (order.status, order.payload_ref, order.ordered_by) == (OrderStatus.PENDING, f"document:{document_id}",
                                                                  "pmedecin")
    assert order.max_attempts == feeding.MAX_ATTEMPTS and order.target_workstation is None
    state = document_state(db, document_id)
    assert state is not None and state.state is DmpState.PENDING and state.label == "en attente"
    with db.reading() as session:
        document = session.get(Document, document_id)
        assert document is not None
        assert state.unique_id == document.cda_id_root  # the CDA ClinicalDocument/id (no extension)
    assert state.entry_uuid is not None and state.entry_uuid.startswith("urn:uuid:")
    assert order.payload == {"document_id": document_id, "unique_id": state.unique_id,
                             "entry_uuid": state.entry_uuid}


def test_a_rolled_back_validation_leaves_no_order(db: Database, cabinet: Cabinetry) -> None:
    patient_id = add_qualified_patient(db, INS)
    document_id = draft(db, patient_id, cabinet.author)
    with pytest.raises(RuntimeError), db.unit_of_work() as session:
        document = session.get(Document, document_id)
        assert document is not None
        assert plan_document_feed(session, document, cabinet.author)
        raise RuntimeError("the validation failed after planning")
    assert _orders(db) == [] and document_state(db, document_id) is None


def test_a_type_not_marked_for_the_dmp_is_not_ordered(db: Database, cabinet: Cabinetry) -> None:
    patient_id = add_qualified_patient(db, INS)
    letter = validated(db, patient_id, cabinet.author, DocumentType.LETTER)
    state = document_state(db, letter)
    assert state is not None and state.state is DmpState.EXCLUDED and "Lettre à un confrère" in (state.reason or "")
    assert _orders(db) == []

    author_id = cabinet.author.practitioner_id or 0
    set_type_preference(db, author_id, DocumentType.LETTER, True, cabinet.author)
    set_type_preference(db, author_id, DocumentType.CONSULTATION_REPORT, False, cabinet.author)
    assert feeding.type_preferences(db, author_id)[DocumentType.LETTER] is True
    validated(db, patient_id, cabinet.author, DocumentType.LETTER)
    report = validated(db, patient_id, cabinet.author, DocumentType.CONSULTATION_REPORT)
    assert len(_orders(db)) == 1
    assert document_state(db, report).state is DmpState.EXCLUDED  # type: ignore[union-attr]
    with pytest.raises(FeedingError):
        set_type_preference(db, author_id, DocumentType.VSM, False, cabinet.secretary)


def test_a_withheld_draft_is_not_ordered_and_keeps_its_reason(db: Database, cabinet: Cabinetry) -> None:
    patient_id = add_qualified_patient(db, INS)
    document_id = draft(db, patient_id, cabinet.author)
    with pytest.raises(FeedingError, match="pourquoi"):
        withhold(db, document_id, cabinet.author, "  ")
    with pytest.raises(FeedingError, match="auteur"):
        withhold(db, document_id, cabinet.secretary, "Le patient s'y oppose")
    withhold(db, document_id, cabinet.author, "Le patient s'oppose à ce partage")
    lifecycle.validate(db, document_id, cabinet.author, CABINET, planners=PLANNERS)
    assert _orders(db) == []
    state = document_state(db, document_id)
    assert state is not None and (state.state, state.reason) == (DmpState.WITHHELD,
                                                                 "Le patient s'oppose à ce partage")
    assert state.display == "retenu : Le patient s'oppose à ce partage"
    assert _orders(db) == []


def test_withholding_a_validated_document_cancels_its_waiting_order_and_release_sends_it(
        db: Database, cabinet: Cabinetry) -> None:
    patient_id = add_qualified_patient(db, INS)
    document_id = validated(db, patient_id, cabinet.author)
    [order] = _orders(db)
    withhold(db, document_id, cabinet.author, "Résultat à annoncer d'abord au patient")
    assert _orders(db)[0].status is OrderStatus.CANCELLED
    assert document_state(db, document_id).state is DmpState.WITHHELD  # type: ignore[union-attr]

    new_order = release(db, document_id, cabinet.author)
    assert new_order != order.id
    state = document_state(db, document_id)
    assert state is not None and state.state is DmpState.PENDING and state.order_id == new_order
    with db.reading() as session:
        assert session.get(SendOrder, new_order).payload["entry_uuid"] == state.entry_uuid  # type: ignore[union-attr]
    with pytest.raises(FeedingError, match="en attente"):
        release(db, document_id, cabinet.author)


@pytest.mark.parametrize("status", [IdentityStatus.PROV, IdentityStatus.RECUP, IdentityStatus.VALI])
def test_a_non_qualified_identity_is_not_ordered_and_says_why(db: Database, cabinet: Cabinetry,
                                                               status: IdentityStatus) -> None:
    patient_id = add_qualified_patient(db, INS, status)
    document_id = validated(db, patient_id, cabinet.author)
    assert _orders(db) == []
    state = document_state(db, document_id)
    assert state is not None and state.label == "non envoyé (identité non qualifiée)"
    assert "INS ne peut pas être transmis" in (state.reason or "")
    with pytest.raises(FeedingError, match="pas qualifiée"):
        release(db, document_id, cabinet.author)


def test_release_after_qualification(db: Database, cabinet: Cabinetry) -> None:
    patient_id = add_qualified_patient(db, INS, IdentityStatus.RECUP)
    document_id = validated(db, patient_id, cabinet.author)
    with db.unit_of_work() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None
        change_status(patient, IdentityStatus.QUAL, "pièce d'identité contrôlée", "test")
    order_id = release(db, document_id, cabinet.author)
    assert [order.id for order in _orders(db)] == [order_id]


def test_a_slave_targets_its_master_and_a_master_itself(db: Database, cabinet: Cabinetry) -> None:
    patient_id = add_qualified_patient(db, INS)
    slave = Workstation("CONSULTATION", Role.SLAVE, master="SECRETARIAT")
    slave_document = validated(db, patient_id, replace(cabinet.author, workstation=slave))
    master = Workstation("SECRETARIAT", Role.MASTER)
    master_document = validated(db, patient_id, replace(cabinet.author, workstation=master))
    routes = {order.payload["document_id"]: (order.origin_workstation, order.target_workstation)
              for order in _orders(db)}
    assert routes == {slave_document: ("CONSULTATION", "SECRETARIAT"),
                      master_document: ("SECRETARIAT", "SECRETARIAT")}


def test_the_state_shown_follows_the_order(db: Database, cabinet: Cabinetry) -> None:
    patient_id = add_qualified_patient(db, INS)
    document_id = validated(db, patient_id, cabinet.author)
    [order] = _orders(db)
    with db.unit_of_work() as session:
        row = session.get(SendOrder, order.id)
        assert row is not None
        row.status, row.last_error = OrderStatus.FAILED, "Le DMP est injoignable (abandon après 24 tentatives)"
    state = document_state(db, document_id)
    assert state is not None and state.state is DmpState.REFUSED
    assert state.display == "refusé : Le DMP est injoignable (abandon après 24 tentatives)"
    with db.unit_of_work() as session:
        orders.cancel(session, order.id, "secretariat")
    assert document_state(db, document_id).state is DmpState.CANCELLED  # type: ignore[union-attr]
    with db.reading() as session:
        assert session.get(DmpDocumentState, document_id).state is DmpState.PENDING  # type: ignore[union-attr]
