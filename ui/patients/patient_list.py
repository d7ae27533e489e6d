"""The patient list of the side panel: anteriority search as you type (Ségur INS), status badge on each row;
with an empty search field, the patients created or updated last (`lgc_app.patients.recent`).

Each keystroke restarts a short debounce; the search (an index range per reading, `lgc_app.patients.search`)
runs on the database thread through the task bridge, and an answer that is not the latest one asked for is
dropped, so a slow early answer can never replace a later one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lgc_app.bootstrap import AppContext
from lgc_app.patients.list_rows import PatientRow
from lgc_app.patients.vocabulary import IdentityStatus
from ui.actions import patients as actions
from ui.patients.badges import STATUS_ROLE, StatusBadgeDelegate, status_text
from ui.record_table import record_table
from ui.tasks import Task, TaskManager

DEBOUNCE_MS = 0  # coalesces the keys already queued (paste, fast typing), adds no delay
MIN_WIDTH = 260  # a 1280-px screen keeps room for the panels; the name is elided below its width


class PatientListModel(QAbstractTableModel):
    """Patient rows: name, birth date, status (painted as a badge); the birth traits and sex in the tooltip.

    Every text is prepared when the rows arrive (`set_rows`), so `data()` — called for each role of each
    visible cell at every repaint — only indexes tuples.
    """

    NAME, BIRTH_DATE, STATUS = range(3)
    _DISPLAY, _TOOLTIP, _STATUS, _ID = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, STATUS_ROLE,
                                        Qt.ItemDataRole.UserRole)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[PatientRow] = []
        self._texts: list[tuple[str, str, str]] = []
        self._tooltips: list[str] = []

    def set_rows(self, rows: Sequence[PatientRow]) -> None:
        statuses = {status: status_text(status) for status in IdentityStatus}  # translated once per answer
        self.beginResetModel()
        self.rows = list(rows)
        self._texts = [(row.name, row.birth_date, statuses[row.status]) for row in self.rows]
        self._tooltips = [f"{row.identity}, {row.birth_date} — {statuses[row.status]}" for row in self.rows]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Patient"), self.tr("Né(e) le"), self.tr("Statut"))[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not 0 <= row < len(self._texts):  # also an invalid index (row -1)
            return None
        if role == self._DISPLAY:
            return self._texts[row][index.column()]
        if role == self._STATUS:
            return self.rows[row].status if index.column() == self.STATUS else None
        if role == self._TOOLTIP:
            return self._tooltips[row]
        if role == self._ID:
            return self.rows[row].patient_id
        return None


def patient_table(model: PatientListModel, parent: QWidget) -> QTableView:
    """A read-only, row-selecting table of patients with the status column painted as a badge."""
    view = record_table(model, PatientListModel.NAME, parent)
    view.setItemDelegateForColumn(PatientListModel.STATUS, StatusBadgeDelegate(view))
    header = view.horizontalHeader()
    # Fixed widths: a column fitted to its content measures every row at each answer.
    header.setSectionResizeMode(PatientListModel.BIRTH_DATE, QHeaderView.ResizeMode.Fixed)
    header.resizeSection(PatientListModel.BIRTH_DATE, view.fontMetrics().horizontalAdvance("00/00/0000") + 24)
    header.setSectionResizeMode(PatientListModel.STATUS, QHeaderView.ResizeMode.Fixed)
    widest = max(view.fontMetrics().horizontalAdvance(status_text(status)) for status in IdentityStatus)
    header.resizeSection(PatientListModel.STATUS, widest + 24)  # the whole wording fits in the pill
    return view


class PatientListPanel(QWidget):
    """Search field, hit list and "Nouveau patient".

    Signals:
        patient_activated(int): the user opened a patient (click, Enter).
        new_patient_requested(): the user asked for a new identity.
        searched(str): the list now shows the hits of this text (tests, measurements).
    """

    patient_activated = Signal(int)
    new_patient_requested = Signal()
    searched = Signal(str)

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._tasks = tasks
        self._generation = 0
        self._pending: Task[list[PatientRow]] | None = None
        self.setMinimumWidth(MIN_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Rechercher un patient (nom, prénom, date)…"))
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("Nouveau patient"), self)
        self.new_button.clicked.connect(self.new_patient_requested)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        self.model = PatientListModel(self)
        self.view = patient_table(self.model, self)
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        self._default_hint = self.tr("Tapez un nom, un prénom ou une date de naissance : la recherche "
                                     "ignore accents, tirets et apostrophes.")
        self._recent_hint = self.tr("Derniers patients créés ou modifiés. ") + self._default_hint
        self.hint = QLabel(self._default_hint, self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("searchHint")
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._open_first)
        QTimer.singleShot(0, self, self.refresh)  # the latest patients, once the event loop runs

    def refresh(self) -> None:
        """Search again for the current text (also after a patient was saved elsewhere)."""
        text = self.search.text().strip()
        self._generation += 1
        generation = self._generation
        if self._pending is not None:
            self._pending.cancel()  # its answer is stale anyway; the database thread finishes it unseen
            self._pending = None
        # An empty field shows the latest patients, so the list is never blank when the cabinet has some.
        work = actions.search(self._context.database, text) if text else actions.recent(self._context.database)
        self._pending = self._tasks.run(work, label_fr=self.tr("Recherche de patients"))
        self._pending.on_success(lambda rows: self._show(generation, text, rows))

    def _show(self, generation: int, text: str, rows: list[PatientRow]) -> None:
        if generation != self._generation:
            return
        self._pending = None
        self.model.set_rows(rows)
        if not text:
            self.hint.setText(self._recent_hint if rows else self._default_hint)
        elif not rows:
            self.hint.setText(self.tr("Aucun patient ne correspond à « %1 ».").replace("%1", text))
        self.hint.setVisible(not text or not rows)
        self.searched.emit(text)

    def _activated(self, index: QModelIndex) -> None:
        patient_id = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)
        if isinstance(patient_id, int):
            self.patient_activated.emit(patient_id)

    def _open_first(self) -> None:
        if self.model.rowCount():
            self._activated(self.model.index(0, 0))
