"""The patient's timeline: consultations, the cabinet's documents and the documents received from the DMP,
in one list, most recent first (issue 13; received mail will join it).

A document is dated by its validation (a draft by its creation); a DMP document by its creation time as the
DMP gives it, else its import. Deleted documents are left out.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from lgc_app.auth.permissions import Permission, require
from lgc_app.consultations.models import Consultation
from lgc_app.dmp.consultation import received_documents
from lgc_app.documents.kinds import DocumentStatus
from lgc_app.documents.models import Document
from lgc_app.persistence.database import Database
from lgc_app.session import Session as UserSession


class EntryKind(enum.StrEnum):
    CONSULTATION = "consultation"
    DOCUMENT = "document"
    RECEIVED = "received"  # imported from the DMP

    @property
    def label(self) -> str:
        return {EntryKind.CONSULTATION: "Consultation", EntryKind.DOCUMENT: "Document du cabinet",
                EntryKind.RECEIVED: "Reçu du DMP"}[self]


@dataclass(frozen=True)
class TimelineEntry:
    kind: EntryKind
    item_id: int  # consultation, document or received document id
    at: datetime
    title: str
    detail: str


def patient_timeline(db: Database, patient_id: int, reader: UserSession) -> list[TimelineEntry]:
    """Raises NotPermitted when `reader`'s role may not read clinical notes (reasons, conclusions)."""
    require(reader, Permission.READ_CLINICAL)
    entries: list[TimelineEntry] = []
    with db.reading() as session:
        for row in session.scalars(select(Consultation).where(Consultation.patient_id == patient_id)):
            entries.append(TimelineEntry(EntryKind.CONSULTATION, row.id, row.started_at,
                                         row.reason or "Motif non renseigné", row.conclusion.split("\n")[0]))
        documents = session.scalars(select(Document).where(Document.patient_id == patient_id,
                                                           Document.status != DocumentStatus.DELETED))
        for document in documents:
            entries.append(TimelineEntry(EntryKind.DOCUMENT, document.id,
                                         document.validated_at or document.created_at, document.title,
                                         f"{document.type.label} — {document.status.label.lower()}"))
    for received in received_documents(db, patient_id):
        entries.append(TimelineEntry(EntryKind.RECEIVED, received.id, received.creation_time or received.imported_at,
                                     received.title, received.author or received.type_label))
    return sorted(entries, key=lambda entry: (entry.at, entry.kind != EntryKind.CONSULTATION, entry.item_id),
                  reverse=True)
