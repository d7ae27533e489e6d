"""Why an existing identity was proposed as a duplicate, and what a document check or a datamatrix would do."""

from __future__ import annotations

from datetime import date

import pytest

from lgc_app.documents.actors import Actor
from lgc_app.patients import use_cases
from lgc_app.patients.datamatrix import DatamatrixTraits
from lgc_app.patients.resemblance import Likeness
from lgc_app.patients.service import PatientDraft
from lgc_app.patients.status import TransitionError
from lgc_app.patients.vocabulary import IdentityDocumentType, IdentityStatus
from lgc_app.persistence.database import Database
from tests.helpers.composition import STANDALONE
from tests.helpers.patients import DUPONT, add_patient, retrieve

ACTOR = Actor("test", workstation=STANDALONE)


def test_duplicates_come_with_the_traits_that_matched(db: Database) -> None:
    existing = add_patient(db, "DUPONT", "ELODIE MARIE", "14/03/1985", used_name="MARTIN")
    outcome = use_cases.create_patient(db, PatientDraft("Martin", "Élodie", "F", "14/03/1985"), ACTOR)
    assert outcome.patient is None and [hit.patient_id for hit in outcome.duplicates] == [existing]
    [resemblance] = outcome.resemblances
    kinds = {trait.label: trait.likeness for trait in resemblance.traits}
    assert kinds == {"nom de naissance / nom d'usage du dossier": Likeness.SAME, "premier prénom": Likeness.SAME,
                     "prénoms de naissance": Likeness.DIFFERENT, "date de naissance": Likeness.SAME,
                     "sexe": Likeness.SAME}
    assert "Différents : prénoms de naissance (ELODIE / ELODIE MARIE)." in resemblance.text


def test_check_preview_records_nothing(db: Database) -> None:
    patient_id = add_patient(db, "DUPONT", "ELODIE MARIE", "14/03/1985", birth_place_code="75056")
    retrieve(db, patient_id)
    preview = use_cases.preview_identity_check(db, patient_id, IdentityDocumentType.CNI, today=date(2026, 1, 1))
    assert (preview.from_status, preview.to_status) == (IdentityStatus.RECUP, IdentityStatus.QUAL)
    assert "qualifiée" in preview.consequence
    assert use_cases.load_patient(db, patient_id).identity_checks == ()
    with pytest.raises(TransitionError):
        use_cases.preview_identity_check(db, patient_id, IdentityDocumentType.DRIVING_LICENCE)


def test_datamatrix_owner(db: Database) -> None:
    traits = DatamatrixTraits(DUPONT.matricule, DUPONT.oid, "ELODIE MARIE", "DUPONT", "F", "1985-03-14", "75056")
    assert use_cases.datamatrix_owner(db, traits) is None
    patient_id = add_patient(db, "DUPONT", "ELODIE MARIE", "14/03/1985", birth_place_code="75056")
    retrieve(db, patient_id)
    owner = use_cases.datamatrix_owner(db, traits)
    assert owner is not None and owner.patient.id == patient_id and owner.mismatches == ()
    other = DatamatrixTraits(DUPONT.matricule, DUPONT.oid, "ELODIE", "DUPONT", "F", "1985-04-14", None)
    owner = use_cases.datamatrix_owner(db, other)
    assert owner is not None
    assert [(m.label, m.stored, m.read) for m in owner.mismatches] == [
        ("prénom(s) de naissance", "ELODIE MARIE", "ELODIE"), ("date de naissance", "14/03/1985", "14/04/1985"),
        ("code du lieu de naissance", "75056", "")]
