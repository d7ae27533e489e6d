"""The "new documents in the DMP" badge on patients (SEGUR wave 2: information that a new document is
present in the DMP / Mon espace santé).

`NewDocumentsWatcher` keeps the last known count per patient: it reads the counts stored by the last checks
for the patients a list shows (database only), asks the DMP for one patient when asked (`check`, through the
task bridge: a spinner, never a frozen window), and forgets a patient's count once its DMP was consulted.
`BadgedPatientModel` is an identity proxy any patient list can put between its model and its view: it adds a
pill on the first column, a tooltip and `NEW_DOCUMENTS_ROLE`. The patient id is read from `Qt.UserRole` of
column 0, as the patient list stores it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QIdentityProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from lgc_app.bootstrap import AppContext
from ui.actions import dmp as actions
from ui.tasks import TaskManager

NEW_DOCUMENTS_ROLE = Qt.ItemDataRole.UserRole + 20
BADGE_COLOUR = "#c62828"


def badge_text(count: int) -> str:
    return f"{count} nouveau document dans le DMP" if count == 1 else f"{count} nouveaux documents dans le DMP"


def badge_icon(count: int) -> QIcon:
    """A red disc with the count ("9+" beyond nine), painted so that it needs no image file."""
    pixmap = QPixmap(32, 32)  # drawn large, scaled down crisply to the view's icon size
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(BADGE_COLOUR))
    painter.drawEllipse(QRectF(1, 1, 30, 30))
    font = QFont()
    font.setPixelSize(18 if count < 10 else 14)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, 32, 32), Qt.AlignmentFlag.AlignCenter, str(count) if count < 10 else "9+")
    painter.end()
    return QIcon(pixmap)


class NewDocumentsWatcher(QObject):
    """Last known number of new DMP documents per patient.

    Signals:
        changed(int): the count of this patient changed.
    """

    changed = Signal(int)

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._tasks = tasks
        self.counts: dict[int, int] = {}
        self._checking: set[int] = set()

    def count(self, patient_id: int) -> int:
        return self.counts.get(patient_id, 0)

    def _set(self, patient_id: int, count: int) -> None:
        if self.counts.get(patient_id, 0) != count:
            self.counts[patient_id] = count
            self.changed.emit(patient_id)

    def load(self, patient_ids: list[int]) -> None:
        """Read the stored counts of these patients (no network): what the last checks found."""
        if not patient_ids:
            return
        task = self._tasks.run(actions.new_document_counts(self._context.database, patient_ids),
                               label_fr=self.tr("Lecture des nouveaux documents DMP"), visible=False)
        task.on_success(lambda counts: [self._set(pid, counts.get(pid, 0)) for pid in patient_ids])
        task.on_failure(lambda _error: None)  # a badge is a hint: its failure must not raise a message

    def check(self, patient_id: int) -> None:
        """Ask the DMP whether documents arrived since this patient's DMP was last consulted here."""
        if patient_id in self._checking:
            return
        self._checking.add(patient_id)
        task = self._tasks.run(actions.check_new_documents(self._context, patient_id),
                               label_fr=self.tr("Recherche de nouveaux documents dans le DMP"))
        task.on_success(lambda count: self._checked(patient_id, count))
        task.on_failure(lambda _error: self._checking.discard(patient_id))  # e.g. DMP unreachable: a hint only

    def _checked(self, patient_id: int, count: int) -> None:
        self._checking.discard(patient_id)
        self._set(patient_id, count)

    def consulted(self, patient_id: int) -> None:
        """The patient's whole DMP was just listed: nothing is new any more (the use case stored it)."""
        self.load([patient_id])


class BadgedPatientModel(QIdentityProxyModel):
    """A patient list model with the new-DMP-documents badge on its first column."""

    def __init__(self, watcher: NewDocumentsWatcher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = watcher
        watcher.changed.connect(self._patient_changed)

    def patient_ids(self) -> list[int]:
        ids = (self.index(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(self.rowCount()))
        return [patient_id for patient_id in ids if isinstance(patient_id, int)]

    def _patient_changed(self, patient_id: int) -> None:
        for row in range(self.rowCount()):
            index = self.index(row, 0)
            if index.data(Qt.ItemDataRole.UserRole) == patient_id:
                self.dataChanged.emit(index, index)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.column() == 0 and role in (NEW_DOCUMENTS_ROLE, Qt.ItemDataRole.DecorationRole,
                                            Qt.ItemDataRole.ToolTipRole):
            patient_id = super().data(index, Qt.ItemDataRole.UserRole)
            count = self._watcher.count(patient_id) if isinstance(patient_id, int) else 0
            if role == NEW_DOCUMENTS_ROLE:
                return count
            if role == Qt.ItemDataRole.DecorationRole:
                return badge_icon(count) if count else super().data(index, role)
            tooltip = super().data(index, role)
            if count:
                return f"{tooltip}\n{badge_text(count)}" if tooltip else badge_text(count)
            return tooltip
        return super().data(index, role)
