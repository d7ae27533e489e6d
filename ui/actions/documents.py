"""Document actions of the GUI: one `lgc_app.documents` use case per function (Anki `aqt/operations/note.py`).

Each is a coroutine for the task bridge (`TaskManager.run`). Everything here touches the database, and
validation also renders the PDF and builds the CDA: all of it runs on the database thread (`run_db`, one
writer on SQLite), never on the GUI loop. Reads return detached, frozen snapshots that widgets can keep.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from lgc_app.bootstrap import AppContext
from lgc_app.dmp.state import DocumentDmpState, document_states
from lgc_app.documents import lifecycle, metadata
from lgc_app.documents.actors import Actor
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.content import Content, VacNoteContent, parse_content
from lgc_app.documents.errors import DocumentNotFoundError
from lgc_app.documents.kinds import DocumentStatus, DocumentType
from lgc_app.documents.lifecycle import DocumentSummary
from lgc_app.documents.models import Document, Practitioner
from lgc_app.patients import service as patients
from lgc_app.persistence.database import Database
from ui.actions.patients import user_of
from ui.tasks import run_db


@dataclass(frozen=True)
class PractitionerChoice:
    id: int
    name: str


@dataclass(frozen=True)
class DocumentEventLine:
    """One lifecycle transition as the editor shows it (who, when, what)."""

    action: str
    actor: str
    at: datetime
    note: str | None


@dataclass(frozen=True)
class DocumentDetail:
    """Everything an editor shows of one document version, read in one transaction.

    `row_version` is the optimistic-concurrency counter to hand back on the next save.
    """

    id: int
    patient_id: int
    type: DocumentType
    status: DocumentStatus
    title: str
    content: Content
    row_version: int
    version_number: int
    replaces_id: int | None
    replaced_by_id: int | None
    author_id: int
    author_name: str
    validated_at: datetime | None
    updated_at: datetime
    sharing: metadata.SharingMetadata
    events: tuple[DocumentEventLine, ...]

    @property
    def is_draft(self) -> bool:
        return self.status is DocumentStatus.DRAFT


def actor_of(context: AppContext, practitioner_id: int | None) -> Actor:
    """The user acting now: the session user at this workstation, as the chosen practitioner (no login yet)."""
    return Actor(user_of(context), practitioner_id)


async def practitioners(db: Database) -> list[PractitionerChoice]:
    """Active practitioners of the cabinet, by name (the possible authors)."""
    def read() -> list[PractitionerChoice]:
        with db.reading() as session:
            rows = session.scalars(select(Practitioner).where(Practitioner.active.is_(True))
                                   .order_by(Practitioner.family_name, Practitioner.given_name))
            return [PractitionerChoice(p.id, p.display_name) for p in rows]
    return await run_db(read)


async def patient_name(db: Database, patient_id: int) -> str:
    def read() -> str:
        with db.reading() as session:
            return patients.get_patient(session, patient_id).display_name
    return await run_db(read)


@dataclass(frozen=True)
class DocumentRow:
    """One line of the patient's document list: the summary and, once validated, its DMP state."""

    summary: DocumentSummary
    dmp: DocumentDmpState | None


async def list_documents(db: Database, patient_id: int) -> list[DocumentRow]:
    def read() -> list[DocumentRow]:
        summaries = lifecycle.list_documents(db, patient_id=patient_id)
        states = document_states(db, [summary.id for summary in summaries])
        return [DocumentRow(summary, states.get(summary.id)) for summary in summaries]
    return await run_db(read)


async def load_document(db: Database, document_id: int) -> DocumentDetail:
    return await run_db(_read_detail, db, document_id)


