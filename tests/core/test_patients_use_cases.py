"""Patient use cases as the GUI calls them: each opens its own unit of work and returns a frozen snapshot that
stays readable once the session is gone; refusals leave the database unchanged."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from lgc_app.documents.actors import Actor
from lgc_app.patients import use_cases
from lgc_app.patients.models import IdentityCheck, Patient
from lgc_app.patients.service import ConcurrentEditError, PatientDraft, PatientNotFound
from lgc_app.patients.status import TransitionError
from lgc_app.patients.views import PatientView
from lgc_app.patients.vitale import VitaleInputError
from lgc_app.patients.vocabulary import IdentityDocumentType, IdentityStatus
from lgc_app.persistence.database import Database
from tests.helpers.composition import STANDALONE
from tests.helpers.patients import DUPONT, add_patient

CARD = "2840535238041"
ELODIE = PatientDraft(birth_name="DUPONT", birth_given_names="ELODIE", sex="F", birth_date="14/03/1985")

ACTOR = Actor("test", workstation=STANDALONE)


def _stored(db: Database, patient_id: int) -> tuple[object, ...]:
    with db.reading() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None
        return patient.status, patient.version, patient.birth_name, patient.city, len(patient.identity_checks)


def test_a_loaded_patient_is_a_frozen_snapshot_readable_without_a_session(db: Database) -> None:
    patient_id = add_patient(db, "DUPONT", "ELODIE MARIE", "14/03/1985", used_name="MARTIN")
    use_cases.save_vitale_card(db, patient_id, ACTOR, insured_nir=CARD, birth_rank=2)
    view = use_cases.load_patient(db, patient_id)
    db.close()  # nothing left to lazy-load from: every attribute was read in the use case's session
    assert isinstance(view, PatientView) and view.id == patient_id
    assert view.display_name == "MARTIN Elodie (née DUPONT)" and view.birth_given_names_list == ["ELODIE", "MARIE"]
    assert [(card.insured_nir, card.birth_rank) for card in view.vitale_cards] == [(CARD, 2)]
    assert isinstance(view.vitale_cards, tuple) and isinstance(view.status_changes, tuple)
    assert [change.reason for change in view.status_changes] == ["Création de l'identité."]
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.city = "LYON"  # type: ignore[misc]


def test_an_unknown_patient_is_refused(db: Database) -> None:
    with pytest.raises(PatientNotFound):
        use_cases.load_patient(db, 4242)


def test_create_returns_the_duplicates_first_and_creates_nothing(db: Database) -> None:
    existing = add_patient(db, "DUPONT", "ELODIE", "14/03/1985")
    outcome = use_cases.create_patient(db, ELODIE, ACTOR)
    assert outcome.patient is None and [hit.patient_id for hit in outcome.duplicates] == [existing]
    assert [hit.patient_id for hit in use_cases.recent(db, limit=10)] == [existing]
    created = use_cases.create_patient(db, ELODIE, ACTOR, ignore_duplicates=True).patient
    assert created is not None and created.status == IdentityStatus.PROV and created.id != existing
    assert {hit.patient_id for hit in use_cases.search(db, "dupont elodie", limit=10)} == {existing, created.id}


def test_an_update_on_an_old_version_is_refused(db: Database) -> None:
    patient_id = add_patient(db, "DUPONT", "ELODIE", "14/03/1985")
    first = use_cases.update_patient(db, patient_id, dataclasses.replace(ELODIE, city="LYON"), ACTOR,
                                     expected_version=1)
    assert first.patient.city == "LYON" and first.patient.version == 2 and first.status_reason is None
    with pytest.raises(ConcurrentEditError):
        use_cases.update_patient(db, patient_id, dataclasses.replace(ELODIE, city="PARIS"), ACTOR,
                                 expected_version=1)
    assert _stored(db, patient_id)[1:4] == (2, "DUPONT", "LYON")


def test_a_refused_document_check_records_nothing(db: Database) -> None:
    patient_id = add_patient(db, "DUPONT", "ELODIE", "14/03/1985")
    with pytest.raises(TransitionError):
        use_cases.record_identity_check(db, patient_id, IdentityDocumentType.DRIVING_LICENCE, ACTOR)
    assert _stored(db, patient_id)[0] == IdentityStatus.PROV
    with db.reading() as session:
        assert session.query(IdentityCheck).count() == 0
    view = use_cases.record_identity_check(db, patient_id, IdentityDocumentType.CNI, ACTOR)
    assert view.status == IdentityStatus.VALI
    assert [(check.document_type, check.checked_by) for check in view.identity_checks] == \
        [(IdentityDocumentType.CNI, "test")]
    assert view.status_changes[-1].to_status == IdentityStatus.VALI


def test_cards_saved_and_removed_come_back_with_the_identity_untouched(db: Database) -> None:
    patient_id = add_patient(db, "BERNARD", "HUGO", "09/09/2015", sex="M")
    before = _stored(db, patient_id)
    with pytest.raises(VitaleInputError):
        use_cases.save_vitale_card(db, patient_id, ACTOR, insured_nir="12345")
    view = use_cases.save_vitale_card(db, patient_id, ACTOR, insured_nir=CARD, birth_rank=2)
    [card] = view.vitale_cards
    assert (card.name, card.given_name, card.birth_date) == ("BERNARD", "HUGO", "2015-09-09")
    edited = use_cases.save_vitale_card(db, patient_id, ACTOR, insured_nir=CARD, card_id=card.id, name="petit")
    assert [(c.id, c.name) for c in edited.vitale_cards] == [(card.id, "PETIT")]
    assert use_cases.remove_vitale_card(db, patient_id, card.id, ACTOR).vitale_cards == ()
    assert _stored(db, patient_id) == before


def test_attributes_and_insi_identity(db: Database, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="lgc.patients.insi")
    patient_id = add_patient(db, "DUPONT", "ELODIE", "14/03/1985")
    assert use_cases.set_attributes(db, patient_id, ACTOR, homonym=True).homonym
    applied = use_cases.apply_insi(db, patient_id, DUPONT, ACTOR, accepted_fields={"birth_given_names",
                                                                                  "birth_place_code"},
                                   message_id="m1")
    assert applied.patient.status == IdentityStatus.RECUP and applied.patient.ins_matricule == DUPONT.matricule
    assert {d.field for d in applied.differences} == {"birth_given_names", "birth_place_code"}
    assert applied.reason.startswith("Identité retrouvée par le téléservice INSi. Traits mis à jour : ")
    assert "m1" not in applied.reason and "INSi message m1" in caplog.text  # the id is for the log, not users
    assert applied.patient.ins_for_export() is None  # not qualified yet
    assert use_cases.dmp_heading(db, patient_id) == ("DUPONT Elodie", False)
    use_cases.record_identity_check(db, patient_id, IdentityDocumentType.CNI, ACTOR)
    assert use_cases.dmp_heading(db, patient_id) == ("DUPONT Elodie", True)
    assert use_cases.datamatrix_traits(db, patient_id).given_names == "ELODIE MARIE"
    assert use_cases.display_name(db, patient_id) == "DUPONT Elodie"
    indicators = use_cases.identity_indicators(db)
    assert indicators.total == 1 and indicators.count(IdentityStatus.QUAL) == 1

