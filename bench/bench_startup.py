"""Cold start to an interactive main window, on an empty database and on 100,000 and 1,000,000 patients.

Each round spawns a fresh interpreter (nothing imported, nothing cached) with an empty LGC_HOME whose settings
point at the database of the round: a new file (0 patients), or the synthetic populations of
`bench/bench_search.py` (built once, cached in the temp folder). The child imports the application, opens the
database and starts the worker, builds and shows the main window offscreen, and reports when the first
event-loop iteration after `show()` runs — the moment a click would be handled. Median of N rounds per size,
with the phases that make it up, in wall-clock time and in CPU time of the process (all its threads: the
figure a loaded machine inflates least). The last start of each database closed it cleanly (as the previous round
did): a start after a crash also checks the file (`lgc_app.persistence.open_marker`). The application's modules
are compiled first, as in an installed package (pip compiles at install; PYTHONDONTWRITEBYTECODE may be set
here).

    python -m bench.bench_startup [--rounds N] [--quick]
"""

from __future__ import annotations

import argparse
import compileall
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (0, 100_000, 1_000_000)
QUICK_SIZES = (0, 100_000)
PHASES = (("import", "imports terminés"), ("database", "base ouverte + worker"), ("window", "fenêtre affichée"),
          ("interactive", "interactive (1re itération de la boucle)"))


def child() -> None:
    """One cold start; prints the seconds since the parent spawned us, per phase, as JSON."""
    gc.disable()  # as `lgc` starts the GUI (ui/launcher.py)
    t0 = float(os.environ["LGC_BENCH_T0"])
    marks: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def mark(phase: str) -> None:
        marks[phase] = time.time() - t0
        cpu[phase] = time.process_time()

    from PySide6.QtCore import QTimer

    from ui import tasks as taskbridge
    from ui.app import GuiOptions, after_start, create_application, install_event_loop, open_context
    from ui.main_window import MainWindow
    from ui.stall_monitor import StallMonitor
    mark("import")

    app = create_application()
    loop = install_event_loop(app)
    context = loop.run_until_complete(open_context(GuiOptions()))
    mark("database")
    tasks = taskbridge.TaskManager()
    window = MainWindow(context, tasks, StallMonitor())
    window.show()
    mark("window")

    def interactive() -> None:
        mark("interactive")
        after_start(context, tasks)
        QTimer.singleShot(200, app.quit)  # let the post-start work run, so the database is closed cleanly

    QTimer.singleShot(0, interactive)
    loop.run_forever()
    print(json.dumps({"wall": marks, "cpu": cpu}), flush=True)
    window.close()
    loop.run_until_complete(tasks.shutdown())
    context.stop()
    taskbridge.shutdown_executors()
    os._exit(0)  # the measurement is done; interpreter teardown is not part of start-up


def database_of(size: int, folder: Path) -> Path:
    """The database of a round: a new file for 0 patients, else bench_search's cached population."""
    if size == 0:
        return folder / "empty.sqlite3"
    from bench.bench_search import cached_database

    return cached_database(size, rebuild=False)


def one_round(database: Path) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory(prefix="lgc-bench-start-") as home:
        config = Path(home) / "config"
        config.mkdir()
        (config / "settings.toml").write_text(f'[database]\nurl = "sqlite:///{database.as_posix()}"\n',
                                              encoding="utf-8")
        env = {**os.environ, "LGC_HOME": home, "QT_QPA_PLATFORM": "offscreen", "LGC_BENCH_T0": repr(time.time())}
        result = subprocess.run([sys.executable, "-m", "bench.bench_startup", "--child"], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=120, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"démarrage en échec : {result.stderr[-2000:]}")
        return json.loads(result.stdout.strip().splitlines()[-1])


def run(rounds: int = 5, sizes: tuple[int, ...] = SIZES, quick: bool = False) -> list[tuple[str, str]]:
    if quick:
        rounds, sizes = min(rounds, 2), QUICK_SIZES
    for package in ("lgc_app", "services", "ui"):
        compileall.compile_dir(ROOT / package, quiet=1)
    rows = []
    with tempfile.TemporaryDirectory(prefix="lgc-bench-start-db-") as folder:
        for size in sizes:
            database = database_of(size, Path(folder))
            one_round(database)  # first start of this file: creates or migrates it, leaves it cleanly closed
            samples = [one_round(database) for _ in range(rounds)]
            for phase, label in PHASES:
                wall = [sample["wall"][phase] * 1000 for sample in samples]
                cpu = [sample["cpu"][phase] * 1000 for sample in samples]
                rows.append((f"démarrage à froid, {size:,} patients : {label} (médiane de {rounds})",
                             f"{statistics.median(wall):.0f} ms (min {min(wall):.0f}, max {max(wall):.0f}) ; "
                             f"CPU {statistics.median(cpu):.0f} ms"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description="Démarrage à froid jusqu'à la fenêtre principale interactive")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="0 et 100 000 patients seulement")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child()
        return
    for name, value in run(args.rounds, QUICK_SIZES if args.quick else SIZES):
        print(f"{name:<80} {value}")


if __name__ == "__main__":
    main()
