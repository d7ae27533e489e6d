"""Enqueueing inside the caller's unit of work, and the user's actions on orders (retry, cancel)."""

from __future__ import annotations

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from lgc_app.outbox.errors import OrderStateError
from lgc_app.outbox.models import EventKind, OrderStatus, SendOrder, SendOrderEvent
from lgc_app.outbox.orders import cancel, counts_by_status, enqueue, list_orders, order_trace, retry
from lgc_app.persistence.base import Base
from lgc_app.persistence.database import Database
from tests.helpers.outbox import enqueue_order


def _fail(db: Database, order_id: str) -> None:
    with db.unit_of_work() as session:
        order = session.get(SendOrder, order_id)
        order.status, order.last_error = OrderStatus.FAILED, "refusé"


def test_enqueue_in_a_rolled_back_unit_of_work_leaves_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError), db.unit_of_work() as session:
        enqueue(session, kind="noop", payload_ref="document:1", ordered_by="Dr Test", origin_workstation="p1")
        raise RuntimeError("the business change failed")
    with db.reading() as session:
        assert session.scalars(select(SendOrder)).all() == []
        assert session.scalars(select(SendOrderEvent)).all() == []


def test_enqueue_creates_a_due_pending_order_with_its_created_event(db: Database) -> None:
    order_id = enqueue_order(db, payload={"to": "x"}, target_workstation="maitre", max_attempts=3)
    with db.reading() as session:
        order = session.get(SendOrder, order_id)
        assert uuid.UUID(order.id)
        assert order.status is OrderStatus.PENDING
        assert (order.attempts, order.max_attempts, order.payload) == (0, 3, {"to": "x"})
        assert order.target_workstation == "maitre"
        assert order.next_attempt_at == order.created_at
        events = [(e.kind, e.workstation, e.detail) for e in order_trace(session, order_id)]
    assert events == [(EventKind.CREATED, "poste-1", "Demandé par Dr Test")]


def test_enqueue_refuses_a_zero_attempt_budget(db: Database) -> None:
    with pytest.raises(ValueError), db.unit_of_work() as session:
        enqueue(session, kind="noop", payload_ref="d", ordered_by="u", origin_workstation="p", max_attempts=0)


def test_retry_puts_a_failed_order_back_with_a_fresh_budget_and_the_same_id(db: Database) -> None:
    order_id = enqueue_order(db)
    _fail(db, order_id)
    with db.unit_of_work() as session:
        session.get(SendOrder, order_id).attempts = 8
        retry(session, order_id, "Dr Test", workstation="poste-2")
    with db.reading() as session:
        order = session.get(SendOrder, order_id)
        assert (order.status, order.attempts) == (OrderStatus.PENDING, 0)
        last = order_trace(session, order_id)[-1]
        assert (last.kind, last.workstation, last.detail) == (EventKind.RETRIED_BY_USER, "poste-2",
                                                              "Relancé par Dr Test")


def test_retry_refuses_an_order_that_is_not_failed(db: Database) -> None:
    order_id = enqueue_order(db)
    with pytest.raises(OrderStateError, match="à traiter"), db.unit_of_work() as session:
        retry(session, order_id, "Dr Test")


def test_cancel_pending_or_failed_but_not_done(db: Database) -> None:
    pending, failed, done = enqueue_order(db), enqueue_order(db), enqueue_order(db)
    _fail(db, failed)
    with db.unit_of_work() as session:
        session.get(SendOrder, done).status = OrderStatus.DONE
    with db.unit_of_work() as session:
        cancel(session, pending, "Dr Test")
        cancel(session, failed, "Dr Test")
    with pytest.raises(OrderStateError, match="envoyé"), db.unit_of_work() as session:
        cancel(session, done, "Dr Test")
    with pytest.raises(OrderStateError, match="introuvable"), db.unit_of_work() as session:
        cancel(session, str(uuid.uuid4()), "Dr Test")
    with db.reading() as session:
        assert counts_by_status(session) == {OrderStatus.PENDING: 0, OrderStatus.IN_PROGRESS: 0,
                                             OrderStatus.DONE: 1, OrderStatus.FAILED: 0,
                                             OrderStatus.CANCELLED: 2}
        assert order_trace(session, pending)[-1].kind is EventKind.CANCELLED


def test_list_orders_filters_and_limits(db: Database) -> None:
    first = enqueue_order(db, payload_ref="document:1")
    enqueue_order(db, payload_ref="document:2")
    _fail(db, first)
    with db.reading() as session:
        assert [o.id for o in list_orders(session, status=OrderStatus.FAILED)] == [first]
        assert [o.payload_ref for o in list_orders(session, payload_ref="document:2")] == ["document:2"]
        assert len(list_orders(session, limit=1)) == 1
        assert len(list_orders(session)) == 2


def test_every_status_and_event_has_a_french_label() -> None:
    assert OrderStatus.FAILED.label == "à traiter"
    assert all(status.label for status in OrderStatus)
    assert all(kind.label for kind in EventKind)


def test_migration_matches_the_models(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = [d for d in compare_metadata(context, Base.metadata) if "send_order" in str(d)]
    assert diff == []
