"""DMP feeding throughput, end to end: validated documents (SQLite outbox) → `dmp.feed` worker → DMP simulator
over loopback mutual TLS, zero latency. Measures documents fed per second at several worker concurrencies
and the drain time of 1,000 queued documents (the default worker: 4 at a time). Asserts nothing.

The simulator runs in its own process (`lgc-sandbox`, as in the demo), so its XML and signature checks do
not share this process's GIL with the worker.

Run: .venv/bin/python -m bench.bench_feed [--queued 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from lgc_app.config import Settings
from lgc_app.demo import DemoSandbox
from lgc_app.persistence.database import Database
from services.sandbox.dmp import control
from services.transport import TlsMaterial, make_async_client
from tests.helpers.dmp import random_ins
from tests.helpers.dmp_feed import (
    CABINET,
    Cabinetry,
    add_author,
    add_qualified_patient,
    drain,
    fast_handler,
    fast_worker,
    validated,
)


async def _register(settings: Settings, ins: str) -> None:
    tls = TlsMaterial(settings["tls.ca_file"], settings["tls.client_cert"], settings["tls.client_key"])
    async with make_async_client(tls) as http:
        await control.register_patient(http, settings["services.dmp_url"], ins)


def _queue(db: Database, cabinet: Cabinetry, patient: int, count: int) -> float:
    """Validate `count` documents (each plans its order); returns the validations per second."""
    start = time.perf_counter()
    for n in range(count):
        validated(db, patient, cabinet.author, text=f"Consultation de contrôle n° {n}.")
    return count / (time.perf_counter() - start)


async def _drain(db: Database, settings: Settings, concurrency: int) -> float:
    handler = fast_handler(settings, timeout=30)
    await handler.connection()  # the TLS context is built once, outside the measure
    start = time.perf_counter()
    await drain(db, fast_worker(db, handler, concurrency=concurrency, batch=concurrency), within=600)
    elapsed = time.perf_counter() - start
    await (await handler.connection()).aclose()
    return elapsed


def run(queued: int = 1000, sample: int = 50) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        sandbox = DemoSandbox.spawn(Path(folder) / "sandbox")
        try:
            rows = _measure(folder, sandbox, queued, sample)
        finally:
            sandbox.stop()
    return rows


def _measure(folder: str, sandbox: DemoSandbox, queued: int, sample: int) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    sandbox.wait_ready()
    settings = sandbox.overlay(Settings({"cabinet.structure_id": CABINET.structure_id, "cabinet.name": CABINET.name,
                                         "workstation.name": "BANC"}))
    db = Database.open(f"sqlite:///{folder}/feed.sqlite3")
    try:
        cabinet = add_author(db)
        ins = random_ins()
        asyncio.run(_register(settings, ins))
        patient = add_qualified_patient(db, ins)
        for concurrency in (1, 8):
            _queue(db, cabinet, patient, sample)
            elapsed = asyncio.run(_drain(db, settings, concurrency))
            rows.append((f"documents envoyés/s (concurrence {concurrency}, {sample} documents)",
                         f"{sample / elapsed:.1f}"))
        rate = _queue(db, cabinet, patient, queued)
        rows.append(("validations/s (PDF + CDA + ordre, SQLite)", f"{rate:.1f}"))
        elapsed = asyncio.run(_drain(db, settings, 4))
        rows.append((f"vidage de {queued} documents en file (concurrence 4)", f"{elapsed:.1f} s"))
        rows.append((f"documents envoyés/s (concurrence 4, {queued} documents)", f"{queued / elapsed:.1f}"))
    finally:
        db.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queued", type=int, default=1000, help="documents en file pour le vidage")
    parser.add_argument("--sample", type=int, default=50, help="documents par mesure de débit")
    args = parser.parse_args()
    rows = run(args.queued, args.sample)
    width = max(len(metric) for metric, _ in rows)
    for metric, value in rows:
        print(f"{metric:<{width}}  {value}")


if __name__ == "__main__":
    main()
