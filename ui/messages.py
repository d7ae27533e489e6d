"""User messages callable from anywhere, shown non-modally in the main window (qutebrowser `message.py`).

`error()`, `warning()` and `info()` log the text and hand it to the global bridge; `failure()` words a failed
action from the one error catalogue (`lgc_app/errors.py`). The bridge buffers messages until a display
connects (the main window's notification area, floating over its central area), so a message raised during
start-up is not lost. They may
be called from any thread: the signal is queued to the GUI thread.
"""

from __future__ import annotations

import enum
import logging
import threading
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from lgc_app.errors import explain
from ui.style import style_banner

log = logging.getLogger("lgc.ui.messages")

INFO_HIDE_MS = 6000


class MessageLevel(enum.Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


_LOG_LEVELS = {MessageLevel.INFO: logging.INFO, MessageLevel.WARNING: logging.WARNING,
               MessageLevel.ERROR: logging.ERROR}


@dataclass(frozen=True)
class Message:
    level: MessageLevel
    text: str


class MessageBridge(QObject):
    """Carries user messages from any code to the display.

    Signals:
        shown(Message): a message to display; emitted only once a display is connected.
    """

    shown = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._buffer: list[Message] = []
        self._connected = False

    def show(self, message: Message) -> None:
        log.log(_LOG_LEVELS[message.level], "%s", message.text)
        with self._lock:
            if not self._connected:
                self._buffer.append(message)
                return
        self.shown.emit(message)

    def connect_display(self, slot: object) -> None:
        """Connect a display slot (a bound method of a GUI-thread QObject) and flush the buffer into it."""
        self.shown.connect(slot)
        with self._lock:
            self._connected = True
            pending, self._buffer = self._buffer, []
        for message in pending:
            self.shown.emit(message)

    def disconnect_display(self) -> None:
        """Back to buffering (the window is closing)."""
        with self._lock:
            self._connected = False
        self.shown.disconnect()


_bridge: MessageBridge | None = None
_bridge_lock = threading.Lock()


def bridge() -> MessageBridge:
    global _bridge
    with _bridge_lock:
        if _bridge is None:
            _bridge = MessageBridge()
        return _bridge


def error(text: str) -> None:
    bridge().show(Message(MessageLevel.ERROR, text))


def warning(text: str) -> None:
    bridge().show(Message(MessageLevel.WARNING, text))


def info(text: str) -> None:
    bridge().show(Message(MessageLevel.INFO, text))


def failure(label: str, exc: BaseException) -> None:
    """A failed action the view does not explain itself: its label and the catalogue's text (a bug's
    traceback goes to the log under the reference the text quotes)."""
    error(f"{label} : {explain(exc).text}")


class _Banner(QFrame):
    """One message: text and a close button; an information hides itself after a few seconds."""

    def __init__(self, message: Message, parent: QWidget) -> None:
        super().__init__(parent)
        self.message = message
        style_banner(self, message.level.value)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        label = QLabel(message.text, self)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(label, 1)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip(self.tr("Fermer"))
        close.setAutoRaise(True)
        close.clicked.connect(self.dismiss)
        layout.addWidget(close)
        if message.level is MessageLevel.INFO:
            QTimer.singleShot(INFO_HIDE_MS, self, self.dismiss)

    def dismiss(self) -> None:
        self.setParent(None)  # leaves the layout at once, not at the next deferred delete
        self.deleteLater()


class NotificationArea(QWidget):
    """Stack of message banners floating over the bottom right of its parent (the central area): errors stay
    until closed, information hides itself.

    It overlays the screens rather than taking a place in their layout, so a message appearing or hiding
    never moves what is under the cursor (issue 13 item 11); hidden while empty, it catches no click.
    """

    MAX_BANNERS = 5
    MAX_WIDTH = 560
    MARGIN = 8

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("notifications")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        parent.installEventFilter(self)  # follows the parent's size
        self.hide()

    def show_message(self, message: Message) -> None:
        banners = self.banners()
        if len(banners) >= self.MAX_BANNERS:  # keep the screen usable if something floods messages
            banners[0].dismiss()
        banner = _Banner(message, self)
        self._layout.addWidget(banner)
        banner.show()  # now, not with the area: a hidden banner would count for no height in _place
        self._place()

    def banners(self) -> list[_Banner]:
        return [self._layout.itemAt(i).widget() for i in range(self._layout.count())
                if isinstance(self._layout.itemAt(i).widget(), _Banner)]

    def texts(self) -> list[str]:
        return [banner.message.text for banner in self.banners()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildRemoved:  # a banner dismissed: shrink towards the corner
            self._place()
        return super().event(event)

    def _place(self) -> None:
        host = self.parentWidget()
        if host is None or not self.banners():
            self.hide()
            return
        width = max(1, min(self.MAX_WIDTH, host.width() - 2 * self.MARGIN))
        height = self._layout.totalHeightForWidth(width)
        self.setGeometry(host.width() - width - self.MARGIN, host.height() - height - self.MARGIN, width, height)
        self.show()
        self.raise_()
