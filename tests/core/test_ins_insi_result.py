"""Applying INSi answers field by field, the call log, and the query built from a patient."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from lgc_app.patients.insi_result import (
    InsiApplyError,
    apply_insi_identity,
    compare_with_insi,
    record_insi_call,
    single_identity,
    traits_query,
)
from lgc_app.patients.models import InsiCall, Patient
from lgc_app.patients.service import PatientDraft, create_patient, record_identity_check
from lgc_app.patients.status import TransitionError
from lgc_app.patients.vocabulary import IdentityDocumentType, IdentityStatus
from lgc_app.persistence.database import Database
from services.insi.models import HistoricIns, InsiIdentity, InsiResult

TODAY = date(2025, 6, 1)
OID_TEST = "1.2.250.1.213.1.4.10"
IDENTITY = InsiIdentity(matricule="297022A02077878", oid=OID_TEST, birth_name="D'ARC-DUPONT",
                        first_given_name="ELODIE", given_names=("ELODIE", "MARIE"), sex="F",
                        birth_date="1997-02-12", birth_place="2A004",
                        history=(HistoricIns("236066322083656", OID_TEST, "2000-01-01", "2010-01-01"),))


def _create(db: Database, **changes: str) -> int:
    draft = PatientDraft(**{"birth_name": "DARC DUPONT", "birth_given_names": "ELODIE", "sex": "F",
                            "birth_date": "12/02/1997", **changes})
    with db.unit_of_work() as session:
        outcome = create_patient(session, draft, "sec", ignore_duplicates=True, today=TODAY)
        assert outcome.patient is not None
        return outcome.patient.id


def test_differences_field_by_field(db: Database) -> None:
    patient_id = _create(db)
    with db.reading() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None
        differences = {d.field: (d.stored, d.insi) for d in compare_with_insi(patient, IDENTITY)}
    assert differences == {"birth_name": ("DARC DUPONT", "D'ARC-DUPONT"),
                           "birth_given_names": ("ELODIE", "ELODIE MARIE"),
                           "birth_place_code": (None, "2A004")}


def test_apply_stores_traits_and_retrieves(db: Database) -> None:
    patient_id = _create(db)
    with db.unit_of_work() as session:
        outcome = apply_insi_identity(session, patient_id, IDENTITY, "sec", message_id="uuid:1")
    assert "uuid" not in outcome.reason and "nom de naissance" in outcome.reason  # users read the history
    with db.reading() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None and patient.status == IdentityStatus.RECUP
        assert (patient.birth_name, patient.birth_given_names, patient.birth_place_code) == (
            "D'ARC-DUPONT", "ELODIE MARIE", "2A004")
        assert patient.ins_matricule == "297022A02077878" and patient.ins_oid == OID_TEST
        assert patient.ins_for_export() is None  # retrieved is not qualified: the INS stays inside
    with db.unit_of_work() as session:
        patient = record_identity_check(session, patient_id, IdentityDocumentType.CNI, "sec", today=TODAY)
        assert patient.status == IdentityStatus.QUAL and patient.ins_for_export() == ("297022A02077878", OID_TEST)


def test_validated_identity_qualifies_only_when_insi_traits_are_the_checked_ones(db: Database) -> None:
    same = _create(db, birth_name="D'ARC-DUPONT", birth_given_names="ELODIE MARIE", birth_place_code="2A004")
    other = _create(db)
    for patient_id in (same, other):
        with db.unit_of_work() as session:
            record_identity_check(session, patient_id, IdentityDocumentType.PASSPORT, "sec", today=TODAY)
    with db.unit_of_work() as session:
        assert apply_insi_identity(session, same, IDENTITY, "sec").patient.status == IdentityStatus.QUAL
        assert apply_insi_identity(session, other, IDENTITY, "sec").patient.status == IdentityStatus.RECUP


def test_refusing_a_trait_refuses_the_ins(db: Database) -> None:
    patient_id = _create(db)
    with db.unit_of_work() as session, pytest.raises(InsiApplyError, match="nom de naissance"):
        apply_insi_identity(session, patient_id, IDENTITY, "sec",
                            accepted_fields={"birth_given_names", "birth_place_code"})
    with db.reading() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None and patient.ins_matricule is None and patient.status == IdentityStatus.PROV


def test_fictitious_identity_gets_no_ins(db: Database) -> None:
    patient_id = _create(db)
    with db.unit_of_work() as session:
        session.get(Patient, patient_id).fictitious = True  # type: ignore[union-attr]
    with db.unit_of_work() as session, pytest.raises(TransitionError, match="fictive"):
        apply_insi_identity(session, patient_id, IDENTITY, "sec")


def test_bad_key_in_answer_is_refused(db: Database) -> None:
    patient_id = _create(db)
    broken = InsiIdentity(**{**IDENTITY.__dict__, "matricule": "297022A02077877"})
    with db.unit_of_work() as session, pytest.raises(InsiApplyError, match="clé"):
        apply_insi_identity(session, patient_id, broken, "sec")


@pytest.mark.parametrize(("missing", "label"), [("sex", "sexe"), ("birth_date", "date de naissance"),
                                               ("birth_name", "nom de naissance")])
def test_an_answer_without_a_strict_trait_attaches_no_ins(db: Database, missing: str, label: str) -> None:
    patient_id = _create(db)
    partial = InsiIdentity(**{**IDENTITY.__dict__, missing: None})
    with db.unit_of_work() as session, pytest.raises(InsiApplyError, match=f"incomplète : {label} absent"):
        apply_insi_identity(session, patient_id, partial, "sec")
    with db.reading() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None and patient.ins_matricule is None and patient.status == IdentityStatus.PROV


def test_first_names_only_in_liste_prenom_are_applied(db: Database) -> None:
    """The qualification platform's TIQ: `ListePrenom`, no `Prenom` (the client takes the first of the list)."""
    patient_id = _create(db)
    identity = InsiIdentity(**{**IDENTITY.__dict__, "given_names": ("ELODIE", "MARIE"), "first_given_name": "ELODIE"})
    with db.unit_of_work() as session:
        patient = apply_insi_identity(session, patient_id, identity, "sec").patient
        assert (patient.birth_given_names, patient.first_birth_given_name) == ("ELODIE MARIE", "ELODIE")
    without_names = InsiIdentity(**{**IDENTITY.__dict__, "given_names": (), "first_given_name": None})
    with db.unit_of_work() as session, pytest.raises(InsiApplyError, match="prénom"):
        apply_insi_identity(session, patient_id, without_names, "sec")


