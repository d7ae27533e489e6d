"""The worker: execution, retries with backoff, permanent failures, traces and the role rule."""

from __future__ import annotations

import asyncio
import logging
import random
from datetime import timedelta

import pytest

from lgc_app.bootstrap import outbox_handlers
from lgc_app.config import Role, Settings
from lgc_app.outbox.backoff import Backoff
from lgc_app.outbox.completion import Outcome
from lgc_app.outbox.errors import TransientSendError
from lgc_app.outbox.handler import HandlerResult, OrderContext
from lgc_app.outbox.models import EventKind, OrderStatus, SendOrder
from lgc_app.outbox.orders import order_trace
from lgc_app.outbox.process import start_worker_process
from lgc_app.outbox.worker import Worker
from lgc_app.persistence.base import utcnow
from lgc_app.persistence.database import Database
from lgc_app.workstation import Workstation
from tests.helpers.outbox import enqueue_orders


class HighestDraw(random.Random):
    def uniform(self, a: float, b: float) -> float:
        return b

def _worker(db: Database, **options: object) -> Worker:
    handlers = options.pop("handlers", outbox_handlers(Settings()))
    return Worker(db, handlers, workstation="poste-1", **options)


def _order(db: Database, order_id: str) -> SendOrder:
    with db.reading() as session:
        order = session.get(SendOrder, order_id)
        session.expunge(order)
        return order


def _events(db: Database, order_id: str) -> list[tuple[EventKind, str]]:
    with db.reading() as session:
        return [(event.kind, event.detail) for event in order_trace(session, order_id)]


def _make_due(db: Database, order_id: str) -> None:
    """Time travel: the scheduled retry is due now."""
    with db.unit_of_work() as session:
        session.get(SendOrder, order_id).next_attempt_at = utcnow() - timedelta(seconds=1)


async def test_noop_orders_are_executed_and_traced(db: Database) -> None:
    ids = enqueue_orders(db, 3)
    counts = await _worker(db).run_once()
    assert counts == {Outcome.SUCCEEDED: 3}
    for order_id in ids:
        order = _order(db, order_id)
        assert (order.status, order.attempts, order.last_error) == (OrderStatus.DONE, 1, None)
        events = _events(db, order_id)
        assert [kind for kind, _ in events] == [EventKind.CREATED, EventKind.CLAIMED, EventKind.SUCCEEDED]
        assert events[-1][1] == "noop : tentative 1 pour document:1\nnoop : rien à envoyer"
    assert await _worker(db).run_once() == {}


async def test_transient_failures_are_retried_later_with_increasing_delay(db: Database) -> None:
    [order_id] = enqueue_orders(db, payload={"fail_attempts": 3})
    worker = _worker(db, backoff=Backoff(base=10, cap=1000, rng=HighestDraw()))
    delays = []
    for _ in range(3):
        assert await worker.run_once() == {Outcome.RETRY_SCHEDULED: 1}
        order = _order(db, order_id)
        assert order.status is OrderStatus.PENDING
        assert order.last_error == "Service de test indisponible (échec temporaire demandé)."
        assert await worker.run_once() == {}  # not due yet
        delays.append(round((order.next_attempt_at - order.updated_at).total_seconds()))
        _make_due(db, order_id)
    assert delays == [10, 20, 40]
    assert await worker.run_once() == {Outcome.SUCCEEDED: 1}
    order = _order(db, order_id)
    assert (order.status, order.attempts, order.last_error) == (OrderStatus.DONE, 4, None)
    assert [k for k, _ in _events(db, order_id)].count(EventKind.ATTEMPT_FAILED) == 3


async def test_a_permanent_failure_is_not_retried_and_waits_for_a_user(db: Database) -> None:
    [order_id] = enqueue_orders(db, payload={"permanent": True})
    assert await _worker(db).run_once() == {Outcome.FAILED: 1}
    order = _order(db, order_id)
    assert (order.status, order.attempts) == (OrderStatus.FAILED, 1)
    assert order.last_error == "Envoi de test refusé (échec définitif demandé)."
    kind, detail = _events(db, order_id)[-1]
    assert kind is EventKind.FAILED_PERMANENTLY
    assert "Envoi de test refusé" in detail


async def test_after_max_attempts_a_transient_failure_becomes_permanent(db: Database) -> None:
    [order_id] = enqueue_orders(db, payload={"fail_attempts": 99}, max_attempts=3)
    worker = _worker(db)
    outcomes = []
    for _ in range(3):
        outcomes += list((await worker.run_once()).elements())
        _make_due(db, order_id)
    assert outcomes == [Outcome.RETRY_SCHEDULED, Outcome.RETRY_SCHEDULED, Outcome.FAILED]
    order = _order(db, order_id)
    assert order.status is OrderStatus.FAILED
    assert order.last_error == ("Service de test indisponible (échec temporaire demandé). "
                                "(abandon après 3 tentatives)")
    assert await worker.run_once() == {}


