"""The documents of the current patient: type, title, status, version, last change and DMP state.

Newest first; replaced, archived and deleted versions are greyed, and deleted ones are hidden unless asked
for. The list is read on the database thread through the task bridge; an answer for a patient who is no
longer the current one is dropped.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lgc_app.dmp.state import DocumentDmpState
from lgc_app.documents.kinds import DocumentStatus
from lgc_app.documents.types import registered_types
from ui.actions.documents import DocumentRow, PractitionerChoice
from ui.record_table import record_table

INACTIVE = {DocumentStatus.REPLACED, DocumentStatus.ARCHIVED, DocumentStatus.DELETED}


def dmp_state(row: DocumentRow) -> tuple[str, str]:
    """(text, tooltip) of the DMP column: the state the DMP feeding recorded, with its reason."""
    if row.dmp is not None:
        return row.dmp.label, row.dmp.reason or ""
    if row.summary.status is DocumentStatus.DRAFT:
        return "—", "Un brouillon n'est pas envoyé au DMP."
    return "—", "Aucun envoi au DMP prévu pour ce document."


class DocumentListModel(QAbstractTableModel):
    """Document summaries as rows (newest first)."""

    TYPE, TITLE, STATUS, VERSION, UPDATED, DMP = range(6)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[DocumentRow] = []

    def set_rows(self, rows: list[DocumentRow]) -> None:
        self.beginResetModel()
        self.rows = sorted(rows, key=lambda r: r.summary.id, reverse=True)
        self.endResetModel()

    def set_dmp_states(self, states: dict[int, DocumentDmpState]) -> list[DocumentRow]:
        """Update the DMP column in place (no reset: no flicker, the selection stays); the rows that changed."""
        changed = []
        for number, row in enumerate(self.rows):
            state = states.get(row.summary.id, row.dmp)
            if state != row.dmp:
                self.rows[number] = replace(row, dmp=state)
                changed.append(self.rows[number])
                cell = self.index(number, self.DMP)
                self.dataChanged.emit(cell, cell)
        return changed

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Document"), self.tr("Titre"), self.tr("Statut"), self.tr("Version"),
                    self.tr("Modifié le"), self.tr("DMP"))[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        document = row.summary
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (document.type.label, document.title, document.status.label, str(document.version_number),
                    document.updated_at.astimezone().strftime("%d/%m/%Y %H:%M"), dmp_state(row)[0])[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DMP:
            return dmp_state(row)[1]
        if role == Qt.ItemDataRole.ForegroundRole and document.status in INACTIVE:
            return QBrush(QColor("#888888"))
        if role == Qt.ItemDataRole.UserRole:
            return document.id
        return None


class DocumentList(QWidget):
    """Header (patient, author, "Nouveau document"), then the table.

    Signals:
        open_requested(int): the user opened a document (click, Enter).
        create_requested(object): the user asked for a new document of this DocumentType.
        author_changed(int): the practitioner acting at this workstation was changed (id).
        show_deleted_changed(bool): the "show deleted documents" box was toggled.
    """

    open_requested = Signal(int)
    create_requested = Signal(object)
    author_changed = Signal(int)
    show_deleted_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.patient_label = QLabel(self.tr("Aucun patient sélectionné"), self)
        self.patient_label.setObjectName("documentsPatient")
        self.patient_label.setStyleSheet("font-weight: bold;")
        self.author = QComboBox(self)
        self.author.setObjectName("documentAuthor")
        self.author.setToolTip(self.tr("Praticien qui rédige et valide les documents sur ce poste"))
        self.author.currentIndexChanged.connect(self._author_chosen)
        # a push button counts its menu arrow in its width; a tool button's arrow covered the last letter
        self.new_button = QPushButton(self.tr("Nouveau document"), self)
        self.new_menu = QMenu(self)
        for document_type in registered_types():
            action = self.new_menu.addAction(document_type.label)
            action.setData(document_type.value)
            action.triggered.connect(lambda _checked=False, t=document_type: self.create_requested.emit(t))
        self.new_button.setMenu(self.new_menu)
        self.show_deleted = QCheckBox(self.tr("Afficher les supprimés"), self)
        self.show_deleted.toggled.connect(self.show_deleted_changed)
        self.model = DocumentListModel(self)
        self.view = record_table(self.model, DocumentListModel.TITLE, self)
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        self.empty_label = QLabel(self)
        self.empty_label.setStyleSheet("color: #555;")
        top = QHBoxLayout()
        top.addWidget(self.patient_label, 1)
        top.addWidget(QLabel(self.tr("Auteur :"), self))
        top.addWidget(self.author)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.empty_label, 1)
        bottom.addWidget(self.show_deleted)
        layout.addLayout(bottom)
        self._has_patient = False
        self.set_patient(None)

    def set_patient(self, name: str | None) -> None:
        self._has_patient = name is not None
        self.patient_label.setText(name or self.tr("Aucun patient sélectionné"))
        self.new_button.setEnabled(self._has_patient and self.current_author() is not None)
        if name is None:
            self.model.set_rows([])
            self.empty_label.setText(self.tr("Choisissez un patient dans la liste de gauche."))

    def set_practitioners(self, choices: list[PractitionerChoice], current: int | None) -> None:
        self.author.blockSignals(True)
        self.author.clear()
        for choice in choices:
            self.author.addItem(choice.name, choice.id)
        index = self.author.findData(current)
        self.author.setCurrentIndex(index if index >= 0 else 0)
        self.author.blockSignals(False)
        if not choices:
            self.author.addItem(self.tr("Aucun praticien enregistré"))
            self.author.setEnabled(False)
        self.author.setEnabled(bool(choices))
        self.new_button.setEnabled(self._has_patient and bool(choices))

    def set_documents(self, rows: list[DocumentRow]) -> None:
        shown = [r for r in rows if self.show_deleted.isChecked() or r.summary.status is not DocumentStatus.DELETED]
        self.model.set_rows(shown)
        self.empty_label.setText("" if shown else self.tr(
            "Aucun document pour ce patient : « Nouveau document » pour en rédiger un."))

    def select_document(self, document_id: int) -> None:
        for number, row in enumerate(self.model.rows):
            if row.summary.id == document_id:
                self.view.selectRow(number)
                return

    def current_author(self) -> int | None:
        data = self.author.currentData()
        return data if isinstance(data, int) else None

    def _author_chosen(self, _index: int) -> None:
        author = self.current_author()
        if author is not None:
            self.author_changed.emit(author)

    def _activated(self, index: QModelIndex) -> None:
        document_id = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)
        if isinstance(document_id, int):
            self.open_requested.emit(document_id)
