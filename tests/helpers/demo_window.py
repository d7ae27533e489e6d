"""The demo's main window on the demo's data set, as `lgc --demo` shows it at first start (every module)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pytestqt.qtbot import QtBot

from lgc_app import demo_seed
from lgc_app.bootstrap import bootstrap
from lgc_app.config import Settings
from lgc_app.demo_seed import DEMO_CABINET
from ui.demo_data import prepare_demo_data
from ui.main_window import MainWindow
from ui.stall_monitor import StallMonitor
from ui.tasks import TaskManager, TaskState


@contextmanager
def demo_main_window(qtbot: QtBot, db_url: str) -> Iterator[MainWindow]:
    """Call with a qasync loop running (tests/ui/conftest.py `qloop`)."""
    context = bootstrap(Settings({"database.url": db_url, "workstation.name": "POSTE-DEMO",
                                  "cabinet.structure_id": DEMO_CABINET.structure_id,
                                  "cabinet.name": DEMO_CABINET.name}))
    try:
        context.session = demo_seed.demo_session(context.database, context.workstation)
        window = MainWindow(context, TaskManager(), StallMonitor())
        qtbot.addWidget(window)
        window.show()
        seeding = prepare_demo_data(window)
        qtbot.waitUntil(lambda: seeding.state is not TaskState.RUNNING, timeout=30_000)
        assert seeding.state is TaskState.SUCCEEDED, seeding.error
        yield window
        window.monitor.stop()
    finally:
        context.stop()
