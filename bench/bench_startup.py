"""Cold start to an interactive main window.

Each round spawns a fresh interpreter (nothing imported, nothing cached) with an empty LGC_HOME: it imports
the application, opens and migrates a new SQLite database, starts the worker, builds and shows the main window
offscreen, and reports when the first event-loop iteration after `show()` runs — the moment a click would
be handled. Median of 5 rounds, with the phases that make it up.

    python -m bench.bench_startup [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PHASES = ("import", "bootstrap", "window", "first_iteration")


def child() -> None:
    """One cold start; prints the seconds since the parent spawned us, per phase, as JSON."""
    t0 = float(os.environ["LGC_BENCH_T0"])
    marks: dict[str, float] = {}
    from PySide6.QtCore import QTimer

    from ui import tasks as taskbridge
    from ui.app import GuiOptions, create_application, install_event_loop, open_context
    from ui.main_window import MainWindow
    from ui.stall_monitor import StallMonitor
    marks["import"] = time.time() - t0

    app = create_application()
    loop = install_event_loop(app)
    context = loop.run_until_complete(open_context(GuiOptions()))
    marks["bootstrap"] = time.time() - t0
    window = MainWindow(context, taskbridge.TaskManager(), StallMonitor())
    window.show()
    marks["window"] = time.time() - t0

    def first_iteration() -> None:
        marks["first_iteration"] = time.time() - t0
        app.quit()

    QTimer.singleShot(0, first_iteration)
    loop.run_forever()
    print(json.dumps(marks), flush=True)
    window.close()
    context.stop()
    taskbridge.shutdown_executors()
    os._exit(0)  # the measurement is done; interpreter teardown is not part of start-up


def one_round() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="lgc-bench-start-") as home:
        env = {**os.environ, "LGC_HOME": home, "QT_QPA_PLATFORM": "offscreen", "LGC_BENCH_T0": repr(time.time())}
        result = subprocess.run([sys.executable, "-m", "bench.bench_startup", "--child"], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=120, check=True)
        return json.loads(result.stdout.strip().splitlines()[-1])


def run(rounds: int = 5, quick: bool = False) -> list[tuple[str, str]]:
    if quick:
        rounds = min(rounds, 2)
    samples = [one_round() for _ in range(rounds)]
    rows = []
    for phase, label in zip(PHASES, ("imports terminés", "base migrée + worker", "fenêtre affichée",
                                     "première itération de la boucle (interactive)"), strict=True):
        values = [sample[phase] for sample in samples]
        rows.append((f"démarrage à froid : {label} (médiane de {rounds})",
                     f"{statistics.median(values) * 1000:.0f} ms (min {min(values) * 1000:.0f}, "
                     f"max {max(values) * 1000:.0f})"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description="Démarrage à froid jusqu'à la fenêtre principale interactive")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child()
        return
    for name, value in run(args.rounds):
        print(f"{name:<70} {value}")


if __name__ == "__main__":
    main()
