"""The "Envois" panel: every send order with its French status, its trace, "Relancer" and "Annuler".

ARCHITECTURE "Data flow" §4: the GUI only watches orders; it polls the database every few seconds while
visible (works on SQLite and PostgreSQL alike). The trace of the selected order (who, which workstation,
when, what was sent, what the service answered) can be exported as a text file: the homologation proof of
SC.DMP/ALI/PROG.02.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lgc_app.bootstrap import AppContext
from lgc_app.errors import explain
from lgc_app.outbox.trace import OrderStatus, OrderView, moment
from ui import messages
from ui.actions import outbox as actions
from ui.record_table import record_table
from ui.tasks import Task, TaskManager, run_in_thread

POLL_MS = 5000
STATUS_COLOURS = {OrderStatus.FAILED: "#b71c1c", OrderStatus.DONE: "#1b5e20", OrderStatus.CANCELLED: "#616161"}


class OrdersModel(QAbstractTableModel):
    """Send orders as rows: created, nature, content, ordered by, workstation, status, attempts."""

    CREATED, KIND, CONTENT, ORDERED_BY, WORKSTATION, STATUS, ATTEMPTS = range(7)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.orders: list[OrderView] = []

    def set_orders(self, orders: list[OrderView]) -> None:
        self.beginResetModel()
        self.orders = list(orders)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.orders)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Créé le"), self.tr("Nature"), self.tr("Contenu"), self.tr("Demandé par"),
                    self.tr("Poste"), self.tr("Statut"), self.tr("Essais"))[section]
        return None

    def attempts_text(self, order: OrderView) -> str:
        """"Aucun essai", "1 essai sur 24", "3 essais sur 24": a raw "1/24" reads as a date or a fraction."""
        if order.attempts == 0:
            return self.tr("Aucun essai")
        if order.attempts == 1:
            return self.tr("1 essai sur %1").replace("%1", str(order.max_attempts))
        return self.tr("%1 essais sur %2").replace("%1", str(order.attempts)).replace("%2", str(order.max_attempts))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.orders):
            return None
        order = self.orders[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (order.created_at.astimezone().strftime("%d/%m/%Y %H:%M"), order.kind_label,
                    order.subject, order.ordered_by, order.origin_workstation, order.status.label,
                    self.attempts_text(order))[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.STATUS:
            colour = STATUS_COLOURS.get(order.status)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and order.last_error:
            return order.last_error
        if role == Qt.ItemDataRole.UserRole:
            return order
        return None


class OrdersPanel(QWidget):
    """List, trace and actions on send orders.

    Signals:
        refreshed(): the list was reloaded from the database.
        trace_shown(str): the trace of this order id is displayed.
    """

    refreshed = Signal()
    trace_shown = Signal(str)

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._tasks = tasks
        self._loading: Task[Any] | None = None
        self._trace_order: OrderView | None = None
        self._selected_id: str | None = None
        self._build()
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.refresh)

    def _build(self) -> None:
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("Tous les statuts"), None)
        for status in OrderStatus:
            self.status_filter.addItem(status.label.capitalize(), status)
        self.status_filter.currentIndexChanged.connect(lambda _index: self.refresh())
        self.counts = QLabel(self)
        self.counts.setObjectName("orderCounts")
        self.refresh_button = QPushButton(self.tr("Actualiser"), self)
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Statut :"), self))
        top.addWidget(self.status_filter)
        top.addWidget(self.counts, 1)
        top.addWidget(self.refresh_button)

        self.model = OrdersModel(self)
        self.table = record_table(self.model, OrdersModel.CONTENT, self)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.empty = QLabel(self.tr("Aucun envoi."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.retry_button = QPushButton(self.tr("Relancer"), self)
        self.retry_button.clicked.connect(self.retry_selected)
        self.cancel_button = QPushButton(self.tr("Annuler l'envoi"), self)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.export_button = QPushButton(self.tr("Exporter la trace…"), self)
        self.export_button.clicked.connect(self.choose_export_file)
        actions_row = QHBoxLayout()
        for button in (self.retry_button, self.cancel_button):
            actions_row.addWidget(button)
        actions_row.addStretch(1)
        actions_row.addWidget(self.export_button)

        self.trace = QPlainTextEdit(self)
        self.trace.setObjectName("orderTrace")
        self.trace.setReadOnly(True)
        self.trace.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.trace.setPlaceholderText(self.tr("Sélectionnez un envoi pour voir sa trace."))

        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.table, 1)
        upper_layout.addWidget(self.empty)
        upper_layout.addLayout(actions_row)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(upper)
        splitter.addWidget(self.trace)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        QVBoxLayout(self).addWidget(splitter)
        self.empty.hide()
        self._refresh_buttons()

    # -- polling while visible --------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.refresh()
        self._poll.start()

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        self._poll.stop()

    # -- list -------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._loading is not None:
            return  # the answer on its way is recent enough
        status = self.status_filter.currentData()
        self._loading = self._tasks.run(actions.list_orders(self._context, status),
                                        label_fr=self.tr("Lecture des envois"), visible=False)
        self._loading.on_success(self._listed)
        self._loading.on_failure(self._list_failed)

    def _listed(self, result: tuple[list[OrderView], dict[OrderStatus, int]]) -> None:
        self._loading = None
        lines, counts = result
        self.model.set_orders(lines)
        shown = [f"{status.label} : {counts[status]}" for status in
                 (OrderStatus.PENDING, OrderStatus.IN_PROGRESS, OrderStatus.FAILED, OrderStatus.DONE)
                 if counts.get(status)]
        self.counts.setText(", ".join(shown))
        self.empty.setVisible(not lines)
        self.table.setVisible(bool(lines))
        if self._selected_id is not None:  # keep the user's selection across refreshes
            for row, order in enumerate(lines):
                if order.id == self._selected_id:
                    self.table.selectRow(row)
                    if order != self._trace_order:  # it moved on (worker, user action): new events
                        self._load_trace(order)
                    break
        self._refresh_buttons()
        self.refreshed.emit()

    def _list_failed(self, error: BaseException) -> None:
        self._loading = None
        self.counts.setText(explain(error).text)

    def selected_order(self) -> OrderView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.orders[rows[0].row()] if rows else None

    def select_order(self, order_id: str) -> None:
        for row, order in enumerate(self.model.orders):
            if order.id == order_id:
                self.table.selectRow(row)
                return
        raise KeyError(order_id)

    def _refresh_buttons(self) -> None:
        order = self.selected_order()
        self.retry_button.setEnabled(order is not None and order.status is OrderStatus.FAILED)
        self.cancel_button.setEnabled(order is not None and order.status in (OrderStatus.PENDING,
                                                                             OrderStatus.FAILED))
        self.export_button.setEnabled(self._trace_order is not None and order is not None
                                      and order.id == self._trace_order.id)

    # -- trace ------------------------------------------------------------------------------------------

    def _selection_changed(self) -> None:
        order = self.selected_order()
        if order is None or order.id == self._selected_id:
            self._refresh_buttons()
            return
        self._selected_id = order.id
        self._trace_order = None
        self.trace.setPlainText(self.tr("Chargement de la trace…"))
        self._load_trace(order)

    def _load_trace(self, order: OrderView) -> None:
        self._refresh_buttons()
        task = self._tasks.run(actions.order_trace(self._context, order.id),
                               label_fr=self.tr("Lecture de la trace d'un envoi"))
        task.on_success(lambda text: self._show_trace(order, text))
        task.on_failure(lambda error: self.trace.setPlainText(explain(error).text))

    def _show_trace(self, order: OrderView, text: str) -> None:
        if order.id != self._selected_id:
            return
        self._trace_order = order
        self.trace.setPlainText(text)
        self._refresh_buttons()
        self.trace_shown.emit(order.id)

    def trace_content(self) -> str:
        return self.trace.toPlainText()

    # -- actions ----------------------------------------------------------------------------------------

    def retry_selected(self) -> None:
        order = self.selected_order()
        if order is not None:
            self._act(actions.retry_order(self._context, order.id), self.tr("Relance d'un envoi"),
                      self.tr("Envoi relancé : il repart en attente."))

    def cancel_selected(self) -> None:
        order = self.selected_order()
        if order is not None:
            self._act(actions.cancel_order(self._context, order.id), self.tr("Annulation d'un envoi"),
                      self.tr("Envoi annulé."))

    def _act(self, coro: Any, label: str, done_text: str) -> None:
        self.retry_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        task = self._tasks.run(coro, label_fr=label)
        task.on_success(lambda _line: self._acted(done_text))
        task.on_failure(lambda error: self._act_failed(error, label))

    def _acted(self, text: str) -> None:
        messages.info(text)
        self.refresh()

    def _act_failed(self, error: BaseException, label: str) -> None:
        messages.failure(label, error)
        self.refresh()

    # -- export -----------------------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        """Non-modal file dialog (`open()`, never `exec()`, STYLE.md §2)."""
        if self._trace_order is None:
            return
        stamp = moment(self._trace_order.created_at)[:10].replace("/", "-")
        dialog = QFileDialog(self, self.tr("Exporter la trace de l'envoi"),
                             str(Path.home() / f"trace-envoi-{stamp}-{self._trace_order.id[:8]}.txt"),
                             self.tr("Texte (*.txt)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("txt")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.export_trace(Path(name)))
        self.export_dialog = dialog
        dialog.open()

    def export_trace(self, path: Path) -> Task[None] | None:
        """Write the displayed trace to `path` (UTF-8), off the GUI thread."""
        if self._trace_order is None:
            return None
        text = self.trace_content().rstrip("\n") + "\n"
        task = self._tasks.run(run_in_thread(path.write_text, text, encoding="utf-8"),
                               label_fr=self.tr("Export de la trace"))
        task.on_success(lambda _none: messages.info(self.tr("Trace exportée dans %1.").replace("%1", str(path))))
        task.on_failure(lambda error: messages.error(
            self.tr("Export de la trace impossible : %1").replace("%1", str(error))))
        return task
