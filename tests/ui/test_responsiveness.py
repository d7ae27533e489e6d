"""The event loop is sacred: a slow national-service request must not stall the GUI (ARCHITECTURE.md)."""

from __future__ import annotations

import asyncio
import time

import pytest
from pytestqt.qtbot import QtBot

from services.transport import make_async_client
from tests.helpers.sandbox import tls_material
from tests.helpers.stall import GUI_STALL_LIMIT_MS
from tests.ui.conftest import run_coro
from ui.stall_monitor import StallMonitor
from ui.tasks import TaskManager, TaskState

pytestmark = pytest.mark.usefixtures("qloop")


def test_loop_stays_responsive_during_a_3_second_request(qtbot: QtBot, qloop, sandbox) -> None:
    # Measured as in production: debug mode snapshots a stack for every task it creates, which costs
    # ~250 ms the first time (linecache reads the sources) and is not what users run.
    qloop.set_debug(False)
    sandbox.set_faults(latency=3)
    client = make_async_client(tls_material(sandbox.manifest, "cps"), timeout=15)  # SSL context built here
    manager = TaskManager()
    monitor = StallMonitor()
    monitor.start()
    qtbot.wait(50)
    monitor.reset()

    async def echo() -> float:
        start = time.monotonic()
        response = await client.get(sandbox.manifest.url("echo"))
        response.raise_for_status()
        return time.monotonic() - start

    with qtbot.waitSignal(manager.task_finished, timeout=15_000):
        task = manager.run(echo(), label_fr="Écho lent")
    monitor.stop()
    run_coro(qtbot, client.aclose())
    assert task.state is TaskState.SUCCEEDED, task.error
    assert task.result >= 3.0
    assert monitor.samples > 150  # the monitor really ticked during the request
    assert monitor.max_stall_ms < GUI_STALL_LIMIT_MS, f"boucle bloquée {monitor.max_stall_ms:.0f} ms"


def test_monitor_detects_a_blocking_call(qtbot: QtBot) -> None:
    manager = TaskManager()
    monitor = StallMonitor()
    monitor.start()
    qtbot.wait(50)

    async def blocking() -> None:
        await asyncio.sleep(0.02)
        time.sleep(0.12)  # noqa: ASYNC251 - the blocking call the monitor must catch

    with qtbot.waitSignal(manager.task_finished, timeout=5000):
        manager.run(blocking(), label_fr="Bloquant")
    qtbot.wait(30)
    assert monitor.max_stall_ms >= 100
    assert monitor.percentile(1.0) == monitor.max_stall_ms
    monitor.reset()
    assert monitor.max_stall_ms == 0.0 and monitor.p99_ms == 0.0
