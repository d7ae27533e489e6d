"""Event-loop stalls while ten 3-second requests to the sandbox are in flight (the GUI's own loop).

The sandbox runs as a child process, as in `lgc --demo`; this process plays the GUI: a QApplication
(offscreen), the qasync loop, the task bridge and the stall monitor. The HTTP client is built in a thread
before measuring, as the application does. The ten requests start together, so their TLS handshakes and
their responses all land on the loop; the longest stall says whether a user would have felt them. A second
batch reuses the pooled connections, as the application's long-lived clients do.

    python -m bench.bench_stall [--requests N] [--latency S]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

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


def run(requests: int = 10, latency: float = 3.0) -> list[tuple[str, str]]:
    rows = []
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
    args = parser.parse_args()
    for name, value in run(args.requests, args.latency):
        print(f"{name:<70} {value}")


if __name__ == "__main__":
    main()
