"""DMP feeding throughput, end to end: documents of many patients validated (outbox on SQLite, then on
PostgreSQL) → `dmp.feed` worker → DMP simulator over loopback mutual TLS, zero latency; and, in the same run,
the bare-client ceiling: the DMP client alone sending the same documents (no database, no outbox).

The simulator runs in its own process (`lgc-sandbox`, as in the demo). The CPU time of both processes is read
over each measure: a simulator far from a whole core is not what limits the figures. Asserts nothing.

Run: python -m bench.bench_feed [--documents 1000] [--patients 200] [--concurrency 8] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import select

from bench.dmp_world import (
    CpuMeter,
    dmp_patients,
    dmp_sandbox,
    postgres_seconds,
    scratch_pg,
    scratch_sqlite,
    validate_documents,
)
from bench.table import print_rows
from lgc_app.config import Settings
from lgc_app.dmp.client_factory import source_id, vihf_context
from lgc_app.dmp.handler import FeedHandler, load_job
from lgc_app.dmp.models import DmpDocumentState
from lgc_app.documents.cabinet import Cabinet
from lgc_app.outbox.models import OrderStatus
from lgc_app.outbox.trace import count_orders
from lgc_app.persistence.database import Database
from services.dmp.metadata import new_oid
from services.dmp.models import Submission, new_entry_uuid
from tests.helpers.dmp_feed import add_author, drain, fast_handler, fast_worker

Rows = list[tuple[str, str]]
POSTGRES = "serveur PostgreSQL"


@dataclasses.dataclass(frozen=True)
class Measure:
    documents: int
    meter: CpuMeter

    @property
    def rate(self) -> float:
        return self.documents / self.meter.wall

    def rows(self, label: str) -> Rows:
        cpu = self.meter.cpu
        return [
            (f"{label} : documents envoyés/s", f"{self.rate:.1f}"),
            (f"{label} : CPU par document, client | simulateur",
             f"{cpu['client'] / self.documents * 1000:.1f} ms | {cpu['simulateur'] / self.documents * 1000:.1f} ms"),
            (f"{label} : charge client | simulateur (1,0 = un cœur)",
             f"{self.meter.share('client'):.2f} | {self.meter.share('simulateur'):.2f}"),
            *([(f"{label} : charge du serveur PostgreSQL (même machine)", f"{self.meter.share(POSTGRES):.2f}")]
              if POSTGRES in cpu else []),
        ]


async def _drain(db: Database, handler: FeedHandler, pids: dict[str, int], documents: int,
                 concurrency: int) -> Measure:
    await handler.prepare()  # the TLS context and signer are built once, outside the measure
    meter = CpuMeter(pids, {POSTGRES: postgres_seconds} if db.is_postgresql else None)
    await drain(db, fast_worker(db, handler, concurrency=concurrency, batch=concurrency), within=900)
    return Measure(documents, meter.stop())


def _fresh_copy(submission: Submission) -> Submission:
    """The same documents under new identifiers: the simulator stores them as new (an identical re-send
    would take its cheaper idempotent path)."""
    documents = [dataclasses.replace(entry, unique_id=new_oid(), entry_uuid=new_entry_uuid())
                 for entry in submission.documents]
    return dataclasses.replace(submission, unique_id=new_oid(), entry_uuid=new_entry_uuid(), documents=documents)


async def _bare_client(db: Database, handler: FeedHandler, settings: Settings, pids: dict[str, int],
                       concurrency: int) -> Measure:
    """The DMP client alone: the same documents' submissions (built before the measure) sent `concurrency` at
    a time, as the worker sends them but with no database and no outbox."""
    with db.reading() as session:
        document_ids = list(session.scalars(select(DmpDocumentState.document_id)))
    cabinet = Cabinet.from_settings(settings)
    source = source_id(cabinet.structure_id)
    jobs = [load_job(db, document_id, cabinet, source, settings["cabinet.activity_type"])
            for document_id in document_ids]
    connection = await handler.connection()
    queue = [(_fresh_copy(job.submission), job.practitioner) for job in jobs]

    async def sender() -> None:
        while queue:
            submission, practitioner = queue.pop()
            client = connection.client(vihf_context(connection, practitioner, cabinet), inline_cpu=True)
            await client.provide_and_register(submission)

    meter = CpuMeter(pids)
    await asyncio.gather(*(sender() for _ in range(concurrency)))
    return Measure(len(jobs), meter.stop())


def _backend(url: str, settings: Settings, pids: dict[str, int], documents: int, patients: int,
             concurrency: int) -> tuple[float, Measure, Database]:
    db = Database.open(url)
    cabinet = add_author(db)
    patient_ids = list(dmp_patients(db, settings, patients))
    validations = validate_documents(db, cabinet, patient_ids, documents)
    handler = fast_handler(settings, timeout=30)
    measure = asyncio.run(_run_and_close(handler, _drain(db, handler, pids, documents, concurrency)))
    counts = count_orders(db)
    if counts.get(OrderStatus.DONE, 0) != documents:
        raise RuntimeError(f"envois non aboutis : {counts}")
    return validations, measure, db


async def _run_and_close(handler: FeedHandler, work: object) -> Measure:
    try:
        return await work  # type: ignore[misc,no-any-return]
    finally:
        await handler.aclose()


def run(documents: int = 1000, patients: int = 200, concurrency: int = 8, quick: bool = False) -> Rows:
    if quick:
        documents, patients = min(documents, 200), min(patients, 50)
    rows: Rows = [("documents par mesure (patients, concurrence)", f"{documents} ({patients}, {concurrency})")]
    with tempfile.TemporaryDirectory() as folder, dmp_sandbox(Path(folder)) as (sandbox, settings):
        pids = {"client": os.getpid(), "simulateur": sandbox.process.pid}
        outbox: dict[str, Measure] = {}
        with scratch_sqlite("feed") as sqlite_url:
            validations, outbox["SQLite"], db = _backend(sqlite_url, settings, pids, documents, patients,
                                                         concurrency)
            rows.append(("validations/s (PDF + CDA + ordre, SQLite)", f"{validations:.1f}"))
            rows += outbox["SQLite"].rows("outbox SQLite")
            handler = fast_handler(settings, timeout=30)
            bare = asyncio.run(_run_and_close(handler, _bare_client(db, handler, settings, pids, concurrency)))
            db.close()
        with scratch_pg("lgc_bench_feed") as pg_url:
            if pg_url is None:
                rows.append(("outbox PostgreSQL", "injoignable"))
            else:
                _, outbox["PostgreSQL"], db = _backend(pg_url, settings, pids, documents, patients, concurrency)
                db.close()
                rows += outbox["PostgreSQL"].rows("outbox PostgreSQL")
        rows += bare.rows("client DMP seul (plafond)")
        for name, measure in outbox.items():
            rows.append((f"rapport outbox {name} / plafond", f"{measure.rate / bare.rate:.0%}"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000, help="documents envoyés par mesure")
    parser.add_argument("--patients", type=int, default=200, help="patients entre lesquels ils se répartissent")
    parser.add_argument("--concurrency", type=int, default=8, help="envois simultanés du worker")
    parser.add_argument("--quick", action="store_true", help="mesure courte (200 documents, 50 patients)")
    args = parser.parse_args()
    print_rows(run(args.documents, args.patients, args.concurrency, quick=args.quick))


if __name__ == "__main__":
    main()
