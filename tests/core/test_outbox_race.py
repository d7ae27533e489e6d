"""Two workers with their own engines on one SQLite file race over the same orders: each runs exactly once.

This proves the single-writer claim (BEGIN IMMEDIATE). The PostgreSQL race (FOR UPDATE SKIP LOCKED) runs
between two processes in tests/pg/test_outbox_pg.py.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from pathlib import Path

from lgc_app.outbox.completion import Outcome
from lgc_app.outbox.handler import HandlerResult, OrderContext
from lgc_app.outbox.models import OrderStatus
from lgc_app.outbox.orders import counts_by_status, enqueue
from lgc_app.outbox.worker import Worker
from lgc_app.persistence.database import Database
from tests.helpers import databases

ORDERS = 500


def race(url: str, orders: int = ORDERS) -> tuple[Counter[str], list[Counter[Outcome]]]:
    """Enqueue `orders`, run two workers on two engines in two threads; invocations per order id."""
    setup = Database.open(url, migrate=False)
    with setup.unit_of_work() as session:
        for n in range(orders):
            enqueue(session, kind="count", payload_ref=f"document:{n}", ordered_by="Dr Test",
                    origin_workstation="poste-1")
    setup.close()

    invocations: Counter[str] = Counter()
    lock = threading.Lock()
    barrier = threading.Barrier(2)

    async def handler(ctx: OrderContext) -> HandlerResult:
        with lock:
            invocations[ctx.order_id] += 1
        await asyncio.sleep(0)
        return HandlerResult()

    results: list[Counter[Outcome]] = []

    def run(name: str) -> None:
        db = Database.open(url, migrate=False)
        try:
            worker = Worker(db, {"count": handler}, workstation=name, concurrency=8, batch=8)
            barrier.wait()
            results.append(asyncio.run(worker.run_once()))
        finally:
            db.close()

    threads = [threading.Thread(target=run, args=(name,)) for name in ("poste-a", "poste-b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return invocations, results


def test_two_workers_execute_every_order_exactly_once(_sqlite_template: Path, tmp_path: Path) -> None:
    url = databases.sqlite_copy(_sqlite_template, tmp_path)
    invocations, results = race(url)
    assert len(invocations) == ORDERS
    assert set(invocations.values()) == {1}
    assert sum(r[Outcome.SUCCEEDED] for r in results) == ORDERS
    assert all(r[Outcome.SUCCEEDED] > 0 for r in results), "one worker did everything: no race happened"
    db = Database.open(url, migrate=False)
    with db.reading() as session:
        counts = counts_by_status(session)
    db.close()
    assert counts[OrderStatus.DONE] == ORDERS == sum(counts.values())
