"""A health centre on one PostgreSQL database (issue 14 §4): slave workstations (processes) validate documents
of many patients at a combined steady rate while master workers (`lgc worker`, processes) send them to the DMP
simulator (its own process, zero latency). By default 40 slaves at a combined 10 documents/s and 2 masters
for 10 minutes.

Checked at the end, against the simulator's registry: every validated document is in the DMP (lost: 0), once
(duplicated: 0 — no entry beyond the documents, no order marked sent twice); and the order-to-DMP delay
(validation committed on the slave → order recorded sent by a master; one machine, one clock) p50/p99/max.
Prints figures; tests/pg runs `measure(Plan.ci())` and asserts on its `Outcome`.

Run: python -m bench.bench_health_centre [--seconds 600] [--slaves 40] [--rate 10] [--masters 2] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import multiprocessing
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import func, select

from bench.dmp_world import CpuMeter, dmp_patients, dmp_sandbox, scratch_pg, simulator_entries
from bench.table import print_rows
from lgc_app import config
from lgc_app.config import Role
from lgc_app.dmp.models import DmpDocumentState
from lgc_app.documents import lifecycle
from lgc_app.documents.actors import Actor
from lgc_app.documents.models import Document
from lgc_app.outbox import noop
from lgc_app.outbox.models import EventKind, OrderStatus, SendOrder, SendOrderEvent
from lgc_app.outbox.orders import enqueue
from lgc_app.persistence.database import Database
from lgc_app.workstation import Workstation
from tests.helpers.composition import DMP_PLANNERS
from tests.helpers.dmp_feed import CABINET, add_author, draft, unsettled

ROOT = Path(__file__).resolve().parents[1]
MASTER = "ACCUEIL"
DRAIN_TIMEOUT = 120.0  # seconds for the masters to finish once the slaves have stopped
Rows = list[tuple[str, str]]


@dataclass(frozen=True)
class Plan:
    seconds: float = 600.0
    slaves: int = 40
    rate: float = 10.0  # documents validated per second, all slaves together
    masters: int = 2
    patients: int = 200

    @classmethod
    def quick(cls) -> Plan:
        return cls(seconds=60.0, slaves=10, patients=50)

    @classmethod
    def ci(cls) -> Plan:
        """The variant tests/pg runs: short, few processes (a loaded 2-core CI machine), same checks."""
        return cls(seconds=30.0, slaves=4, rate=3.0, patients=20)


@dataclass(frozen=True)
class Outcome:
    validated: int
    refused_validations: int
    sent: int
    lost: int
    duplicated: int
    not_settled: int
    delays: list[float]  # validation committed → order recorded sent, seconds
    wall: float
    cpu: dict[str, float]

    def rows(self, plan: Plan) -> Rows:
        delays = sorted(self.delays) or [float("nan")]
        p99 = delays[min(len(delays) - 1, int(len(delays) * 0.99))]
        return [
            ("postes esclaves | workers maîtres | patients",
             f"{plan.slaves} | {plan.masters} | {plan.patients} (PostgreSQL, simulateur sans latence)"),
            ("documents validés (validations/s)", f"{self.validated} ({self.validated / plan.seconds:.1f}/s sur "
                                                 f"{plan.seconds:.0f} s ; {self.refused_validations} en échec)"),
            ("documents envoyés au DMP", str(self.sent)),
            ("perdus | en double | non aboutis", f"{self.lost} | {self.duplicated} | {self.not_settled}"),
            ("délai ordre → DMP p50 | p99 | max",
             f"{statistics.median(delays):.2f} s | {p99:.2f} s | {delays[-1]:.2f} s"),
            ("CPU (cœur) workers maîtres | simulateur",
             f"{self.cpu['maîtres'] / self.wall:.2f} | {self.cpu['simulateur'] / self.wall:.2f}"),
        ]


def _slave(url: str, name: str, author: tuple[str, int], patients: list[int], period: float, seconds: float,
           seed: int, ready: multiprocessing.Queue[int], go: Synchronized[float],
           results: multiprocessing.Queue[tuple[dict[int, float], int]]) -> None:
    """One slave workstation: validate a document of a random patient every `period` seconds for `seconds`.

    A workstation of a practice validates its first document of the day long before the measure would: one
    validation warms this one up (its lazy imports and caches; 40 processes doing that at once would measure
    their start, not the steady rate), then it says it is ready and waits for the common start time."""
    db = Database.open(url, migrate=False)
    actor = Actor(*author, workstation=Workstation(name, Role.SLAVE, MASTER))
    rng = random.Random(seed)
    lifecycle.validate(db, draft(db, rng.choice(patients), actor, text="Échauffement."), actor, CABINET,
                       planners=DMP_PLANNERS)
    ready.put(seed)
    while not (start := go.value):
        time.sleep(0.05)
    stop = start + seconds
    due = start + rng.uniform(0, period)  # the slaves' phases spread the combined rate evenly
    validated: dict[int, float] = {}  # document id → when its validation (and its order) was committed
    failures = 0
    try:
        while due < stop:
            time.sleep(max(0.0, due - time.time()))
            due += period
            try:
                document_id = draft(db, rng.choice(patients), actor, text=f"Consultation au poste {name}.")
                lifecycle.validate(db, document_id, actor, CABINET, planners=DMP_PLANNERS)
                validated[document_id] = time.time()
            except Exception:  # counted and reported: a benchmark does not stop on one failure
                failures += 1
    finally:
        results.put((validated, failures))
        db.close()


def _die_with_parent() -> None:
    """In the master's process (Linux): SIGTERM when the benchmark dies (interrupted), never an orphan."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _master(settings_file: Path, home: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "lgc_app", "--config", str(settings_file), "worker"], cwd=ROOT,
                            env={**os.environ, "LGC_HOME": str(home)}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent)


