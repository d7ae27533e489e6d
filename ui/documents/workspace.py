"""The "Documents" panel: the current patient's documents above, the open document's editor below.

One editor at a time: opening another document (or another patient) first lets the open editor save its
draft — and ask, if what was typed cannot be saved — so switching never loses text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from lgc_app.bootstrap import AppContext
from lgc_app.documents.kinds import DocumentType
from ui.actions import documents as actions
from ui.actions.documents import DocumentDetail, DocumentRow, PractitionerChoice
from ui.documents.document_list import DocumentList
from ui.documents.editor_base import DocumentEditor, EditorEnv
from ui.documents.free_editor import FreeEditor
from ui.documents.prescription_editor import PrescriptionEditor
from ui.documents.vaccination_editor import VaccinationEditor
from ui.documents.vsm_editor import VsmEditor
from ui.tasks import Task, TaskManager

EDITORS: dict[DocumentType, type[DocumentEditor]] = {
    DocumentType.VSM: VsmEditor,
    DocumentType.VAC_NOTE: VaccinationEditor,
    DocumentType.PRESCRIPTION: PrescriptionEditor,
    DocumentType.CONSULTATION_REPORT: FreeEditor,
    DocumentType.LETTER: FreeEditor,
    DocumentType.CERTIFICATE: FreeEditor,
    DocumentType.FREE: FreeEditor,
}


def make_editor(env: EditorEnv, detail: DocumentDetail, parent: QWidget | None = None) -> DocumentEditor:
    return EDITORS[detail.type](env, detail, parent)


class DocumentsPanel(QWidget):
    """Documents of one patient and the editor of one of them.

    Signals:
        editor_opened(object): a DocumentEditor is now shown (tests, measurements).
        refreshed(int): the list shows the documents of this patient.
    """

    editor_opened = Signal(object)
    refreshed = Signal(int)

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.tasks = tasks
        self.patient_id: int | None = None
        self.author_id: int | None = None
        self.editor: DocumentEditor | None = None
        self._pending_list: Task[list[DocumentRow]] | None = None
        self._documents: list[DocumentRow] = []
        self.list = DocumentList(self)
        self.list.open_requested.connect(self.open_document)
        self.list.create_requested.connect(self.create_document)
        self.list.author_changed.connect(self._author_changed)
        self.list.show_deleted_changed.connect(lambda _on: self.list.set_documents(self._documents))
        self.placeholder = QLabel(self.tr("Ouvrez un document de la liste, ou créez-en un avec « Nouveau "
                                          "document »."), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #555;")
        self.host = QStackedWidget(self)
        self.host.addWidget(self.placeholder)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.host)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([170, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        # the window may be built before the event loop runs (ui/app.py): start reading once it does
        QTimer.singleShot(0, self, self.load_practitioners)

    # -- who writes -------------------------------------------------------------------------------------

    def load_practitioners(self) -> None:
        task = self.tasks.run(actions.practitioners(self.context.database), label_fr=self.tr("Praticiens"))
        task.on_success(self._practitioners_loaded)

    def _practitioners_loaded(self, choices: list[PractitionerChoice]) -> None:
        known = {choice.id for choice in choices}
        self.author_id = self.author_id if self.author_id in known else (choices[0].id if choices else None)
        self.list.set_practitioners(choices, self.author_id)

    def _author_changed(self, practitioner_id: int) -> None:
        self.author_id = practitioner_id
        if self.editor is not None:
            self.editor.set_actor(self.env().actor)

    def env(self) -> EditorEnv:
        return EditorEnv(self.context, self.tasks, actions.actor_of(self.context, self.author_id))

    # -- the patient ------------------------------------------------------------------------------------

    def set_patient(self, patient_id: int | None) -> None:
        """Show the documents of this patient (closing the open editor first, saving its draft)."""
        if patient_id == self.patient_id:
            self.refresh()
            return
        self._close_editor(lambda: self._switch_patient(patient_id))

    def _switch_patient(self, patient_id: int | None) -> None:
        self.patient_id = patient_id
        self._documents = []
        if patient_id is None:
            self.list.set_patient(None)
            return
        self.list.set_patient(self.tr("Chargement…"))
        task = self.tasks.run(actions.patient_name(self.context.database, patient_id),
                              label_fr=self.tr("Patient"))
        task.on_success(lambda name: self.list.set_patient(name) if self.patient_id == patient_id else None)
        self.refresh()

    def refresh(self) -> None:
        patient_id = self.patient_id
        if patient_id is None:
            return
        if self._pending_list is not None:
            self._pending_list.cancel()
        self._pending_list = self.tasks.run(actions.list_documents(self.context.database, patient_id),
                                            label_fr=self.tr("Documents du patient"))
        self._pending_list.on_success(lambda documents: self._listed(patient_id, documents))

    def _listed(self, patient_id: int, documents: list[DocumentRow]) -> None:
        if patient_id != self.patient_id:
            return  # an answer for the previous patient
        self._pending_list = None
        self._documents = documents
        self.list.set_documents(documents)
        if self.editor is not None:
            self.list.select_document(self.editor.detail.id)
        self.refreshed.emit(patient_id)

    # -- editors ----------------------------------------------------------------------------------------

    def create_document(self, document_type: DocumentType) -> None:
        if self.patient_id is None or self.author_id is None:
            return
        env, patient_id = self.env(), self.patient_id

        def create() -> None:
            task = self.tasks.run(actions.create_draft(self.context.database, patient_id=patient_id,
                                                       document_type=document_type, actor=env.actor,
                                                       cabinet=env.cabinet),
                                  label_fr=self.tr("Nouveau document"))
            task.on_success(self._show_editor)
        self._close_editor(create)

    def open_document(self, document_id: int) -> None:
        if self.editor is not None and self.editor.detail.id == document_id:
            return

        def load() -> None:
            task = self.tasks.run(actions.load_document(self.context.database, document_id),
                                  label_fr=self.tr("Ouverture du document"))
            task.on_success(self._show_editor)
        self._close_editor(load)

    def _show_editor(self, detail: DocumentDetail) -> None:
        if detail.patient_id != self.patient_id:
            return
        editor = make_editor(self.env(), detail, self.host)
        editor.document_changed.connect(lambda _id: self.refresh())
        editor.open_requested.connect(self.open_document)
        self.editor = editor
        self.host.addWidget(editor)
        self.host.setCurrentWidget(editor)
        self.refresh()
        self.editor_opened.emit(editor)

    def _close_editor(self, then: Callable[[], None]) -> None:
        editor = self.editor
        if editor is None:
            then()
            return

        def closed() -> None:
            if self.editor is editor:
                self.editor = None
                self.host.setCurrentWidget(self.placeholder)
                self.host.removeWidget(editor)
                editor.dispose()
                editor.deleteLater()
            then()
        editor.request_close(closed)

    def flush_sync(self) -> None:
        """The window closes: save the open draft now (the event loop is about to stop)."""
        if self.editor is not None:
            self.editor.flush_sync()
