"""The worker process in the window: a status-bar word while it is not running, and the orders' outcomes it
records refreshing "Envois" and the documents' DMP states at once (`lgc_app.outbox.process`).

The worker process tells the GUI over its channel each time it recorded outcomes (committed then): the
panels read the database only when something changed, instead of waiting for their next poll; the polls
stay for the orders other workstations' workers execute. The channel's thread emits the signals: Qt queues
them to the GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from lgc_app.outbox.process import WorkerProcess, WorkerState

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class WorkerStatus(QLabel):
    """"Envois : démarrage…" or "Envois : redémarrage…" in the status bar; hidden while the worker runs.

    Signals:
        orders_changed(): the worker recorded outcomes.
        state_changed(object): the worker's `WorkerState`.
    """

    orders_changed = Signal()
    state_changed = Signal(object)

    def __init__(self, worker: WorkerProcess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workerStatus")
        self._worker = worker
        self.state_changed.connect(self._show)
        worker.on_orders_changed(self._outcomes_recorded)
        worker.on_state_changed(self._state_seen)
        self._show(worker.state)

    def release(self) -> None:
        """The window closes: no more signals from the worker's threads."""
        self._worker.forget(self._outcomes_recorded)
        self._worker.forget(self._state_seen)

    def _outcomes_recorded(self) -> None:  # a channel thread
        if shiboken6.isValid(self):
            self.orders_changed.emit()

    def _state_seen(self, state: WorkerState) -> None:  # a channel or watching thread
        if shiboken6.isValid(self):
            self.state_changed.emit(state)

    def _show(self, state: WorkerState) -> None:
        texts = {WorkerState.STARTING: self.tr("Envois : démarrage…"),
                 WorkerState.RESTARTING: self.tr("Envois : processus arrêté, redémarrage…"),
                 WorkerState.STOPPED: self.tr("Envois : arrêtés")}
        self.setText(texts.get(state, ""))
        self.setVisible(state is not WorkerState.RUNNING)


def install_worker_status(window: MainWindow) -> WorkerStatus | None:
    """The status word of this workstation's worker process, wired to the panels it refreshes; None on a
    slave (its master's worker executes its orders)."""
    worker = window.context.worker
    if worker is None:
        return None
    status = WorkerStatus(worker, window)
    orders = window.dmp.orders
    status.orders_changed.connect(lambda: orders.refresh() if orders.isVisible() else None)
    status.orders_changed.connect(window.documents.panel.refresh_dmp_states)
    window.closing.connect(status.release)
    window.statusBar().addWidget(status)
    return status
