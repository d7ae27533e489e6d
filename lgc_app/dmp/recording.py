"""Writing the DMP's answer on the document's state (worker side): `mark_sent` in the transaction that marks
the order sent (`HandlerResult.commit`), the other outcomes each in its own short transaction.

Plain UPDATEs, with no read first: on SQLite a transaction that reads then writes can be refused at once
when another writer committed in between; an UPDATE takes the write lock at its first statement. The
outcome is journaled in the same transaction (issue 11: documents sent), in the name of whoever ordered the
send, from the workstation that executed it.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from lgc_app.audit.events import AuditEvent
from lgc_app.audit.trail import record
from lgc_app.dmp.models import DmpDocumentState, DmpState
from lgc_app.documents.models import Document
from lgc_app.outbox.clock import database_now
from lgc_app.outbox.models import SendOrder
from lgc_app.persistence.database import Database

# Built once: `mark_sent` runs for every document the worker sends.
_STATES = cast(Table, DmpDocumentState.__table__)
_MARK_SENT = (update(_STATES).where(_STATES.c.document_id == bindparam("document"))
              .values(state=DmpState.SENT, reason=None, last_answer=bindparam("answer"), sent_at=bindparam("now"),
                      replaces_entry_uuid=bindparam("replaces")))
_MARK_REPLACED = (update(_STATES)
                  .where(_STATES.c.document_id == bindparam("document"), _STATES.c.state == DmpState.SENT)
                  .values(state=DmpState.REPLACED, reason=bindparam("why")))


def record_sent(db: Database, document_id: int, *, answer: str, replaces: str | None,
                replaced_document_id: int | None, order_id: str, workstation: str) -> None:
    """`mark_sent` in a transaction of its own."""
    with db.reading() as session:
        ordered_by, patient_id = _names(session, order_id, document_id)
    with db.unit_of_work() as session:
        mark_sent(session, document_id, answer=answer, replaces=replaces, replaced_document_id=replaced_document_id,
                  ordered_by=ordered_by, patient_id=patient_id, workstation=workstation)


def mark_sent(session: Session, document_id: int, *, answer: str, replaces: str | None,
              replaced_document_id: int | None, ordered_by: str | None, patient_id: int | None,
              workstation: str) -> None:
    """The DMP holds the document; the version it replaces there becomes "remplacé" (caller's transaction).

    `ordered_by` (the order's) and `patient_id` (the document's) name them in the journal: the worker read
    them with the document, so this write reads nothing.
    """
    session.execute(_MARK_SENT, {"document": document_id, "answer": answer, "now": database_now(session),
                                 "replaces": replaces})
    if replaces is not None and replaced_document_id is not None:
        session.execute(_MARK_REPLACED, {"document": replaced_document_id,
                                         "why": f"Remplacé dans le DMP par le document {document_id}."})
    _journal(session, AuditEvent.DOCUMENT_SENT, document_id, ordered_by, patient_id, workstation,
             f"Envoyé au DMP : {answer}")


def record_refused(db: Database, document_id: int, *, reason: str, answer: str, order_id: str,
                   workstation: str) -> None:
    """The DMP refused the document for good (or it cannot be sent): the reason is shown on it."""
    with db.unit_of_work() as session:
        session.execute(
            update(DmpDocumentState).where(DmpDocumentState.document_id == document_id)
            .values(state=DmpState.REFUSED, reason=reason, last_answer=answer))
        ordered_by, patient_id = _names(session, order_id, document_id)
        _journal(session, AuditEvent.DOCUMENT_REFUSED, document_id, ordered_by, patient_id, workstation,
                 f"Non envoyé au DMP : {answer} ({reason})")


def _names(session: Session, order_id: str, document_id: int) -> tuple[str | None, int | None]:
    """Who ordered the send, and the document's patient."""
    ordered_by = session.scalar(select(SendOrder.ordered_by).where(SendOrder.id == order_id))
    patient_id = session.scalar(select(Document.patient_id).where(Document.id == document_id))
    return ordered_by, patient_id


def _journal(session: Session, event: AuditEvent, document_id: int, ordered_by: str | None,
             patient_id: int | None, workstation: str, detail: str) -> None:
    """In the name of whoever ordered the send (the workstation when the order is gone)."""
    record(session, event, ordered_by or f"Poste {workstation}", workstation, f"document {document_id}", detail,
           patient_id=patient_id)
