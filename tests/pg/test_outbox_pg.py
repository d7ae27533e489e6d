"""PostgreSQL specifics of the outbox: worker processes racing, NOTIFY at commit, LISTEN wake-up."""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from collections import Counter
from multiprocessing.synchronize import Barrier

import psycopg
import pytest

from lgc_app.outbox.completion import Outcome
from lgc_app.outbox.handler import HandlerResult, OrderContext
from lgc_app.outbox.notify import CHANNEL
from lgc_app.outbox.orders import enqueue
from lgc_app.outbox.worker import Worker
from lgc_app.persistence.database import Database
from tests.helpers.outbox import enqueue_orders

ORDERS = 500
KIND = "count"  # a handler of these tests that counts executions

def _worker_process(url: str, name: str, barrier: Barrier, results: multiprocessing.Queue) -> None:
    executed: list[str] = []

    async def handler(ctx: OrderContext) -> HandlerResult:
        executed.append(ctx.order_id)
        await asyncio.sleep(0)
        return HandlerResult()

    db = Database.open(url, migrate=False)
    try:
        worker = Worker(db, {KIND: handler}, workstation=name, concurrency=8, batch=8)
        barrier.wait()
        counts = asyncio.run(worker.run_once())
    finally:
        db.close()
    results.put((executed, counts[Outcome.SUCCEEDED]))


def test_two_worker_processes_execute_every_order_exactly_once(pg_url: str, pg_db: Database) -> None:
    ids = enqueue_orders(pg_db, ORDERS, kind=KIND)
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    processes = [context.Process(target=_worker_process, args=(pg_url, name, barrier, results))
                 for name in ("poste-a", "poste-b")]
    for process in processes:
        process.start()
    outputs = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(30)
        assert process.exitcode == 0
    invocations = Counter(order_id for executed, _ in outputs for order_id in executed)
    assert set(invocations) == set(ids)
    assert set(invocations.values()) == {1}
    assert all(succeeded > 0 for _, succeeded in outputs), "one process did everything: no race happened"


@pytest.fixture
def listening(pg_url: str) -> psycopg.Connection:
    conn = psycopg.connect(pg_url, autocommit=True)
    conn.execute(f"LISTEN {CHANNEL}")
    yield conn
    conn.close()


def test_the_notification_is_delivered_at_commit_only(pg_db: Database, listening: psycopg.Connection) -> None:
    with pytest.raises(RuntimeError), pg_db.unit_of_work() as session:
        enqueue(session, kind="noop", payload_ref="d", ordered_by="u", origin_workstation="p")
        raise RuntimeError("rolled back")
    assert list(listening.notifies(timeout=0.3)) == []
    enqueue_orders(pg_db, kind=KIND, target_workstation="maitre")
    enqueue_orders(pg_db, kind=KIND)
    assert [n.payload for n in listening.notifies(timeout=2, stop_after=2)] == ["maitre", "*"]


async def test_notify_wakes_a_waiting_worker_well_before_the_poll(pg_db: Database) -> None:
    executed_at: list[float] = []
    executed = asyncio.Event()

    async def handler(ctx: OrderContext) -> HandlerResult:
        executed_at.append(time.perf_counter())
        executed.set()
        return HandlerResult()

    worker = Worker(pg_db, {KIND: handler}, workstation="maitre", poll_interval=30)
    running = asyncio.create_task(worker.run_forever())
    try:
        for _ in range(500):  # up to 5 s: the listener is created once the worker's loop runs
            if worker.listener is not None:
                break
            await asyncio.sleep(0.01)
        assert worker.listener is not None and await asyncio.to_thread(worker.listener.wait_listening, 5)
        await asyncio.sleep(0.2)  # let the worker finish its first (empty) claim and wait for the next poll
        await asyncio.to_thread(enqueue_orders, pg_db, kind=KIND)
        committed_at = time.perf_counter()
        await asyncio.wait_for(executed.wait(), 5)
    finally:
        worker.stop()
        await asyncio.wait_for(running, 5)
    latency = executed_at[0] - committed_at
    print(f"NOTIFY → exécution : {latency * 1000:.1f} ms")
    assert latency < 1.0  # the poll would have taken 30 s