def test_historic_matricule_is_replaced(db: Database) -> None:
    patient_id = _create(db, birth_name="D'ARC-DUPONT", birth_given_names="ELODIE MARIE", birth_place_code="2A004")
    with db.unit_of_work() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None
        patient.ins_matricule, patient.ins_oid, patient.status = "236066322083656", OID_TEST, IdentityStatus.RECUP
    with db.unit_of_work() as session:
        outcome = apply_insi_identity(session, patient_id, IDENTITY, "sec")
    assert "2 36 06 63 220 836 56 remplacé (ancien INS connu d'INSi)" in outcome.reason
    assert outcome.patient.ins_matricule == "297022A02077878"


def test_result_codes() -> None:
    assert single_identity(InsiResult("00", "OK", (IDENTITY,), "m")) is IDENTITY
    with pytest.raises(InsiApplyError, match="Aucune identité"):
        single_identity(InsiResult("01", "Aucune identite trouvee", (), "m"))
    with pytest.raises(InsiApplyError, match="Plusieurs identités"):
        single_identity(InsiResult("02", "Plusieurs identites trouvees", (), "m"))


def test_call_log_and_query(db: Database) -> None:
    patient_id = _create(db, birth_given_names="ELODIE MARIE")
    with db.unit_of_work() as session:
        record_insi_call(session, "sec", "rechercherInsAvecTraitsIdentite", result_code="00",
                         message_id="uuid:42", patient_id=patient_id)
        query = traits_query(session.get(Patient, patient_id))  # type: ignore[arg-type]
    assert query.given_names == ("ELODIE", "MARIE") and query.birth_date == "1997-02-12" and query.sex == "F"
    with db.reading() as session:
        call = session.scalars(select(InsiCall)).one()
        assert (call.patient_id, call.result_code, call.message_id) == (patient_id, "00", "uuid:42")


def test_query_needs_complete_date_and_binary_sex(db: Database) -> None:
    partial = _create(db, birth_date="00/02/1997")
    undetermined = _create(db, sex="I", birth_name="MARTIN")
    with db.reading() as session:
        with pytest.raises(InsiApplyError, match="complète"):
            traits_query(session.get(Patient, partial))  # type: ignore[arg-type]
        with pytest.raises(InsiApplyError, match="M ou F"):
            traits_query(session.get(Patient, undetermined))  # type: ignore[arg-type]
