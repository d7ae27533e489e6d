"""Allergy warning (issue 14): the ATC class table, the patient's allergy list, conflicts with a prescription."""

from __future__ import annotations

import pytest

from lgc_app.documents import lifecycle
from lgc_app.documents.actors import Actor
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.content import Allergy, VsmContent
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.practitioners import add_practitioner
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database
from lgc_app.prescribing import allergies, atc
from lgc_app.prescribing.allergies import FROM_LIST, FROM_VSM, KnownAllergy
from lgc_app.prescribing.errors import AllergyError
from tests.helpers.cisis import add_patient
from tests.helpers.composition import STANDALONE

CABINET = Cabinet(structure_id="3123456789012", name="Cabinet médical des Érables", sector="SA08")


def _allergy(substance: str, atc_class: str | None = None) -> KnownAllergy:
    return KnownAllergy(1, substance, atc_class, "", FROM_LIST)


@pytest.mark.parametrize(("name", "code"), [("Amoxicilline 1 g, comprimé dispersible", "J01CA04"),
                                            ("AUGMENTIN 1g/125mg", "J01CR02"),
                                            ("Pénicilline V 1 MUI", "J01CE02"),
                                            ("ibuprofène 400 mg", "M01AE01"),
                                            ("Kardégic 75 mg", "B01AC06")])
def test_drug_names_resolve_to_their_atc_code(name: str, code: str) -> None:
    substance = atc.substance_of(name)
    assert substance is not None and substance.code == code


def test_unknown_or_partial_names_resolve_to_nothing() -> None:
    assert atc.substance_of("Amoxicillinex") is None  # whole words only
    doliprane = atc.class_of_name("Doliprane 1000")
    assert doliprane is not None and doliprane.code == "N02BE"
    assert atc.class_of_name("Levothyrox 75 µg") is None


def test_amoxicillin_conflicts_with_a_penicillin_allergy() -> None:
    [conflict] = allergies.find_conflicts([_allergy("Pénicilline")], ["Amoxicilline 1 g", "Paracétamol 1 g"])
    assert (conflict.drug, conflict.allergy, conflict.cross_reactivity) == ("Amoxicilline 1 g", "Pénicilline", "")
    assert conflict.text == ("« Amoxicilline 1 g » — Pénicillines (bêtalactamines) : patient allergique à "
                             "« Pénicilline » (même classe).")


def test_an_allergy_to_one_penicillin_extends_to_the_class() -> None:
    assert allergies.find_conflicts([_allergy("Amoxicilline")], ["Oracilline 1 MUI"])


def test_cross_reactivity_is_its_own_warning() -> None:
    [conflict] = allergies.find_conflicts([_allergy("pénicillines")], ["Orelox 100 mg"])
    assert conflict.cross_reactivity == "allergie croisée possible entre pénicillines et céphalosporines"
    [nsaid] = allergies.find_conflicts([_allergy("Aspirine")], ["Advil 200 mg"])
    assert "AINS" in nsaid.text


def test_an_explicit_atc_class_wins_over_the_name() -> None:
    assert allergies.find_conflicts([_allergy("antibiotique (réaction en 2010)", "J01C")], ["Clamoxyl 500"])
    assert not allergies.find_conflicts([_allergy("antibiotique (réaction en 2010)")], ["Clamoxyl 500"])


def test_no_warning_without_a_matching_class() -> None:
    assert allergies.find_conflicts([_allergy("Pollen de bouleau")], ["Amoxicilline 1 g"]) == []
    assert allergies.find_conflicts([_allergy("Pénicilline")], ["Azithromycine 250 mg"]) == []


DR_D = Actor("Dr D", workstation=STANDALONE)


@pytest.fixture
def patient_id(db: Database) -> int:
    with db.unit_of_work() as session:
        return add_patient(session, status=IdentityStatus.QUAL).id


def test_the_allergy_list_is_recorded_with_its_class(db: Database, patient_id: int) -> None:
    recorded = allergies.add_allergy(db, patient_id, substance=" Amoxicilline ", reaction="Urticaire", actor=DR_D)
    assert (recorded.substance, recorded.atc_class, recorded.reaction) == ("Amoxicilline", "J01C", "Urticaire")
    other = allergies.add_allergy(db, patient_id, substance="Latex", atc_class="", actor=DR_D)
    assert other.atc_class is None
    assert [a.substance for a in allergies.list_allergies(db, patient_id)] == ["Amoxicilline", "Latex"]
    allergies.remove_allergy(db, other.id or 0, actor=DR_D)
    assert [a.substance for a in allergies.list_allergies(db, patient_id)] == ["Amoxicilline"]
    with pytest.raises(AllergyError, match="déjà été retirée"):
        allergies.remove_allergy(db, other.id or 0, actor=DR_D)


@pytest.mark.parametrize(("substance", "atc_class", "message"), [
    ("  ", "", "Indiquez la substance"), ("Pénicilline", "pénicilline", "n'est pas un code ATC")])
def test_a_bad_allergy_is_refused(db: Database, patient_id: int, substance: str, atc_class: str,
                                  message: str) -> None:
    with pytest.raises(AllergyError, match=message):
        allergies.add_allergy(db, patient_id, substance=substance, atc_class=atc_class, actor=DR_D)


def test_allergies_of_the_vsm_count_too(db: Database, patient_id: int) -> None:
    author_id = add_practitioner(db, rpps="10001234567", given_name="Hélène", family_name="Durand")
    actor = Actor("Dr D", author_id, workstation=STANDALONE)
    lifecycle.create_draft(db, patient_id=patient_id, author_id=author_id, document_type=DocumentType.VSM,
                           actor=actor, cabinet=CABINET, content=VsmContent(allergies=(
                               Allergy("Pénicilline", "medicament", "Œdème de Quincke"),
                               Allergy("Arachide", "aliment"))))
    allergies.add_allergy(db, patient_id, substance="pénicilline", actor=DR_D)  # the same substance, once
    known = allergies.known_allergies(db, patient_id)
    assert [(a.substance, a.source) for a in known] == [("pénicilline", FROM_LIST)]
    allergies.remove_allergy(db, known[0].id or 0, actor=DR_D)
    [from_vsm] = allergies.known_allergies(db, patient_id)
    assert (from_vsm.substance, from_vsm.source) == ("Pénicilline", FROM_VSM)
    assert allergies.prescription_conflicts(db, patient_id, ["Amoxicilline 1 g"])


def test_an_override_is_recorded_with_its_reason(db: Database, patient_id: int) -> None:
    author_id = add_practitioner(db, rpps="10001234567", given_name="Hélène", family_name="Durand")
    document_id = lifecycle.create_draft(db, patient_id=patient_id, author_id=author_id,
                                         document_type=DocumentType.PRESCRIPTION,
                                         actor=Actor("Dr D", author_id, workstation=STANDALONE), cabinet=CABINET)
    conflicts = allergies.find_conflicts([_allergy("Pénicilline")], ["Amoxicilline 1 g"])
    with pytest.raises(AllergyError, match="Indiquez pourquoi"):
        allergies.record_override(db, document_id, conflicts, "  ", who="Dr D")
    allergies.record_override(db, document_id, conflicts, "Test de réintroduction négatif", who="Dr D")
    assert allergies.overrides(db, document_id) == [("Amoxicilline 1 g", "Pénicilline",
                                                     "Test de réintroduction négatif", "Dr D")]
