"""The "DMP" panel: the current patient's DMP documents, filters, viewer and import into the local record.

SEGUR wave 2 (consult the DMP: list, open, import) under SC.DMP/UX.10: every request runs through the task
bridge, the list area shows a spinner while the DMP answers (3 s in the homologation scenario) and the rest
of the window stays usable; a newer request supersedes an older one, whose answer is then dropped.
States of the list area: no patient, loading, list, empty, error (French message and "Réessayer").
"""

from __future__ import annotations

import enum
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lgc_app.bootstrap import AppContext
from lgc_app.dmp.consultation import AlreadyImportedError, Consultation, DmpDocument, DocumentFilter, ReceivedDocument
from lgc_app.documents.valuesets import TYPE_CODES
from lgc_app.errors import explain
from ui import messages
from ui.actions import dmp as actions
from ui.activity import Spinner
from ui.dmp.document_view import metadata_header, prepare_received
from ui.dmp.opposition_bar import OppositionBar
from ui.dmp.received_view import prepare_received_document
from ui.documents.viewer import CdaViewer, PreparedView
from ui.mss.compose_objection import MssObjectionCheck
from ui.record_table import record_table
from ui.tasks import Task, TaskManager, run_in_thread


class ListState(enum.Enum):
    NO_PATIENT = "no_patient"
    LOADING = "loading"
    LIST = "list"
    EMPTY = "empty"
    ERROR = "error"


def local_datetime(moment: Any) -> str:
    return moment.astimezone().strftime("%d/%m/%Y %H:%M") if moment is not None else ""


