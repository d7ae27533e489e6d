"""`lgc demo-data`: synthetic patients, one practitioner and a validated document of every type.

Idempotent: a second run finds the demo practitioner and stops; `--force` adds a new set of documents.
The identities are synthetic (INS-NIR de test OID, PROTOCOLS.md §1.2); one patient is qualified, one
retrieved (its documents carry no INS), one provisional.
"""

from __future__ import annotations

import argparse
from datetime import date

from sqlalchemy import select

from lgc_app.cli.common import load_settings
from lgc_app.documents import lifecycle
from lgc_app.documents.actors import Actor
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.content import (
    Allergy,
    Content,
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
from lgc_app.documents.models import Practitioner
from lgc_app.documents.practitioners import add_practitioner
from lgc_app.patients.matricule import compute_key
from lgc_app.patients.models import Patient
from lgc_app.patients.service import PatientDraft, create_patient
from lgc_app.patients.status import change_status
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database

DEMO_RPPS = "10003456789"
TEST_INS_OID = "1.2.250.1.213.1.4.10"
DEMO_CABINET = Cabinet(structure_id="3123456789012", name="Cabinet médical de démonstration", sector="SA07")
PATIENTS = (  # (draft, status, 13-digit NIR or None)
    (
        PatientDraft(
            "PAT-TROIS",
            "DOMINIQUE MARIE-LOUISE",
            "F",
            "1979-03-28",
            "51215",
            used_given_name="Dominique",
            address_line1="28 avenue de Breteuil",
            postal_code="75007",
            city="Paris",
            phone="0144534551",
        ),
        IdentityStatus.QUAL,
        "2790351215189",
    ),
    (
        PatientDraft(
            "LEFEVRE",
            "JEAN-BAPTISTE ANDRE",
            "M",
            "1956-11-02",
            "75056",
            used_name="LEFEVRE",
            address_line1="3 rue de l'Église",
            postal_code="51100",
            city="Reims",
            phone="0326000000",
        ),
        IdentityStatus.RECUP,
        "1561175056042",
    ),
    (
        PatientDraft("NGUYEN", "LINH", "F", "2015-06-00", None, postal_code="69003", city="Lyon"),
        IdentityStatus.PROV,
        None,
    ),
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("demo-data", help="remplir la base avec des données de démonstration")
    parser.add_argument(
        "--force", action="store_true", help="ajouter un nouveau jeu de documents s'il en existe déjà"
    )
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    cabinet = Cabinet.from_settings(settings)
    if not cabinet.structure_id or not cabinet.name:
        cabinet = DEMO_CABINET
        print(f"Cabinet non configuré : utilisation de « {cabinet.name} » ({cabinet.structure_id}).")
    db = Database.open(settings.database_url)
    try:
        created = fill(db, cabinet, force=args.force)
    finally:
        db.close()
    if created is None:
        print("Données de démonstration déjà présentes (utilisez --force pour ajouter des documents).")
    else:
        print(f"Données de démonstration créées : {created} documents validés.")
    return 0


def fill(db: Database, cabinet: Cabinet, *, force: bool = False) -> int | None:
    """Create the demo data set; returns the number of documents validated, None if already there."""
    with db.reading() as session:
        author_id = session.scalar(select(Practitioner.id).where(Practitioner.rpps == DEMO_RPPS))
    if author_id is not None and not force:
        return None
    if author_id is None:
        author_id = add_practitioner(
            db,
            rpps=DEMO_RPPS,
            given_name="Hélène",
            family_name="DURAND",
            civility="MME",
            mssante_address="helene.durand@demo.mssante.fr",
            phone="0147150000",
        )
        patient_ids = _patients(db)
    else:
        with db.reading() as session:
            patient_ids = list(session.scalars(select(Patient.id).order_by(Patient.id).limit(3)))
    actor = Actor("demo", author_id)
    count = 0
    for index, document_type in enumerate(DocumentType):
        patient_id = patient_ids[index % len(patient_ids)]
        document_id = lifecycle.create_draft(
            db,
            patient_id=patient_id,
            author_id=author_id,
            document_type=document_type,
            actor=actor,
            cabinet=cabinet,
            content=_content(document_type),
        )
        lifecycle.validate(db, document_id, actor, cabinet)
        count += 1
    return count


def _patients(db: Database) -> list[int]:
    ids = []
    with db.unit_of_work() as session:
        for draft, status, nir in PATIENTS:
            patient = create_patient(session, draft, "demo", ignore_duplicates=True).patient
            assert patient is not None
            if nir is not None:
                patient.ins_matricule, patient.ins_oid = nir + compute_key(nir), TEST_INS_OID
                change_status(patient, status, "Jeu de données de démonstration.", "demo")
            session.flush()
            ids.append(patient.id)
    return ids


def _content(document_type: DocumentType) -> Content:
    if document_type is DocumentType.VSM:
        return VsmContent(
            problems=(
                Problem("Hypertension artérielle essentielle", "I10", date(2015, 4, 2)),
                Problem("Diabète de type 2", "E11.9", date(2018, 1, 10)),
                Problem("Appendicectomie", "", date(1991, 6, 1), date(1991, 6, 15), active=False),
            ),
            allergies=(Allergy("Pénicilline", "medicament", "Urticaire généralisée"),),
            treatments=(
                Treatment("Ramipril 5 mg", "1 comprimé le matin"),
                Treatment("Metformine 1000 mg", "1 comprimé matin et soir"),
            ),
            risk_factors=(RiskFactor("tabac", "Fumeuse, 20 paquets-années"),),
            vigilance=("Insuffisance rénale modérée : adapter les posologies.",),
        )
    if document_type is DocumentType.VAC_NOTE:
        return VacNoteContent(
            "VACCIN TETANIQUE PASTEUR, suspension injectable en seringue préremplie",
            "68747507",
            "J07AM01",
            "anatoxine tétanique",
            "X4456672",
            date.today(),
            "BOOSTER",
            dose_rank=3,
        )
    if document_type is DocumentType.PRESCRIPTION:
        return PrescriptionContent(
            (
                PrescriptionLine("Amoxicilline 1 g", "1 comprimé matin, midi et soir", 7),
                PrescriptionLine(
                    "Paracétamol 1 g", "1 comprimé si douleur, 4 par jour au plus", 5, substitutable=False
                ),
            )
        )
    texts = {
        DocumentType.CONSULTATION_REPORT: ("Compte rendu", "Consultation pour asthénie ; examen normal."),
        DocumentType.LETTER: (
            "Courrier",
            "Cher confrère, je vous adresse ma patiente pour avis cardiologique.",
        ),
        DocumentType.CERTIFICATE: (
            "Certificat",
            "Je soussignée certifie avoir examiné ce jour la personne "
            "nommée ci-dessus : absence de contre-indication au sport.",
        ),
        DocumentType.FREE: ("Note", "Document libre de démonstration."),
    }
    heading, text = texts[document_type]
    recipient = "Dr Élise Lefèvre, cardiologue" if document_type is DocumentType.LETTER else ""
    return NarrativeContent((Section(heading, (text,)),), recipient=recipient)
