"""Event-loop stalls while ten 3-second requests to the sandbox are in flight (the GUI's own loop), and on the
first start of `lgc --demo`, when the outbox worker sends its first batch of DMP orders.

The sandbox runs as a child process, as in `lgc --demo`; this process plays the GUI: a QApplication
(offscreen), the qasync loop, the task bridge and the stall monitor. The HTTP client is built in a thread
before measuring, as the application does. The ten requests start together, so their TLS handshakes and
their responses all land on the loop; the longest stall says whether a user would have felt them. A second
batch reuses the pooled connections, as the application's long-lived clients do.

The first DMP batch is measured in a fresh interpreter per run (its lazy imports and first TLS context are
what a first start pays), with its own `LGC_HOME`: `ui.app.open_context` (demo sandbox child, worker process),
the main window, the demo data set seeded as on a first start, then the worker's orders sent to the sandbox
DMP while the stall monitor ticks. A restart on the same home (data set there, no order) is the baseline.

    python -m bench.bench_stall [--requests N] [--latency S] [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.gui_child import play_in_window, run_child

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def measure(requests: int = 10, latency: float = 3.0) -> dict[str, dict[str, float]]:
    """Stall figures for a first batch (new TLS connections) and a second one (connections reused)."""
    from PySide6.QtWidgets import QApplication

    from lgc_app.demo import DemoSandbox
    from services.transport import TlsMaterial, make_async_client
    from ui import tasks as taskbridge
    from ui.app import install_event_loop, preload_network_stack
    from ui.stall_monitor import StallMonitor

    app = QApplication.instance() or QApplication(["bench"])
    loop = install_event_loop(app)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory(prefix="lgc-bench-stall-") as state:
        sandbox = DemoSandbox.spawn(Path(state), latency=latency)
        try:
            manifest = sandbox.wait_ready()
            tls = TlsMaterial(Path(manifest["ca_file"]), Path(manifest["cps_cert"]), Path(manifest["cps_key"]))
            manager = taskbridge.TaskManager()
            monitor = StallMonitor()

            async def batch() -> dict[str, float]:
                monitor.start()
                await asyncio.sleep(0.2)
                monitor.reset()
                start = time.monotonic()
                tasks = [manager.run(client.get(sandbox.urls["echo"]), label_fr=f"écho {i}")
                         for i in range(requests)]
                await asyncio.gather(*(task.future for task in tasks if task.future is not None))
                elapsed = time.monotonic() - start
                await asyncio.sleep(0.1)
                monitor.stop()
                failed = sum(task.error is not None for task in tasks)
                return {"elapsed": elapsed, "max": monitor.max_stall_ms, "p99": monitor.p99_ms,
                        "samples": monitor.samples, "failed": failed}

            async def scenario() -> dict[str, dict[str, float]]:
                nonlocal client
                await taskbridge.run_in_thread(preload_network_stack)  # as the application's start-up does
                client = await taskbridge.run_in_thread(make_async_client, tls, timeout=latency + 30)
                try:
                    return {"cold": await batch(), "warm": await batch()}
                finally:
                    await client.aclose()

            client = None
            return loop.run_until_complete(scenario())
        finally:
            sandbox.stop()
            taskbridge.shutdown_executors()
            loop.close()


def _demo_start(options_latency: float) -> dict[str, float]:
    """In a fresh interpreter (LGC_HOME set): one `lgc --demo` start, up to its DMP orders all sent.

    Returns the longest stall since the window was shown ("Blocage le plus long" of Aide → Diagnostic) and
    the longest from the worker's wake-up to the last order's outcome (0 orders on a restart).
    """
    from lgc_app.outbox.trace import OrderStatus, count_orders
    from ui import tasks as taskbridge
    from ui.app import GuiOptions
    from ui.demo_data import prepare_demo_data
    from ui.main_window import MainWindow

    async def scenario(window: MainWindow) -> dict[str, float]:
        context, monitor = window.context, window.monitor
        worker = context.worker
        assert worker is not None

        async def settled() -> int:
            counts = await taskbridge.run_db(count_orders, context.database)
            return counts[OrderStatus.DONE] + counts[OrderStatus.FAILED]

        monitor.start()
        loop = asyncio.get_running_loop()
        changed = asyncio.Event()  # the worker process says when it recorded outcomes
        worker.on_orders_changed(lambda: loop.call_soon_threadsafe(changed.set))
        baseline = await settled()  # a restart's database holds the first start's sent orders
        seeding = prepare_demo_data(window)
        assert seeding.future is not None
        seeded = await seeding.future
        woken = time.perf_counter()
        orders = seeded.send_orders if seeded is not None else 0
        while (done := await settled() - baseline) < orders and time.perf_counter() - woken < 120:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), 1.0)
            changed.clear()
        sent = time.perf_counter()
        await asyncio.sleep(0.3)  # the "Envois" panel refresh that follows
        monitor.stop()
        return {"orders": orders, "done": done, "send_s": sent - woken,
                "max": monitor.max_stall_ms, "send_max": monitor.recent_max_ms(time.perf_counter() - woken),
                "p99": monitor.p99_ms}

    return play_in_window(GuiOptions(demo=True, latency=options_latency), scenario)


def _demo_start_in_child(home: Path, latency: float) -> dict[str, float]:
    figures: dict[str, float] = run_child("bench.bench_stall", "--demo-start", str(latency), home=home,
                                          timeout=180, failure="démarrage de démonstration en échec")
    return figures


def measure_first_dmp_batch(runs: int = 3, latency: float = 0.0) -> dict[str, list[dict[str, float]]]:
    """`runs` first starts (each on a new home), then one restart on the last home (no order)."""
    first: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="lgc-bench-demo-") as folder:
        for index in range(runs):
            home = Path(folder) / f"home-{index}"
            home.mkdir()
            first.append(_demo_start_in_child(home, latency))
        restart = [_demo_start_in_child(home, latency)]
    return {"first": first, "restart": restart}


def _spread(values: list[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:.1f} ms"
    return (f"médiane {statistics.median(values):.1f} ms (min {min(values):.1f}, max {max(values):.1f} ; "
            f"{len(values)} démarrages)")


def first_batch_rows(runs: int = 3, latency: float = 0.0) -> list[tuple[str, str]]:
    figures = measure_first_dmp_batch(runs, latency)
    first, restart = figures["first"], figures["restart"]
    orders = int(first[0]["orders"])
    return [
        (f"premier envoi DMP : blocage max ({orders} ordres, du réveil de l'envoi au dernier résultat)",
         _spread([run["send_max"] for run in first])),
        ("premier envoi DMP : durée des envois", _spread([run["send_s"] * 1000 for run in first])),
        ("premier démarrage démo : blocage le plus long (Aide → Diagnostic)", _spread([run["max"] for run in first])),
        ("redémarrage démo sans envoi : blocage le plus long", _spread([run["max"] for run in restart])),
        ("charge de la machine (load average 1 min)", f"{os.getloadavg()[0]:.2f}"),
    ]


def run(requests: int = 10, latency: float = 3.0, runs: int = 3, quick: bool = False) -> list[tuple[str, str]]:
    if quick:
        latency, runs = min(latency, 1.0), 1
    rows = first_batch_rows(runs)
    for phase, figures in measure(requests, latency).items():
        label = "connexions TLS neuves" if phase == "cold" else "connexions réutilisées"
        prefix = f"{requests} échos de {latency:g} s en parallèle, {label}"
        rows += [
            (f"{prefix} : durée", f"{figures['elapsed']:.2f} s ({figures['failed']:.0f} échec(s))"),
            (f"{prefix} : blocage max de la boucle", f"{figures['max']:.1f} ms"),
            (f"{prefix} : p99 du retard", f"{figures['p99']:.1f} ms ({figures['samples']:.0f} mesures)"),
        ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description="Blocages de la boucle d'événements pendant des requêtes lentes")
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--latency", type=float, default=3.0)
    parser.add_argument("--runs", type=int, default=3, help="premiers démarrages de démonstration mesurés")
    parser.add_argument("--demo-start", type=float, metavar="LATENCE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.demo_start is not None:  # child interpreter of measure_first_dmp_batch
        print(json.dumps(_demo_start(args.demo_start)))
        return
    for name, value in run(args.requests, args.latency, args.runs):
        print(f"{name:<70} {value}")


if __name__ == "__main__":
    main()
