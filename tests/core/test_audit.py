"""The audit journal (issue 11, item 6): one entry per audited event, in the use case's own transaction; the
database refuses to rewrite it; `verify` finds the first row that was changed, removed or cut off."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text, update
from sqlalchemy.exc import DatabaseError as SqlDatabaseError

from lgc_app.audit import chain, journal
from lgc_app.audit.events import AuditEvent
from lgc_app.audit.journal import AuditFilter
from lgc_app.audit.models import AuditEntry
from lgc_app.audit.trail import record, record_login, together
from lgc_app.dmp.recording import record_refused, record_sent
from lgc_app.documents import lifecycle
from lgc_app.documents.actors import Actor
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.content import NarrativeContent, Section
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.practitioners import add_practitioner
from lgc_app.outbox.models import OrderStatus, SendOrder
from lgc_app.outbox.trace import cancel, retry
from lgc_app.patients import use_cases
from lgc_app.patients.service import ConcurrentEditError, PatientDraft
from lgc_app.patients.vocabulary import IdentityDocumentType
from lgc_app.persistence.database import Database
from lgc_app.session import workstation_session
from tests.helpers.composition import PLANNERS, STANDALONE, practitioner_session
from tests.helpers.outbox import enqueue_order
from tests.helpers.patients import DUPONT

ACTOR = Actor("Dr Test", workstation=STANDALONE)
ELODIE = PatientDraft(birth_name="DUPONT", birth_given_names="ELODIE", sex="F", birth_date="14/03/1985")
CARD = "2840535238041"
CABINET = Cabinet(structure_id="3123456789012", name="Cabinet médical des Érables", sector="SA08")


def _journal(db: Database) -> list[tuple[str, str, str, int | None]]:
    return [(line.event, line.who, line.workstation, line.patient_id)
            for line in reversed(journal.entries(db, AuditFilter()))]


def _created(db: Database, draft: PatientDraft = ELODIE) -> int:
    created = use_cases.create_patient(db, draft, ACTOR).patient
    assert created is not None
    return created.id


def test_every_read_and_change_of_a_patient_record_is_journaled(db: Database) -> None:
    patient_id = _created(db)
    use_cases.open_patient(db, patient_id, ACTOR)
    version = use_cases.load_patient(db, patient_id).version  # a refresh: not journaled
    use_cases.update_patient(db, patient_id, dataclasses.replace(ELODIE, city="LYON"), ACTOR,
                             expected_version=version)
    use_cases.record_identity_check(db, patient_id, IdentityDocumentType.CNI, ACTOR)
    use_cases.set_attributes(db, patient_id, ACTOR, homonym=True)
    card = use_cases.save_vitale_card(db, patient_id, ACTOR, insured_nir=CARD).vitale_cards[0]
    use_cases.remove_vitale_card(db, patient_id, card.id, ACTOR)
    use_cases.apply_insi(db, patient_id, DUPONT, ACTOR, accepted_fields={"birth_given_names", "birth_place_code"},
                         message_id="m-1")
    events = [event for event, *_ in _journal(db)]
    assert events == [AuditEvent.PATIENT_CREATED, AuditEvent.PATIENT_READ, *[AuditEvent.PATIENT_CHANGED] * 6]
    assert {(who, workstation, patient) for _event, who, workstation, patient in _journal(db)} == \
        {("Dr Test", "POSTE-1", patient_id)}
    assert chain.verify(db).intact and chain.verify(db).checked == 8


def test_a_refused_change_journals_nothing(db: Database) -> None:
    patient_id = _created(db)
    with pytest.raises(ConcurrentEditError):
        use_cases.update_patient(db, patient_id, ELODIE, ACTOR, expected_version=99)
    assert [event for event, *_ in _journal(db)] == [AuditEvent.PATIENT_CREATED]


def test_events_recorded_together_are_chained_in_order_after_the_others(db: Database) -> None:
    patient_id = _created(db)
    with db.unit_of_work() as session, together(session):
        for rank in range(3):
            record(session, AuditEvent.DOCUMENT_SENT, "Dr Test", "POSTE-1", f"document {rank}", patient_id=patient_id)
    with db.unit_of_work() as session:
        record(session, AuditEvent.PATIENT_READ, "Dr Test", "POSTE-1", f"patient {patient_id}")
    lines = sorted(journal.entries(db, AuditFilter()), key=lambda line: line.id)
    assert [(line.id, line.subject) for line in lines[1:]] == [
        (2, "document 0"), (3, "document 1"), (4, "document 2"), (5, f"patient {patient_id}")]
    report = chain.verify(db)
    assert report.intact and report.checked == 5, report.text


def test_a_batch_that_fails_appends_nothing(db: Database) -> None:
    patient_id = _created(db)
    with pytest.raises(RuntimeError), db.unit_of_work() as session, together(session):
        record(session, AuditEvent.DOCUMENT_SENT, "Dr Test", "POSTE-1", "document 1")
        raise RuntimeError("a handler's write failed")
    with db.unit_of_work() as session:
        record(session, AuditEvent.PATIENT_READ, "Dr Test", "POSTE-1", f"patient {patient_id}")
    assert [event for event, *_ in _journal(db)] == [AuditEvent.PATIENT_CREATED, AuditEvent.PATIENT_READ]
    assert chain.verify(db).intact


def test_document_validation_archive_delete_and_dmp_results_are_journaled(db: Database) -> None:
    patient_id = _created(db)
    author_id = add_practitioner(db, rpps="10001234567", given_name="Hélène", family_name="Durand")
    author = Actor("Dr Durand", author_id, workstation=STANDALONE)
    letters = [lifecycle.create_draft(db, patient_id=patient_id, author_id=author_id, document_type=DocumentType.LETTER,
                                      actor=author, cabinet=CABINET,
                                      content=NarrativeContent((Section("Courrier", ("Texte.",)),)))
               for _ in range(2)]
    for letter in letters:
        lifecycle.validate(db, letter, author, CABINET, planners=PLANNERS)
    lifecycle.archive(db, letters[0], author, reason="classé")
    lifecycle.delete(db, letters[1], author, reason="erreur de patient")
    order_id = enqueue_order(db, ordered_by="Dr Durand", payload_ref=f"document:{letters[0]}")
    record_sent(db, letters[0], answer="Accepté", replaces=None, replaced_document_id=None, order_id=order_id,
                workstation="MAITRE")
    record_refused(db, letters[1], reason="refus", answer="Refus X", order_id=order_id, workstation="MAITRE")
    lines = _journal(db)[1:]
    assert [event for event, *_ in lines] == [AuditEvent.DOCUMENT_VALIDATED, AuditEvent.DOCUMENT_VALIDATED,
                                             AuditEvent.DOCUMENT_ARCHIVED, AuditEvent.DOCUMENT_DELETED,
                                             AuditEvent.DOCUMENT_SENT, AuditEvent.DOCUMENT_REFUSED]
    assert lines[-1] == (AuditEvent.DOCUMENT_REFUSED, "Dr Durand", "MAITRE", patient_id)
    [deleted] = journal.entries(db, AuditFilter(events=frozenset({AuditEvent.DOCUMENT_DELETED})))
    assert deleted.subject == f"document {letters[1]}" and "erreur de patient" in deleted.detail


def test_retrying_and_cancelling_a_send_order_are_journaled(db: Database) -> None:
    failed, waiting = enqueue_order(db), enqueue_order(db)
    with db.unit_of_work() as session:
        session.execute(update(SendOrder).where(SendOrder.id == failed).values(status=OrderStatus.FAILED))
    retry(db, failed, "Secrétariat", "POSTE-2", {})
    cancel(db, waiting, "Secrétariat", "POSTE-2", {})
    assert _journal(db) == [(AuditEvent.ORDER_RETRIED, "Secrétariat", "POSTE-2", None),
                            (AuditEvent.ORDER_CANCELLED, "Secrétariat", "POSTE-2", None)]


def test_logins_and_failed_logins_are_journaled(db: Database) -> None:
    session = practitioner_session()
    record_login(db, session, True, "rpps:99700366240")
    record_login(db, workstation_session(STANDALONE), False, "inconnu")
    assert _journal(db) == [(AuditEvent.LOGIN, session.who, "POSTE-1", None),
                            (AuditEvent.LOGIN_FAILED, "inconnu", "POSTE-1", None)]


def test_filters_and_csv_export(db: Database) -> None:
    first, second = _created(db), _created(db, dataclasses.replace(ELODIE, birth_name="MARTIN"))
    use_cases.open_patient(db, first, Actor("Secrétariat", workstation=STANDALONE))
    assert [line.patient_id for line in journal.entries(db, AuditFilter(who="secr"))] == [first]
    assert len(journal.entries(db, AuditFilter(patient_id=second))) == 1
    assert journal.entries(db, AuditFilter(since=datetime.now(UTC) + timedelta(days=1))) == []
    csv = journal.export_csv(db, AuditFilter(events=frozenset({AuditEvent.PATIENT_READ})))
    assert csv.splitlines() == [";".join(journal.CSV_HEADER), csv.splitlines()[1]]
    assert ";Ouverture d'un dossier patient;Secrétariat;POSTE-1;" in csv


def _append(db: Database, count: int) -> None:
    with db.unit_of_work() as session:
        for n in range(count):
            record(session, AuditEvent.ACCOUNT_CHANGED, "admin", "POSTE-1", f"compte {n}", "modifié")


@pytest.mark.parametrize("statement", ["UPDATE audit_events SET detail = 'réécrit'", "DELETE FROM audit_events",
                                       "DELETE FROM audit_chain_head", "UPDATE audit_chain_head SET last_id = 0"])
def test_the_database_refuses_to_rewrite_the_journal(db: Database, statement: str) -> None:
    _append(db, 2)
    with pytest.raises(SqlDatabaseError, match="journal d'audit : modification interdite"), \
            db.unit_of_work() as session:
        session.execute(text(statement))
    assert chain.verify(db).intact and chain.verify(db).checked == 2


@pytest.fixture
def drop_triggers(db: Database) -> Iterator[Callable[[], None]]:
    """What an attacker with the database's owner rights can do; the chain still tells. The PostgreSQL test
    database is shared by the tests of a worker: its triggers are put back afterwards."""
    def drop() -> None:
        with db.engine.begin() as conn:
            if db.is_postgresql:
                conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
                conn.execute(text("ALTER TABLE audit_chain_head DISABLE TRIGGER USER"))
            else:
                for name in ("audit_events_no_update", "audit_events_no_delete", "audit_chain_head_forward"):
                    conn.execute(text(f"DROP TRIGGER {name}"))
    yield drop
    if db.is_postgresql:
        with db.engine.begin() as conn:
            conn.execute(text("ALTER TABLE audit_events ENABLE TRIGGER USER"))
            conn.execute(text("ALTER TABLE audit_chain_head ENABLE TRIGGER USER"))


@pytest.mark.parametrize(("tampering", "broken_at"), [
    ("UPDATE audit_events SET detail = 'rien' WHERE id = 3", 3),
    ("UPDATE audit_events SET who = 'quelqu''un', hash = hash WHERE id = 2", 2),
    ("DELETE FROM audit_events WHERE id = 4", 4),
    ("DELETE FROM audit_events WHERE id = 5", 5),  # the last one: the chain head still names it
])
def test_verify_reports_the_first_broken_row(db: Database, tampering: str, broken_at: int,
                                             drop_triggers: Callable[[], None]) -> None:
    _append(db, 5)
    drop_triggers()
    with db.engine.begin() as conn:
        conn.execute(text(tampering))
    report = chain.verify(db)
    assert not report.intact and report.broken_at == broken_at
    assert f"altéré à l'entrée {broken_at}" in report.text


def test_a_rewritten_hash_breaks_the_next_link(db: Database, drop_triggers: Callable[[], None]) -> None:
    _append(db, 3)
    drop_triggers()
    with db.unit_of_work() as session:
        row = session.get(AuditEntry, 2)
        assert row is not None
        row.detail = "rien"
        row.hash = chain.ChainFields.of(row).hash()  # recomputed: row 2 holds, row 3's link does not
    report = chain.verify(db)
    assert report.broken_at == 3 and "lien" in report.reason