async def create_draft(db: Database, *, patient_id: int, document_type: DocumentType, actor: Actor,
                       cabinet: Cabinet) -> DocumentDetail:
    """A new draft authored by the acting practitioner, with the type's default metadata."""
    # the VAC-NOTE content has no empty default in the core (its fields are required): start from blanks
    blank = VacNoteContent("", "", "", "", "") if document_type is DocumentType.VAC_NOTE else None

    def create() -> DocumentDetail:
        document_id = lifecycle.create_draft(db, patient_id=patient_id, author_id=actor.practitioner_id or 0,
                                             document_type=document_type, actor=actor, cabinet=cabinet,
                                             content=blank)
        return _read_detail(db, document_id)
    return await run_db(create)


async def save_draft(db: Database, document_id: int, actor: Actor, *, title: str, content: Content,
                     expected_version: int) -> int:
    """Autosave: returns the new row version. Raises DocumentConflictError when edited elsewhere meanwhile."""
    return await run_db(lifecycle.update_draft, db, document_id, actor, title=title, content=content,
                        expected_version=expected_version)


async def update_metadata(db: Database, document_id: int, actor: Actor, *, expected_version: int,
                          changes: dict[str, Any]) -> DocumentDetail:
    """Change sharing metadata of a draft (checked against the CI-SIS value sets); returns the new state."""
    def update() -> DocumentDetail:
        lifecycle.update_metadata(db, document_id, actor, expected_version=expected_version, **changes)
        return _read_detail(db, document_id)
    return await run_db(update)


async def validate(db: Database, document_id: int, actor: Actor, cabinet: Cabinet) -> DocumentDetail:
    """Freeze the draft as stored: PDF rendered and CDA built on the database thread, off the GUI loop."""
    def run() -> DocumentDetail:
        lifecycle.validate(db, document_id, actor, cabinet)
        return _read_detail(db, document_id)
    return await run_db(run)


async def new_version(db: Database, document_id: int, actor: Actor) -> DocumentDetail:
    """Start version n + 1 of a validated document (the old one stays valid until the new one is)."""
    def run() -> DocumentDetail:
        return _read_detail(db, lifecycle.replace(db, document_id, actor))
    return await run_db(run)


async def archive(db: Database, document_id: int, actor: Actor, reason: str) -> DocumentDetail:
    def run() -> DocumentDetail:
        lifecycle.archive(db, document_id, actor, reason=reason)
        return _read_detail(db, document_id)
    return await run_db(run)


async def delete(db: Database, document_id: int, actor: Actor, reason: str) -> DocumentDetail:
    def run() -> DocumentDetail:
        lifecycle.delete(db, document_id, actor, reason=reason)
        return _read_detail(db, document_id)
    return await run_db(run)


async def frozen_cda(db: Database, document_id: int) -> bytes:
    return await run_db(lifecycle.frozen_bytes, db, document_id)


def save_draft_now(db: Database, document_id: int, actor: Actor, *, title: str, content: Content,
                   expected_version: int) -> int:
    """Blocking save, only for the last autosave while the window closes (the loop is stopping)."""
    return lifecycle.update_draft(db, document_id, actor, title=title, content=content,
                                  expected_version=expected_version)


def _read_detail(db: Database, document_id: int) -> DocumentDetail:
    with db.reading() as session:
        document = session.get(Document, document_id)
        if document is None:
            raise DocumentNotFoundError(f"Document {document_id} introuvable.")
        successor = session.scalar(select(Document.id).where(Document.replaces_id == document.id,
                                                             Document.status != DocumentStatus.DELETED))
        return DocumentDetail(
            id=document.id, patient_id=document.patient_id, type=document.type, status=document.status,
            title=document.title, content=parse_content(document.type, document.content),
            row_version=document.version, version_number=document.version_number,
            replaces_id=document.replaces_id, replaced_by_id=successor, author_id=document.author_id,
            author_name=document.author.display_name, validated_at=document.validated_at,
            updated_at=document.updated_at, sharing=metadata.metadata_of(document),
            events=tuple(DocumentEventLine(e.action, e.actor, e.at, e.note) for e in document.events),
        )
