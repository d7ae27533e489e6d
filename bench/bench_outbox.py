"""Outbox throughput: enqueue rate and drain rate with 1 and 2 workers (noop orders), SQLite and PostgreSQL.

    .venv/bin/python bench/bench_outbox.py [--orders 1000] [--pg postgresql://postgres@127.0.0.1:5432/postgres]

PostgreSQL is measured in a scratch database created and dropped on the given server (skipped if unreachable).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

import lgc_app.persistence.models  # noqa: F401  (complete metadata)
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


def measure(label: str, url: str, orders: int) -> None:
    Database.open(url).close()  # migrate
    batched = _enqueue(url, orders, per_transaction=orders)
    single = _enqueue(url, orders // 10, per_transaction=1)
    drain_total = orders + orders // 10
    one = _drain(url, 1)
    _enqueue(url, drain_total, per_transaction=drain_total)
    two = _drain(url, 2)
    rates = (batched, single, drain_total / one, drain_total / two)
    print(f"| {label:<10} | " + " | ".join(f"{rate:>10.0f}" for rate in rates) + " |")


@contextmanager
def scratch_pg(admin_url: str) -> Iterator[str | None]:
    name = "lgc_bench_outbox"
    try:
        admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        yield None
        return
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield admin_url.rsplit("/", 1)[0] + f"/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--quick", action="store_true", help="200 orders")
    args = parser.parse_args()
    if args.quick:
        args.orders = min(args.orders, 200)
    print(f"{args.orders} noop orders; rates in orders per second")
    print("| back-end   | enqueue 1tx | enqueue/tx |   1 worker |  2 workers |")
    print("|------------|-----------:|-----------:|-----------:|-----------:|")
    with tempfile.TemporaryDirectory() as folder:
        measure("SQLite", f"sqlite:///{Path(folder) / 'bench.sqlite3'}", args.orders)
    with scratch_pg(args.pg) as url:
        if url is None:
            print("| PostgreSQL | injoignable |")
        else:
            measure("PostgreSQL", url, args.orders)


if __name__ == "__main__":
    main()
