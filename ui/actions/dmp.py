"""DMP actions of the GUI: consultation and the "Envois" panel, one core use case per function.

Each is a coroutine for the task bridge (`TaskManager.run`): DMP requests are awaited on the loop, database
work goes to the database thread (`run_db`), so a 3 s DMP answer never freezes the window (SC.DMP/UX.10).
Reads return detached, frozen snapshots that widgets may keep.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lgc_app.bootstrap import AppContext
from lgc_app.dmp import client_factory, consultation, feeding
from lgc_app.dmp import trace as dmp_trace
from lgc_app.dmp.consultation import Consultation, DmpDocument, DmpReader, DocumentFilter, ReceivedDocument
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.kinds import DocumentType
from lgc_app.outbox import orders
from lgc_app.outbox.models import EventKind, OrderStatus, SendOrder
from lgc_app.persistence.database import Database
from ui.actions.patients import user_of
from ui.dmp.order_trace import trace_text
from ui.tasks import run_db


async def dmp_client(context: AppContext) -> DmpReader:
    """The DMP client of the session's consultations (the connection is built once, in a thread)."""
    connection = await context.services.dmp.get()
    return client_factory.consultation_client(connection, context.session, Cabinet.from_settings(context.settings))


# --- consultation --------------------------------------------------------------------------------------------

async def consult(context: AppContext, patient_id: int, filters: DocumentFilter) -> Consultation:
    client = await dmp_client(context)
    return await consultation.consult(context.database, client, patient_id, filters, user=user_of(context),
                                      offload=run_db)


async def fetch(context: AppContext, patient_id: int, document: DmpDocument) -> bytes:
    client = await dmp_client(context)
    return await consultation.fetch(context.database, client, patient_id, document, offload=run_db)


async def import_document(context: AppContext, patient_id: int, document: DmpDocument) -> int:
    client = await dmp_client(context)
    return await consultation.import_document(context.database, client, patient_id, document,
                                              user=user_of(context), offload=run_db)


async def check_new_documents(context: AppContext, patient_id: int) -> int:
    client = await dmp_client(context)
    return await consultation.check_new_documents(context.database, client, patient_id, offload=run_db)


async def new_document_counts(db: Database, patient_ids: list[int]) -> dict[int, int]:
    def read() -> dict[int, int]:
        with db.reading() as session:
            return consultation.new_document_counts(session, patient_ids)
    return await run_db(read)


async def received_documents(db: Database, patient_id: int) -> list[ReceivedDocument]:
    def read() -> list[ReceivedDocument]:
        with db.reading() as session:
            return consultation.received_documents(session, patient_id)
    return await run_db(read)


async def received_content(db: Database, received_id: int) -> tuple[str, bytes]:
    def read() -> tuple[str, bytes]:
        with db.reading() as session:
            return consultation.received_content(session, received_id)
    return await run_db(read)


async def patient_label(db: Database, patient_id: int) -> tuple[str, bool]:
    """(display name, whether the DMP may be consulted: qualified INS)."""
    from lgc_app.patients import use_cases as patient_cases

    return await run_db(patient_cases.dmp_heading, db, patient_id)


# --- send orders ("Envois") ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class OrderLine:
    """One send order as the "Envois" table shows it."""

    id: str
    kind: str
    payload_ref: str
    payload: dict[str, Any]
    ordered_by: str
    origin_workstation: str
    target_workstation: str | None
    status: OrderStatus
    attempts: int
    max_attempts: int
    last_error: str | None
    created_at: datetime
    updated_at: datetime
    done_at: datetime | None
    next_attempt_at: datetime
    subject: str  # what is sent, in words ("Compte rendu … — DUPONT Elodie"), else the payload reference


@dataclass(frozen=True)
class TraceLine:
    """One event of an order's history (the detail is already masked)."""

    at: datetime
    kind: EventKind
    workstation: str | None
    detail: str


def _line(order: SendOrder, subject: str = "") -> OrderLine:
    return OrderLine(order.id, order.kind, order.payload_ref, dict(order.payload or {}), order.ordered_by,
                     order.origin_workstation, order.target_workstation, order.status, order.attempts,
                     order.max_attempts, order.last_error, order.created_at, order.updated_at, order.done_at,
                     order.next_attempt_at, subject or order.payload_ref)


async def list_orders(db: Database, status: OrderStatus | None = None) -> tuple[list[OrderLine],
                                                                                 dict[OrderStatus, int]]:
    """The most recent orders (filtered by status) and the count of every status."""
    def read() -> tuple[list[OrderLine], dict[OrderStatus, int]]:
        subjects = {feed.order_id: f"{feed.document_title} — {feed.patient_name}"
                    for feed in dmp_trace.feed_orders(db, status=status) if feed.document_id is not None}
        with db.reading() as session:
            found = orders.list_orders(session, status=status)
            return ([_line(order, subjects.get(order.id, "")) for order in found],
                    orders.counts_by_status(session))
    return await run_db(read)


async def order_trace(db: Database, order: OrderLine) -> str:
    """The order's trace as text: for a DMP order, the feeding trace (the same text as `lgc dmp trace`, the
    homologation proof); for other orders, the generic outbox trace."""
    def read() -> str:
        with db.reading() as session:
            if order.kind == feeding.KIND:
                feed = dmp_trace.trace_in(session, order.id)
                if feed is not None and feed.document_id is not None:
                    return dmp_trace.format_trace(feed)
            events = [TraceLine(event.at, event.kind, event.workstation, event.detail)
                      for event in orders.order_trace(session, order.id)]
            return trace_text(order, events)
    return await run_db(read)


async def retry_order(context: AppContext, order_id: str) -> OrderLine:
    def run() -> OrderLine:
        with context.database.unit_of_work() as session:
            return _line(orders.retry(session, order_id, user_of(context), workstation=context.workstation_name))
    return await run_db(run)


async def cancel_order(context: AppContext, order_id: str) -> OrderLine:
    def run() -> OrderLine:
        with context.database.unit_of_work() as session:
            return _line(orders.cancel(session, order_id, user_of(context), workstation=context.workstation_name))
    return await run_db(run)


# --- feeding decisions of the practitioner (SC.DMP/ALI/PROG.02) --------------------------------------------

async def withhold(context: AppContext, document_id: int, reason: str) -> None:
    """Keep one document out of the DMP with the reason recorded (its waiting order is cancelled)."""
    await run_db(feeding.withhold, context.database, document_id, context.session.actor(), reason)


async def release(context: AppContext, document_id: int) -> str:
    """Send a withheld (or excluded, refused) document to the DMP after all; returns the order id."""
    return await run_db(feeding.release, context.database, document_id, context.session.actor())


async def type_preferences(db: Database, practitioner_id: int) -> dict[DocumentType, bool]:
    return await run_db(feeding.type_preferences, db, practitioner_id)


async def set_type_preferences(context: AppContext, practitioner_id: int, wanted: dict[DocumentType, bool]) -> None:
    """Record the practitioner's choice for every type given (one transaction per type, as the core offers)."""
    actor = context.session.actor()

    def save() -> None:
        for document_type, send in wanted.items():
            feeding.set_type_preference(context.database, practitioner_id, document_type, send, actor)
    await run_db(save)
