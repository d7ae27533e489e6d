"""Recording the outcome of one execution, only if this execution still holds the order's lease.

Each write is a compare-and-set on (id, in_progress, lease owner, attempt): a worker that was too slow,
whose order was taken over after its lease expired, cannot overwrite the newer attempt's state. Core
statements built once (bound parameters): the worker writes these rows for every order it sends, the ORM's
unit of work or building each statement anew would only add cost.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, CursorResult, bindparam, tuple_, update
from sqlalchemy.orm import Session

from lgc_app.audit.trail import together
from lgc_app.outbox.backoff import Backoff
from lgc_app.outbox.claim import ClaimedOrder
from lgc_app.outbox.clock import database_now
from lgc_app.outbox.errors import PermanentSendError, SendError
from lgc_app.outbox.handler import HandlerResult
from lgc_app.outbox.models import ORDERS, EventKind, OrderStatus
from lgc_app.outbox.orders import event_row, insert_events
from lgc_app.persistence.database import Database


class Outcome(enum.StrEnum):
    SUCCEEDED = "succeeded"
    RETRY_SCHEDULED = "retry_scheduled"
    FAILED = "failed"
    LEASE_LOST = "lease_lost"


# The SET clause is the columns named in the parameters (the outcome's), with the lease released.
_IF_OWNED = update(ORDERS).where(ORDERS.c.id == bindparam("cas_id"), ORDERS.c.status == OrderStatus.IN_PROGRESS,
                                 ORDERS.c.lease_owner == bindparam("cas_owner"),
                                 ORDERS.c.attempts == bindparam("cas_attempt"))


def _set_if_owned(connection: Connection, order: ClaimedOrder, **values: Any) -> bool:
    result = connection.execute(_IF_OWNED, {"cas_id": order.id, "cas_owner": order.lease_owner,
                                            "cas_attempt": order.attempt, "lease_owner": None,
                                            "lease_expires_at": None, **values})
    assert isinstance(result, CursorResult)
    return result.rowcount == 1


# Every success of a group commit in one compare-and-set: the orders still held by (owner, attempt) are marked
# sent, and named back.
_DONE_IF_OWNED = (update(ORDERS)
                  .where(ORDERS.c.status == OrderStatus.IN_PROGRESS, ORDERS.c.lease_owner == bindparam("cas_owner"),
                         tuple_(ORDERS.c.id, ORDERS.c.attempts).in_(bindparam("cas", expanding=True)))
                  .values(status=OrderStatus.DONE, done_at=bindparam("now"), updated_at=bindparam("now"),
                          last_error=None, lease_owner=None, lease_expires_at=None)
                  .returning(ORDERS.c.id))


def _mark_done(connection: Connection, orders: Sequence[ClaimedOrder], now: datetime) -> set[str]:
    """The ids of `orders` whose execution still held the lease, now marked sent."""
    done: set[str] = set()
    for owner in {order.lease_owner for order in orders}:
        held = [(order.id, order.attempt) for order in orders if order.lease_owner == owner]
        done.update(connection.scalars(_DONE_IF_OWNED, {"cas_owner": owner, "cas": held, "now": now}))
    return done


def _detail(trace: Sequence[str], last: str) -> str:
    return "\n".join([*trace, last] if last else trace)


@dataclass(frozen=True)
class Completion:
    """One execution's result to record: the service's answer, or the error; with the handler's trace."""

    order: ClaimedOrder
    result: HandlerResult | SendError
    trace: Sequence[str] = ()


def record_success(db: Database, order: ClaimedOrder, *, workstation: str, trace: Sequence[str] = (),
                   summary: str | None = None, commit: Callable[[Session], None] | None = None,
                   now: datetime | None = None) -> Outcome:
    """Mark the order sent, with `commit` (the handler's own writes, `HandlerResult.commit`) in the same
    transaction: the document is never "sent" while its order is not, nor the other way round. `commit` runs
    even when the lease was lost: the service accepted the document all the same."""
    with db.unit_of_work() as session:
        events: list[dict[str, Any]] = []
        now = now or database_now(session)
        connection = session.connection()
        outcome = _succeeded(order, _mark_done(connection, [order], now), workstation, trace, summary, now, events)
        insert_events(connection, events)
        if commit is not None:
            commit(session)
        return outcome


