"""Plugs the "Messagerie" panel into the main window: the tab with its badges (new documents in its title, the
documents waiting for someone as a red pill), and the state of the mailbox connection in the status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel

from ui.dmp.badge import badge_icon
from ui.mss import inbox_actions as actions
from ui.mss.inbox_actions import Connection
from ui.mss.inbox_panel import InboxPanel

if TYPE_CHECKING:
    from ui.main_window import MainWindow

STATE_POLL_MS = 3000  # reads two attributes of the reception worker: no I/O


class InboxModule(QObject):
    """The MSSanté inbox of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = InboxPanel(window.context, window.tasks)
        self.title = self.tr("Messagerie")
        window.add_panel(self.title, self.panel)
        self.show_action = window.menu("Patients").addAction(self.tr("Documents reçus par MSSanté"), self.show)
        self.panel.counts_changed.connect(self.show_counts)
        window.session_changed.connect(lambda _session: self.panel.apply_role())
        self.connection = QLabel(window)
        self.connection.setObjectName("mssReception")
        window.statusBar().addPermanentWidget(self.connection)  # beside the activity indicator
        self.state_timer = QTimer(self)
        self.state_timer.setInterval(STATE_POLL_MS)
        self.state_timer.timeout.connect(self.show_connection)
        self.state_timer.start()
        self.show_connection()

    def index(self) -> int:
        return self.window.panels.indexOf(self.panel)

    def show(self) -> None:
        self.window.panels.setCurrentIndex(self.index())

    def show_counts(self, counts: dict[str, int]) -> None:
        """"Messagerie (3)" for three documents nobody opened yet; a red pill counts those waiting for someone
        (to match or in error)."""
        new, waiting = counts.get("new", 0), counts.get("to_match", 0) + counts.get("ko", 0)
        panels, index = self.window.panels, self.index()
        panels.setTabText(index, f"{self.title} ({new})" if new else self.title)
        panels.setTabIcon(index, badge_icon(waiting) if waiting else QIcon())
        panels.setTabToolTip(index, self.tr("%1 nouveau(x), %2 à rapprocher, %3 en erreur").replace(
            "%1", str(new)).replace("%2", str(counts.get("to_match", 0))).replace("%3", str(counts.get("ko", 0))))

    def show_connection(self) -> None:
        state = actions.reception_state(self.window.context)
        text = {
            Connection.NOT_CONFIGURED: "",
            Connection.RUNNING: self.tr("MSSanté : relève automatique active"),
            Connection.WAITING_PSC: self.tr("MSSanté : en attente de connexion Pro Santé Connect"),
            Connection.ERROR: self.tr("MSSanté : erreur de connexion"),
            Connection.STOPPED: self.tr("MSSanté : relève automatique arrêtée"),
        }[state.connection]
        self.connection.setVisible(bool(text))
        self.connection.setText(text)
        self.connection.setToolTip(state.detail)
        self.panel.connection.setText(text)
        self.panel.connection.setToolTip(state.detail)


def install_inbox(window: MainWindow) -> InboxModule:
    return InboxModule(window)
