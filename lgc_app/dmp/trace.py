"""The trace of DMP send orders, as the master workstation shows it (SC.DMP/ALI/PROG.02 proof).

For each order: who ordered it, from which workstation, when, which workstation executes it, and every
event of its history — the content sent and the DMP's answer at each attempt (masked before storage by
the outbox). `format_trace` renders it as text (`lgc dmp trace ORDER_ID`, export of the proof).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from lgc_app.dmp.feeding import KIND
from lgc_app.dmp.models import DmpDocumentState
from lgc_app.documents.models import Document
from lgc_app.outbox.models import EventKind, OrderStatus, SendOrder, SendOrderEvent
from lgc_app.outbox.orders import order_trace
from lgc_app.patients.models import Patient
from lgc_app.persistence.database import Database


@dataclass(frozen=True)
class TraceEvent:
    at: datetime
    kind: EventKind
    workstation: str | None
    detail: str

    @property
    def label(self) -> str:
        return self.kind.label


@dataclass(frozen=True)
class FeedOrder:
    """One DMP send order with what it concerns; `events` is empty in listings, filled by `feed_trace`."""

    order_id: str
    status: OrderStatus
    ordered_by: str
    origin_workstation: str
    target_workstation: str | None
    created_at: datetime
    done_at: datetime | None
    attempts: int
    last_error: str | None
    document_id: int | None
    document_title: str
    patient_name: str
    events: tuple[TraceEvent, ...] = ()

    @property
    def status_label(self) -> str:
        return self.status.label


def _query() -> Select[tuple[SendOrder, Document | None, Patient | None]]:
    return (select(SendOrder, Document, Patient)
            .outerjoin(DmpDocumentState, DmpDocumentState.order_id == SendOrder.id)
            .outerjoin(Document, Document.id == DmpDocumentState.document_id)
            .outerjoin(Patient, Patient.id == Document.patient_id)
            .where(SendOrder.kind == KIND))


def _summary(order: SendOrder, document: Document | None, patient: Patient | None,
             events: tuple[TraceEvent, ...] = ()) -> FeedOrder:
    return FeedOrder(
        order_id=order.id, status=order.status, ordered_by=order.ordered_by,
        origin_workstation=order.origin_workstation, target_workstation=order.target_workstation,
        created_at=order.created_at, done_at=order.done_at, attempts=order.attempts, last_error=order.last_error,
        document_id=document.id if document else None, document_title=document.title if document else "",
        patient_name=patient.display_name if patient else "", events=events)


def feed_orders(db: Database, *, status: OrderStatus | None = None, limit: int = 200) -> list[FeedOrder]:
    """GUI query ("Envois" panel, DMP filter): DMP orders, most recent first. Blocking: off the GUI loop."""
    query = _query().order_by(SendOrder.created_at.desc(), SendOrder.id).limit(limit)
    if status is not None:
        query = query.where(SendOrder.status == status)
    with db.reading() as session:
        return [_summary(*row) for row in session.execute(query)]


def trace_in(session: Session, order_id: str) -> FeedOrder | None:
    row = session.execute(_query().where(SendOrder.id == order_id)).first()
    if row is None:
        return None
    events = tuple(_event(event) for event in order_trace(session, order_id))
    return _summary(*row, events=events)


def _event(event: SendOrderEvent) -> TraceEvent:
    return TraceEvent(event.at, event.kind, event.workstation, event.detail)


def feed_trace(db: Database, order_id: str) -> FeedOrder | None:
    """GUI query (trace of one order): the order and its whole history, oldest event first."""
    with db.reading() as session:
        return trace_in(session, order_id)


def format_trace(order: FeedOrder) -> str:
    """The trace as text, in French (homologation proof)."""
    lines = [
        f"Envoi DMP {order.order_id} — {order.status_label}",
        f"Document : {order.document_title} (n° {order.document_id}) — patient {order.patient_name}",
        f"Demandé par {order.ordered_by} depuis le poste {order.origin_workstation} le "
        f"{order.created_at:%d/%m/%Y à %H:%M:%S} UTC",
        f"Poste exécutant : {order.target_workstation or 'tout poste exécutant les envois'} ; "
        f"tentatives : {order.attempts}",
    ]
    if order.last_error:
        lines.append(f"Dernière erreur : {order.last_error}")
    for event in order.events:
        lines.append(f"\n[{event.at:%d/%m/%Y %H:%M:%S}] {event.label} (poste {event.workstation or '—'})")
        if event.detail:
            lines.append(event.detail)
    return "\n".join(lines)
