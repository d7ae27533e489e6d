"""GUI event-loop stalls while the worker sends 100 documents to the sandbox DMP (issue 14 item 1: p99 < 16 ms,
max < 30 ms over 20 starts).

Each start is a fresh interpreter playing the GUI as `lgc` does: `ui.app.open_context` (settings file, database,
the worker started as the application starts it), the main window shown, the stall monitor ticking. Its
database holds 100 validated documents whose DMP orders are not due yet; once the window is up, they are made
due in one statement and the worker is woken, and the stall monitor measures until the last outcome is
recorded. The sandbox (DMP simulator, zero latency) runs in its own process, a new one per start (a document
is registered once per DMP).

    python -m bench.bench_worker_stall [--starts 20] [--quick] [--documents 100]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")  # never the user's keyring

from bench.gui_child import play_in_window, run_child
from lgc_app.config import Settings
from lgc_app.persistence.database import Database

FULL_STARTS = 20
QUICK_STARTS = 3
DOCUMENTS = 100
LATER = datetime(2999, 1, 1, tzinfo=UTC)  # the template's orders wait until the measure makes them due
DUE = datetime(2000, 1, 1, tzinfo=UTC)
POLL_S = 0.5  # how often the measure counts the orders sent


def _set_due(database_url: str, moment: datetime) -> None:
    from sqlalchemy import update

    from lgc_app.outbox.models import SendOrder

    db = Database.open(database_url, migrate=False)
    try:
        with db.unit_of_work() as session:
            session.execute(update(SendOrder).values(next_attempt_at=moment))
    finally:
        db.close()


def _feeds_settled(db: Database) -> int:
    """DMP feed orders sent or refused (a validation may plan other sends: MSSanté)."""
    from sqlalchemy import func, select

    from lgc_app.dmp.feeding import KIND
    from lgc_app.outbox.models import OrderStatus, SendOrder

    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(SendOrder).where(
            SendOrder.kind == KIND, SendOrder.status.in_((OrderStatus.DONE, OrderStatus.FAILED)))) or 0


def _template(folder: Path, documents: int) -> tuple[Path, str]:
    """A database with `documents` validated documents of one qualified patient; returns it and the INS."""
    from tests.helpers.composition import DMP_PLANNERS
    from tests.helpers.dmp import random_ins
    from tests.helpers.dmp_feed import add_author, add_qualified_patient, validated

    path = folder / "template.sqlite3"
    db = Database.open(f"sqlite:///{path}")
    try:
        cabinet = add_author(db)
        ins = random_ins()
        patient = add_qualified_patient(db, ins)
        for n in range(documents):
            validated(db, patient, cabinet.author, text=f"Consultation de contrôle n° {n}.", planners=DMP_PLANNERS)
    finally:
        db.close()
    _set_due(f"sqlite:///{path}", LATER)
    return path, ins


def _measure_in_child(settings_file: Path, documents: int) -> dict[str, float]:
    """In the fresh interpreter: start as `lgc --config` does, show the window, send, measure."""
    from ui import tasks as taskbridge
    from ui.app import GuiOptions
    from ui.main_window import MainWindow

    async def scenario(window: MainWindow) -> dict[str, float]:
        context, monitor = window.context, window.monitor
        worker = context.worker
        assert worker is not None

        async def settled() -> int:
            return await taskbridge.run_db(_feeds_settled, context.database)

        await taskbridge.run_in_thread(worker.wait_prepared, 120)  # the child imports, connects: not measured
        monitor.start()
        await asyncio.sleep(0.5)  # the window's first paints and timers
        monitor.reset()
        start = time.perf_counter()
        await taskbridge.run_db(_set_due, context.settings.database_url, DUE)
        worker.wake()
        done = 0
        for _ in range(int(240 / POLL_S)):  # one count per poll: the measure's own cost stays small
            await asyncio.sleep(POLL_S)
            if (done := await settled()) >= documents:
                break
        elapsed = time.perf_counter() - start
        monitor.stop()
        return {"documents": done, "send_s": elapsed, "max": monitor.max_stall_ms, "p99": monitor.p99_ms,
                "samples": monitor.samples}

    return play_in_window(GuiOptions(config=settings_file), scenario)


def _one_start(folder: Path, index: int, template: Path, ins: str, documents: int) -> dict[str, float]:
    """A new sandbox, a copy of the template database, a GUI interpreter measuring."""
    from lgc_app import config
    from lgc_app.demo import DemoSandbox
    from tests.helpers.dmp_feed import CABINET

    start_dir = folder / f"start-{index}"
    start_dir.mkdir()
    database = start_dir / "poste.sqlite3"
    shutil.copy(template, database)
    sandbox = DemoSandbox.spawn(start_dir / "sandbox")
    try:
        sandbox.wait_ready()
        settings = sandbox.overlay(Settings({
            "database.url": f"sqlite:///{database}", "workstation.name": "BANC",
            "cabinet.structure_id": CABINET.structure_id, "cabinet.name": CABINET.name}))
        asyncio.run(_register(settings, ins))
        settings_file = start_dir / "lgc.toml"
        config.save(settings, settings_file)
        figures: dict[str, float] = run_child("bench.bench_worker_stall", "--measure", str(settings_file),
                                              "--documents", str(documents), home=start_dir / "home", timeout=300,
                                              failure=f"démarrage {index} en échec")
    finally:
        sandbox.stop()
    return figures


async def _register(settings: Settings, ins: str) -> None:
    from services.sandbox.dmp import control
    from services.transport import TlsMaterial, make_async_client

    tls = TlsMaterial(settings["tls.ca_file"], settings["tls.client_cert"], settings["tls.client_key"])
    async with make_async_client(tls) as http:
        await control.register_patient(http, settings["services.dmp_url"], ins)


def measure(starts: int = FULL_STARTS, documents: int = DOCUMENTS) -> list[dict[str, float]]:
    with tempfile.TemporaryDirectory(prefix="lgc-bench-worker-stall-") as name:
        folder = Path(name)
        template, ins = _template(folder, documents)
        return [_one_start(folder, index, template, ins, documents) for index in range(starts)]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def rows(runs: list[dict[str, float]], documents: int) -> list[tuple[str, str]]:
    p99s, maxima = [run["p99"] for run in runs], [run["max"] for run in runs]
    sent = min(int(run["documents"]) for run in runs)
    prefix = f"{documents} documents envoyés au DMP par le processus d'envoi, {len(runs)} démarrages"
    return [
        (f"{prefix} : p99 du blocage de la boucle (pire démarrage ; médiane)",
         f"{max(p99s):.1f} ms ; {statistics.median(p99s):.1f} ms"),
        (f"{prefix} : blocage max (pire ; médiane ; p99 des max)",
         f"{max(maxima):.1f} ms ; {statistics.median(maxima):.1f} ms ; {_percentile(maxima, 0.99):.1f} ms"),
        (f"{prefix} : durée de l'envoi (médiane)",
         f"{statistics.median(run['send_s'] for run in runs):.2f} s ({sent} documents au moins par démarrage)"),
        ("charge de la machine (load average 1 min)", f"{os.getloadavg()[0]:.2f}"),
    ]


def run(starts: int = FULL_STARTS, documents: int = DOCUMENTS, quick: bool = False) -> list[tuple[str, str]]:
    if quick:
        starts = min(starts, QUICK_STARTS)
    return rows(measure(starts, documents), documents)


def main() -> None:
    parser = argparse.ArgumentParser(description="Blocages de la boucle pendant l'envoi de documents par le "
                                                 "processus d'envoi")
    parser.add_argument("--starts", type=int, default=FULL_STARTS)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_STARTS} démarrages seulement")
    parser.add_argument("--documents", type=int, default=DOCUMENTS)
    parser.add_argument("--measure", type=Path, metavar="PARAMETRES", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure is not None:  # the GUI interpreter of one start
        print(json.dumps(_measure_in_child(args.measure, args.documents)))
        return
    from bench.table import print_rows

    print_rows(run(QUICK_STARTS if args.quick else args.starts, args.documents))


if __name__ == "__main__":
    main()
