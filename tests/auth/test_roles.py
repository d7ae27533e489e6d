"""Roles limit what a user may see (SC.SSI/IE.33, issue 11 item 5): the core use cases returning clinical
content — document content, frozen CDA and PDF, consultations, the timeline, DMP consultation, documents
received from the DMP — refuse a role that may not read it, whatever screen asks; the secretariat keeps the
document list (titles, statuses) and the patient's identity."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import pytest

from lgc_app.auth.permissions import NotPermitted
from lgc_app.consultations import drafting, timeline
from lgc_app.consultations import use_cases as consultations
from lgc_app.consultations.use_cases import ConsultationRecord
from lgc_app.dmp import consultation
from lgc_app.dmp.consultation import DmpDocument, DocumentFilter
from lgc_app.dmp.consultation_models import DmpReceivedDocument
from lgc_app.documents import lifecycle
from lgc_app.documents.kinds import DocumentType
from lgc_app.persistence.database import Database
from lgc_app.session import (
    SECRETARIAT,
    Authentication,
    PractitionerIdentity,
    Session,
    User,
    UserRole,
    workstation_session,
)
from tests.helpers.composition import STANDALONE, practitioner_session
from tests.helpers.dmp_feed import CABINET, add_author, add_qualified_patient, validated

SECRETARY = Session(SECRETARIAT, STANDALONE, Authentication.LOCAL_ACCOUNT)
ADMINISTRATOR = Session(User("admin", "Alice Durand", UserRole.ADMINISTRATOR), STANDALONE,
                        Authentication.LOCAL_ACCOUNT)
NOT_READING = {"secretariat": SECRETARY, "administrateur": ADMINISTRATOR}


@dataclass(frozen=True)
class Record:
    patient_id: int
    document_id: int
    consultation_id: int
    received_id: int
    practitioner: Session


@pytest.fixture
def record(db: Database) -> Record:
    cabinet = add_author(db)
    author_id = cabinet.author.practitioner_id
    assert author_id is not None
    practitioner = practitioner_session(practitioner=PractitionerIdentity(
        author_id, "99700366240", "DR", "Paul", "MEDECIN-TEST", "10", "SM54"))
    patient_id = add_qualified_patient(db, "279035121518989")
    document_id = validated(db, patient_id, practitioner.actor())
    view = consultations.start_consultation(db, patient_id, practitioner.actor())
    consultations.save_consultation(db, view.id, ConsultationRecord("Douleur thoracique", conclusion="Angor"),
                                    expected_version=view.row_version, actor=practitioner.actor())
    with db.unit_of_work() as orm:
        received = DmpReceivedDocument(patient_id=patient_id, unique_id="1.2.3.4", entry_uuid="urn:uuid:x",
                                       repository_id="1.2.3", title="Compte rendu", mime_type="text/plain",
                                       size=7, sha1="0" * 40, content=b"secret!", imported_by=practitioner.who)
        orm.add(received)
        orm.flush()
        received_id = received.id
    return Record(patient_id, document_id, view.id, received_id, practitioner)


def _reads(db: Database, record: Record, reader: Session) -> None:
    """Every clinical read of the core, as `reader`."""
    assert lifecycle.get_document(db, record.document_id, reader).title
    assert lifecycle.frozen_bytes(db, record.document_id, reader).startswith(b"<?xml")
    assert lifecycle.frozen_bytes(db, record.document_id, reader, pdf=True).startswith(b"%PDF")
    assert consultations.get_consultation(db, record.consultation_id, reader).record.conclusion == "Angor"
    assert consultations.list_consultations(db, record.patient_id, reader)[0].reason == "Douleur thoracique"
    assert any(entry.title == "Douleur thoracique" for entry in timeline.patient_timeline(db, record.patient_id,
                                                                                         reader))
    assert consultation.received_content(db, record.received_id, reader) == ("text/plain", b"secret!")


def test_a_practitioner_and_the_workstation_read_clinical_content(db: Database, record: Record) -> None:
    _reads(db, record, record.practitioner)
    _reads(db, record, workstation_session(STANDALONE))  # the worker and `lgc documents export`


@pytest.mark.parametrize("role", sorted(NOT_READING))
def test_the_secretariat_and_the_administrator_read_no_clinical_content(db: Database, record: Record,
                                                                        role: str) -> None:
    reader = NOT_READING[role]
    reads: list[Any] = [
        lambda: lifecycle.get_document(db, record.document_id, reader),
        lambda: lifecycle.frozen_bytes(db, record.document_id, reader),
        lambda: lifecycle.frozen_bytes(db, record.document_id, reader, pdf=True),
        lambda: consultations.get_consultation(db, record.consultation_id, reader),
        lambda: consultations.list_consultations(db, record.patient_id, reader),
        lambda: timeline.patient_timeline(db, record.patient_id, reader),
        lambda: consultation.received_content(db, record.received_id, reader),
        lambda: drafting.write_document(db, record.consultation_id, DocumentType.LETTER, writer=reader,
                                        cabinet=CABINET),
    ]
    for read in reads:
        with pytest.raises(NotPermitted, match=f"rôle « {reader.user.role.label} » ne permet pas la lecture"):
            read()


def test_the_secretariat_keeps_the_document_list_and_the_received_list(db: Database, record: Record) -> None:
    [summary] = lifecycle.list_documents(db, patient_id=record.patient_id)
    assert summary.id == record.document_id and summary.title
    assert lifecycle.get_metadata(db, record.document_id).confidentiality.code
    [received] = consultation.received_documents(db, record.patient_id)
    assert received.title == "Compte rendu"


class _NoRequest:
    """A DMP client the test fails on: a refused role must be refused before any request."""

    async def find_documents(self, *_args: object, **_kwargs: object) -> list[Any]:
        raise AssertionError("the DMP was queried")

    async def retrieve(self, *_args: object, **_kwargs: object) -> Any:
        raise AssertionError("the DMP was queried")


DOCUMENT = DmpDocument("urn:uuid:y", "1.2.3.5", "1.2.3", "Synthèse", "text/xml", None, "", None, "", None, (),
                       None, None, "", True, False)


def test_the_secretariat_may_not_consult_read_or_import_the_dmp(db: Database, record: Record) -> None:
    client = _NoRequest()
    for call in (consultation.consult(db, client, record.patient_id, DocumentFilter(), reader=SECRETARY),
                 consultation.fetch(db, client, record.patient_id, DOCUMENT, reader=SECRETARY),
                 consultation.import_document(db, client, record.patient_id, DOCUMENT, reader=SECRETARY)):
        with pytest.raises(NotPermitted):
            asyncio.run(call)
    assert [r.id for r in consultation.received_documents(db, record.patient_id)] == [record.received_id]
