"""Keystroke to repainted patient list, on the synthetic populations of `bench/bench_search.py`.

The real panel (`ui.patients.patient_list.PatientListPanel`) on a SQLite database of 100,000 or 1,000,000
patients (built once, cached in the temp folder), offscreen: names typed key by key as a user does, each key
measured from its key event to the list repainted with the answer — the debounce, the search on the database
thread, the rows handed to the model, and the paint of the visible cells (`repaint()`, synchronous, once the
answer is shown). Prints p50/p95/max of the whole in wall-clock time and in CPU time of the process (all its
threads: what a loaded machine inflates least), of the paint alone, and the `data()` calls of one paint.

    python -m bench.bench_patient_list [--sizes 100000 1000000] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import statistics
import time
from typing import Any

SIZES = (100_000, 1_000_000)
QUICK_SIZES = (100_000,)
NAMES_TYPED = 15


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def typed_texts(count: int) -> list[str]:
    """"nom prénom" of random patients of the population, as typed (lower case)."""
    from bench.bench_search import synthetic_people

    people = list(synthetic_people(min(count, 20_000)))
    return [f"{name.lower()} {givens.split(' ')[0].lower()}" for name, givens, *_ in
            random.Random(5).sample(people, NAMES_TYPED)]


async def _measure(size: int) -> list[tuple[str, str]]:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from bench.bench_search import cached_database
    from lgc_app.bootstrap import bootstrap
    from lgc_app.config import Settings
    from ui.gc_guard import GuiThreadCollector
    from ui.patients.patient_list import PatientListModel, PatientListPanel
    from ui.tasks import TaskManager

    path = cached_database(size, rebuild=False)
    context = bootstrap(Settings({"database.url": f"sqlite:///{path}"}))
    tasks = TaskManager()
    panel = PatientListPanel(context, tasks)
    panel.resize(520, 640)  # ~20 visible rows, the side panel of a usual screen
    panel.show()
    # The application's garbage collection (`ui.app`): automatic collection off, a GUI-thread timer collects,
    # and what start-up allocated frozen once the window shows (`ui.app.after_start`).
    collector = GuiThreadCollector(panel)
    gc.freeze()
    calls = 0
    real_data = PatientListModel.data

    def counted_data(self: PatientListModel, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        nonlocal calls
        calls += 1
        return real_data(self, index, role)

    panel.model.data = counted_data.__get__(panel.model)  # type: ignore[method-assign]
    loop = asyncio.get_running_loop()
    answered: asyncio.Future[tuple[float, float]] | None = None
    paints: list[float] = []
    paint_calls: list[int] = []

    def repaint(_text: str) -> None:
        nonlocal calls
        calls = 0
        started = time.perf_counter()
        panel.view.viewport().repaint()
        paints.append((time.perf_counter() - started) * 1000)
        paint_calls.append(calls)
        if answered is not None and not answered.done():
            answered.set_result((time.perf_counter(), time.process_time()))

    panel.searched.connect(repaint)
    totals: list[float] = []
    cpu: list[float] = []
    try:
        for text in typed_texts(size):
            panel.search.clear()
            await asyncio.sleep(0.05)
            for char in text:
                answered = loop.create_future()
                started, started_cpu = time.perf_counter(), time.process_time()
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(panel.search, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                                   Qt.KeyboardModifier.NoModifier, char))
                ended, ended_cpu = await asyncio.wait_for(answered, 5)
                totals.append((ended - started) * 1000)
                cpu.append((ended_cpu - started_cpu) * 1000)
    finally:
        collector.stop()
        gc.unfreeze()
        panel.close()
        await tasks.shutdown()
        context.stop()
    label = f"liste des patients, {size:,} patients"
    return [(f"{label} : frappe → liste repeinte (n={len(totals)})",
             f"p50 {statistics.median(totals):.1f} ms, p95 {_percentile(totals, 0.95):.1f} ms, "
             f"max {max(totals):.1f} ms ; CPU p50 {statistics.median(cpu):.1f} ms, "
             f"p95 {_percentile(cpu, 0.95):.1f} ms"),
            (f"{label} : peinture seule",
             f"p50 {statistics.median(paints):.2f} ms, p95 {_percentile(paints, 0.95):.2f} ms, "
             f"{statistics.median(paint_calls):.0f} appels data() par peinture")]


def run(sizes: tuple[int, ...] = SIZES, quick: bool = False) -> list[tuple[str, str]]:
    if quick:
        sizes = QUICK_SIZES
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync

    from ui.app import create_application, install_event_loop

    app = create_application()
    loop: qasync.QEventLoop = install_event_loop(app)
    rows: list[tuple[str, str]] = []
    for size in sizes:
        rows += loop.run_until_complete(_measure(size))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description="Frappe → liste des patients repeinte")
    parser.add_argument("--sizes", type=int, nargs="+")
    parser.add_argument("--quick", action="store_true", help="100 000 patients seulement")
    args = parser.parse_args()
    sizes = tuple(args.sizes) if args.sizes else QUICK_SIZES if args.quick else SIZES
    for name, value in run(sizes):
        print(f"{name:<70} {value}")
    os._exit(0)  # the measurement is done; interpreter teardown is not part of it


if __name__ == "__main__":
    main()
