"""Writing the DMP's answer on the document's state (worker side): `mark_sent` in the transaction that marks
the order sent (`HandlerResult.commit`), the other outcomes each in its own short transaction.

Plain UPDATEs, with no read first: on SQLite a transaction that reads then writes can be refused at once
when another writer committed in between; an UPDATE takes the write lock at its first statement. The
outcome is journaled in the same transaction (issue 11: documents sent), in the name of whoever ordered the
send, from the workstation that executed it.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from lgc_app.audit.events import AuditEvent
from lgc_app.audit.trail import record
from lgc_app.dmp.models import DmpDocumentState, DmpState
from lgc_app.documents.models import Document
from lgc_app.outbox.clock import database_now
from lgc_app.outbox.models import SendOrder
from lgc_app.persistence.database import Database


def record_sent(db: Database, document_id: int, *, answer: str, replaces: str | None,
                replaced_document_id: int | None, order_id: str, workstation: str) -> None:
    """`mark_sent` in a transaction of its own."""
    with db.unit_of_work() as session:
        mark_sent(session, document_id, answer=answer, replaces=replaces, replaced_document_id=replaced_document_id,
                  order_id=order_id, workstation=workstation)


def mark_sent(session: Session, document_id: int, *, answer: str, replaces: str | None,
              replaced_document_id: int | None, order_id: str, workstation: str) -> None:
    """The DMP holds the document; the version it replaces there becomes "remplacé" (caller's transaction)."""
    now = database_now(session)
    session.execute(
        update(DmpDocumentState).where(DmpDocumentState.document_id == document_id)
        .values(state=DmpState.SENT, reason=None, last_answer=answer, sent_at=now, replaces_entry_uuid=replaces)
        .execution_options(synchronize_session=False))
    if replaces is not None and replaced_document_id is not None:
        session.execute(
            update(DmpDocumentState)
            .where(DmpDocumentState.document_id == replaced_document_id, DmpDocumentState.state == DmpState.SENT)
            .values(state=DmpState.REPLACED, reason=f"Remplacé dans le DMP par le document {document_id}.")
            .execution_options(synchronize_session=False))
    _journal(session, AuditEvent.DOCUMENT_SENT, document_id, order_id, workstation, f"Envoyé au DMP : {answer}")


def record_refused(db: Database, document_id: int, *, reason: str, answer: str, order_id: str,
                   workstation: str) -> None:
    """The DMP refused the document for good (or it cannot be sent): the reason is shown on it."""
    with db.unit_of_work() as session:
        session.execute(
            update(DmpDocumentState).where(DmpDocumentState.document_id == document_id)
            .values(state=DmpState.REFUSED, reason=reason, last_answer=answer))
        _journal(session, AuditEvent.DOCUMENT_REFUSED, document_id, order_id, workstation,
                 f"Non envoyé au DMP : {answer} ({reason})")


def _journal(session: Session, event: AuditEvent, document_id: int, order_id: str, workstation: str,
             detail: str) -> None:
    ordered_by = session.scalar(select(SendOrder.ordered_by).where(SendOrder.id == order_id))
    patient_id = session.scalar(select(Document.patient_id).where(Document.id == document_id))
    record(session, event, ordered_by or f"Poste {workstation}", workstation, f"document {document_id}", detail,
           patient_id=patient_id)