class DmpDocumentModel(QAbstractTableModel):
    """DMP documents as rows: date, type, title, author, state (new / imported)."""

    DATE, TYPE, TITLE, AUTHOR, STATE = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.documents: list[DmpDocument] = []

    def set_documents(self, documents: list[DmpDocument]) -> None:
        self.beginResetModel()
        self.documents = list(documents)
        self.endResetModel()

    def mark_imported(self, unique_id: str) -> None:
        self._mark(unique_id, imported=True, is_new=False)

    def mark_opened(self, unique_id: str) -> None:
        """The user read it: it is no longer "Nouveau" (issue 13 item 8)."""
        self._mark(unique_id, is_new=False)

    def _mark(self, unique_id: str, **changes: bool) -> None:
        for row, document in enumerate(self.documents):
            if document.unique_id == unique_id:
                self.documents[row] = replace(document, **changes)
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.STATE))  # bold and state text

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.documents)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Date"), self.tr("Type"), self.tr("Titre"), self.tr("Auteur"), self.tr("État"))[section]
        return None

    def state_text(self, document: DmpDocument) -> str:
        words = []
        if document.is_new:
            words.append(self.tr("Nouveau"))
        if document.imported:
            words.append(self.tr("Importé"))
        return ", ".join(words)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.documents):
            return None
        document = self.documents[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (local_datetime(document.creation_time), document.type_label, document.title,
                    document.author_label, self.state_text(document))[index.column()]
        if role == Qt.ItemDataRole.FontRole and document.is_new:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{document.title}\n{document.type_label} — {document.mime_type}"
        if role == Qt.ItemDataRole.UserRole:
            return document
        return None


class DmpPanel(QWidget):
    """Consultation of the current patient's DMP.

    Signals:
        consulted(int): the DMP of this patient was listed (its new-documents badge is cleared).
        state_changed(ListState): the list area changed state.
        imported(int): a document was imported into the record of this patient.
    """

    consulted = Signal(int)
    state_changed = Signal(object)
    imported = Signal(int)

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._tasks = tasks
        self.patient_id: int | None = None
        self.state = ListState.NO_PATIENT
        self._generation = 0
        self._pending: Task[Any] | None = None
        self._viewing = 0
        self._loaded_for: int | None = None
        self._build()
        self._show_state(ListState.NO_PATIENT)

    # -- building ---------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(self.tr("DMP"), self)
        self.title.setObjectName("dmpTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)

        self.opposition = OppositionBar(self._context, self._tasks, self)
        self.opposition.changed.connect(self._opposition_changed)
        self.mss_objection = MssObjectionCheck(self._context, self._tasks, self)

        self.type_filter = QComboBox(self)
        self.type_filter.setMinimumContentsLength(16)
        self.type_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.type_filter.addItem(self.tr("Tous les types"), None)
        for code in sorted(TYPE_CODES.values(), key=lambda c: c.display):
            self.type_filter.addItem(code.display, code.code)
        self.from_check = QCheckBox(self.tr("Du"), self)
        self.from_date = self._date_edit(QDate.currentDate().addMonths(-12))
        self.to_check = QCheckBox(self.tr("au"), self)
        self.to_date = self._date_edit(QDate.currentDate())
        self.from_check.toggled.connect(self.from_date.setEnabled)
        self.to_check.toggled.connect(self.to_date.setEnabled)
        self.author_filter = QLineEdit(self)
        self.author_filter.setPlaceholderText(self.tr("Auteur (nom ou prénom)"))
        self.author_filter.setClearButtonEnabled(True)
        self.author_filter.returnPressed.connect(self.refresh)
        self.search_button = QPushButton(self.tr("Rechercher"), self)
        self.search_button.clicked.connect(self.refresh)
        self.author_filter.setMinimumWidth(160)
        filters = QHBoxLayout()
        filters.addWidget(self.type_filter, 2)
        filters.addWidget(self.author_filter, 2)
        for widget in (self.from_check, self.from_date, self.to_check, self.to_date):
            filters.addWidget(widget)
        filters.addWidget(self.search_button)

        self.model = DmpDocumentModel(self)
        self.table = record_table(self.model, DmpDocumentModel.TITLE, self)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DmpDocumentModel.TYPE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(DmpDocumentModel.TYPE, 190)  # long LOINC labels are elided, full text in tooltip
        self.table.activated.connect(lambda _index: self.open_selected())  # double click or Enter
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._refresh_buttons())

        self.stack = QStackedWidget(self)
        self.message_page = self._message_page()
        self.loading_page = self._loading_page()
        self.error_page = self._error_page()
        for page in (self.message_page, self.loading_page, self.error_page, self.table):
            self.stack.addWidget(page)

        self.open_button = QPushButton(self.tr("Ouvrir"), self)
        self.open_button.clicked.connect(self.open_selected)
        self.import_button = QPushButton(self.tr("Importer dans le dossier"), self)
        self.import_button.clicked.connect(self.import_selected)
        self.refresh_button = QPushButton(self.tr("Actualiser"), self)
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)

        self.received_list = QListWidget(self)
        self.received_list.itemActivated.connect(self._open_received)
        self.received_list.itemDoubleClicked.connect(self._open_received)
        received = QGroupBox(self.tr("Documents du DMP importés dans le dossier"), self)
        QVBoxLayout(received).addWidget(self.received_list)
        received.setMaximumHeight(120)

        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.opposition)
        column.addWidget(self.mss_objection)
        column.addLayout(filters)
        column.addWidget(self.stack, 1)
        column.addLayout(buttons)
        column.addWidget(received)

        reader = QWidget(self)
        self.viewer_status = QLabel(reader)
        self.viewer_status.setObjectName("dmpViewerStatus")
        self.viewer_status.setTextFormat(Qt.TextFormat.PlainText)
        self.viewer_status.setWordWrap(True)
        self.viewer_status.hide()
        self.viewer = CdaViewer(reader)
        reader_layout = QVBoxLayout(reader)
        reader_layout.setContentsMargins(0, 0, 0, 0)
        reader_layout.addWidget(self.viewer_status)
        reader_layout.addWidget(self.viewer, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(left)
        splitter.addWidget(reader)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._set_filters_enabled(False)

    def _date_edit(self, initial: QDate) -> QDateEdit:
        edit = QDateEdit(initial, self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setEnabled(False)
        return edit

    def _message_page(self) -> QWidget:
        page = QWidget(self)
        self.message_label = QLabel(page)
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(page).addWidget(self.message_label)
        return page

    def _loading_page(self) -> QWidget:
        page = QWidget(self)
        self.spinner = Spinner(page)
        self.loading_label = QLabel(self.tr("Consultation du DMP en cours…"), page)
        self.cancel_button = QPushButton(self.tr("Annuler"), page)
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.spinner)
        row.addWidget(self.loading_label)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _error_page(self) -> QWidget:
        page = QWidget(self)
        self.error_label = QLabel(page)
        self.error_label.setObjectName("dmpError")
        self.error_label.setWordWrap(True)
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.retry_button = QPushButton(self.tr("Réessayer"), page)
        self.retry_button.clicked.connect(self.retry)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.retry_button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.error_label)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    # -- state ------------------------------------------------------------------------------------------

    def _show_state(self, state: ListState, text: str = "") -> None:
        self.state = state
        if state is ListState.LOADING:
            self.stack.setCurrentWidget(self.loading_page)
        elif state is ListState.ERROR:
            self.error_label.setText(text)
            self.stack.setCurrentWidget(self.error_page)
        elif state is ListState.LIST:
            self.stack.setCurrentWidget(self.table)
        else:
            self.message_label.setText(text or self.tr("Choisissez un patient pour consulter son DMP."))
            self.stack.setCurrentWidget(self.message_page)
        self._refresh_buttons()
        self.state_changed.emit(state)

    def _refresh_buttons(self) -> None:
        selected = self.selected_document()
        listed = self.state is ListState.LIST
        self.open_button.setEnabled(listed and selected is not None)
        self.import_button.setEnabled(listed and selected is not None and not selected.imported)
        self.refresh_button.setEnabled(self.patient_id is not None and self.state is not ListState.LOADING)

    def _set_filters_enabled(self, enabled: bool) -> None:
        for widget in (self.type_filter, self.from_check, self.to_check, self.author_filter, self.search_button):
            widget.setEnabled(enabled)
        self.from_date.setEnabled(enabled and self.from_check.isChecked())
        self.to_date.setEnabled(enabled and self.to_check.isChecked())

    def filters(self) -> DocumentFilter:
        def day(check: QCheckBox, edit: QDateEdit) -> date | None:
            return edit.date().toPython() if check.isChecked() else None  # type: ignore[return-value]
        return DocumentFilter(type_code=self.type_filter.currentData(), created_from=day(self.from_check,
                              self.from_date), created_to=day(self.to_check, self.to_date),
                              author=self.author_filter.text().strip())

    def selected_document(self) -> DmpDocument | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.documents[rows[0].row()] if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    # -- patient ----------------------------------------------------------------------------------------

    def set_patient(self, patient_id: int | None) -> None:
        """Follow the patient opened in the patient file.

        Its DMP is listed only once the panel is shown: listing is a consultation (it clears the badge), which
        must not happen behind the user's back.
        """
        if patient_id == self.patient_id:
            return
        self._supersede()
        self.patient_id = patient_id
        self._loaded_for = None
        self.model.set_documents([])
        self.viewer.clear()
        self._viewer_status("")
        self.received_list.clear()
        self.title.setText(self.tr("DMP"))
        self._set_filters_enabled(False)
        self._show_state(ListState.NO_PATIENT)
        self.opposition.set_patient(patient_id)
        self.mss_objection.set_patient(patient_id)
        self._load_if_visible()

    def _opposition_changed(self, patient_id: int) -> None:
        """Recorded: the DMP may no longer be consulted; withdrawn: it may again. Read the patient again."""
        if patient_id != self.patient_id:
            return
        self._supersede()
        self.model.set_documents([])
        self.viewer.clear()
        self._loaded_for = None
        self._load_if_visible()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._load_if_visible()

    def _load_if_visible(self) -> None:
        patient_id = self.patient_id
        if patient_id is None or not self.isVisible() or self._loaded_for == patient_id:
            return
        self._loaded_for = patient_id
        generation = self._generation
        self._show_state(ListState.LOADING)
        self._pending = self._tasks.run(actions.patient_label(self._context.database, patient_id),
                                        label_fr=self.tr("Lecture du patient"))
        self._pending.on_success(lambda label: self._patient_known(generation, patient_id, *label))
        self._pending.on_failure(lambda error: self._failed(generation, error))
        self._load_received()

    def _patient_known(self, generation: int, patient_id: int, name: str, qualified: bool) -> None:
        if generation != self._generation:
            return
        self.title.setText(self.tr("DMP de %1").replace("%1", name))
        opposed = self.opposition.status is not None and self.opposition.status.in_force  # read just before
        self._set_filters_enabled(qualified and not opposed)
        if opposed:
            self._show_state(ListState.NO_PATIENT, self.tr(
                "Le patient s'est opposé au DMP : son DMP n'est pas consulté et aucun document n'y est envoyé."))
        elif qualified:
            self.refresh()
        else:
            self._show_state(ListState.NO_PATIENT, self.tr(
                "Le DMP ne peut être consulté que pour une identité qualifiée (INS qualifiée). Qualifiez "
                "l'identité de ce patient dans sa fiche."))

    # -- listing ----------------------------------------------------------------------------------------

    def _supersede(self) -> int:
        """Forget the request in flight (its answer will be dropped) and start a new generation."""
        self._generation += 1
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        return self._generation

    def refresh(self) -> None:
        """Ask the DMP again for the current patient and filters."""
        if self.patient_id is None:
            return
        generation = self._supersede()
        patient_id = self.patient_id
        self._show_state(ListState.LOADING)
        self._pending = self._tasks.run(actions.consult(self._context, patient_id, self.filters()),
                                        label_fr=self.tr("Consultation du DMP"))
        self._pending.on_success(lambda result: self._listed(generation, result))
        self._pending.on_failure(lambda error: self._failed(generation, error))

    def retry(self) -> None:
        """"Réessayer": list again, or first read the patient again if that is what failed or was cancelled."""
        if self.search_button.isEnabled():
            self.refresh()
        else:
            self._loaded_for = None
            self._load_if_visible()

    def cancel(self) -> None:
        if self._pending is not None and self._pending.cancel():
            self._pending = None
            self._generation += 1
            self._show_state(ListState.ERROR, self.tr("Consultation annulée."))

    def _listed(self, generation: int, result: Consultation) -> None:
        if generation != self._generation:
            return
        self._pending = None
        self.model.set_documents(result.documents)
        for reason in dict.fromkeys(result.skipped):  # entries left out of the list (unreadable, other patient)
            messages.warning(reason)
        if result.documents:
            self._show_state(ListState.LIST)
        else:
            self._show_state(ListState.EMPTY, self.tr("Aucun document dans le DMP pour ces critères."))
        self.consulted.emit(result.patient_id)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._pending = None
        self._show_state(ListState.ERROR, explain(error).text)

    # -- opening and importing --------------------------------------------------------------------------

    def open_selected(self) -> None:
        document = self.selected_document()
        if document is None or self.patient_id is None:
            return
        self._viewing += 1
        viewing = self._viewing
        self.viewer.clear()
        self._viewer_status(self.tr("Récupération du document dans le DMP…"))
        task = self._tasks.run(self._prepare(document), label_fr=self.tr("Lecture d'un document du DMP"))
        task.on_success(lambda prepared: self._opened(viewing, document, prepared))
        task.on_failure(lambda error: self._view_failed(viewing, error))

    def _opened(self, viewing: int, document: DmpDocument, prepared: PreparedView) -> None:
        self.model.mark_opened(document.unique_id)
        self._show(viewing, prepared)

    async def _prepare(self, document: DmpDocument) -> PreparedView:
        assert self.patient_id is not None
        data = await actions.fetch(self._context, self.patient_id, document)
        header = metadata_header(document.title, document.type_label, document.author_label,
                                 document.creation_time)
        return await run_in_thread(prepare_received, document.mime_type, data, header)

    def _viewer_status(self, text: str) -> None:
        self.viewer_status.setText(text)
        self.viewer_status.setVisible(bool(text))

    def _show(self, viewing: int, prepared: PreparedView) -> None:
        if viewing == self._viewing:
            self._viewer_status("")
            self.viewer.show_prepared(prepared)

    def _view_failed(self, viewing: int, error: BaseException) -> None:
        if viewing == self._viewing:
            self.viewer.clear()
            self._viewer_status(explain(error).text)

    def import_selected(self) -> None:
        document = self.selected_document()
        patient_id = self.patient_id
        if document is None or patient_id is None:
            return
        self.import_button.setEnabled(False)
        task = self._tasks.run(actions.import_document(self._context, patient_id, document),
                               label_fr=self.tr("Import d'un document du DMP"))
        task.on_success(lambda _id: self._imported(patient_id, document))
        task.on_failure(lambda error: self._import_failed(patient_id, document, error))

    def _imported(self, patient_id: int, document: DmpDocument) -> None:
        messages.info(self.tr("« %1 » a été importé dans le dossier du patient.").replace("%1", document.title))
        if patient_id == self.patient_id:
            self.model.mark_imported(document.unique_id)
            self._refresh_buttons()
            self._load_received()
        self.imported.emit(patient_id)

    def _import_failed(self, patient_id: int, document: DmpDocument, error: BaseException) -> None:
        if isinstance(error, AlreadyImportedError):
            messages.warning(error.text)
            if patient_id == self.patient_id:
                self.model.mark_imported(document.unique_id)
        else:
            messages.failure(self.tr("Import du document"), error)
        self._refresh_buttons()

    # -- imported documents -----------------------------------------------------------------------------

    def _load_received(self) -> None:
        if self.patient_id is None:
            return
        patient_id = self.patient_id
        task = self._tasks.run(actions.received_documents(self._context.database, patient_id),
                               label_fr=self.tr("Lecture des documents importés"))
        task.on_success(lambda rows: self._show_received(patient_id, rows))

    def _show_received(self, patient_id: int, rows: list[ReceivedDocument]) -> None:
        if patient_id != self.patient_id:
            return
        self.received_list.clear()
        for row in rows:
            text = self.tr("%1 — %2, importé le %3").replace("%1", row.title).replace(
                "%2", row.author or row.type_label).replace("%3", local_datetime(row.imported_at))
            item = QListWidgetItem(text, self.received_list)
            item.setData(Qt.ItemDataRole.UserRole, row)
        if not rows:
            self.received_list.addItem(self.tr("Aucun document importé."))

    def received_titles(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole).title for item in
                (self.received_list.item(i) for i in range(self.received_list.count()))
                if item.data(Qt.ItemDataRole.UserRole) is not None]

    def _open_received(self, item: QListWidgetItem) -> None:
        row = item.data(Qt.ItemDataRole.UserRole)
        if not isinstance(row, ReceivedDocument):
            return
        self._viewing += 1
        viewing = self._viewing
        task = self._tasks.run(prepare_received_document(self._context, row),
                               label_fr=self.tr("Lecture d'un document importé"))
        task.on_success(lambda prepared: self._show(viewing, prepared))
        task.on_failure(lambda error: self._view_failed(viewing, error))