async def test_an_unknown_kind_fails_permanently_with_a_clear_message(db: Database) -> None:
    [order_id] = enqueue_orders(db, kind="fax.send")
    assert await _worker(db).run_once() == {Outcome.FAILED: 1}
    assert _order(db, order_id).last_error == "Type d'envoi inconnu de ce poste : « fax.send »."


async def test_an_unexpected_exception_is_logged_and_retried(db: Database,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    [order_id] = enqueue_orders(db, payload={"crash": True})
    with caplog.at_level(logging.ERROR, logger="lgc.outbox.worker"):
        assert await _worker(db).run_once() == {Outcome.RETRY_SCHEDULED: 1}
    assert "noop crash requested" in caplog.text  # the traceback is in the log
    assert _order(db, order_id).last_error == "Erreur inattendue pendant l'envoi (RuntimeError)."
    assert "Traceback" in _events(db, order_id)[-1][1]


async def test_a_handler_that_outlives_its_lease_is_stopped(db: Database) -> None:
    [order_id] = enqueue_orders(db, payload={"sleep": 5})
    assert await _worker(db, lease_seconds=0.25).run_once() == {Outcome.RETRY_SCHEDULED: 1}
    assert _order(db, order_id).last_error == "Le service n'a pas répondu à temps."


async def test_the_handler_context_and_masked_trace(db: Database) -> None:
    seen: list[OrderContext] = []

    async def handler(ctx: OrderContext) -> HandlerResult:
        seen.append(ctx)
        ctx.trace("POST /dmp Authorization: Bearer s3cr3t-token")
        return HandlerResult(summary="accepté")

    [order_id] = enqueue_orders(db, kind="test.kind", payload={"n": 1}, payload_ref="document:9")
    await _worker(db, handlers={"test.kind": handler}).run_once()
    [ctx] = seen
    assert (ctx.order_id, ctx.kind, ctx.payload_ref, ctx.payload, ctx.attempt, ctx.max_attempts, ctx.db) == \
        (order_id, "test.kind", "document:9", {"n": 1}, 1, 8, db)
    detail = _events(db, order_id)[-1][1]
    assert "s3cr3t" not in detail
    assert detail == "POST /dmp Authorization: Bearer ***\naccepté"


async def test_handlers_run_concurrently_up_to_the_limit(db: Database) -> None:
    running, peak = 0, 0

    async def handler(ctx: OrderContext) -> HandlerResult:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.05)
        running -= 1
        return HandlerResult()

    enqueue_orders(db, 10, kind="slow")
    counts = await _worker(db, handlers={"slow": handler}, concurrency=3, batch=10).run_once()
    assert counts == {Outcome.SUCCEEDED: 10}
    assert peak == 3


async def test_handler_exceptions_never_stop_the_worker(db: Database) -> None:
    async def handler(ctx: OrderContext) -> HandlerResult:
        if ctx.payload["fail"]:
            raise TransientSendError("Réseau indisponible.")
        return HandlerResult()

    enqueue_orders(db, 2, kind="k", payload={"fail": True})
    enqueue_orders(db, 2, kind="k", payload={"fail": False})
    assert await _worker(db, handlers={"k": handler}).run_once() == {Outcome.SUCCEEDED: 2,
                                                                     Outcome.RETRY_SCHEDULED: 2}


class ClosableHandler:
    """A handler holding a resource, as the DMP feed handler holds its connection."""

    def __init__(self, *, fail_to_close: bool = False) -> None:
        self.closed = 0
        self.fail_to_close = fail_to_close
        self.called = asyncio.Event()

    async def __call__(self, ctx: OrderContext) -> HandlerResult:
        self.called.set()
        return HandlerResult()

    async def aclose(self) -> None:
        self.closed += 1
        if self.fail_to_close:
            raise OSError("socket déjà fermée")


async def test_a_stopping_worker_closes_each_handler_once(db: Database, caplog: pytest.LogCaptureFixture) -> None:
    shared, broken = ClosableHandler(), ClosableHandler(fail_to_close=True)
    worker = _worker(db, handlers={"a": shared, "b": shared, "c": broken}, poll_interval=0.05, listen=False)
    enqueue_orders(db, kind="a")
    running = asyncio.create_task(worker.run_forever())
    await asyncio.wait_for(shared.called.wait(), 5)
    assert shared.closed == 0
    worker.stop()
    await asyncio.wait_for(running, 5)
    assert (shared.closed, broken.closed) == (1, 1)  # a failing close does not keep the others open
    assert "fermeture d'un gestionnaire" in caplog.text


@pytest.mark.parametrize(("role", "runs"), [(Role.STANDALONE, True), (Role.MASTER, True),
                                            (Role.SLAVE, False)])
def test_only_standalone_and_master_workstations_run_the_worker(role: Role, runs: bool) -> None:
    assert Workstation.from_settings(Settings({"workstation.role": role.value})).runs_worker is runs


def test_a_slave_gets_no_worker_process() -> None:
    slave = Workstation("CONSULTATION", Role.SLAVE, "SECRETARIAT")
    assert start_worker_process(slave, Settings({"workstation.role": "slave"}), session=lambda: None) is None
