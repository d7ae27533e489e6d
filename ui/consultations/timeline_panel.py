"""The "Chronologie" panel: the open patient's consultations, the cabinet's documents and the documents
received from the DMP in one list, most recent first; double-clicking an entry opens it where it lives
(the consultation panel, the document editor, the DMP panel). Read again each time the panel is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from lgc_app.bootstrap import AppContext
from lgc_app.consultations.timeline import TimelineEntry, patient_timeline
from ui.patient_panel import PatientPanel
from ui.tasks import TaskManager, run_db

# marked for lupdate; translated when the header is built
COLUMNS = (QT_TRANSLATE_NOOP("TimelinePanel", "Date"), QT_TRANSLATE_NOOP("TimelinePanel", "Type"),
           QT_TRANSLATE_NOOP("TimelinePanel", "Titre"), QT_TRANSLATE_NOOP("TimelinePanel", "Détail"))


class TimelinePanel(PatientPanel):
    """Signals:
        open_requested(object, int): open this entry (its EntryKind and id).
        refreshed(int): the list shows the timeline of this patient.
    """

    open_requested = Signal(object, int)
    refreshed = Signal(int)

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._tasks = tasks
        self.hint = QLabel(self.tr("Choisissez un patient : ses consultations et documents s'affichent ici, "
                                   "du plus récent au plus ancien. Double-cliquez pour ouvrir."), self)
        self.hint.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels([self.tr(title) for title in COLUMNS])
        self.tree.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)

    def forget_patient(self) -> None:
        self.tree.clear()

    def refresh(self) -> None:
        patient_id = self.patient_id
        if patient_id is None:
            return
        task = self._tasks.run(run_db(patient_timeline, self._context.database, patient_id, self._context.session),
                               label_fr=self.tr("Chronologie du patient"))
        task.on_success(lambda entries: self._show(patient_id, entries))

    def _show(self, patient_id: int, entries: list[TimelineEntry]) -> None:
        if patient_id != self.patient_id:
            return
        self.tree.clear()
        for entry in entries:
            item = QTreeWidgetItem([entry.at.astimezone().strftime("%d/%m/%Y %H:%M"), entry.kind.label,
                                    entry.title, entry.detail])
            item.setData(0, Qt.ItemDataRole.UserRole, entry)
            self.tree.addTopLevelItem(item)
        for column in range(len(COLUMNS) - 1):
            self.tree.resizeColumnToContents(column)
        self.refreshed.emit(patient_id)

    def entries(self) -> list[TimelineEntry]:
        tree = self.tree
        return [tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) for i in range(tree.topLevelItemCount())]

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        entry = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(entry, TimelineEntry):
            self.open_requested.emit(entry.kind, entry.item_id)
