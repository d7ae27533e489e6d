"""The idle-session lock (SSI IE.36): after `accounts.idle_minutes` without keyboard or mouse input, the main
window is covered by the login dialog in lock mode. Nothing is closed underneath — open editors, drafts and
running tasks stay as they were — so no data is lost; the user types the password again (or another user signs
in, and the next actions are recorded in their name)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                           QEvent.Type.Wheel, QEvent.Type.TouchBegin})


class IdleWatch(QObject):
    """Emits `idle` once `timeout_ms` pass without user input anywhere in the application.

    Signals:
        idle(): the session must lock.
    """

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(timeout_ms)
        self.timer.timeout.connect(self.idle)
        self.paused = False
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and not self.paused:
            self.timer.start()  # restarts the countdown
        return False

    def pause(self) -> None:
        """While the lock dialog is up: its own typing does not count."""
        self.paused = True
        self.timer.stop()

    def resume(self) -> None:
        self.paused = False
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
