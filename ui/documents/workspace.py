"""The "Documents" panel: the current patient's documents above, the open document's editor below.

The DMP column follows the worker while the panel is shown: every DMP_POLL_MS the states of the listed
documents are read again on the database thread and changed cells are updated in place.

One editor at a time: opening another document (or another patient) first lets the open editor save its
draft — and ask, if what was typed cannot be saved — so switching never loses text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from lgc_app.bootstrap import AppContext
from lgc_app.dmp.state import DocumentDmpState, document_states
from lgc_app.documents.kinds import DocumentStatus, DocumentType
from ui.actions import documents as actions
from ui.actions.documents import DocumentDetail, DocumentRow, PractitionerChoice
from ui.documents.document_list import DocumentList
from ui.documents.editor_base import DocumentEditor, EditorEnv
from ui.documents.editors import editor_class
from ui.tasks import Task, TaskManager, run_db
from ui.view_state import remember_splitter

LIST_SHARE = 40  # percent of the panel's height given to the document list at first
DMP_POLL_MS = 4000  # the worker sends within seconds; one indexed query for the listed documents


def make_editor(env: EditorEnv, detail: DocumentDetail, parent: QWidget | None = None) -> DocumentEditor:
    return editor_class(detail)(env, detail, parent)


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
        self.splitter = splitter
        # The list keeps LIST_SHARE of the height (3 rows were too few) until the user moves the split, which
        # is then kept from one session to the next.
        self._user_split = remember_splitter(splitter, "documents")
        splitter.splitterMoved.connect(self._split_moved)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._pending_states: Task[dict[int, DocumentDmpState]] | None = None
        self.dmp_poll = QTimer(self)
        self.dmp_poll.setInterval(DMP_POLL_MS)
        self.dmp_poll.timeout.connect(self.refresh_dmp_states)
        self.dmp_poll.start()
        # the window may be built before the event loop runs (ui/app.py): start reading once it does
        QTimer.singleShot(0, self, self.load_practitioners)

    def _split_moved(self, _pos: int, _index: int) -> None:
        self._user_split = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._user_split:
            height = self.splitter.height()
            self.splitter.setSizes([height * LIST_SHARE // 100, height * (100 - LIST_SHARE) // 100])

    # -- who writes -------------------------------------------------------------------------------------

    def load_practitioners(self) -> None:
        task = self.tasks.run(actions.practitioners(self.context.database), label_fr=self.tr("Praticiens"))
        task.on_success(self._practitioners_loaded)

    def _practitioners_loaded(self, choices: list[PractitionerChoice]) -> None:
        known = {choice.id for choice in choices}
        acting = self.context.session.practitioner_id
        if self.author_id not in known:  # the acting practitioner writes their own documents by default
            self.author_id = acting if acting in known else (choices[0].id if choices else None)
        self.list.set_practitioners(choices, self.author_id)

    def _author_changed(self, practitioner_id: int) -> None:
        """The author of the next drafts (the secretariat prepares them for a practitioner); only the author,
        signed in, may validate."""
        self.author_id = practitioner_id

    def session_changed(self) -> None:
        """Another user now acts at this workstation: new drafts are theirs, the open editor acts as them."""
        self.author_id = None
        self.load_practitioners()
        if self.editor is not None:
            self.editor.set_actor(self.env().actor)

    def env(self) -> EditorEnv:
        return EditorEnv(self.context, self.tasks, self.context.session.actor())

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

    def refresh_dmp_states(self) -> None:
        """Read the DMP state of the listed (non-draft) documents again, while the panel is visible."""
        patient_id = self.patient_id
        ids = [row.summary.id for row in self._documents if row.summary.status is not DocumentStatus.DRAFT]
        if not self.isVisible() or patient_id is None or not ids or self._pending_states is not None:
            return
        self._pending_states = self.tasks.run(run_db(document_states, self.context.database, ids),
                                              label_fr=self.tr("État DMP des documents"), visible=False)
        self._pending_states.on_success(lambda states: self._dmp_states_read(patient_id, states))
        self._pending_states.on_failure(lambda _error: self._dmp_states_read(patient_id, {}))

    def _dmp_states_read(self, patient_id: int, states: dict[int, DocumentDmpState]) -> None:
        self._pending_states = None
        if patient_id != self.patient_id or not states:
            return
        self.list.model.set_dmp_states(states)
        self._documents = [replace(row, dmp=states.get(row.summary.id, row.dmp)) for row in self._documents]

    # -- editors ----------------------------------------------------------------------------------------

    def create_document(self, document_type: DocumentType) -> None:
        if self.patient_id is None or self.author_id is None:
            return
        env, patient_id = self.env(), self.patient_id
        author_id = self.author_id

        def create() -> None:
            task = self.tasks.run(actions.create_draft(self.context.database, patient_id=patient_id,
                                                       author_id=author_id, document_type=document_type,
                                                       actor=env.actor, cabinet=env.cabinet),
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
