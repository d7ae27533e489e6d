"""The homologation consultation (ui/scenario/consultation.py) played against the demo sandbox with 3 s latency
on every service: event-loop stall p99 and max per step and overall (SC.DMP/UX.10; aim under 16 ms). Nothing
is asserted: the figures are printed.

Each run is a fresh interpreter with its own `LGC_HOME`, as `lgc --demo` on a first start: the sandbox child
process, the worker, the main window, the demo data set, then the scenario without pauses (nothing meanwhile).

    python -m bench.bench_consultation [--runs N] [--latency S]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from bench.gui_child import play_in_window, run_child

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _play(latency: float) -> dict[str, Any]:
    """In the child interpreter: one demo start, then the scenario; its reports as JSON-ready data."""
    import asyncio

    from lgc_app import demo_seed
    from lgc_app.bootstrap import AppContext
    from ui.app import GuiOptions
    from ui.demo_data import prepare_demo_data
    from ui.main_window import MainWindow
    from ui.scenario.consultation import ConsultationScenario

    def sign_in(context: AppContext) -> None:
        context.session = demo_seed.demo_session(context.database, context.workstation)

    async def scenario(window: MainWindow) -> dict[str, Any]:
        seeding = prepare_demo_data(window)
        assert seeding.future is not None
        await seeding.future
        await asyncio.sleep(0.5)
        played = ConsultationScenario(window, monitor=window.monitor)
        reports = await played.play()
        samples = sorted(played.samples)
        return {"steps": [report.__dict__ | {"requests": list(report.requests)} for report in reports],
                "max": max(samples, default=0.0),
                "p99": samples[min(len(samples) - 1, int(0.99 * len(samples)))] if samples else 0.0,
                "samples": len(samples)}

    return play_in_window(GuiOptions(demo=True, latency=latency), scenario, prepare=sign_in)


def _play_in_child(home: Path, latency: float) -> dict[str, Any]:
    return dict(run_child("bench.bench_consultation", "--child", str(latency), home=home, timeout=600,
                          failure="scénario en échec"))


def measure(runs: int = 1, latency: float = 3.0) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="lgc-bench-consultation-") as folder:
        return [_play_in_child(Path(folder) / f"home-{index}", latency) for index in range(runs)]


def run(runs: int = 1, latency: float = 3.0, quick: bool = False) -> list[tuple[str, str]]:  # one run: already short
    rows = []
    for index, played in enumerate(measure(runs, latency), start=1):
        prefix = f"consultation {index} (latence {latency:g} s)"
        for step in played["steps"]:
            if step["skipped"]:
                rows.append((f"{prefix} : {step['name']}", "non jouée (fonction absente)"))
                continue
            rows.append((f"{prefix} : {step['name']}",
                         f"p99 {step['p99_stall_ms']:.1f} ms, max {step['max_stall_ms']:.1f} ms, "
                         f"max requête en cours {step['in_flight_max_stall_ms']:.1f} ms ({step['seconds']:.1f} s)"))
        rows.append((f"{prefix} : ensemble", f"p99 {played['p99']:.1f} ms, max {played['max']:.1f} ms "
                                            f"({played['samples']} mesures)"))
    rows.append(("charge de la machine (load average 1 min)", f"{os.getloadavg()[0]:.2f}"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description="Consultation type scénarisée : blocages de la boucle par étape")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--latency", type=float, default=3.0)
    parser.add_argument("--child", type=float, metavar="LATENCE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(_play(args.child)))
        return
    for name, value in run(args.runs, args.latency):
        print(f"{name:<60} {value}")


if __name__ == "__main__":
    main()
