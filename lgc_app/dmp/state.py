"""The DMP state of documents, as the GUI shows it (state column, document panel).

The stored state says what was decided and what the DMP answered; for a document whose order has not
finished, the order's own status is the truth (a user may retry or cancel it in the "Envois" panel), so
the state shown is derived from both, here and only here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from lgc_app.dmp.models import DmpDocumentState, DmpState
from lgc_app.documents.kinds import DocumentStatus, DocumentType
from lgc_app.documents.lifecycle import successor_of
from lgc_app.documents.models import Document
from lgc_app.outbox.models import OrderStatus, SendOrder
from lgc_app.persistence.database import Database

# Stored states that no order status can change any more.
_SETTLED = frozenset({DmpState.SENT, DmpState.REPLACED, DmpState.WITHHELD, DmpState.UNQUALIFIED,
                      DmpState.EXCLUDED})


@dataclass(frozen=True)
class DocumentDmpState:
    """One document's DMP state for display.

    Attributes:
        label: French label ("en attente", "envoyé", "refusé"…).
        reason: why (refusal message, withhold reason, why not sent); None when there is nothing to say.
        order_id: the send order (its trace: `lgc_app.outbox.trace.read_order`), None when none was created.
    """

    document_id: int
    state: DmpState
    reason: str | None
    order_id: str | None
    order_status: OrderStatus | None
    entry_uuid: str | None
    unique_id: str | None
    decided_by: str
    decided_at: datetime
    sent_at: datetime | None
    last_answer: str | None

    @property
    def label(self) -> str:
        return self.state.label

    @property
    def display(self) -> str:
        """"refusé : Patient inconnu du DMP." — label and reason on one line."""
        return f"{self.label} : {self.reason}" if self.reason else self.label


def effective_state(row: DmpDocumentState, order_status: OrderStatus | None,
                    order_error: str | None) -> tuple[DmpState, str | None]:
    """(state, reason) a user should see, combining the stored decision and the live order."""
    if row.state in _SETTLED or order_status is None:
        return row.state, row.reason
    if order_status is OrderStatus.FAILED:
        return DmpState.REFUSED, row.reason if row.state is DmpState.REFUSED else order_error
    if order_status is OrderStatus.CANCELLED:
        return DmpState.CANCELLED, None
    return DmpState.PENDING, None  # pending or in progress; a user retry also lands here


def _view(row: DmpDocumentState, order: SendOrder | None) -> DocumentDmpState:
    status = order.status if order is not None else None
    state, reason = effective_state(row, status, order.last_error if order is not None else None)
    return DocumentDmpState(
        document_id=row.document_id, state=state, reason=reason, order_id=row.order_id, order_status=status,
        entry_uuid=row.entry_uuid, unique_id=row.unique_id, decided_by=row.decided_by,
        decided_at=row.decided_at, sent_at=row.sent_at, last_answer=row.last_answer)


def states_in(session: Session, document_ids: Iterable[int]) -> dict[int, DocumentDmpState]:
    """The DMP state of each given document that has one (a draft or a pre-DMP document has none)."""
    ids = list(document_ids)
    if not ids:
        return {}
    query = (select(DmpDocumentState, SendOrder)
             .outerjoin(SendOrder, SendOrder.id == DmpDocumentState.order_id)
             .where(DmpDocumentState.document_id.in_(ids)))
    return {row.document_id: _view(row, order) for row, order in session.execute(query)}


def document_states(db: Database, document_ids: Iterable[int]) -> dict[int, DocumentDmpState]:
    """GUI query (state column of a document list): blocking, run it off the GUI loop."""
    with db.reading() as session:
        return states_in(session, document_ids)


def document_state(db: Database, document_id: int) -> DocumentDmpState | None:
    """GUI query (one document's panel): None when the document has no DMP state yet (draft)."""
    return document_states(db, [document_id]).get(document_id)


# Types whose current version is what the DMP shows (the patient's one medical summary): a new one is meant to
# replace the one there (RPLC), not to be another version 1 beside it.
ONE_VERSION_IN_DMP = frozenset({DocumentType.VSM})


@dataclass(frozen=True)
class DmpVersion:
    """A validated document of the patient whose version is in the DMP (sent, or on its way there).

    Attributes:
        next_version_id: a new version already started (draft or validated), to open rather than start again.
    """

    document_id: int
    title: str
    version_number: int
    validated_at: datetime | None
    next_version_id: int | None


def version_in_dmp(db: Database, patient_id: int, document_type: DocumentType, author_id: int) -> DmpVersion | None:
    """The author's latest document of this type that the DMP holds or is about to hold, for this patient.

    A second document of a type the DMP keeps one of (a VSM) should replace it there (RPLC) rather than
    arrive as another version 1: the GUI offers `lifecycle.replace` on what this returns.
    """
    with db.reading() as session:
        query = (select(Document, DmpDocumentState, SendOrder)
                 .join(DmpDocumentState, DmpDocumentState.document_id == Document.id)
                 .outerjoin(SendOrder, SendOrder.id == DmpDocumentState.order_id)
                 .where(Document.patient_id == patient_id, Document.type == document_type,
                        Document.author_id == author_id, Document.status == DocumentStatus.VALIDATED)
                 .order_by(Document.id.desc()))
        for document, row, order in session.execute(query):
            state, _reason = effective_state(row, order.status if order else None, order.last_error if order else None)
            if state in (DmpState.SENT, DmpState.PENDING):
                return DmpVersion(document.id, document.title, document.version_number, document.validated_at,
                                  successor_of(session, document.id))
        return None
