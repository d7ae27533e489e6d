"""The CI-SIS checker of ../shared (XSD + schematrons) for tests, and realistic document samples to feed it.

`cisis_errors(shared_dir, cda, tmp_path)` runs `shared/cisis/validate.py`'s `check` on CDA bytes (an empty
list means conformant). The samples carry accents, several items per list and long texts on purpose.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType

from sqlalchemy.orm import Session

from lgc_app.documents.content import (
    Allergy,
    NarrativeContent,
    PrescriptionContent,
    PrescriptionLine,
    Problem,
    RiskFactor,
    Section,
    Treatment,
    VacNoteContent,
    VsmContent,
)
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.partial_date import PartialDate
from lgc_app.patients.models import Patient
from lgc_app.patients.service import PatientDraft, create_patient
from lgc_app.patients.status import change_status
from lgc_app.patients.vocabulary import IdentityStatus

TEST_INS_OID = "1.2.250.1.213.1.4.10"  # INS-NIR de test (PROTOCOLS.md §1.2)


@cache
def _validator(shared_dir: Path) -> ModuleType:
    path = shared_dir / "cisis" / "validate.py"
    spec = importlib.util.spec_from_file_location("cisis_validate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def cisis_errors(shared_dir: Path, cda: bytes, tmp_path: Path, name: str = "document.xml") -> list[str]:
    """Errors the CI-SIS checker finds in the CDA (XSD, profile schematrons, the volet's schematron)."""
    path = tmp_path / name
    path.write_bytes(cda)
    return list(_validator(shared_dir).check(path))


def add_patient(
    session: Session,
    *,
    status: IdentityStatus,
    matricule: str = "279035121518989",
    birth_name: str = "PAT-TROIS",
    given_names: str = "DOMINIQUE MARIE-LOUISE",
    sex: str = "F",
    birth_date: str = "1979-03-28",
) -> Patient:
    """A patient created through the patients use case, then brought to `status` (test set-up)."""
    draft = PatientDraft(
        birth_name=birth_name,
        birth_given_names=given_names,
        sex=sex,
        birth_date=birth_date,
        birth_place_code="51215",
        used_name="PAT-TROIS",
        used_given_name="Dominique",
        address_line1="28 avenue de Breteuil",
        postal_code="75007",
        city="Paris",
        phone="0144534551",
        email="dominique.pat-trois@example.fr",
    )
    outcome = create_patient(session, draft, "test", ignore_duplicates=True)
    patient = outcome.patient
    assert patient is not None
    if status is not IdentityStatus.PROV:
        patient.ins_matricule, patient.ins_oid = matricule, TEST_INS_OID
        change_status(patient, status, "jeu de test", "test")
    session.flush()
    return patient


LONG_TEXT = (
    "Patiente de 45 ans vue pour bilan d'une asthénie évoluant depuis trois mois, sans fièvre ni "
    "amaigrissement. L'examen clinique retrouve une pâleur cutanéo-muqueuse, une tension artérielle "
    "à 128/76 mmHg et une auscultation cardio-pulmonaire normale. "
) * 6


def sample_content(document_type: DocumentType) -> object:
    """Realistic content of each type (several items, accents, long texts)."""
    if document_type is DocumentType.VSM:
        return VsmContent(
            problems=(
                Problem("Hypertension artérielle essentielle", "I10", PartialDate(2015, 4, 2)),
                Problem("Diabète de type 2 non insulino-dépendant", "E11.9", PartialDate(2018, 1)),
                Problem("Lombalgie chronique d'origine mécanique", "", PartialDate(2020)),
                Problem("Appendicectomie à l'âge de 12 ans", "", PartialDate(1991, 6), PartialDate(1991, 6, 15),
                        active=False),
                Problem("Pyélonéphrite aiguë", "N10", PartialDate(2018, 4, 22), PartialDate(2018, 4, 30),
                        active=False),
            ),
            allergies=(
                Allergy("Pénicilline G", "medicament", "Urticaire généralisée et œdème", PartialDate(2001, 5)),
                Allergy("Arachide", "aliment", "Syndrome oral"),
                Allergy("Latex", "autre", "", None, active=False),
            ),
            treatments=(
                Treatment("Ramipril 5 mg, comprimé", "1 comprimé le matin", PartialDate(2015)),
                Treatment("Metformine 1000 mg, comprimé pelliculé", "1 comprimé matin et soir"),
                Treatment("Atorvastatine 20 mg", "1 comprimé le soir", PartialDate(2019, 2, 14)),
            ),
            risk_factors=(
                RiskFactor("tabac", "Fumeuse, 20 paquets-années, sevrage en cours depuis janvier"),
                RiskFactor("alcool", "Consommation occasionnelle, < 3 verres par semaine"),
                RiskFactor("exposition_professionnelle", "Exposition à l'amiante (BTP, 1995-2005)"),
            ),
            vigilance=("Insuffisance rénale modérée (DFG 48 ml/min) : adapter les posologies.", LONG_TEXT),
        )
    if document_type is DocumentType.VAC_NOTE:
        return VacNoteContent(
            vaccine="VACCIN TETANIQUE PASTEUR, suspension injectable en seringue préremplie",
            cis_code="68747507",
            atc_code="J07AM01",
            atc_label="anatoxine tétanique",
            lot_number="X4456672",
            administered_on=date(2024, 3, 5),
            act="BOOSTER",
            route="20035000",
            dose_rank=3,
            comment="Rappel décennal ; aucune réaction après 15 minutes de surveillance. " + LONG_TEXT[:300],
        )
    if document_type is DocumentType.PRESCRIPTION:
        return PrescriptionContent(
            lines=(
                PrescriptionLine(
                    "Amoxicilline 1 g, comprimé dispersible",
                    "1 comprimé matin, midi et soir",
                    7,
                    instructions="À prendre au milieu des repas",
                ),
                PrescriptionLine(
                    "Paracétamol 1 g, comprimé",
                    "1 comprimé toutes les 6 heures si douleur ou fièvre, sans dépasser 4 g par jour",
                    5,
                    renewals=2,
                    substitutable=False,
                ),
                PrescriptionLine("Metformine 1000 mg", "1 comprimé matin et soir", 90, renewals=3, ald=True),
            ),
            prescribed_on=date(2024, 3, 5),
            comment="Revoir si la fièvre persiste au-delà de 48 heures.",
        )
    recipient = (
        "Dr Élise Lefèvre, cardiologue, 3 rue de l'Église, 51100 Reims"
        if document_type is DocumentType.LETTER
        else ""
    )
    return NarrativeContent(
        sections=(
            Section("Motif", ("Asthénie et dyspnée d'effort, évolution sur trois mois.",)),
            Section("Examen clinique", (LONG_TEXT, "Pas de souffle cardiaque ; œdèmes discrets.")),
            Section("Conclusion", ("Bilan biologique prescrit ; à revoir dans quinze jours.",)),
        ),
        recipient=recipient,
    )
