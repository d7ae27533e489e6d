"""Document actions of the GUI: one `lgc_app.documents` use case per function (Anki `aqt/operations/note.py`).

Each is a coroutine for the task bridge (`TaskManager.run`). Everything here touches the database, and
validation also renders the PDF and builds the CDA: all of it runs on the database thread (`run_db`, one
writer on SQLite), never on the GUI loop. Reads return detached, frozen snapshots that widgets can keep.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lgc_app.bootstrap import AppContext
from lgc_app.dmp.consultation import ReceivedDocument, received_documents
from lgc_app.dmp.state import DocumentDmpState, document_states
from lgc_app.documents import lifecycle
from lgc_app.documents.actors import Actor
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.content import Content
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.lifecycle import DocumentDetail, DocumentSummary
from lgc_app.documents.practitioners import PractitionerChoice, list_active_practitioners
from lgc_app.mss.trace import RecipientState, documents_recipients
from lgc_app.patients import use_cases as patient_cases
from lgc_app.persistence.database import Database
from ui.tasks import run_db


async def practitioners(db: Database) -> list[PractitionerChoice]:
    """Active practitioners of the cabinet, by name (the possible authors)."""
    return await run_db(list_active_practitioners, db)


async def patient_name(db: Database, patient_id: int) -> str:
    return await run_db(patient_cases.display_name, db, patient_id)


@dataclass(frozen=True)
class DocumentRow:
    """One line of the patient's document list: the summary and, once validated, its DMP and MSSanté states."""

    summary: DocumentSummary
    dmp: DocumentDmpState | None
    mss: tuple[RecipientState, ...] = ()


@dataclass(frozen=True)
class PatientDocuments:
    """The patient's documents: those written here (with their DMP state) and those imported from the DMP."""

    rows: list[DocumentRow]
    received: list[ReceivedDocument]


async def list_documents(db: Database, patient_id: int) -> PatientDocuments:
    def read() -> PatientDocuments:
        summaries = lifecycle.list_documents(db, patient_id=patient_id)
        states = sharing_states(db, [summary.id for summary in summaries])
        return PatientDocuments([DocumentRow(summary, states.dmp.get(summary.id),
                                             tuple(states.mss.get(summary.id, ()))) for summary in summaries],
                                received_documents(db, patient_id))
    return await run_db(read)


@dataclass(frozen=True)
class SharingStates:
    """Where the documents went: their DMP state and their MSSanté recipients, by document id."""

    dmp: dict[int, DocumentDmpState]
    mss: dict[int, list[RecipientState]]


def sharing_states(db: Database, document_ids: list[int]) -> SharingStates:
    """Blocking (database thread)."""
    return SharingStates(document_states(db, document_ids), documents_recipients(db, document_ids))


async def load_document(context: AppContext, document_id: int) -> DocumentDetail:
    """Raises NotPermitted when the session's role may not read clinical content."""
    return await run_db(lifecycle.get_document, context.database, document_id, context.session)


async def create_draft(context: AppContext, *, patient_id: int, author_id: int, document_type: DocumentType,
                       actor: Actor, cabinet: Cabinet) -> DocumentDetail:
    """A new draft by `author_id` (the acting practitioner, or another one they prepare it for), with the
    type's default metadata."""
    db, reader = context.database, context.session

    def create() -> DocumentDetail:
        document_id = lifecycle.create_draft(db, patient_id=patient_id, author_id=author_id,
                                             document_type=document_type, actor=actor, cabinet=cabinet)
        return lifecycle.get_document(db, document_id, reader)
    return await run_db(create)


async def save_draft(db: Database, document_id: int, actor: Actor, *, title: str, content: Content,
                     expected_version: int) -> int:
    """Autosave: returns the new row version. Raises DocumentConflictError when edited elsewhere meanwhile."""
    return await run_db(lifecycle.update_draft, db, document_id, actor, title=title, content=content,
                        expected_version=expected_version)


async def update_metadata(context: AppContext, document_id: int, actor: Actor, *, expected_version: int,
                          changes: dict[str, Any]) -> DocumentDetail:
    """Change sharing metadata of a draft (checked against the CI-SIS value sets); returns the new state."""
    db, reader = context.database, context.session

    def update() -> DocumentDetail:
        lifecycle.update_metadata(db, document_id, actor, expected_version=expected_version, **changes)
        return lifecycle.get_document(db, document_id, reader)
    return await run_db(update)


async def validate(context: AppContext, document_id: int, actor: Actor, cabinet: Cabinet) -> DocumentDetail:
    """Freeze the draft as stored and plan its sends: PDF rendered and CDA built on the database thread, off the
    GUI loop."""
    reader = context.session

    def run() -> DocumentDetail:
        lifecycle.validate(context.database, document_id, actor, cabinet, planners=context.planners)
        return lifecycle.get_document(context.database, document_id, reader)
    return await run_db(run)


async def new_version(context: AppContext, document_id: int, actor: Actor) -> DocumentDetail:
    """Start version n + 1 of a validated document (the old one stays valid until the new one is)."""
    db, reader = context.database, context.session

    def run() -> DocumentDetail:
        return lifecycle.get_document(db, lifecycle.replace(db, document_id, actor), reader)
    return await run_db(run)


async def archive(context: AppContext, document_id: int, actor: Actor, reason: str) -> DocumentDetail:
    db, reader = context.database, context.session

    def run() -> DocumentDetail:
        lifecycle.archive(db, document_id, actor, reason=reason)
        return lifecycle.get_document(db, document_id, reader)
    return await run_db(run)


async def delete(context: AppContext, document_id: int, actor: Actor, reason: str) -> DocumentDetail:
    db, reader = context.database, context.session

    def run() -> DocumentDetail:
        lifecycle.delete(db, document_id, actor, reason=reason)
        return lifecycle.get_document(db, document_id, reader)
    return await run_db(run)


async def frozen_cda(context: AppContext, document_id: int) -> bytes:
    return await run_db(lifecycle.frozen_bytes, context.database, document_id, context.session)


async def frozen_pdf(context: AppContext, document_id: int) -> bytes:
    """The PDF/A stored at validation: what is printed and saved as PDF (issue 13 item 12)."""
    return await run_db(lifecycle.frozen_bytes, context.database, document_id, context.session, pdf=True)


def save_draft_now(db: Database, document_id: int, actor: Actor, *, title: str, content: Content,
                   expected_version: int) -> int:
    """Blocking save, only for the last autosave while the window closes (the loop is stopping)."""
    return lifecycle.update_draft(db, document_id, actor, title=title, content=content,
                                  expected_version=expected_version)