def _warm_up(db: Database, masters: int) -> None:
    """Wait for the masters to run (imports, DMP connection): a few test orders sent, before the clock starts."""
    with db.unit_of_work() as session:
        for _ in range(4 * masters):
            enqueue(session, kind=noop.KIND, payload_ref="échauffement", ordered_by="banc", origin_workstation="banc",
                    target_workstation=MASTER)
    if _wait_settled(db, 120):
        raise RuntimeError("les workers maîtres n'ont pas démarré en 120 s")


def _wait_settled(db: Database, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while (left := unsettled(db)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def _registry_check(db: Database, registry: dict[str, dict[str, object]],
                    validated: list[int]) -> tuple[int, int, int]:
    """(sent, lost, duplicated) of the validated documents, against the simulator's registry."""
    with db.reading() as session:
        rows = session.execute(select(DmpDocumentState.document_id, DmpDocumentState.entry_uuid, Document.patient_id)
                               .join(Document, Document.id == DmpDocumentState.document_id)).all()
        sent_twice = session.scalar(select(func.count()).select_from(
            select(SendOrderEvent.order_id).where(SendOrderEvent.kind == EventKind.SUCCEEDED)
            .group_by(SendOrderEvent.order_id).having(func.count() > 1).subquery())) or 0
    in_dmp = {entry for state in registry.values() for entry in state["statuses"]}  # type: ignore[attr-defined]
    ours = {document_id: entry_uuid for document_id, entry_uuid, _ in rows}
    sent = sum(1 for document_id in validated if ours.get(document_id) in in_dmp)
    lost = len(validated) - sent
    entries = sum(int(state["entries"]) for state in registry.values())  # type: ignore[call-overload]
    duplicated = entries - len(in_dmp & set(ours.values())) + sent_twice
    return sent, lost, duplicated


def _delays(db: Database, validated: dict[int, float]) -> list[float]:
    with db.reading() as session:
        done = session.execute(select(DmpDocumentState.document_id, SendOrder.done_at)
                               .join(SendOrder, SendOrder.id == DmpDocumentState.order_id)
                               .where(SendOrder.status == OrderStatus.DONE)).all()
    return [at.timestamp() - validated[document_id] for document_id, at in done if document_id in validated]


def measure(plan: Plan) -> Outcome:
    with (tempfile.TemporaryDirectory() as folder, dmp_sandbox(Path(folder)) as (sandbox, settings),
          scratch_pg("lgc_bench_health_centre") as url):
        if url is None:
            raise RuntimeError("PostgreSQL injoignable (127.0.0.1:5432)")
        db = Database.open(url)
        author = add_author(db).author
        ins_by_patient = dmp_patients(db, settings, plan.patients)
        db.close()
        master_file = Path(folder) / "maitre.toml"
        config.save(settings.replace(database__url=url, workstation__role="master", workstation__name=MASTER),
                    master_file)
        masters = [_master(master_file, Path(folder) / f"maitre-{n}") for n in range(plan.masters)]
        db = Database.open(url, migrate=False)
        _warm_up(db, plan.masters)
        db.close()
        # Forked from a clean server process that imported this module once: the slaves share its imports (no
        # 40 interpreters loading Qt and SQLAlchemy) and none inherits a Qt application or a connection.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        results: multiprocessing.Queue[tuple[dict[int, float], int]] = context.Queue()
        ready: multiprocessing.Queue[int] = context.Queue()
        go: Synchronized[float] = context.Value("d", 0.0)
        period = plan.slaves / plan.rate
        slaves = [context.Process(target=_slave, args=(url, f"CONSULTATION-{n}", (author.login, author.practitioner_id),
                                                        list(ins_by_patient), period, plan.seconds, n, ready, go,
                                                        results))
                  for n in range(plan.slaves)]
        for process in slaves:
            process.start()
        for _ in slaves:
            ready.get(timeout=300)
        db = Database.open(url, migrate=False)
        if _wait_settled(db, 120):  # the warm-up documents sent: the masters' DMP path is warm too
            raise RuntimeError("les documents d'échauffement ne sont pas partis en 120 s")
        db.close()
        go.value = time.time() + 1.0
        pids = {"simulateur": sandbox.process.pid, **{f"maître {n}": p.pid for n, p in enumerate(masters)}}
        meter = CpuMeter(pids)
        reports = [results.get(timeout=plan.seconds + 300) for _ in slaves]
        for process in slaves:
            process.join(30)
        db = Database.open(url, migrate=False)
        try:
            not_settled = _wait_settled(db, DRAIN_TIMEOUT)
            meter.stop()
            for master in masters:
                master.send_signal(signal.SIGTERM)
            for master in masters:
                master.wait(30)
            validated = {document_id: at for ids, _ in reports for document_id, at in ids.items()}
            registry = asyncio.run(simulator_entries(settings, list(ins_by_patient.values())))
            sent, lost, duplicated = _registry_check(db, registry, list(validated))
            cpu = Counter({"simulateur": meter.cpu["simulateur"]})
            cpu["maîtres"] = sum(value for name, value in meter.cpu.items() if name.startswith("maître"))
            return Outcome(validated=len(validated), refused_validations=sum(failures for _, failures in reports),
                           sent=sent, lost=lost, duplicated=duplicated, not_settled=not_settled,
                           delays=_delays(db, validated), wall=meter.wall, cpu=dict(cpu))
        finally:
            db.close()
            for master in masters:
                if master.poll() is None:
                    master.kill()


def run(quick: bool = False, plan: Plan | None = None) -> Rows:
    plan = plan or (Plan.quick() if quick else Plan())
    return measure(plan).rows(plan)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=Plan.seconds, help="durée des validations")
    parser.add_argument("--slaves", type=int, default=Plan.slaves, help="postes esclaves (processus)")
    parser.add_argument("--rate", type=float, default=Plan.rate, help="validations par seconde, tous postes")
    parser.add_argument("--masters", type=int, default=Plan.masters, help="workers maîtres (processus)")
    parser.add_argument("--patients", type=int, default=Plan.patients)
    parser.add_argument("--quick", action="store_true", help="60 s, 10 postes esclaves")
    args = parser.parse_args()
    plan = Plan.quick() if args.quick else Plan(args.seconds, args.slaves, args.rate, args.masters, args.patients)
    print_rows(run(plan=plan))


if __name__ == "__main__":
    main()
