"""Consultations and allergies in the audit journal (issue 11, item 6): creating, opening and saving a
consultation, adding and removing an allergy, each journaled in its own transaction with the patient, and
never with the clinical content itself; a refused change journals nothing."""

from __future__ import annotations

import pytest

from lgc_app.audit import journal
from lgc_app.audit.events import AuditEvent
from lgc_app.audit.journal import AuditFilter
from lgc_app.consultations import use_cases as consultations
from lgc_app.consultations.errors import ConsultationConflictError
from lgc_app.consultations.use_cases import ConsultationRecord
from lgc_app.documents.actors import Actor
from lgc_app.documents.practitioners import add_practitioner
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database
from lgc_app.prescribing import allergies
from lgc_app.prescribing.errors import AllergyError
from tests.helpers.cisis import add_patient
from tests.helpers.composition import STANDALONE, practitioner_session

RECORD = ConsultationRecord(reason="Douleur thoracique", history="Antécédents familiaux cardiaques",
                            examination="Souffle systolique", conclusion="Adressé au cardiologue")


def _journal(db: Database) -> list[tuple[str, str, str, int | None, str]]:
    return [(line.event, line.who, line.workstation, line.patient_id, line.subject)
            for line in reversed(journal.entries(db, AuditFilter()))]


@pytest.fixture
def patient_id(db: Database) -> int:
    with db.unit_of_work() as session:
        return add_patient(session, status=IdentityStatus.QUAL).id


@pytest.fixture
def doctor(db: Database) -> Actor:
    practitioner_id = add_practitioner(db, rpps="10001234567", given_name="Hélène", family_name="Durand")
    return Actor("Dr Hélène Durand", practitioner_id, workstation=STANDALONE)


def test_creating_opening_and_saving_a_consultation_are_journaled(db: Database, patient_id: int,
                                                                  doctor: Actor) -> None:
    view = consultations.start_consultation(db, patient_id, doctor)
    version = consultations.save_consultation(db, view.id, RECORD, expected_version=view.row_version, actor=doctor)
    reader = practitioner_session()
    assert consultations.open_consultation(db, view.id, reader).record == RECORD
    consultations.get_consultation(db, view.id, reader)  # the application's own reading (drafting) is not a user's
    subject = f"consultation {view.id}"
    assert _journal(db) == [
        (AuditEvent.CONSULTATION_CREATED, doctor.login, "POSTE-1", patient_id, subject),
        (AuditEvent.CONSULTATION_CHANGED, doctor.login, "POSTE-1", patient_id, subject),
        (AuditEvent.CONSULTATION_OPENED, reader.who, "POSTE-1", patient_id, subject),
    ]
    with pytest.raises(ConsultationConflictError):  # refused: nothing changed, nothing journaled
        consultations.save_consultation(db, view.id, RECORD, expected_version=version - 1, actor=doctor)
    lines = journal.entries(db, AuditFilter())
    assert len(lines) == 3
    assert journal.export_csv(db, AuditFilter()).count("Souffle") == 0  # the journal names, never copies


def test_adding_and_removing_an_allergy_are_journaled(db: Database, patient_id: int, doctor: Actor) -> None:
    added = allergies.add_allergy(db, patient_id, substance="Amoxicilline", actor=doctor)
    allergies.remove_allergy(db, added.id or 0, actor=doctor)
    subject = f"allergie {added.id}"
    assert _journal(db) == [(AuditEvent.ALLERGY_ADDED, doctor.login, "POSTE-1", patient_id, subject),
                            (AuditEvent.ALLERGY_REMOVED, doctor.login, "POSTE-1", patient_id, subject)]
    with pytest.raises(AllergyError):
        allergies.remove_allergy(db, added.id or 0, actor=doctor)
    assert len(journal.entries(db, AuditFilter())) == 2
    assert "Amoxicilline" not in journal.export_csv(db, AuditFilter())