def record_failure(db: Database, order: ClaimedOrder, error: SendError, *, workstation: str, backoff: Backoff,
                   trace: Sequence[str] = (), now: datetime | None = None) -> Outcome:
    """Schedule the next attempt, or fail the order for good (permanent error or attempts exhausted)."""
    with db.unit_of_work() as session:
        events: list[dict[str, Any]] = []
        now = now or database_now(session)
        connection = session.connection()
        outcome = _fail(connection, order, error, workstation, backoff, trace, now, events)
        insert_events(connection, events)
        return outcome


def record_all(db: Database, completions: Sequence[Completion], *, workstation: str,
               backoff: Backoff) -> list[Outcome]:
    """Record several executions in one transaction (the worker's group commit: one commit, and on PostgreSQL
    one disk flush, for all the orders that finished meanwhile); their outcomes in the same order. If one of
    them fails (a handler's write), nothing is recorded: the caller records them one by one."""
    with db.unit_of_work() as session:
        now = database_now(session)
        connection = session.connection()
        events: list[dict[str, Any]] = []
        done = _mark_done(connection, [item.order for item in completions if isinstance(item.result, HandlerResult)],
                          now)
        outcomes = [_fail(connection, item.order, item.result, workstation, backoff, item.trace, now, events)
                    if isinstance(item.result, SendError)
                    else _succeeded(item.order, done, workstation, item.trace, item.result.summary, now, events)
                    for item in completions]
        insert_events(connection, events)  # one statement for all
        # The handlers' writes last: they journal (issue 11), and the journal's chain head stays locked until
        # the commit; taken last, it is held the shortest time (slaves validating wait for it too). Their
        # events are appended together: one turn on the chain head for all.
        with together(session):
            for item in completions:
                if isinstance(item.result, HandlerResult) and item.result.commit is not None:
                    item.result.commit(session)
        return outcomes


def _succeeded(order: ClaimedOrder, done: set[str], workstation: str, trace: Sequence[str], summary: str | None,
               now: datetime, events: list[dict[str, Any]]) -> Outcome:
    """The outcome of a success `_mark_done` recorded (`done`) or not; its history line goes to `events`."""
    owned = order.id in done
    if owned:
        events.append(event_row(order.id, EventKind.SUCCEEDED, now, workstation=workstation,
                                detail=_detail(trace, summary or "")))
    return Outcome.SUCCEEDED if owned else Outcome.LEASE_LOST


def _fail(connection: Connection, order: ClaimedOrder, error: SendError, workstation: str, backoff: Backoff,
          trace: Sequence[str], now: datetime, events: list[dict[str, Any]]) -> Outcome:
    detail = _detail(trace, f"{error.text}\n{error.detail}".strip())
    if isinstance(error, PermanentSendError) or order.attempt >= order.max_attempts:
        message = error.text
        if not isinstance(error, PermanentSendError):
            message = f"{message} (abandon après {order.attempt} tentatives)"
        if not _set_if_owned(connection, order, status=OrderStatus.FAILED, updated_at=now, last_error=message):
            return Outcome.LEASE_LOST
        events.append(event_row(order.id, EventKind.FAILED_PERMANENTLY, now, workstation=workstation,
                                detail=_detail([detail], message if message != error.text else "")))
        return Outcome.FAILED
    next_at = now + backoff.delay(order.attempt)
    if not _set_if_owned(connection, order, status=OrderStatus.PENDING, updated_at=now, next_attempt_at=next_at,
                         last_error=error.text):
        return Outcome.LEASE_LOST
    retry = f"Nouvel essai prévu à {next_at:%Y-%m-%d %H:%M:%S} UTC"
    events.append(event_row(order.id, EventKind.ATTEMPT_FAILED, now, workstation=workstation,
                            detail=_detail([detail], retry)))
    return Outcome.RETRY_SCHEDULED
