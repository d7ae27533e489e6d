"""Carte Vitale data of a patient: add, edit, remove, NIR key check, and the INS traits and status untouched
(RNIV: the card data are kept apart from the identity)."""

from __future__ import annotations

from datetime import date

import pytest

from lgc_app.patients.models import Patient, StatusChange
from lgc_app.patients.service import PatientDraft, PatientNotFound, create_patient
from lgc_app.patients.vitale import (
    VitaleCardNotFound,
    VitaleInputError,
    remove_vitale_card,
    save_vitale_card,
    vitale_cards,
)
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database
from tests.helpers.patients import retrieve

TODAY = date(2025, 6, 1)
INSURED = "185037505612356"  # 1 85 03 75 056 123, key 56
BENEFICIARY = "285037505612306"  # the sandbox's DUPONT (key 06)


def _patient(db: Database) -> int:
    draft = PatientDraft(birth_name="DUPONT", birth_given_names="ELODIE MARIE", sex="F", birth_date="14/03/1985")
    with db.unit_of_work() as session:
        outcome = create_patient(session, draft, "test", ignore_duplicates=True, today=TODAY)
        assert outcome.patient is not None
        return outcome.patient.id


def _identity(db: Database, patient_id: int) -> tuple[object, ...]:
    with db.reading() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None
        changes = session.query(StatusChange).filter_by(patient_id=patient_id).count()
        return (patient.status, patient.version, patient.ins_matricule, patient.birth_name,
                patient.birth_given_names, patient.birth_date, patient.updated_at, changes)


def test_add_edit_remove_keeps_the_identity_apart(db: Database) -> None:
    patient_id = _patient(db)
    retrieve(db, patient_id)  # RECUP with an INS: a status the card must not change
    before = _identity(db, patient_id)
    assert before[0] == IdentityStatus.RECUP
    with db.unit_of_work() as session:
        card = save_vitale_card(session, patient_id, insured_nir="1 85 03 75 056 123 56",
                                beneficiary_nir=BENEFICIARY, birth_rank=2, birth_date="00/03/1985",
                                name="dupont-martin", given_name="élodie", user="dr.test", today=TODAY)
        card_id = card.id
    with db.reading() as session:
        [view] = vitale_cards(session, patient_id)
    assert (view.id, view.insured_nir, view.beneficiary_nir, view.birth_rank, view.name, view.given_name,
            view.birth_date) == (card_id, INSURED, BENEFICIARY, 2, "DUPONT-MARTIN", "ELODIE", "1985-03-00")
    assert _identity(db, patient_id) == before  # traits, INS, status, version and history untouched

    with db.unit_of_work() as session:
        save_vitale_card(session, patient_id, card_id=card_id, insured_nir="1850375056123", user="dr.test")
    with db.reading() as session:
        [edited] = vitale_cards(session, patient_id)
    # 13 characters accepted; the card's name and date default to the birth traits when not typed
    assert (edited.id, edited.insured_nir, edited.beneficiary_nir, edited.birth_rank, edited.name,
            edited.given_name, edited.birth_date) == (card_id, "1850375056123", None, 1, "DUPONT", "ELODIE",
                                                      "1985-03-14")
    assert _identity(db, patient_id) == before

    with db.unit_of_work() as session:
        save_vitale_card(session, patient_id, insured_nir=INSURED, user="dr.test")
        remove_vitale_card(session, patient_id, card_id, user="dr.test")
    with db.reading() as session:
        assert [view.insured_nir for view in vitale_cards(session, patient_id)] == [INSURED]
    assert _identity(db, patient_id) == before


@pytest.mark.parametrize(("fields", "errors"), [
    ({"insured_nir": "185037505612357"}, {"insured_nir": "La clé du matricule INS est incorrecte (57 au lieu "
                                                         "de 56)"}),
    ({"insured_nir": "18503750561"}, {"insured_nir": "13 caractères (ou 15 avec la clé), et non 11"}),
    ({"insured_nir": "1850375056X23"}, {"insured_nir": "autres que des chiffres"}),
    ({"insured_nir": INSURED, "beneficiary_nir": "285037505612307", "birth_rank": 0, "birth_date": "31/02/1985",
      "name": "dupont3"},
     {"beneficiary_nir": "NIR du bénéficiaire : La clé", "birth_rank": "entre 1 et 9",
      "birth_date": "n'existe pas", "name": "« 3 »"}),
])
def test_refused_input_names_each_field(db: Database, fields: dict[str, object],
                                        errors: dict[str, str]) -> None:
    patient_id = _patient(db)
    with pytest.raises(VitaleInputError) as refused, db.unit_of_work() as session:
        save_vitale_card(session, patient_id, user="dr.test", today=TODAY, **fields)  # type: ignore[arg-type]
    assert set(refused.value.errors) == set(errors)
    for field, fragment in errors.items():
        assert fragment in refused.value.errors[field]
    with db.reading() as session:
        assert vitale_cards(session, patient_id) == []


def test_a_card_of_another_patient_cannot_be_edited_or_removed(db: Database) -> None:
    first, second = _patient(db), _patient(db)
    with db.unit_of_work() as session:
        card_id = save_vitale_card(session, first, insured_nir=INSURED, user="dr.test").id
    with pytest.raises(VitaleCardNotFound), db.unit_of_work() as session:
        save_vitale_card(session, second, card_id=card_id, insured_nir=INSURED, user="dr.test")
    with pytest.raises(VitaleCardNotFound), db.unit_of_work() as session:
        remove_vitale_card(session, second, card_id, user="dr.test")
    with pytest.raises(PatientNotFound), db.unit_of_work() as session:
        save_vitale_card(session, 9999, insured_nir=INSURED, user="dr.test")
    with db.reading() as session:
        assert [view.id for view in vitale_cards(session, first)] == [card_id]
        assert vitale_cards(session, second) == []
