"""Status-bar activity indicator: a spinner and the number of requests in flight; a click lists them.

No flicker (Anki `aqt/progress.py`): the indicator appears only once a task has run for 300 ms, so quick
requests never blink it; the list is polled every 100 ms rather than pushed per change. Each cancellable
task gets an "Annuler" button (ARCHITECTURE.md: every long action can be cancelled).

The outbox's sends (DMP orders waiting or being sent, by this workstation or its worker) are not tasks of
this window: they are counted every 2 s on the database thread, one count at a time (issue 13 item 7:
"2 envois en cours").
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QPoint, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.style import style_popup
from ui.tasks import Task, TaskManager

log = logging.getLogger("lgc.ui.activity")

SHOW_DELAY_MS = 300
SPIN_INTERVAL_MS = 50
POLL_INTERVAL_MS = 100
ORDERS_POLL_MS = 2000

OrderCount = Callable[[], Coroutine[Any, Any, int]]


class Spinner(QWidget):
    """A rotating arc painted by hand (no image, no flicker); turns only while visible."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(QSize(16, 16))
        self._angle = 0
        self._timer = QTimer(self)
        self._timer.setInterval(SPIN_INTERVAL_MS)
        self._timer.timeout.connect(self._advance)

    def showEvent(self, event: object) -> None:
        self._timer.start()

    def hideEvent(self, event: object) -> None:
        self._timer.stop()

    def _advance(self) -> None:
        self._angle = (self._angle + 30) % 360
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().highlight().color(), 2.5)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        # Qt angles are in 1/16 degree, counter-clockwise: a 270° arc turning clockwise
        painter.drawArc(QRectF(2, 2, 12, 12), -self._angle * 16, 270 * 16)


class ActivityList(QFrame):
    """Popup listing the visible tasks in flight: label, elapsed seconds, "Annuler"."""

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("activityList")
        style_popup(self)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._tasks = tasks
        self._shown_ids: list[int] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Opération en cours"), self.tr("Durée"), ""])
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)  # the label column takes the room, not the button
        layout.addWidget(self.tree)
        self.empty = QLabel(self.tr("Aucune opération en cours."), self)
        layout.addWidget(self.empty)
        self.sends = QLabel(self)
        self.sends.setObjectName("activitySends")
        self.sends.setWordWrap(True)
        layout.addWidget(self.sends)
        self.set_sends(0)
        self.resize(480, 160)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_INTERVAL_MS)
        self._poll.timeout.connect(self.refresh)

    def popup_at(self, anchor: QPoint) -> None:
        self.refresh()
        self.move(anchor - QPoint(self.width(), self.height()))
        self.show()
        self._poll.start()

    def hideEvent(self, event: object) -> None:
        self._poll.stop()

    def set_sends(self, count: int) -> None:
        self.sends.setText(self.tr("%n envoi(s) en cours : détail dans le panneau « Envois ».", "", count))
        self.sends.setVisible(count > 0)

    def cancel_button(self, row: int) -> QPushButton | None:
        widget = self.tree.itemWidget(self.tree.topLevelItem(row), 2)
        return widget if isinstance(widget, QPushButton) else None

    def refresh(self) -> None:
        running = self._tasks.running()
        if [task.id for task in running] != self._shown_ids:
            self._rebuild(running)
        for row, task in enumerate(running):
            self.tree.topLevelItem(row).setText(1, self.tr("%n s", "", int(task.elapsed)))
        self.empty.setVisible(not running and not self.sends.isVisibleTo(self))
        self.tree.setVisible(bool(running))

    def _rebuild(self, running: list[Task[object]]) -> None:
        self.tree.clear()
        self._shown_ids = [task.id for task in running]
        for task in running:
            item = QTreeWidgetItem(self.tree, [task.label, ""])
            if task.cancellable:
                button = QPushButton(self.tr("Annuler"), self.tree)
                button.clicked.connect(task.cancel)
                self.tree.setItemWidget(item, 2, button)


class ActivityIndicator(QWidget):
    """Status-bar widget: spinner + count, hidden while nothing has been running for 300 ms and no send is in
    flight.

    Args:
        tasks: the window's task bridge.
        orders: counts the outbox's orders in flight (a coroutine on the database thread); None: not shown.
    """

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None, *, orders: OrderCount | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        self.spinner = Spinner(self)
        self.count = QLabel(self)
        layout.addWidget(self.spinner)
        layout.addWidget(self.count)
        self.list = ActivityList(tasks, self)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(SHOW_DELAY_MS)
        self._delay.timeout.connect(self._update)
        tasks.tasks_changed.connect(self._on_changed)
        self.sends = 0
        self._orders = orders
        self._counting: Task[int] | None = None
        self._orders_timer = QTimer(self)
        self._orders_timer.setInterval(ORDERS_POLL_MS)
        self._orders_timer.timeout.connect(self.count_orders)
        if orders is not None:
            self._orders_timer.start()
        self.setVisible(False)

    def stop(self) -> None:
        """No more counts (the window closes: the loop is about to stop)."""
        self._orders_timer.stop()

    def count_orders(self) -> None:
        """Start one count of the sends in flight, unless one is still running (counts never pile up)."""
        if self._orders is None or self._counting is not None:
            return
        self._counting = self._tasks.run(self._orders(), label_fr=self.tr("Comptage des envois"), visible=False,
                                         owner=self)
        self._counting.on_success(self._orders_counted).on_failure(self._count_failed)

    def _orders_counted(self, count: int) -> None:
        self._counting = None
        if count != self.sends:
            self.sends = count
            self.list.set_sends(count)
            self._update()

    def _count_failed(self, error: BaseException) -> None:
        """A busy or unreachable database: the next count tries again; the screens that need it say so."""
        self._counting = None
        log.info("sends not counted: %r", error)

    def _on_changed(self) -> None:
        if self.list.isVisible():  # the count and the open list must agree at once, not at the next poll
            self.list.refresh()
        if self._tasks.running() and not self.isVisible():
            if not self._delay.isActive():
                self._delay.start()
        else:
            self._update()

    def _update(self) -> None:
        running = self._tasks.running()
        n = len(running)
        requests = [self.tr("%n requête(s) en cours", "", n)] if n else []
        sends = [self.tr("%n envoi(s) en cours", "", self.sends)] if self.sends else []
        self.count.setText(" · ".join(requests + sends))
        self.setToolTip("\n".join([task.label for task in running] + sends))
        self.setVisible(bool(n or self.sends))
        if not (n or self.sends):
            self.list.hide()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.list.popup_at(self.mapToGlobal(QPoint(self.width(), 0)))
