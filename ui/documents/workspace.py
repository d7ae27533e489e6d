"""The "Documents" panel: the current patient's documents above, the open document's editor below.

The DMP column follows the worker while the panel is shown: every DMP_POLL_MS the states of the listed
documents are read again on the database thread and changed cells are updated in place.

One editor at a time: opening another document (or another patient) first lets the open editor save its
draft — and ask, if what was typed cannot be saved — so switching never loses text. A document imported
from the DMP opens read-only in the same area.

The author's DMP decisions on a document ("Envoyer au DMP", "Ne pas envoyer au DMP…") are run here, and a
new document of a type the DMP keeps one current version of (the VSM) first offers to be the next version
of the one already in the DMP (RPLC), rather than a second version 1 (issue 13 items 2, 8).

A role that may not read clinical content (IE.33: the secretariat) sees the list — titles, statuses, DMP
states — but opens and creates nothing; the core refuses it anyway (`NotPermitted`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from lgc_app.auth.permissions import Permission, allows
from lgc_app.bootstrap import AppContext
from lgc_app.dmp.consultation import ReceivedDocument
from lgc_app.dmp.state import ONE_VERSION_IN_DMP, DmpVersion
from lgc_app.documents.kinds import DocumentStatus, DocumentType
from ui import messages
from ui.actions import dmp as dmp_actions
from ui.actions import documents as actions
from ui.actions.documents import DocumentDetail, DocumentRow, PatientDocuments, PractitionerChoice, SharingStates
from ui.dmp.document_state import ask_withhold
from ui.dmp.received_view import ReceivedDocumentView
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
        self._pending_list: Task[PatientDocuments] | None = None
        self._documents: list[DocumentRow] = []
        self._received: list[ReceivedDocument] = []
        self.replace_offer: QMessageBox | None = None
        self.list = DocumentList(self)
        self.list.acting_practitioner = context.session.practitioner_id
        self.list.open_requested.connect(self.open_document)
        self.list.received_open_requested.connect(self.open_received)
        self.list.create_requested.connect(self.create_document)
        self.list.author_changed.connect(self._author_changed)
        self.list.show_deleted_changed.connect(lambda _on: self.list.set_documents(self._documents, self._received))
        self.list.send_requested.connect(self.send_to_dmp)
        self.list.withhold_requested.connect(self.withhold_from_dmp)
        self.placeholder = QLabel(self.tr("Ouvrez un document de la liste, ou créez-en un avec « Nouveau "
                                          "document »."), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #555;")
        self.host = QStackedWidget(self)
        self.host.addWidget(self.placeholder)
        self.received_view = ReceivedDocumentView(context, tasks, self.host)
        self.host.addWidget(self.received_view)
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
        self._pending_states: Task[SharingStates] | None = None
        self.dmp_poll = QTimer(self)
        self.dmp_poll.setInterval(DMP_POLL_MS)
        self.dmp_poll.timeout.connect(self.refresh_dmp_states)
        self.dmp_poll.start()
        self.apply_role()
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
        """Another user now acts at this workstation: new drafts are theirs, the open editor acts as them —
        or closes (its draft saved) when their role may not read it."""
        self.author_id = None
        self.list.acting_practitioner = self.context.session.practitioner_id
        self.list.refresh_actions()
        self.load_practitioners()
        if self.editor is not None:
            self.editor.set_actor(self.env().actor)
        self.apply_role()

    @property
    def reads_clinical(self) -> bool:
        return allows(self.context.session, Permission.READ_CLINICAL)

    def apply_role(self) -> None:
        """What the session's role may use: the secretariat keeps the list and the DMP decisions' states."""
        reads = self.reads_clinical
        self.list.set_reads_clinical(reads)
        if reads:
            self.placeholder.setText(self.tr("Ouvrez un document de la liste, ou créez-en un avec « Nouveau "
                                             "document »."))
            return
        self.placeholder.setText(self.tr("Votre rôle (%1) permet de voir la liste des documents du patient, pas "
                                         "leur contenu.").replace("%1", self.context.session.user.role.label))
        self._close_editor(self._close_received)

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
        self._documents, self._received = [], []
        self._close_received()
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

    def _listed(self, patient_id: int, documents: PatientDocuments) -> None:
        if patient_id != self.patient_id:
            return  # an answer for the previous patient
        self._pending_list = None
        self._documents, self._received = documents.rows, documents.received
        self.list.set_documents(documents.rows, documents.received)
        if self.editor is not None:
            self.list.select_document(self.editor.detail.id)
        self.refreshed.emit(patient_id)

    def refresh_dmp_states(self) -> None:
        """Read the DMP and MSSanté states of the listed (non-draft) documents again, while the panel is visible
        (acknowledgements arrive long after the send)."""
        patient_id = self.patient_id
        ids = [row.summary.id for row in self._documents if row.summary.status is not DocumentStatus.DRAFT]
        if not self.isVisible() or patient_id is None or not ids or self._pending_states is not None:
            return
        self._pending_states = self.tasks.run(run_db(actions.sharing_states, self.context.database, ids),
                                              label_fr=self.tr("État DMP des documents"), visible=False)
        self._pending_states.on_success(lambda states: self._dmp_states_read(patient_id, states))
        self._pending_states.on_failure(lambda _error: self._dmp_states_read(patient_id, None))

    def _dmp_states_read(self, patient_id: int, states: SharingStates | None) -> None:
        self._pending_states = None
        if patient_id != self.patient_id or states is None:
            return
        self.list.model.set_sharing_states(states)
        self._documents = [replace(row, dmp=states.dmp.get(row.summary.id, row.dmp),
                                   mss=tuple(states.mss.get(row.summary.id, row.mss))) for row in self._documents]

    # -- editors ----------------------------------------------------------------------------------------

    def create_document(self, document_type: DocumentType) -> None:
        """A new draft of this type; for a type the DMP keeps one version of, first look for the one there."""
        if self.patient_id is None or self.author_id is None or not self.reads_clinical:
            return
        if document_type not in ONE_VERSION_IN_DMP:
            self._create(document_type)
            return
        patient_id = self.patient_id
        task = self.tasks.run(dmp_actions.version_in_dmp(self.context.database, patient_id, document_type,
                                                         self.author_id),
                              label_fr=self.tr("Recherche de la version dans le DMP"))
        task.on_success(lambda found: self._offer_replacement(patient_id, document_type, found))
        task.on_failure(lambda error: messages.failure(self.tr("Nouveau document"), error))

    def _offer_replacement(self, patient_id: int, document_type: DocumentType, found: DmpVersion | None) -> None:
        """Ask whether the new document is the next version of the one in the DMP (non-modal, STYLE.md §2)."""
        if patient_id != self.patient_id:
            return
        if found is None:
            self._create(document_type)
            return
        when = found.validated_at.astimezone().strftime("%d/%m/%Y") if found.validated_at else "?"
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Document déjà dans le DMP"), self.tr(
            "« %1 » (version %2 du %3) est déjà dans le DMP du patient. Le nouveau document doit-il en être "
            "la nouvelle version ? Il la remplacera alors dans le DMP au lieu de s'y ajouter.")
            .replace("%1", found.title).replace("%2", str(found.version_number)).replace("%3", when),
            QMessageBox.StandardButton.NoButton, self)
        new_version = box.addButton(self.tr("Nouvelle version de ce document") if found.next_version_id is None
                                    else self.tr("Ouvrir la nouvelle version en cours"),
                                    QMessageBox.ButtonRole.AcceptRole)
        separate = box.addButton(self.tr("Document distinct"), QMessageBox.ButtonRole.NoRole)
        box.addButton(self.tr("Annuler"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(new_version)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(button: object) -> None:
            if button is new_version:
                self._new_version_of(found)
            elif button is separate:
                self._create(document_type)
        box.buttonClicked.connect(chosen)
        box.finished.connect(lambda _result: setattr(self, "replace_offer", None))
        self.replace_offer = box
        box.open()

    def _new_version_of(self, found: DmpVersion) -> None:
        if found.next_version_id is not None:  # already started: open it rather than fail
            self.open_document(found.next_version_id)
            return
        actor = self.env().actor

        def start() -> None:
            task = self.tasks.run(actions.new_version(self.context, found.document_id, actor),
                                  label_fr=self.tr("Nouvelle version du document"))
            task.on_success(self._show_editor)
            task.on_failure(lambda error: messages.failure(self.tr("Nouvelle version du document"), error))
        self._close_editor(start)

    def _create(self, document_type: DocumentType) -> None:
        if self.patient_id is None or self.author_id is None:
            return
        env, patient_id = self.env(), self.patient_id
        author_id = self.author_id

        def create() -> None:
            task = self.tasks.run(actions.create_draft(self.context, patient_id=patient_id,
                                                       author_id=author_id, document_type=document_type,
                                                       actor=env.actor, cabinet=env.cabinet),
                                  label_fr=self.tr("Nouveau document"))
            task.on_success(self._show_editor)
        self._close_editor(create)

    def open_document(self, document_id: int) -> None:
        if (self.editor is not None and self.editor.detail.id == document_id) or not self.reads_clinical:
            return

        def load() -> None:
            task = self.tasks.run(actions.load_document(self.context, document_id),
                                  label_fr=self.tr("Ouverture du document"))
            task.on_success(self._show_editor)
        self._close_editor(load)

    def open_received(self, row: ReceivedDocument) -> None:
        """Show a document imported from the DMP, read-only (the open draft is saved first)."""
        def show() -> None:
            if row.id in {received.id for received in self._received} and self.reads_clinical:
                self.received_view.show_document(row)
                self.host.setCurrentWidget(self.received_view)
        self._close_editor(show)

    def _close_received(self) -> None:
        self.received_view.dispose()
        if self.host.currentWidget() is self.received_view:
            self.host.setCurrentWidget(self.placeholder)

    # -- DMP decisions ----------------------------------------------------------------------------------

    def send_to_dmp(self, document_id: int) -> None:
        """"Envoyer au DMP": a withheld, excluded, refused or held-back document goes now (an order)."""
        task = self.tasks.run(dmp_actions.release(self.context, document_id), label_fr=self.tr("Envoi au DMP"))
        task.on_success(lambda _order: self._sent(document_id))
        task.on_failure(lambda error: messages.failure(self.tr("Envoi au DMP"), error))

    def _sent(self, _document_id: int) -> None:
        messages.info(self.tr("Le document va être envoyé au DMP (suivi dans « Envois »)."))
        self.refresh()

    def withhold_from_dmp(self, document_id: int) -> None:
        """"Ne pas envoyer au DMP…": the reason is asked, then recorded."""
        ask_withhold(self, self.context, self.tasks, document_id, done=self.refresh)

    def _show_editor(self, detail: DocumentDetail) -> None:
        if detail.patient_id != self.patient_id:
            return
        self._close_received()
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
