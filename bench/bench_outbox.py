"""Outbox throughput: enqueue rate and drain rate with 1 and 2 workers (noop orders), SQLite and PostgreSQL.

    .venv/bin/python -m bench.bench_outbox [--orders 1000] [--pg postgresql://postgres@127.0.0.1:5432/postgres]
    [--quick]

PostgreSQL is measured in a scratch database created and dropped on the given server (skipped if unreachable).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import threading
import time
from pathlib import Path

import lgc_app.persistence.models  # noqa: F401  (complete metadata)
from bench.dmp_world import PG_ADMIN_URL, scratch_pg
from bench.table import print_rows
from lgc_app.outbox import noop
from lgc_app.outbox.orders import enqueue
from lgc_app.outbox.worker import Worker
from lgc_app.persistence.database import Database


def _enqueue(url: str, orders: int, per_transaction: int) -> float:
    db = Database.open(url, migrate=False)
    started = time.perf_counter()
    for first in range(0, orders, per_transaction):
        with db.unit_of_work() as session:
            for n in range(first, min(first + per_transaction, orders)):
                enqueue(session, kind=noop.KIND, payload_ref=f"document:{n}", ordered_by="bench",
                        origin_workstation="bench")
    elapsed = time.perf_counter() - started
    db.close()
    return orders / elapsed


def _drain(url: str, workers: int) -> float:
    def run(name: str) -> None:
        db = Database.open(url, migrate=False)
        asyncio.run(Worker(db, {noop.KIND: noop.handle}, workstation=name, concurrency=8, batch=8).run_once())
        db.close()

    threads = [threading.Thread(target=run, args=(f"poste-{n}",)) for n in range(workers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def measure(label: str, url: str, orders: int) -> list[tuple[str, str]]:
    Database.open(url).close()  # migrate
    batched = _enqueue(url, orders, per_transaction=orders)
    single = _enqueue(url, orders // 10, per_transaction=1)
    drain_total = orders + orders // 10
    one = _drain(url, 1)
    _enqueue(url, drain_total, per_transaction=drain_total)
    two = _drain(url, 2)
    return [(f"{label} : ordres écrits/s, une transaction | une par ordre", f"{batched:.0f} | {single:.0f}"),
            (f"{label} : ordres exécutés/s, 1 worker | 2 workers",
             f"{drain_total / one:.0f} | {drain_total / two:.0f}")]


def run(orders: int = 1000, pg: str = PG_ADMIN_URL, quick: bool = False) -> list[tuple[str, str]]:
    if quick:
        orders = min(orders, 200)
    rows = [("ordres « noop » par mesure", str(orders))]
    with tempfile.TemporaryDirectory() as folder:
        rows += measure("SQLite", f"sqlite:///{Path(folder) / 'bench.sqlite3'}", orders)
    with scratch_pg("lgc_bench_outbox", pg) as url:
        rows += [("PostgreSQL", "injoignable")] if url is None else measure("PostgreSQL", url, orders)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--pg", default=PG_ADMIN_URL)
    parser.add_argument("--quick", action="store_true", help="200 orders")
    args = parser.parse_args()
    print_rows(run(args.orders, args.pg, quick=args.quick))


if __name__ == "__main__":
    main()
