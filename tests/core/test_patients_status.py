"""Identity status transitions, attributes, history, and INS export only when qualified (RNIV, PROTOCOLS §1.3)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from lgc_app.patients.models import Patient, StatusChange
from lgc_app.patients.service import (
    ConcurrentEditError,
    IdentityInputError,
    PatientDraft,
    create_patient,
    record_identity_check,
    set_attributes,
    update_patient,
)
from lgc_app.patients.status import TransitionError
from lgc_app.patients.vocabulary import IdentityDocumentType, IdentityStatus
from lgc_app.persistence.database import Database

TODAY = date(2025, 6, 1)
DRAFT = PatientDraft(birth_name="d'arc-dupont", birth_given_names="Élodie marie", sex="F",
                     birth_date="12/02/1997", birth_place_code="2A004")


def _create(db: Database, draft: PatientDraft = DRAFT) -> int:
    with db.unit_of_work() as session:
        outcome = create_patient(session, draft, "dr.house", today=TODAY)
        assert outcome.patient is not None
        return outcome.patient.id


def _qualify(db: Database, patient_id: int) -> None:
    with db.unit_of_work() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None
        patient.ins_matricule, patient.ins_oid = "297022A02077878", "1.2.250.1.213.1.4.10"
        patient.status = IdentityStatus.RECUP
    with db.unit_of_work() as session:
        record_identity_check(session, patient_id, IdentityDocumentType.PASSPORT, "sec", today=TODAY)


def test_create_normalises_and_starts_provisional(db: Database) -> None:
    patient_id = _create(db)
    with db.reading() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None
        assert (patient.birth_name, patient.birth_given_names, patient.first_birth_given_name) == (
            "D'ARC-DUPONT", "ELODIE MARIE", "ELODIE")
        assert patient.birth_date == "1997-02-12" and patient.status == IdentityStatus.PROV
        assert patient.birth_given_names_list == ["ELODIE", "MARIE"]
        assert patient.version == 1 and not patient.is_qualified and patient.ins_for_export() is None
        assert [(c.from_status, c.to_status) for c in patient.status_changes] == [(None, IdentityStatus.PROV)]


def test_invalid_input_reports_every_field(db: Database) -> None:
    with db.unit_of_work() as session, pytest.raises(IdentityInputError) as caught:
        create_patient(session, PatientDraft("Dup0nt", "", "X", "31/02/2000"), "u", today=TODAY)
    assert set(caught.value.errors) >= {"birth_name", "birth_given_names", "birth_date", "sex"}


def test_document_then_qualified_and_export(db: Database) -> None:
    patient_id = _create(db)
    with db.unit_of_work() as session:
        patient = record_identity_check(session, patient_id, IdentityDocumentType.CNI, "sec", today=TODAY)
        assert patient.status == IdentityStatus.VALI and patient.ins_for_export() is None
    _qualify(db, patient_id)
    with db.reading() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None and patient.status == IdentityStatus.QUAL
        assert patient.ins_for_export() == ("297022A02077878", "1.2.250.1.213.1.4.10")
        assert [c.document_type for c in patient.identity_checks] == [IdentityDocumentType.CNI,
                                                                      IdentityDocumentType.PASSPORT]


@pytest.mark.parametrize(("document", "birth_date", "fragment"), [
    (IdentityDocumentType.DRIVING_LICENCE, "12/02/1997", "haut niveau de confiance"),
    (IdentityDocumentType.VITALE_CARD, "12/02/1997", "haut niveau de confiance"),
    (IdentityDocumentType.FAMILY_BOOK, "12/02/1997", "mineur"),
])
def test_refused_documents(db: Database, document: IdentityDocumentType, birth_date: str, fragment: str) -> None:
    patient_id = _create(db, PatientDraft("MARTIN", "LEA", "F", birth_date))
    with db.unit_of_work() as session, pytest.raises(TransitionError, match=fragment):
        record_identity_check(session, patient_id, document, "sec", today=TODAY)
    with db.reading() as session:
        assert session.get(Patient, patient_id).identity_checks == []  # type: ignore[union-attr]


def test_family_book_validates_a_minor(db: Database) -> None:
    patient_id = _create(db, PatientDraft("MARTIN", "LEO", "M", "01/01/2015"))
    with db.unit_of_work() as session:
        patient = record_identity_check(session, patient_id, IdentityDocumentType.FAMILY_BOOK, "sec", today=TODAY)
        assert patient.status == IdentityStatus.VALI


def test_editing_a_strict_trait_downgrades_with_reason(db: Database) -> None:
    patient_id = _create(db)
    _qualify(db, patient_id)
    with db.unit_of_work() as session:
        version = session.get(Patient, patient_id).version  # type: ignore[union-attr]
        outcome = update_patient(session, patient_id, PatientDraft("DARC DUPONT", "ELODIE MARIE", "F", "12/02/1997",
                                                                   "2A004"), "dr.house", expected_version=version,
                                 today=TODAY)
    assert outcome.status_reason is not None and "nom de naissance" in outcome.status_reason
    assert "INS est retiré" in outcome.status_reason
    with db.reading() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None and patient.status == IdentityStatus.PROV and patient.ins_matricule is None
        assert patient.ins_for_export() is None
        last = patient.status_changes[-1]
        assert (last.from_status, last.to_status, last.changed_by) == (IdentityStatus.QUAL, IdentityStatus.PROV,
                                                                       "dr.house")


def test_editing_used_traits_keeps_status(db: Database) -> None:
    patient_id = _create(db)
    _qualify(db, patient_id)
    with db.unit_of_work() as session:
        version = session.get(Patient, patient_id).version  # type: ignore[union-attr]
        draft = PatientDraft(**{**DRAFT.__dict__, "used_name": "Martin", "phone": "0601020304"})
        outcome = update_patient(session, patient_id, draft, "u", expected_version=version, today=TODAY)
    assert outcome.status_reason is None and outcome.patient.status == IdentityStatus.QUAL
    assert outcome.patient.display_name == "MARTIN Elodie (née D'ARC-DUPONT)"


def test_stale_version_is_refused(db: Database) -> None:
    patient_id = _create(db)
    with db.unit_of_work() as session:
        moved = PatientDraft(**{**DRAFT.__dict__, "city": "BASTIA"})
        assert update_patient(session, patient_id, moved, "a", expected_version=1, today=TODAY).patient.version == 2
    with db.unit_of_work() as session, pytest.raises(ConcurrentEditError):
        update_patient(session, patient_id, DRAFT, "b", expected_version=1, today=TODAY)


def test_concurrent_flush_is_caught_by_version_column(db: Database) -> None:
    """Both workstations read version 1; the second to save gets ConcurrentEditError, nothing overwritten."""
    patient_id = _create(db)
    with db.unit_of_work() as first:
        assert first.get(Patient, patient_id).version == 1  # type: ignore[union-attr]
        with db.unit_of_work() as second:
            update_patient(second, patient_id, PatientDraft(**{**DRAFT.__dict__, "city": "AJACCIO"}), "b",
                           expected_version=1, today=TODAY)
        with pytest.raises(ConcurrentEditError):
            update_patient(first, patient_id, PatientDraft(**{**DRAFT.__dict__, "city": "BASTIA"}), "a",
                           expected_version=1, today=TODAY)
        first.rollback()
    with db.reading() as session:
        assert session.get(Patient, patient_id).city == "AJACCIO"  # type: ignore[union-attr]


def test_attributes_constrain_status(db: Database) -> None:
    patient_id = _create(db)
    _qualify(db, patient_id)
    with db.unit_of_work() as session:
        patient = set_attributes(session, patient_id, "u", doubtful=True)
        assert patient.status == IdentityStatus.RECUP  # the document check no longer counts
        with pytest.raises(TransitionError, match="douteuse"):
            record_identity_check(session, patient_id, IdentityDocumentType.CNI, "u", today=TODAY)
        patient = set_attributes(session, patient_id, "u", fictitious=True, homonym=True)
        assert patient.status == IdentityStatus.PROV and patient.ins_matricule is None and patient.homonym
    with db.reading() as session:
        reasons = [c.reason for c in session.scalars(select(StatusChange).where(
            StatusChange.patient_id == patient_id).order_by(StatusChange.id))]
        assert any("douteuse" in r for r in reasons) and any("fictive" in r for r in reasons)


def test_database_refuses_a_qualified_doubtful_identity(db: Database) -> None:
    patient_id = _create(db)
    _qualify(db, patient_id)
    with pytest.raises(IntegrityError), db.unit_of_work() as session:
        session.get(Patient, patient_id).doubtful = True  # type: ignore[union-attr]


def test_duplicate_check_before_creation(db: Database) -> None:
    first = _create(db)
    with db.unit_of_work() as session:
        typo = PatientDraft("DARC DUPOND", "ELODIE", "F", "12/02/1997")
        outcome = create_patient(session, typo, "u", today=TODAY)
        assert outcome.patient is None and [hit.patient_id for hit in outcome.duplicates] == [first]
        forced = create_patient(session, typo, "u", ignore_duplicates=True, today=TODAY)
        assert forced.patient is not None and forced.duplicates
    with db.unit_of_work() as session:
        other_date = create_patient(session, PatientDraft("D'ARC-DUPONT", "ELODIE", "F", "13/02/1997"), "u",
                                    today=TODAY)
        assert other_date.patient is not None and other_date.duplicates == []
