"""Claiming due orders under a lease, safely when several workers (threads, processes, workstations) race.

PostgreSQL: `SELECT … FOR UPDATE SKIP LOCKED` lets concurrent claimers take disjoint rows without waiting.
SQLite: one writer at a time; `BEGIN IMMEDIATE` takes the write lock before the SELECT, so the read and the
update that follows form one atomic step and two processes never pick the same row.

Core statements, not the ORM, built once with bound parameters: every order sent goes through here, and the
ORM's unit of work, or building and caching the statements at each claim, would add milliseconds per order
for nothing.

An order `in_progress` whose lease expired belonged to a worker that died or hung: it is claimable again,
and the takeover is recorded (`lease_expired`). Each claim counts one attempt, so an order that kills its
worker every time still ends "à traiter" after `max_attempts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Row, and_, bindparam, or_, select, update

from lgc_app.outbox.clock import database_now
from lgc_app.outbox.models import ORDERS, EventKind, OrderStatus
from lgc_app.outbox.orders import event_row, insert_events
from lgc_app.persistence.database import Database


@dataclass(frozen=True)
class ClaimedOrder:
    """A snapshot of a claimed order; (id, lease_owner, attempt) identifies this execution."""

    id: str
    kind: str
    payload_ref: str
    payload: dict[str, Any]
    ordered_by: str
    attempt: int
    max_attempts: int
    lease_owner: str
    lease_expires_at: datetime


_DUE = or_(
    and_(ORDERS.c.status == OrderStatus.PENDING, ORDERS.c.next_attempt_at <= bindparam("now")),
    and_(ORDERS.c.status == OrderStatus.IN_PROGRESS, ORDERS.c.lease_expires_at <= bindparam("now")),
)
_MINE = or_(ORDERS.c.target_workstation.is_(None), ORDERS.c.target_workstation == bindparam("workstation"))
_SELECT_DUE = (select(ORDERS.c.id, ORDERS.c.kind, ORDERS.c.payload_ref, ORDERS.c.payload, ORDERS.c.ordered_by,
                      ORDERS.c.status, ORDERS.c.attempts, ORDERS.c.max_attempts, ORDERS.c.lease_owner)
               .where(_DUE, _MINE).order_by(ORDERS.c.next_attempt_at).limit(bindparam("limit"))
               .with_for_update(skip_locked=True))
_LEASE = (update(ORDERS).where(ORDERS.c.id.in_(bindparam("ids", expanding=True)))
          .values(status=OrderStatus.IN_PROGRESS, attempts=ORDERS.c.attempts + 1, lease_owner=bindparam("owner"),
                  lease_expires_at=bindparam("expires"), updated_at=bindparam("now")))


def _begin_write(connection: Connection) -> None:
    """On SQLite, take the database write lock now rather than at the first UPDATE."""
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
        connection = session.connection()
        _begin_write(connection)
        now = now or database_now(session)
        owner = lease_owner or workstation
        events: list[dict[str, Any]] = []
        due = connection.execute(_SELECT_DUE, {"now": now, "workstation": workstation, "limit": limit}).all()
        rows = [row for row in due
                if row.status is not OrderStatus.IN_PROGRESS or _take_over(connection, row, now, workstation, events)]
        lease_expires_at = now + timedelta(seconds=lease_seconds)
        if rows:
            connection.execute(_LEASE, {"ids": [row.id for row in rows], "owner": owner,
                                        "expires": lease_expires_at, "now": now})
        events += [event_row(row.id, EventKind.CLAIMED, now, workstation=workstation,
                             detail=f"Tentative {row.attempts + 1}/{row.max_attempts}") for row in rows]
        insert_events(connection, events)
        return [ClaimedOrder(id=row.id, kind=row.kind, payload_ref=row.payload_ref, payload=dict(row.payload),
                             ordered_by=row.ordered_by, attempt=row.attempts + 1, max_attempts=row.max_attempts,
                             lease_owner=owner, lease_expires_at=lease_expires_at) for row in rows]


def _take_over(connection: Connection, order: Row[*tuple[Any, ...]], now: datetime, workstation: str,
               events: list[dict[str, Any]]) -> bool:
    """Record the expired lease; False when the attempt budget is spent (the order is then failed)."""
    events.append(event_row(
        order.id, EventKind.LEASE_EXPIRED, now, workstation=workstation,
        detail=f"Le poste {order.lease_owner} n'a pas terminé la tentative {order.attempts} à temps."))
    if order.attempts < order.max_attempts:
        return True
    last_error = (f"Le poste chargé de l'envoi s'est arrêté pendant l'envoi ({order.attempts} fois) : "
                  "envoi abandonné.")
    connection.execute(update(ORDERS).where(ORDERS.c.id == order.id)
                       .values(status=OrderStatus.FAILED, lease_owner=None, lease_expires_at=None, updated_at=now,
                               last_error=last_error))
    events.append(event_row(order.id, EventKind.FAILED_PERMANENTLY, now, workstation=workstation, detail=last_error))
    return False
