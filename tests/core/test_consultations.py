"""The consultation record: vital signs (ranges, BMI), autosave with optimistic concurrency, drafts prefilled
from the consultation and linked to it, the patient's timeline."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.exc import IntegrityError

from lgc_app.consultations import drafting, timeline
from lgc_app.consultations import use_cases as consultations
from lgc_app.consultations.errors import ConsultationConflictError, ConsultationError, VitalSignError
from lgc_app.consultations.models import Consultation
from lgc_app.consultations.timeline import EntryKind
from lgc_app.consultations.use_cases import ConsultationRecord
from lgc_app.consultations.vitals import VitalSigns, parse_measure
from lgc_app.documents import lifecycle
from lgc_app.documents.actors import Actor
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.content import NarrativeContent, PrescriptionContent, PrescriptionLine
from lgc_app.documents.kinds import DocumentStatus, DocumentType
from lgc_app.documents.practitioners import add_practitioner
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.base import Base
from lgc_app.persistence.database import Database
from lgc_app.session import PractitionerIdentity, Session
from tests.helpers.cisis import add_patient
from tests.helpers.composition import STANDALONE, practitioner_session

CABINET = Cabinet(structure_id="3123456789012", name="Cabinet médical des Érables", sector="SA08")
VITALS = VitalSigns(weight_kg=72.5, height_cm=170, systolic_mmhg=135, diastolic_mmhg=85, heart_rate_bpm=72,
                    temperature_c=38.4)
RECORD = ConsultationRecord(reason="Fièvre et toux depuis 3 jours", history="HTA traitée\nAppendicectomie 1998",
                            examination="Crépitants base droite", conclusion="Pneumopathie franche lobaire aiguë",
                            vitals=VITALS)


# --- vital signs -------------------------------------------------------------------------------------------

def test_bmi_is_computed_from_weight_and_height() -> None:
    assert VITALS.bmi == 25.1  # 72.5 / 1.70²
    assert VitalSigns(weight_kg=72.5).bmi is None
    assert "IMC : 25,1 kg/m²" in VITALS.lines()


@pytest.mark.parametrize(("name", "text", "value"), [("weight_kg", "72,5", 72.5), ("weight_kg", " 80 ", 80.0),
                                                     ("temperature_c", "38.44", 38.4), ("height_cm", "", None)])
def test_measures_are_read_the_french_way(name: str, text: str, value: float | None) -> None:
    assert parse_measure(name, text) == value


@pytest.mark.parametrize(("name", "text", "message"), [
    ("weight_kg", "750", "Poids : 750,0 kg est hors des valeurs plausibles (0,3 kg à 400,0 kg)."),
    ("temperature_c", "25", "Température : 25,0 °C est hors des valeurs plausibles"),
    ("heart_rate_bpm", "soixante", "Fréquence cardiaque : « soixante » n'est pas un nombre."),
])
def test_implausible_measures_are_refused_in_french(name: str, text: str, message: str) -> None:
    with pytest.raises(VitalSignError) as caught:
        parse_measure(name, text)
    assert str(caught.value).startswith(message)


def test_blood_pressure_needs_both_values_systolic_above_diastolic() -> None:
    with pytest.raises(VitalSignError, match="la systolique et la diastolique"):
        VitalSigns(systolic_mmhg=120).check()
    with pytest.raises(VitalSignError, match="supérieure à la diastolique"):
        VitalSigns(systolic_mmhg=80, diastolic_mmhg=120).check()
    VITALS.check()


# --- the record --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class World:
    patient_id: int
    practitioner_id: int
    actor: Actor
    session: Session  # the practitioner's: reads and writes the record


@pytest.fixture
def world(db: Database) -> World:
    with db.unit_of_work() as session:
        patient_id = add_patient(session, status=IdentityStatus.QUAL).id
    practitioner_id = add_practitioner(db, rpps="10001234567", given_name="Hélène", family_name="Durand")
    identity = PractitionerIdentity(practitioner_id, "10001234567", "DR", "Hélène", "Durand", "10", "SM26")
    session = practitioner_session(practitioner=identity)
    return World(patient_id, practitioner_id, session.actor(), session)


def _started(db: Database, world: World, record: ConsultationRecord = RECORD) -> int:
    view = consultations.start_consultation(db, world.patient_id, world.actor)
    consultations.save_consultation(db, view.id, record, expected_version=view.row_version, actor=world.actor)
    return view.id


def test_consultation_is_saved_and_read_back(db: Database, world: World) -> None:
    view = consultations.get_consultation(db, _started(db, world), world.session)
    assert view.record == RECORD
    assert view.record.vitals.bmi == 25.1
    assert view.practitioner_name == "Dr Hélène Durand"
    assert [c.reason for c in consultations.list_consultations(db, world.patient_id, world.session)] == [RECORD.reason]


def test_only_a_practitioner_opens_a_consultation(db: Database, world: World) -> None:
    with pytest.raises(ConsultationError, match="Seul un praticien"):
        consultations.start_consultation(db, world.patient_id, Actor("secretariat", workstation=STANDALONE))


def test_a_stale_save_is_refused(db: Database, world: World) -> None:
    view = consultations.start_consultation(db, world.patient_id, world.actor)
    consultations.save_consultation(db, view.id, RECORD, expected_version=view.row_version, actor=world.actor)
    with pytest.raises(ConsultationConflictError):
        consultations.save_consultation(db, view.id, replace(RECORD, reason="autre poste"),
                                        expected_version=view.row_version, actor=world.actor)
    assert consultations.get_consultation(db, view.id, world.session).record.reason == RECORD.reason


def test_implausible_vitals_are_never_stored(db: Database, world: World) -> None:
    view = consultations.start_consultation(db, world.patient_id, world.actor)
    with pytest.raises(VitalSignError):
        consultations.save_consultation(db, view.id, replace(RECORD, vitals=VitalSigns(weight_kg=750)),
                                        expected_version=view.row_version, actor=world.actor)
    with pytest.raises(IntegrityError), db.unit_of_work() as session:  # the CHECK backs the use case up
        row = session.get(Consultation, view.id)
        assert row is not None
        row.weight_kg = 750.0


def test_report_and_letter_are_prefilled_and_linked(db: Database, world: World) -> None:
    consultation_id = _started(db, world)
    report_id = drafting.write_document(db, consultation_id, DocumentType.CONSULTATION_REPORT, writer=world.session,
                                        cabinet=CABINET)
    report = lifecycle.get_document(db, report_id, world.session)
    assert report.is_draft and report.author_id == world.practitioner_id
    assert report.title.startswith("Compte rendu de consultation du ")
    assert isinstance(report.content, NarrativeContent)
    assert [(s.heading, s.paragraphs) for s in report.content.sections] == [
        ("Motif de consultation", ("Fièvre et toux depuis 3 jours",)),
        ("Antécédents", ("HTA traitée", "Appendicectomie 1998")),
        ("Examen clinique", ("Poids : 72,5 kg", "Taille : 170 cm", "IMC : 25,1 kg/m²",
                             "Pression artérielle : 135/85 mmHg", "Fréquence cardiaque : 72 /min",
                             "Température : 38,4 °C", "Crépitants base droite")),
        ("Conclusion", ("Pneumopathie franche lobaire aiguë",)),
    ]
    letter_id = drafting.write_document(db, consultation_id, DocumentType.LETTER, writer=world.session,
                                        cabinet=CABINET)
    letter = lifecycle.get_document(db, letter_id, world.session).content
    assert isinstance(letter, NarrativeContent)
    assert letter.sections[0].heading == "Courrier"
    assert letter.sections[-1].paragraphs[-2:] == ("Pneumopathie franche lobaire aiguë", "Bien confraternellement.")
    prescription_id = drafting.write_document(db, consultation_id, DocumentType.PRESCRIPTION, writer=world.session,
                                              cabinet=CABINET)
    assert lifecycle.get_document(db, prescription_id, world.session).content == PrescriptionContent()
    linked = consultations.get_consultation(db, consultation_id, world.session).documents
    assert [(d.id, d.type) for d in linked] == [(report_id, DocumentType.CONSULTATION_REPORT),
                                                (letter_id, DocumentType.LETTER),
                                                (prescription_id, DocumentType.PRESCRIPTION)]
    assert consultations.consultation_of_document(db, letter_id) == consultation_id


def test_a_prefilled_report_validates(db: Database, world: World) -> None:
    from tests.helpers.composition import PLANNERS

    report_id = drafting.write_document(db, _started(db, world), DocumentType.CONSULTATION_REPORT,
                                        writer=world.session, cabinet=CABINET)
    lifecycle.validate(db, report_id, world.actor, CABINET, planners=PLANNERS)
    assert lifecycle.get_document(db, report_id, world.session).status is DocumentStatus.VALIDATED


def test_other_types_are_not_written_from_a_consultation(db: Database, world: World) -> None:
    with pytest.raises(ConsultationError, match="ne se rédige pas"):
        drafting.write_document(db, _started(db, world), DocumentType.VSM, writer=world.session, cabinet=CABINET)


def test_timeline_lists_consultations_and_documents_most_recent_first(db: Database, world: World) -> None:
    old = consultations.start_consultation(db, world.patient_id, world.actor,
                                           now=datetime(2020, 1, 6, 9, 0, tzinfo=UTC))
    consultations.save_consultation(db, old.id, replace(RECORD, reason="Certificat de sport"),
                                    expected_version=old.row_version, actor=world.actor)
    recent = _started(db, world)
    prescription_id = drafting.write_document(db, recent, DocumentType.PRESCRIPTION, writer=world.session,
                                              cabinet=CABINET)
    lifecycle.update_draft(db, prescription_id, world.actor, content=PrescriptionContent(
        (PrescriptionLine("Amoxicilline 1 g", "1 cp x 3/j", 7),)))
    deleted = drafting.write_document(db, recent, DocumentType.LETTER, writer=world.session, cabinet=CABINET)
    lifecycle.delete(db, deleted, world.actor, reason="doublon")
    entries = timeline.patient_timeline(db, world.patient_id, world.session)
    assert [(e.kind, e.item_id) for e in entries] == [(EntryKind.DOCUMENT, prescription_id),
                                                      (EntryKind.CONSULTATION, recent),
                                                      (EntryKind.CONSULTATION, old.id)]
    assert entries[-1].title == "Certificat de sport"
    assert entries[0].detail == "Ordonnance — brouillon"


def test_migration_matches_the_models(db: Database) -> None:
    import lgc_app.persistence.models  # noqa: F401 - every domain's tables, as Alembic sees them

    ours = {"consultations", "consultation_documents", "patient_allergies", "allergy_overrides"}
    with db.engine.connect() as connection:
        diff = [change for change in compare_metadata(MigrationContext.configure(connection), Base.metadata)
                if any(f"'{table}'" in str(change) or f"<{table}>" in str(change) for table in ours)]
    assert diff == [], diff
