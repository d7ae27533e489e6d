"""Claiming due orders under a lease, safely when several workers (threads, processes, workstations) race.

PostgreSQL: `SELECT … FOR UPDATE SKIP LOCKED` lets concurrent claimers take disjoint rows without waiting.
SQLite: one writer at a time; `BEGIN IMMEDIATE` takes the write lock before the SELECT, so the read and the
update that follows form one atomic step and two processes never pick the same row.

An order `in_progress` whose lease expired belonged to a worker that died or hung: it is claimable again,
and the takeover is recorded (`lease_expired`). Each claim counts one attempt, so an order that kills its
worker every time still ends "à traiter" after `max_attempts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from lgc_app.outbox.clock import database_now
from lgc_app.outbox.models import EventKind, OrderStatus, SendOrder
from lgc_app.outbox.orders import add_event
from lgc_app.persistence.database import Database


@dataclass(frozen=True)
class ClaimedOrder:
    """A snapshot of a claimed order; (id, lease_owner, attempt) identifies this execution."""

    id: str
    kind: str
    payload_ref: str
    payload: dict[str, Any]
    attempt: int
    max_attempts: int
    lease_owner: str
    lease_expires_at: datetime


def _begin_write(session: Session) -> None:
    """On SQLite, take the database write lock now rather than at the first UPDATE."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    driver = connection.connection.driver_connection
    # pysqlite opens a transaction lazily, only before DML; a transaction already open here would make
    # the claim non-atomic, so it is a programming error, not something to paper over.
    if driver is None or driver.in_transaction:
        raise RuntimeError("claim_due must start its own transaction")
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def claim_due(db: Database, *, workstation: str, limit: int, lease_seconds: float,
              lease_owner: str | None = None, now: datetime | None = None) -> list[ClaimedOrder]:
    """Mark up to `limit` due orders in_progress under a lease held by `lease_owner`, and return them.

    Args:
        workstation: this workstation's name; orders targeted at another one are left alone.
        lease_owner: names the worker instance in the trace (default: the workstation); completion is
            checked against (owner, attempt), so a takeover is detected even between two workers of one name.
        now: the database clock when None (tests pass a time to travel).
    """
    if limit <= 0:
        return []
    with db.unit_of_work() as session:
        _begin_write(session)
        now = now or database_now(session)
        owner = lease_owner or workstation
        due = or_(
            and_(SendOrder.status == OrderStatus.PENDING, SendOrder.next_attempt_at <= now),
            and_(SendOrder.status == OrderStatus.IN_PROGRESS, SendOrder.lease_expires_at <= now),
        )
        mine = or_(SendOrder.target_workstation.is_(None), SendOrder.target_workstation == workstation)
        query = (select(SendOrder).where(due, mine).order_by(SendOrder.next_attempt_at).limit(limit)
                 .with_for_update(skip_locked=True))
        claimed = []
        for order in session.scalars(query):
            if order.status is OrderStatus.IN_PROGRESS and not _take_over(session, order, now, workstation):
                continue
            order.status = OrderStatus.IN_PROGRESS
            order.attempts += 1
            order.lease_owner = owner
            order.lease_expires_at = now + timedelta(seconds=lease_seconds)
            order.updated_at = now
            add_event(session, order.id, EventKind.CLAIMED, now, workstation=workstation,
                      detail=f"Tentative {order.attempts}/{order.max_attempts}")
            claimed.append(ClaimedOrder(
                id=order.id, kind=order.kind, payload_ref=order.payload_ref, payload=dict(order.payload),
                attempt=order.attempts, max_attempts=order.max_attempts, lease_owner=owner,
                lease_expires_at=order.lease_expires_at))
        return claimed


def _take_over(session: Session, order: SendOrder, now: datetime, workstation: str) -> bool:
    """Record the expired lease; False when the attempt budget is spent (the order is then failed)."""
    add_event(session, order.id, EventKind.LEASE_EXPIRED, now, workstation=workstation,
              detail=f"Le poste {order.lease_owner} n'a pas terminé la tentative {order.attempts} à temps.")
    if order.attempts < order.max_attempts:
        return True
    order.status = OrderStatus.FAILED
    order.lease_owner = order.lease_expires_at = None
    order.updated_at = now
    order.last_error = (f"Le poste chargé de l'envoi s'est arrêté pendant l'envoi ({order.attempts} fois) : "
                        "envoi abandonné.")
    add_event(session, order.id, EventKind.FAILED_PERMANENTLY, now, workstation=workstation,
              detail=order.last_error)
    return False
