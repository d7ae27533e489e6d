"""The documents of the current patient: type, title, status, version, last change, DMP and MSSanté states.

Newest first; replaced, archived and deleted versions are greyed, and deleted ones are hidden unless asked
for. Documents imported from the DMP or received by MSSanté follow, marked "Reçu du DMP" or "Reçu par MSSanté"
(issue 13 item 8, issue 12 item 3), and open read-only.
The list is read on the database thread through the task bridge; an answer for a patient who is no longer
the current one is dropped.

The author's DMP decisions on the selected document, "Envoyer au DMP" and "Ne pas envoyer au DMP…", are
buttons under the list and entries of its context menu, enabled by the same rules the core applies
(`lgc_app.dmp.feeding.release_refusal` / `withhold_refusal`), whose reason is the disabled action's tooltip.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QAction, QBrush, QColor
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

from lgc_app.dmp.consultation import ReceivedDocument
from lgc_app.dmp.feeding import AUTHOR_ONLY, release_refusal, withhold_refusal
from lgc_app.documents.kinds import DocumentStatus
from lgc_app.documents.types import registered_types
from ui.actions.documents import DocumentRow, PractitionerChoice, SharingStates
from ui.mss.compose_state import in_trouble, mss_summary
from ui.mss.inbox_origin import origin_short, origin_text
from ui.record_table import record_table

INACTIVE = {DocumentStatus.REPLACED, DocumentStatus.ARCHIVED, DocumentStatus.DELETED}


def dmp_state(row: DocumentRow) -> tuple[str, str]:
    """(text, tooltip) of the DMP column: the state the DMP feeding recorded, with its reason."""
    if row.dmp is not None:
        return row.dmp.label, row.dmp.reason or ""
    if row.summary.status is DocumentStatus.DRAFT:
        return "—", "Un brouillon n'est pas envoyé au DMP."
    return "—", "Aucun envoi au DMP prévu pour ce document."


def dmp_refusals(row: DocumentRow, practitioner_id: int | None) -> tuple[str | None, str | None]:
    """(why "Envoyer au DMP" is impossible, why "Ne pas envoyer au DMP" is), None where it is possible."""
    if practitioner_id is None or practitioner_id != row.summary.author_id:
        return AUTHOR_ONLY, AUTHOR_ONLY
    state = row.dmp.state if row.dmp is not None else None
    order = row.dmp.order_status if row.dmp is not None else None
    return release_refusal(row.summary.status, state), withhold_refusal(row.summary.status, state, order)


def local_datetime(moment: datetime) -> str:
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


class DocumentListModel(QAbstractTableModel):
    """Document summaries as rows (newest first), then the documents imported from the DMP."""

    TYPE, TITLE, STATUS, VERSION, UPDATED, DMP, MSS = range(7)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[DocumentRow] = []
        self.received: list[ReceivedDocument] = []

    def set_rows(self, rows: list[DocumentRow], received: list[ReceivedDocument] | None = None) -> None:
        self.beginResetModel()
        self.rows = sorted(rows, key=lambda r: r.summary.id, reverse=True)
        self.received = list(received or [])
        self.endResetModel()

    def row_at(self, number: int) -> DocumentRow | ReceivedDocument | None:
        if 0 <= number < len(self.rows):
            return self.rows[number]
        if 0 <= number - len(self.rows) < len(self.received):
            return self.received[number - len(self.rows)]
        return None

    def set_sharing_states(self, states: SharingStates) -> list[DocumentRow]:
        """Update the DMP and MSSanté columns in place (no reset: no flicker, the selection stays); the rows that
        changed. A document absent from `states.mss` keeps its MSSanté state."""
        changed = []
        for number, row in enumerate(self.rows):
            updated = replace(row, dmp=states.dmp.get(row.summary.id, row.dmp),
                              mss=tuple(states.mss.get(row.summary.id, row.mss)))
            if updated != row:
                self.rows[number] = updated
                changed.append(updated)
                self.dataChanged.emit(self.index(number, self.DMP), self.index(number, self.MSS))
        return changed

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows) + len(self.received)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Document"), self.tr("Titre"), self.tr("Statut"), self.tr("Version"),
                    self.tr("Modifié le"), self.tr("DMP"), self.tr("MSSanté"))[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if isinstance(row, ReceivedDocument):
            return self._received_data(row, index.column(), role)
        document = row.summary
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (document.type.label, document.title, document.status.label, str(document.version_number),
                    local_datetime(document.updated_at), dmp_state(row)[0], mss_summary(row.mss)[0])[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DMP:
            return dmp_state(row)[1]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.MSS:
            return mss_summary(row.mss)[1]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.MSS and in_trouble(row.mss):
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.ForegroundRole and document.status in INACTIVE:
            return QBrush(QColor("#888888"))
        if role == Qt.ItemDataRole.UserRole:
            return document.id
        return None

    def _received_data(self, row: ReceivedDocument, column: int, role: int) -> Any:
        """A document received from the DMP or by MSSanté: its origin in the status column, its arrival as the
        date."""
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.type_label, row.title, origin_short(row), "—", local_datetime(row.imported_at),
                    "—", "—")[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("%1\nAuteur : %2").replace("%1", origin_text(row)).replace("%2", row.author or "?")
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return QBrush(QColor("#0b3d6e"))
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None


class DocumentList(QWidget):
    """Header (patient, author, "Nouveau document"), then the table.

    Signals:
        open_requested(int): the user opened a document (click, Enter).
        received_open_requested(object): the user opened a document imported from the DMP (`ReceivedDocument`).
        send_requested(int), withhold_requested(int): the user asked to send this document to the DMP, or to
            keep it out of it.
        create_requested(object): the user asked for a new document of this DocumentType.
        author_changed(int): the practitioner acting at this workstation was changed (id).
        show_deleted_changed(bool): the "show deleted documents" box was toggled.
    """

    open_requested = Signal(int)
    received_open_requested = Signal(object)
    create_requested = Signal(object)
    author_changed = Signal(int)
    show_deleted_changed = Signal(bool)
    send_requested = Signal(int)
    withhold_requested = Signal(int)

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
        self.acting_practitioner: int | None = None  # whose DMP decisions the actions make
        self.send_action = QAction(self.tr("Envoyer au DMP"), self)
        self.send_action.triggered.connect(lambda: self._decide(self.send_requested))
        self.withhold_action = QAction(self.tr("Ne pas envoyer au DMP…"), self)
        self.withhold_action.triggered.connect(lambda: self._decide(self.withhold_requested))
        self.send_button = self._action_button(self.send_action)
        self.withhold_button = self._action_button(self.withhold_action)
        self.context_menu = QMenu(self)
        self.context_menu.addAction(self.send_action)
        self.context_menu.addAction(self.withhold_action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.refresh_actions())
        self.model.modelReset.connect(self.refresh_actions)
        self.model.dataChanged.connect(lambda *_: self.refresh_actions())
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
        bottom.addWidget(self.send_button)
        bottom.addWidget(self.withhold_button)
        bottom.addWidget(self.show_deleted)
        layout.addLayout(bottom)
        self._has_patient = False
        self._has_authors = False
        self.reads_clinical = True  # False: titles and states only (IE.33), nothing opens
        self.set_patient(None)
        self.refresh_actions()

    def set_reads_clinical(self, reads: bool) -> None:
        """Whether the acting user's role may open and write documents (the list is shown either way)."""
        self.reads_clinical = reads
        self.new_button.setToolTip("" if reads else self.tr("Votre rôle ne permet pas de rédiger de documents."))
        self._enable_new()

    def _enable_new(self) -> None:
        self.new_button.setEnabled(self._has_patient and self._has_authors and self.reads_clinical)

    def set_patient(self, name: str | None) -> None:
        self._has_patient = name is not None
        self.patient_label.setText(name or self.tr("Aucun patient sélectionné"))
        self._enable_new()
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
        self._has_authors = bool(choices)
        self._enable_new()

    def set_documents(self, rows: list[DocumentRow], received: list[ReceivedDocument] | None = None) -> None:
        shown = [r for r in rows if self.show_deleted.isChecked() or r.summary.status is not DocumentStatus.DELETED]
        self.model.set_rows(shown, received)
        if shown or received:
            self.empty_label.setText("")
        else:
            self.empty_label.setText(self.tr("Aucun document pour ce patient : « Nouveau document » pour en "
                                             "rédiger un.") if self.reads_clinical
                                     else self.tr("Aucun document pour ce patient."))

    def select_document(self, document_id: int) -> None:
        for number, row in enumerate(self.model.rows):
            if row.summary.id == document_id:
                self.view.selectRow(number)
                return

    def selected(self) -> DocumentRow | ReceivedDocument | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    # -- DMP decisions on the selected document ------------------------------------------------------------

    def _action_button(self, action: QAction) -> QPushButton:
        button = QPushButton(action.text(), self)
        button.clicked.connect(action.trigger)

        def follow() -> None:
            button.setEnabled(action.isEnabled())
            button.setToolTip(action.toolTip())
        action.changed.connect(follow)
        return button

    def refresh_actions(self) -> None:
        """Enable the DMP decisions the selected document's state allows; the tooltip says why not."""
        row = self.selected()
        if not isinstance(row, DocumentRow):
            refusal = self.tr("Choisissez un document rédigé au cabinet dans la liste.")
            send, withhold = refusal, refusal
        else:
            send, withhold = dmp_refusals(row, self.acting_practitioner)
        for action, refusal, text in ((self.send_action, send, self.tr("Envoyer ce document au DMP du patient.")),
                                      (self.withhold_action, withhold, self.tr(
                                          "Ne pas envoyer ce document au DMP, en indiquant pourquoi."))):
            action.setEnabled(refusal is None)
            action.setToolTip(refusal or text)

    def _decide(self, signal: SignalInstance) -> None:
        row = self.selected()
        if isinstance(row, DocumentRow):
            signal.emit(row.summary.id)

    def _context_menu(self, position: QPoint) -> None:
        index = self.view.indexAt(position)
        if not index.isValid() or not isinstance(self.model.row_at(index.row()), DocumentRow):
            return
        self.view.selectRow(index.row())
        self.context_menu.popup(self.view.viewport().mapToGlobal(position))

    def current_author(self) -> int | None:
        data = self.author.currentData()
        return data if isinstance(data, int) else None

    def _author_chosen(self, _index: int) -> None:
        author = self.current_author()
        if author is not None:
            self.author_changed.emit(author)

    def _activated(self, index: QModelIndex) -> None:
        if not self.reads_clinical:
            return
        target = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)
        if isinstance(target, int):
            self.open_requested.emit(target)
        elif isinstance(target, ReceivedDocument):
            self.received_open_requested.emit(target)
