"""The worker process in the window (issue 14 item 1): the status bar says when it is not running, the
diagnostic gives its state, and the outcomes it records refresh the panels at once. The test plays the
child: its notices arrive from another thread, as from the channel's."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from lgc_app.bootstrap import AppContext
from lgc_app.outbox.process import WorkerProcess
from ui import tasks as taskbridge
from ui.diagnostics import DiagnosticsDialog
from ui.main_window import MainWindow
from ui.stall_monitor import StallMonitor


@pytest.fixture
def supervised(qloop: object, qtbot: QtBot, context: AppContext) -> Iterator[MainWindow]:
    context.worker = WorkerProcess(context.settings, session=lambda: context.session)  # never started
    window = MainWindow(context, taskbridge.TaskManager(), StallMonitor())
    qtbot.addWidget(window)
    window.show()
    yield window
    window.monitor.stop()


def _from_child(worker: WorkerProcess, notice: str) -> None:
    thread = threading.Thread(target=worker.answers()[notice], args=({},))
    thread.start()
    thread.join(5)


def test_the_status_bar_and_the_diagnostic_follow_the_worker(supervised: MainWindow, qtbot: QtBot) -> None:
    status, worker = supervised.worker_status, supervised.context.worker
    assert status is not None and worker is not None
    assert status.isVisibleTo(supervised) and status.text() == "Envois : arrêtés"
    _from_child(worker, "ready")
    qtbot.waitUntil(lambda: not status.isVisibleTo(supervised), timeout=5000)
    dialog = DiagnosticsDialog(supervised.context, supervised.monitor, role_text="Autonome",
                               service_state=lambda: "", parent=supervised)
    assert dialog.worker_label.text().startswith("exécutés par ce poste, processus d'envoi en marche")
    dialog.close()


def test_recorded_outcomes_refresh_the_orders_panel_at_once(supervised: MainWindow, qtbot: QtBot) -> None:
    status, worker, orders = supervised.worker_status, supervised.context.worker, supervised.dmp.orders
    assert status is not None and worker is not None
    supervised.panels.setCurrentWidget(orders)
    qtbot.waitUntil(lambda: orders._loading is None, timeout=5000)  # the read when it was shown
    with qtbot.waitSignal(status.orders_changed, timeout=5000):
        _from_child(worker, "changed")
    assert orders._loading is not None  # a new read started, before the panel's 5 s poll
    supervised.close()
    _from_child(worker, "changed")  # a window closed no longer listens: no signal on a dead widget
