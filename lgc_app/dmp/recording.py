"""Writing the DMP's answer on the document's state (worker side; each call is its own short transaction).

Plain UPDATEs, with no read first: on SQLite a transaction that reads then writes can be refused at once
when another writer committed in between; an UPDATE takes the write lock at its first statement.
"""

from __future__ import annotations

from sqlalchemy import update

from lgc_app.dmp.models import DmpDocumentState, DmpState
from lgc_app.outbox.clock import database_now
from lgc_app.persistence.database import Database


def record_sent(db: Database, document_id: int, *, answer: str, replaces: str | None,
                replaced_document_id: int | None) -> None:
    """The DMP holds the document; the version it replaces there becomes "remplacé"."""
    with db.unit_of_work() as session:
        now = database_now(session)
        session.execute(
            update(DmpDocumentState).where(DmpDocumentState.document_id == document_id)
            .values(state=DmpState.SENT, reason=None, last_answer=answer, sent_at=now, replaces_entry_uuid=replaces))
        if replaces is not None and replaced_document_id is not None:
            session.execute(
                update(DmpDocumentState)
                .where(DmpDocumentState.document_id == replaced_document_id,
                       DmpDocumentState.state == DmpState.SENT)
                .values(state=DmpState.REPLACED, reason=f"Remplacé dans le DMP par le document {document_id}."))


def record_refused(db: Database, document_id: int, *, reason: str, answer: str) -> None:
    """The DMP refused the document for good (or it cannot be sent): the reason is shown on it."""
    with db.unit_of_work() as session:
        session.execute(
            update(DmpDocumentState).where(DmpDocumentState.document_id == document_id)
            .values(state=DmpState.REFUSED, reason=reason, last_answer=answer))
