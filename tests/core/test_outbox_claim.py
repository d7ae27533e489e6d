"""Claiming under a lease, lease expiry and takeover, compare-and-set completion."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import update

from lgc_app.outbox.backoff import Backoff
from lgc_app.outbox.claim import claim_due
from lgc_app.outbox.completion import Completion, Outcome, record_all, record_failure, record_success
from lgc_app.outbox.errors import TransientSendError
from lgc_app.outbox.handler import HandlerResult
from lgc_app.outbox.models import EventKind, OrderStatus, SendOrder
from lgc_app.outbox.orders import order_trace
from lgc_app.persistence.base import utcnow
from lgc_app.persistence.database import Database
from tests.helpers.outbox import enqueue_orders


def _order(db: Database, order_id: str) -> SendOrder:
    with db.reading() as session:
        order = session.get(SendOrder, order_id)
        session.expunge(order)  # keep its loaded values readable after the session ends
        return order


def _kinds(db: Database, order_id: str) -> list[EventKind]:
    with db.reading() as session:
        return [event.kind for event in order_trace(session, order_id)]


def test_claim_marks_orders_in_progress_under_a_lease(db: Database) -> None:
    [order_id] = enqueue_orders(db, payload={"a": 1})
    now = utcnow() + timedelta(seconds=1)
    [claimed] = claim_due(db, workstation="maitre", limit=5, lease_seconds=60, lease_owner="maitre#1",
                          now=now)
    assert (claimed.id, claimed.attempt, claimed.lease_owner) == (order_id, 1, "maitre#1")
    assert claimed.payload == {"a": 1}
    order = _order(db, order_id)
    assert (order.status, order.attempts, order.lease_owner) == (OrderStatus.IN_PROGRESS, 1, "maitre#1")
    assert order.lease_expires_at == now + timedelta(seconds=60)
    assert _kinds(db, order_id) == [EventKind.CREATED, EventKind.CLAIMED]
    assert claim_due(db, workstation="maitre", limit=5, lease_seconds=60, now=now) == []


def test_claim_respects_limit_target_and_due_time(db: Database) -> None:
    enqueue_orders(db, 3)
    [targeted] = enqueue_orders(db, target_workstation="maitre")
    later = utcnow() + timedelta(seconds=1)

    def claim(workstation: str, limit: int, now: datetime = later) -> list[str]:
        return [o.id for o in claim_due(db, workstation=workstation, limit=limit, lease_seconds=60, now=now)]

    assert len(claim("autre", 2)) == 2
    assert len(claim("autre", 5)) == 1  # the targeted order is not for this workstation
    assert claim("maitre", 5) == [targeted]
    [future] = enqueue_orders(db)
    assert claim("maitre", 5, now=utcnow() - timedelta(hours=1)) == []
    assert _order(db, future).status is OrderStatus.PENDING


def test_an_expired_lease_is_taken_over_and_the_late_completion_is_refused(db: Database) -> None:
    [order_id] = enqueue_orders(db)
    start = utcnow() + timedelta(seconds=1)
    [by_a] = claim_due(db, workstation="p", lease_owner="A", limit=1, lease_seconds=30, now=start)
    assert claim_due(db, workstation="p", lease_owner="B", limit=1, lease_seconds=30,
                     now=start + timedelta(seconds=29)) == []
    [by_b] = claim_due(db, workstation="p", lease_owner="B", limit=1, lease_seconds=30,
                       now=start + timedelta(seconds=31))
    assert (by_b.id, by_b.attempt) == (order_id, 2)
    assert record_success(db, by_a, workstation="p", summary="trop tard") is Outcome.LEASE_LOST
    assert record_failure(db, by_a, TransientSendError("x"), workstation="p", backoff=Backoff()) \
        is Outcome.LEASE_LOST
    assert _order(db, order_id).status is OrderStatus.IN_PROGRESS
    assert record_success(db, by_b, workstation="p", summary="ok") is Outcome.SUCCEEDED
    order = _order(db, order_id)
    assert (order.status, order.lease_owner, order.attempts) == (OrderStatus.DONE, None, 2)
    assert order.done_at is not None
    assert _kinds(db, order_id) == [EventKind.CREATED, EventKind.CLAIMED, EventKind.LEASE_EXPIRED,
                                    EventKind.CLAIMED, EventKind.SUCCEEDED]


def test_the_same_owner_cannot_complete_an_attempt_taken_over_by_itself(db: Database) -> None:
    enqueue_orders(db)
    start = utcnow() + timedelta(seconds=1)
    [first] = claim_due(db, workstation="p", limit=1, lease_seconds=10, now=start)
    [second] = claim_due(db, workstation="p", limit=1, lease_seconds=10, now=start + timedelta(seconds=11))
    assert first.lease_owner == second.lease_owner == "p"
    assert record_success(db, first, workstation="p") is Outcome.LEASE_LOST
    assert record_success(db, second, workstation="p") is Outcome.SUCCEEDED


def test_an_order_that_kills_its_worker_every_time_ends_failed(db: Database) -> None:
    [order_id] = enqueue_orders(db, max_attempts=2)
    now = utcnow() + timedelta(seconds=1)
    for _ in range(2):
        assert len(claim_due(db, workstation="p", limit=1, lease_seconds=10, now=now)) == 1
        now += timedelta(seconds=11)
    assert claim_due(db, workstation="p", limit=1, lease_seconds=10, now=now) == []
    order = _order(db, order_id)
    assert order.status is OrderStatus.FAILED
    assert "s'est arrêté pendant l'envoi (2 fois)" in order.last_error
    assert _kinds(db, order_id)[-2:] == [EventKind.LEASE_EXPIRED, EventKind.FAILED_PERMANENTLY]


def test_a_transient_failure_schedules_the_next_attempt_after_the_backoff(db: Database) -> None:
    [order_id] = enqueue_orders(db)
    now = utcnow() + timedelta(seconds=1)
    [claimed] = claim_due(db, workstation="p", limit=1, lease_seconds=10, now=now)
    outcome = record_failure(db, claimed, TransientSendError("Service indisponible.", detail="HTTP 503"),
                             workstation="p", backoff=Backoff(base=30, cap=30), trace=["requête envoyée"],
                             now=now)
    assert outcome is Outcome.RETRY_SCHEDULED
    order = _order(db, order_id)
    assert order.status is OrderStatus.PENDING
    assert now <= order.next_attempt_at <= now + timedelta(seconds=30)
    assert order.last_error == "Service indisponible."
    with db.reading() as session:
        detail = order_trace(session, order_id)[-1].detail
    assert detail.startswith("requête envoyée\nService indisponible.\nHTTP 503\nNouvel essai prévu à ")
    assert claim_due(db, workstation="p", limit=1, lease_seconds=10, now=order.next_attempt_at
                     - timedelta(microseconds=1)) == []
    assert len(claim_due(db, workstation="p", limit=1, lease_seconds=10, now=order.next_attempt_at)) == 1


def test_a_group_commit_records_only_the_successes_whose_lease_is_still_held(db: Database) -> None:
    enqueue_orders(db, 3)
    start = utcnow() + timedelta(seconds=1)
    kept, lost, other = claim_due(db, workstation="p", lease_owner="A", limit=3, lease_seconds=30, now=start)
    with db.unit_of_work() as session:  # `lost` was taken over, `other` held by a second owner meanwhile
        session.execute(update(SendOrder).where(SendOrder.id == lost.id).values(attempts=SendOrder.attempts + 1))
        session.execute(update(SendOrder).where(SendOrder.id == other.id).values(lease_owner="B"))
    other_b = replace(other, lease_owner="B")
    completions = [Completion(order, HandlerResult(summary="ok")) for order in (kept, lost, other_b)]
    assert record_all(db, completions, workstation="p", backoff=Backoff()) == [
        Outcome.SUCCEEDED, Outcome.LEASE_LOST, Outcome.SUCCEEDED]
    assert [_order(db, order.id).status for order in (kept, lost, other)] == [
        OrderStatus.DONE, OrderStatus.IN_PROGRESS, OrderStatus.DONE]
    assert _kinds(db, lost.id) == [EventKind.CREATED, EventKind.CLAIMED]
    assert _kinds(db, kept.id)[-1] is _kinds(db, other.id)[-1] is EventKind.SUCCEEDED
