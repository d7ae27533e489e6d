"""GUI test fixtures: a qasync loop driven by pytest-qt, a fresh message bridge, a main window on a test base.

The loop is created "already running": Qt's event loop (spun by `qtbot.wait*`) runs the asyncio callbacks,
so tests drive coroutines exactly as the application does.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
import shiboken6
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lgc_app.bootstrap import AppContext, bootstrap
from lgc_app.config import Settings
from services.sandbox.server import RunningSandbox
from tests.helpers import databases
from ui import messages
from ui import tasks as taskbridge
from ui.app import TaskKeeper, create_application
from ui.main_window import MainWindow
from ui.stall_monitor import StallMonitor


@pytest.fixture(autouse=True)
def _collect_in_gui_thread() -> Iterator[None]:
    """Reference cycles are collected on the GUI thread only, as in the application (ui/gc_guard.py)."""
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.enable()


@pytest.fixture(autouse=True)
def _fresh_bridge(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages of one test never reach another's window."""
    monkeypatch.setattr(messages, "_bridge", None)


@pytest.fixture
def app(qapp: QApplication) -> QApplication:
    """The test QApplication set up like the real one (translations, style)."""
    return create_application()


@pytest.fixture
def qloop(app: QApplication, qtbot: QtBot) -> Iterator[qasync.QEventLoop]:
    loop = qasync.QEventLoop(app, already_running=True)
    loop.set_task_factory(TaskKeeper())
    loop.set_debug(True)  # STYLE.md §2: catch blocking callbacks
    loop.slow_callback_duration = 0.05
    asyncio.set_event_loop(loop)
    yield loop
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in pending:
        task.cancel()
    qtbot.waitUntil(lambda: all(task.done() for task in pending), timeout=5000)
    taskbridge.shutdown_executors()
    # An "already running" qasync loop is stopped by app.exit(), which would also end the next
    # qtbot.wait*: undo its running state by hand instead.
    app.aboutToQuit.disconnect(loop._after_run_forever)
    asyncio.events._set_running_loop(None)
    loop._QEventLoop__is_running = False  # type: ignore[attr-defined]
    dispose_loop(loop)
    asyncio.set_event_loop(None)


def dispose_loop(loop: qasync.QEventLoop) -> None:
    """Close a qasync loop and destroy its QObjects now, on the GUI thread.

    Left to the garbage collector, they may be destroyed from whatever thread runs the collection; Qt
    cannot unregister their timers from there, and a later timer event hits freed memory (segfault).
    """
    loop.close()
    for qobject in (loop._timer, loop._QEventLoop__call_soon_signaller):  # type: ignore[attr-defined]
        if shiboken6.isValid(qobject):
            shiboken6.delete(qobject)


@pytest.fixture
def message_log() -> list[messages.Message]:
    """Every user message shown during the test (qutebrowser's message_mock)."""
    shown: list[messages.Message] = []
    messages.bridge().connect_display(shown.append)
    return shown


def run_coro(qtbot: QtBot, coro: Any, timeout: int = 10_000) -> Any:
    """Await coro on the running qasync loop while Qt spins; returns its result."""
    future = asyncio.ensure_future(coro)
    qtbot.waitUntil(future.done, timeout=timeout)
    return future.result()


@pytest.fixture
def ui_db_url(_sqlite_template: Path, tmp_path: Path) -> str:
    """A migrated SQLite database: GUI tests do not need to run on both back-ends."""
    return databases.sqlite_copy(_sqlite_template, tmp_path)


@pytest.fixture
def context(ui_db_url: str) -> Iterator[AppContext]:
    ctx = bootstrap(Settings({"database.url": ui_db_url, "workstation.name": "POSTE-TEST",
                              "cabinet.name": "Cabinet Test"}))
    yield ctx
    ctx.stop()


@pytest.fixture
def window(qloop: qasync.QEventLoop, qtbot: QtBot, context: AppContext) -> Iterator[MainWindow]:
    win = MainWindow(context, taskbridge.TaskManager(), StallMonitor())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.monitor.stop()  # a parentless QObject must not keep a live timer past the test (see dispose_loop)


@pytest.fixture
def insi_context(qloop: object, qtbot: QtBot, ui_db_url: str, sandbox: RunningSandbox) -> Iterator[AppContext]:
    """A workstation whose settings point at the sandbox's INSi with the test CPS certificate."""
    manifest = sandbox.manifest
    ctx = bootstrap(Settings({"database.url": ui_db_url, "workstation.name": "POSTE-TEST",
                              "services.insi_url": manifest.url("insi"), "tls.ca_file": str(manifest.ca_file),
                              "tls.client_cert": str(manifest.cps_cert), "tls.client_key": str(manifest.cps_key)}))
    yield ctx
    run_coro(qtbot, ctx.services.aclose())
    ctx.stop()
