"""The practitioner's DMP decisions on one document (issue 13 items 2, 8): which actions a state allows,
documents that waited for the identity's qualification, the opposition checked before sending, the version
of a type already in the DMP (to replace rather than duplicate), and the cabinet's own documents never "new"."""

from __future__ import annotations

import pytest

from lgc_app.dmp import consultation, feeding
from lgc_app.dmp.consultation import DocumentFilter
from lgc_app.dmp.feeding import FeedingError, release_refusal, withhold_refusal
from lgc_app.dmp.models import DmpDocumentState, DmpState
from lgc_app.dmp.opposition import PatientOpposed, opposition_status, record_opposition, withdraw_opposition
from lgc_app.dmp.state import document_state, version_in_dmp
from lgc_app.documents import lifecycle
from lgc_app.documents.kinds import DocumentStatus, DocumentType
from lgc_app.outbox.models import OrderStatus
from lgc_app.patients.models import Patient
from lgc_app.patients.status import change_status
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database
from services.sandbox.dmp import control
from services.sandbox.server import RunningSandbox
from tests.helpers.composition import PLANNERS, practitioner_session
from tests.helpers.dmp import dmp_wire, random_ins
from tests.helpers.dmp_consultation import qualified_patient
from tests.helpers.dmp_feed import CABINET, Cabinetry, add_author, add_qualified_patient, draft, validated


def _qualify(db: Database, patient_id: int) -> None:
    with db.unit_of_work() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None
        change_status(patient, IdentityStatus.QUAL, "pièce d'identité contrôlée", "test")


def test_the_actions_a_state_allows() -> None:
    validated_, draft_ = DocumentStatus.VALIDATED, DocumentStatus.DRAFT
    assert release_refusal(validated_, DmpState.UNQUALIFIED) is None
    assert release_refusal(validated_, DmpState.WITHHELD) is None
    assert release_refusal(validated_, None) is None  # validated before the DMP feeding existed
    assert "en attente" in (release_refusal(validated_, DmpState.PENDING) or "")
    assert "déjà fait" in (release_refusal(validated_, DmpState.SENT) or "")
    assert "validé" in (release_refusal(draft_, None) or "")
    assert withhold_refusal(draft_, None, None) is None
    assert withhold_refusal(validated_, DmpState.PENDING, OrderStatus.PENDING) is None
    assert "en cours d'envoi" in (withhold_refusal(validated_, DmpState.PENDING, OrderStatus.IN_PROGRESS) or "")
    assert "déjà retenu" in (withhold_refusal(validated_, DmpState.WITHHELD, None) or "")
    assert "déjà dans le DMP" in (withhold_refusal(validated_, DmpState.SENT, None) or "")
    assert "plus d'envoi" in (withhold_refusal(DocumentStatus.ARCHIVED, None, None) or "")


def test_documents_held_back_for_the_identity_are_sent_once_it_is_qualified(db: Database,
                                                                            cabinet: Cabinetry) -> None:
    patient_id = add_qualified_patient(db, random_ins(), IdentityStatus.RECUP)
    report = validated(db, patient_id, cabinet.author)
    vsm = validated(db, patient_id, cabinet.author, DocumentType.VSM)
    draft(db, patient_id, cabinet.author)  # a draft waits for nothing
    assert feeding.waiting_for_qualification(db, patient_id, cabinet.author) == [report, vsm]
    assert feeding.waiting_for_qualification(db, patient_id, cabinet.secretary) == []  # only the author sends
    with pytest.raises(FeedingError, match="pas qualifiée"):
        feeding.release_waiting(db, patient_id, cabinet.author)
    assert document_state(db, report).state is DmpState.UNQUALIFIED  # type: ignore[union-attr]

    _qualify(db, patient_id)
    orders = feeding.release_waiting(db, patient_id, cabinet.author)

    assert len(orders) == 2
    assert [document_state(db, d).state for d in (report, vsm)] == [DmpState.PENDING, DmpState.PENDING]  # type: ignore[union-attr]
    assert feeding.waiting_for_qualification(db, patient_id, cabinet.author) == []


