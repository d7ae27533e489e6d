"""The patient list of the side panel: anteriority search as you type (Ségur INS), status badge on each row;
with an empty search field, the patients created or updated last (`lgc_app.patients.recent`).

Each keystroke restarts a short debounce; the search (an index range per reading, `lgc_app.patients.search`)
runs on the database thread through the task bridge, and an answer that is not the latest one asked for is
dropped, so a slow early answer can never replace a later one.
"""

from __future__ import annotations

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
from lgc_app.patients.birth_date import display_birth_date
from lgc_app.patients.naming import display_name
from lgc_app.patients.search import SearchHit
from lgc_app.patients.vocabulary import IdentityStatus
from ui.actions import patients as actions
from ui.patients.badges import STATUS_ROLE, StatusBadgeDelegate, status_text
from ui.record_table import record_table
from ui.tasks import Task, TaskManager

DEBOUNCE_MS = 0  # coalesces the keys already queued (paste, fast typing), adds no delay
MIN_WIDTH = 420  # name, birth date and the full status wording side by side


def hit_display_name(hit: SearchHit) -> str:
    """The usual display of a patient (`lgc_app.patients.naming`), for a search hit."""
    return display_name(birth_name=hit.birth_name, first_birth_given_name=hit.birth_given_names.split(" ")[0],
                        used_name=hit.used_name, used_given_name=hit.used_given_name, sex=hit.sex)


class PatientListModel(QAbstractTableModel):
    """Search hits as rows: name, birth date, status (painted as a badge); the sex is in the tooltip."""

    NAME, BIRTH_DATE, STATUS = range(3)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.hits)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Patient"), self.tr("Né(e) le"), self.tr("Statut"))[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        column = index.column()
        if role == STATUS_ROLE and column == self.STATUS:
            return hit.status
        if role == Qt.ItemDataRole.DisplayRole:
            return (hit_display_name(hit), display_birth_date(hit.birth_date), status_text(hit.status))[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{hit.birth_name} {hit.birth_given_names} ({hit.sex}), "
                    f"{display_birth_date(hit.birth_date)} — {status_text(hit.status)}")
        if role == Qt.ItemDataRole.UserRole:
            return hit.patient_id
        return None


def patient_table(model: PatientListModel, parent: QWidget) -> QTableView:
    """A read-only, row-selecting table of patients with the status column painted as a badge."""
    view = record_table(model, PatientListModel.NAME, parent)
    view.setItemDelegateForColumn(PatientListModel.STATUS, StatusBadgeDelegate(view))
    header = view.horizontalHeader()
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
        self._pending: Task[list[SearchHit]] | None = None
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
        self._pending.on_success(lambda hits: self._show(generation, text, hits))

    def _show(self, generation: int, text: str, hits: list[SearchHit]) -> None:
        if generation != self._generation:
            return
        self._pending = None
        self.model.set_hits(hits)
        if not text:
            self.hint.setText(self._recent_hint if hits else self._default_hint)
        elif not hits:
            self.hint.setText(self.tr("Aucun patient ne correspond à « %1 ».").replace("%1", text))
        self.hint.setVisible(not text or not hits)
        self.searched.emit(text)

    def _activated(self, index: QModelIndex) -> None:
        patient_id = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)
        if isinstance(patient_id, int):
            self.patient_activated.emit(patient_id)

    def _open_first(self) -> None:
        if self.model.rowCount():
            self._activated(self.model.index(0, 0))
