"""The demonstration data set, shared by `lgc --demo` (first start) and `lgc demo-data`.

Who and what it creates matches the sandbox, so that every flow works live in the demo: the practitioner is
the one of the sandbox's test CPS certificate, the patients are persons of the INSi simulator's register
(`services/sandbox/insi/__init__.py`), and the qualified one has a DMP in the DMP simulator
(`services/sandbox/dmp/patients.py`, which also holds a document from another professional for her). The
sandbox is a separate program (ARCHITECTURE.md): its constants are restated here, never imported.

Statuses are reached through the real use cases (creation, accepted INSi answer, identity document check),
documents through the real lifecycle (draft, then validation, which plans the DMP orders): a demo workstation
runs the outbox worker, so the qualified patient's documents reach the sandbox DMP right after seeding.
The INSi answers are applied as received earlier; no network call is made here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from lgc_app.documents import lifecycle
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
from lgc_app.documents.dispatch import SendPlanners
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.models import Practitioner
from lgc_app.documents.partial_date import PartialDate
from lgc_app.documents.practitioners import add_practitioner
from lgc_app.patients.insi_result import apply_insi_identity
from lgc_app.patients.models import Patient
from lgc_app.patients.service import PatientDraft, create_patient, record_identity_check
from lgc_app.patients.vocabulary import IdentityDocumentType
from lgc_app.persistence.database import Database
from lgc_app.session import Authentication, Session, practitioner_user
from lgc_app.workstation import Workstation
from services.insi import InsiIdentity

# The professional of the sandbox's test CPS (national id 8 + RPPS: 899700366240, services/sandbox/ca.py).
DEMO_RPPS = "99700366240"
DEMO_PRACTITIONER = {"given_name": "Paul", "family_name": "MEDECIN-TEST",
                     "mssante_address": "paul.medecin-test@demo.mssante.fr", "phone": "0147150000"}
# The structure of the sandbox's test certificates, for `lgc demo-data` on a cabinet not configured yet.
DEMO_CABINET = Cabinet(structure_id="399999000000013", name="Cabinet de démonstration", sector="SA07")
TEST_INS_OID = "1.2.250.1.213.1.4.10"  # INS-NIR de test (PROTOCOLS.md §1.2)

D = DocumentType


def _insi(matricule: str, birth_name: str, given_names: str, sex: str, birth_date: str,
          birth_place: str) -> InsiIdentity:
    """An INSi answer as the simulator gives it for one of its fixed persons."""
    names = tuple(given_names.split())
    return InsiIdentity(matricule=matricule, oid=TEST_INS_OID, birth_name=birth_name, first_given_name=names[0],
                        given_names=names, sex=sex, birth_date=birth_date, birth_place=birth_place, history=())


@dataclass(frozen=True)
class DemoPatient:
    """A patient of the data set and how far its identity got.

    Args:
        draft: the identity as typed at the desk (accents included: the input rules fold them).
        insi: an INSi answer accepted earlier (PROV → RECUP), or None.
        checked: the identity document seen at the desk (PROV → VALI, RECUP → QUAL), or None.
        documents: the types of the validated documents written for this patient.
    """

    draft: PatientDraft
    insi: InsiIdentity | None = None
    checked: IdentityDocumentType | None = None
    documents: tuple[DocumentType, ...] = ()


PATIENTS = (
    # Qualified; has a DMP in the simulator, with a document from another professional. The four types the
    # DMP receives by default are sent live; the letter stays in the cabinet (practitioner's setting).
    DemoPatient(
        PatientDraft("Dupont", "Élodie Marie", "F", "14/03/1985", "75056", used_given_name="Élodie",
                     address_line1="12 rue de la Roquette", postal_code="75011", city="Paris",
                     phone="0612345678", email="elodie.dupont@example.fr"),
        insi=_insi("285037505612306", "DUPONT", "ELODIE MARIE", "F", "1985-03-14", "75056"),
        checked=IdentityDocumentType.CNI,
        documents=(D.VSM, D.VAC_NOTE, D.PRESCRIPTION, D.CONSULTATION_REPORT, D.LETTER),
    ),
    # Retrieved by INSi, no identity document seen yet: its documents wait ("identité non qualifiée").
    DemoPatient(
        PatientDraft("Martin", "Jean-Pierre Louis", "M", "02/11/1962", "69123", address_line1="8 quai Saint-Vincent",
                     postal_code="69001", city="Lyon", phone="0478000000"),
        insi=_insi("162116912305714", "MARTIN", "JEAN-PIERRE LOUIS", "M", "1962-11-02", "69123"),
        documents=(D.CONSULTATION_REPORT, D.CERTIFICATE),
    ),
    # Retrieved long ago with her former NIA: a new INSi call returns her NIR with the NIA in its history.
    DemoPatient(
        PatientDraft("N'Diaye", "Aminata", "F", "30/04/1978", "99341", postal_code="93200", city="Saint-Denis"),
        insi=_insi("278049934190288", "N'DIAYE", "AMINATA", "F", "1978-04-30", "99341"),
    ),
    # Identity document checked, INSi not called yet: an INSi search qualifies her.
    DemoPatient(
        PatientDraft("Bernard", "Sophie Claire", "F", "12/05/1984", "35238", postal_code="35000", city="Rennes"),
        checked=IdentityDocumentType.PASSPORT,
    ),
    # Provisional, birth place unknown: INSi finds two homonyms ("plusieurs identités").
    DemoPatient(PatientDraft("Leroy", "Camille", "F", "21/06/1990", postal_code="33000", city="Bordeaux")),
    # Provisional identities typed with accents, unknown to INSi: the search ignores accents and hyphens.
    DemoPatient(
        PatientDraft("Lefèvre", "Hélène Françoise", "F", "14/07/1948", "51454", used_name="Chéron",
                     address_line1="3 rue de l'Église", postal_code="51100", city="Reims", phone="0326000000"),
        documents=(D.FREE,),
    ),
    DemoPatient(PatientDraft("Le Bœuf", "Gaël Noël", "M", "03/11/2019", "29019", postal_code="29200",
                             city="Brest")),
)


@dataclass(frozen=True)
class Seeded:
    """What one seeding created."""

    patients: int
    documents: int
    send_orders: int


def demo_session(db: Database, workstation: Workstation) -> Session:
    """The session of the demonstration practitioner (the sandbox's test CPS), registered on first use: the
    demo opens it at start, and the data set is written by it."""
    with db.reading() as session:
        row = session.scalar(select(Practitioner).where(Practitioner.rpps == DEMO_RPPS))
        if row is not None:
            return Session(practitioner_user(row), workstation, Authentication.CHOSEN_AT_START)
    add_practitioner(db, rpps=DEMO_RPPS, **DEMO_PRACTITIONER)
    return demo_session(db, workstation)


def seed(db: Database, cabinet: Cabinet, session: Session, planners: SendPlanners, *,
         force: bool = False) -> Seeded | None:
    """Create the data set, written by the demonstration practitioner's `session` (`demo_session`); None when
    it is already there (unless `force`: a new set of documents is added).

    Blocking (PDF and CDA of every document): call it from a thread in the GUI.

    Raises:
        DocumentContentError: the cabinet is not configured (structure id, name).
    """
    cabinet.check()
    author_id = session.practitioner_id
    assert author_id is not None, "the data set is written by the demonstration practitioner"
    patient_ids = _existing(db)
    created = 0
    if any(patient_id is not None for patient_id in patient_ids):
        if not force:
            return None
    else:
        patient_ids = [_create(db, patient, session.who) for patient in PATIENTS]
        created = len(patient_ids)
    actor = session.actor()
    documents = orders = 0
    for patient, patient_id in zip(PATIENTS, patient_ids, strict=True):
        if patient_id is None:  # removed from this database since the first seeding
            continue
        for document_type in patient.documents:
            title, content = _content(document_type)
            document_id = lifecycle.create_draft(db, patient_id=patient_id, author_id=author_id,
                                                 document_type=document_type, actor=actor, cabinet=cabinet,
                                                 title=title, content=content)
            orders += len(lifecycle.validate(db, document_id, actor, cabinet, planners=planners))
            documents += 1
    return Seeded(created, documents, orders)


def seed_as_demo_practitioner(db: Database, cabinet: Cabinet, workstation: Workstation,
                               planners: SendPlanners) -> Seeded | None:
    """`seed` written by the demonstration practitioner, whoever signed in on this workstation."""
    return seed(db, cabinet, demo_session(db, workstation), planners)


def _create(db: Database, patient: DemoPatient, user: str) -> int:
    """One patient, through the use cases a desk would use, in one transaction."""
    with db.unit_of_work() as session:
        created = create_patient(session, patient.draft, user, ignore_duplicates=True).patient
        assert created is not None  # ignore_duplicates: always created
        if patient.insi is not None:
            apply_insi_identity(session, created.id, patient.insi, user)
        if patient.checked is not None:
            record_identity_check(session, created.id, patient.checked, user)
        return created.id


def _existing(db: Database) -> list[int | None]:
    """The ids of the data set's patients, found by their (normalised) birth traits."""
    with db.reading() as session:
        ids = []
        for patient in PATIENTS:
            draft = patient.draft.normalised()
            ids.append(session.scalar(select(Patient.id).where(
                Patient.birth_name == draft.birth_name, Patient.birth_date == draft.birth_date,
            ).order_by(Patient.id).limit(1)))
        return ids


def _content(document_type: DocumentType) -> tuple[str, Content]:
    """The title and content of the data set's document of this type."""
    if document_type is D.VSM:
        return "Synthèse médicale", VsmContent(
            problems=(
                Problem("Hypertension artérielle essentielle", "I10", PartialDate(2015, 4, 2)),
                Problem("Diabète de type 2", "E11.9", PartialDate(2018, 1)),  # the patient remembers the month
                Problem("Appendicectomie", "", PartialDate(1991), PartialDate(1991), active=False),
            ),
            allergies=(Allergy("Pénicilline", "medicament", "Urticaire généralisée"),),
            treatments=(
                Treatment("Ramipril 5 mg", "1 comprimé le matin"),
                Treatment("Metformine 1000 mg", "1 comprimé matin et soir"),
            ),
            risk_factors=(RiskFactor("tabac", "Fumeuse, 20 paquets-années"),),
            vigilance=("Insuffisance rénale modérée : adapter les posologies.",),
        )
    if document_type is D.VAC_NOTE:
        return "Rappel antitétanique", VacNoteContent(
            "VACCIN TETANIQUE PASTEUR, suspension injectable en seringue préremplie", "68747507", "J07AM01",
            "anatoxine tétanique", "X4456672", date.today(), "BOOSTER", dose_rank=3)
    if document_type is D.PRESCRIPTION:
        return "Ordonnance : angine", PrescriptionContent((
            PrescriptionLine("Amoxicilline 1 g", "1 comprimé matin, midi et soir", 7),
            PrescriptionLine("Paracétamol 1 g", "1 comprimé si douleur, 4 par jour au plus", 5,
                             substitutable=False),
        ))
    title, heading, text = {
        D.CONSULTATION_REPORT: ("Consultation pour asthénie", "Compte rendu",
                                "Consultation pour asthénie ; examen clinique normal. Bilan biologique prescrit, "
                                "à revoir dans un mois."),
        D.LETTER: ("Demande d'avis cardiologique", "Courrier",
                   "Cher confrère, je vous adresse ma patiente pour avis cardiologique."),
        D.CERTIFICATE: ("Certificat de non contre-indication au sport", "Certificat",
                        "Je soussigné certifie avoir examiné ce jour la personne nommée ci-dessus : absence de "
                        "contre-indication à la pratique du sport."),
        D.FREE: ("Visite à domicile", "Note",
                 "Patiente vue à domicile ; identité à vérifier avec une pièce d'identité."),
    }[document_type]
    recipient = "Dr Élise Lefèvre, cardiologue" if document_type is D.LETTER else ""
    return title, NarrativeContent((Section(heading, (text,)),), recipient=recipient)