def test_the_opposition_is_checked_before_sending_and_shown_with_who_and_when(db: Database,
                                                                             cabinet: Cabinetry) -> None:
    patient_id = add_qualified_patient(db, random_ins(), IdentityStatus.RECUP)
    report = validated(db, patient_id, cabinet.author)
    _qualify(db, patient_id)
    assert not opposition_status(db, patient_id).in_force
    record_opposition(db, patient_id, "Dr MEDECIN")
    status = opposition_status(db, patient_id)
    assert status.in_force and status.recorded_by == "Dr MEDECIN" and status.recorded_at is not None
    assert feeding.waiting_for_qualification(db, patient_id, cabinet.author) == []  # nothing to offer
    with pytest.raises(PatientOpposed, match="opposé au DMP"):
        feeding.release(db, report, cabinet.author)
    assert document_state(db, report).state is DmpState.UNQUALIFIED  # type: ignore[union-attr]

    withdraw_opposition(db, patient_id, "secretariat")
    status = opposition_status(db, patient_id)
    assert not status.in_force and status.withdrawn_by == "secretariat"
    feeding.release(db, report, cabinet.author)
    assert document_state(db, report).state is DmpState.PENDING  # type: ignore[union-attr]


def test_a_document_cannot_be_withheld_twice(db: Database, cabinet: Cabinetry) -> None:
    document_id = validated(db, add_qualified_patient(db, random_ins()), cabinet.author)
    feeding.withhold(db, document_id, cabinet.author, "À annoncer d'abord au patient")
    with pytest.raises(FeedingError, match="déjà retenu"):
        feeding.withhold(db, document_id, cabinet.author, "Autre motif")
    assert document_state(db, document_id).reason == "À annoncer d'abord au patient"  # type: ignore[union-attr]


def test_the_vsm_in_the_dmp_is_found_to_be_replaced(db: Database, cabinet: Cabinetry) -> None:
    patient_id = add_qualified_patient(db, random_ins())
    author_id = cabinet.author.practitioner_id
    assert author_id is not None
    assert version_in_dmp(db, patient_id, DocumentType.VSM, author_id) is None
    withheld = draft(db, patient_id, cabinet.author, DocumentType.VSM)
    feeding.withhold(db, withheld, cabinet.author, "Pas encore")
    lifecycle.validate(db, withheld, cabinet.author, CABINET, planners=PLANNERS)
    assert version_in_dmp(db, patient_id, DocumentType.VSM, author_id) is None  # never meant for the DMP

    first = validated(db, patient_id, cabinet.author, DocumentType.VSM)
    found = version_in_dmp(db, patient_id, DocumentType.VSM, author_id)
    assert found is not None and (found.document_id, found.version_number, found.next_version_id) == (first, 1, None)
    assert version_in_dmp(db, patient_id, DocumentType.CONSULTATION_REPORT, author_id) is None
    other = add_author(db, rpps="99700366257").author
    assert other.practitioner_id is not None
    assert version_in_dmp(db, patient_id, DocumentType.VSM, other.practitioner_id) is None  # another author's

    second = lifecycle.replace(db, first, cabinet.author)
    assert version_in_dmp(db, patient_id, DocumentType.VSM, author_id).next_version_id == second  # type: ignore[union-attr]
    lifecycle.validate(db, second, cabinet.author, CABINET, planners=PLANNERS)
    found = version_in_dmp(db, patient_id, DocumentType.VSM, author_id)
    assert found is not None and (found.document_id, found.version_number) == (second, 2)


async def test_the_cabinets_own_documents_are_never_new_even_before_any_check(
        db: Database, sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        ins = random_ins()
        await control.register_patient(wire.http, wire.url, ins, family_name="MARTIN", given_name="ALICE",
                                       birth_date="1980-01-01")
        patient_id = qualified_patient(db, ins, birth_name="MARTIN", given_name="ALICE", birth_date="1980-01-01")
        ours = await control.add_foreign_document(wire.http, wire.url, ins, title="Envoyé par le cabinet",
                                                  content=b"CR du cabinet.")
        await control.add_foreign_document(wire.http, wire.url, ins, title="Venu d'ailleurs", content=b"CR.")
        document_id = validated(db, patient_id, add_author(db).author, DocumentType.VSM)
        with db.unit_of_work() as session:  # the uniqueId fixed when the order was planned, as the DMP holds it
            state = session.get(DmpDocumentState, document_id)
            assert state is not None
            state.unique_id = ours["unique_id"]
        listed = await consultation.consult(db, wire.client, patient_id, DocumentFilter(),
                                            reader=practitioner_session())
    assert {d.title: d.is_new for d in listed.documents} == {"Envoyé par le cabinet": False,
                                                              "Venu d'ailleurs": True}
