"""Writing send orders and the user's actions on them; all run inside the caller's unit of work.

`enqueue` never commits: the order exists if and only if the business change that implies it commits
(ARCHITECTURE.md "Data flow" §2, "durable before visible").
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select
from sqlalchemy.orm import Session

from lgc_app.audit.events import AuditEvent
from lgc_app.audit.trail import record
from lgc_app.logs import mask
from lgc_app.outbox.clock import database_now
from lgc_app.outbox.errors import OrderStateError
from lgc_app.outbox.models import EVENTS, EventKind, OrderStatus, SendOrder, SendOrderEvent
from lgc_app.outbox.notify import notify

DEFAULT_MAX_ATTEMPTS = 8
_INSERT_EVENTS = insert(EVENTS)


def event_row(order_id: str, kind: EventKind, at: datetime, *, workstation: str | None,
              detail: str = "") -> dict[str, Any]:
    """One line of an order's history as column values; the detail is masked here, once for every caller."""
    return {"order_id": order_id, "kind": kind, "at": at, "workstation": workstation, "detail": mask(detail)}


def add_event(session: Session, order_id: str, kind: EventKind, at: datetime, *, workstation: str | None,
              detail: str = "") -> None:
    """Append one line to an order's history (ORM: the order may still be pending in the session)."""
    session.add(SendOrderEvent(**event_row(order_id, kind, at, workstation=workstation, detail=detail)))


def insert_events(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Append `event_row`s of orders already in the database, in one Core statement (the worker's path)."""
    if rows:
        connection.execute(_INSERT_EVENTS, rows)


def enqueue(session: Session, *, kind: str, payload_ref: str, payload: Mapping[str, Any] | None = None,
            ordered_by: str, origin_workstation: str, target_workstation: str | None = None,
            max_attempts: int = DEFAULT_MAX_ATTEMPTS) -> SendOrder:
    """Add a send order, due now, to the caller's transaction (nothing is committed here).

    Args:
        kind: handler name (`noop`, `dmp.feed`, `mss.send`…).
        payload_ref: what to send, e.g. `document:<id>`; the handler loads it at execution time.
        payload: small JSON parameters.
        target_workstation: the only workstation allowed to execute it; None lets any executing one.
    """
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")
    now = database_now(session)
    order = SendOrder(
        id=str(uuid.uuid4()), kind=kind, payload_ref=payload_ref, payload=dict(payload or {}),
        ordered_by=ordered_by, origin_workstation=origin_workstation, target_workstation=target_workstation,
        status=OrderStatus.PENDING, attempts=0, max_attempts=max_attempts, next_attempt_at=now,
        created_at=now, updated_at=now)
    session.add(order)
    add_event(session, order.id, EventKind.CREATED, now, workstation=origin_workstation,
              detail=f"Demandé par {ordered_by}")
    notify(session, target_workstation)
    return order


def list_orders(session: Session, *, status: OrderStatus | None = None, payload_ref: str | None = None,
                limit: int = 200) -> list[SendOrder]:
    """Most recent first, for the "Envois" panel."""
    query = select(SendOrder).order_by(SendOrder.created_at.desc(), SendOrder.id).limit(limit)
    if status is not None:
        query = query.where(SendOrder.status == status)
    if payload_ref is not None:
        query = query.where(SendOrder.payload_ref == payload_ref)
    return list(session.scalars(query))


def order_trace(session: Session, order_id: str) -> list[SendOrderEvent]:
    """The order's history, oldest first."""
    query = select(SendOrderEvent).where(SendOrderEvent.order_id == order_id).order_by(SendOrderEvent.id)
    return list(session.scalars(query))


def counts_by_status(session: Session) -> dict[OrderStatus, int]:
    rows = session.execute(select(SendOrder.status, func.count()).group_by(SendOrder.status))
    counts = dict.fromkeys(OrderStatus, 0)
    counts.update({status: count for status, count in rows})
    return counts


def _locked_order(session: Session, order_id: str) -> SendOrder:
    order = session.get(SendOrder, order_id, with_for_update=True)
    if order is None:
        raise OrderStateError(f"Envoi introuvable : {order_id}")
    return order


def retry(session: Session, order_id: str, user: str, *, workstation: str | None = None) -> SendOrder:
    """A user sends a failed order again: due now, with a fresh attempt budget, same id.

    Raises:
        OrderStateError: the order is not in the "à traiter" (failed) state.
    """
    order = _locked_order(session, order_id)
    if order.status is not OrderStatus.FAILED:
        raise OrderStateError(f"Seul un envoi « à traiter » peut être relancé (celui-ci est "
                              f"« {order.status.label} »).")
    now = database_now(session)
    order.status, order.attempts, order.next_attempt_at, order.updated_at = OrderStatus.PENDING, 0, now, now
    order.lease_owner = order.lease_expires_at = None
    add_event(session, order.id, EventKind.RETRIED_BY_USER, now, workstation=workstation,
              detail=f"Relancé par {user}")
    _audit(session, order, AuditEvent.ORDER_RETRIED, user, workstation)
    notify(session, order.target_workstation)
    return order


def cancel(session: Session, order_id: str, user: str, *, workstation: str | None = None) -> SendOrder:
    """A user gives up an order that is waiting or failed; one being executed cannot be recalled.

    Raises:
        OrderStateError: the order is in progress, already sent or already cancelled.
    """
    order = _locked_order(session, order_id)
    if order.status not in (OrderStatus.PENDING, OrderStatus.FAILED):
        raise OrderStateError(f"Cet envoi ne peut plus être annulé (il est « {order.status.label} »).")
    now = database_now(session)
    order.status, order.updated_at = OrderStatus.CANCELLED, now
    add_event(session, order.id, EventKind.CANCELLED, now, workstation=workstation,
              detail=f"Annulé par {user}")
    _audit(session, order, AuditEvent.ORDER_CANCELLED, user, workstation)
    return order


def _audit(session: Session, order: SendOrder, event: AuditEvent, user: str, workstation: str | None) -> None:
    """A user's decision on a send order is journaled (issue 11), with what the order sends."""
    record(session, event, user, workstation or "", f"envoi {order.id}", f"{order.kind} : {order.payload_ref}")
