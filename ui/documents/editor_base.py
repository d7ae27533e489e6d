"""The frame every document editor shares: title, state, autosave, validation, new version, archive, delete.

Lifecycle as the user sees it (issue 5): a draft is saved by itself ~2 s after the last change and when the
editor closes ("Brouillon enregistré à HH:MM"); "Valider" asks for confirmation, then freezes the document —
PDF and CDA built on the database thread through the task bridge, buttons disabled and a busy bar shown
meanwhile. A validated document is shown read-only with its frozen CDA; it changes only through
"Nouvelle version" (replace) or archive/delete, each asked for with a reason.

Nothing typed is lost: a failed save keeps the text on screen and says so; input that cannot be stored
(a wrong date…) is shown next to its field and keeps its text, while the rest of the draft is saved (one bad
field must not hold back the whole draft: issue 13 item 9); validation refuses the draft until it is fixed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lgc_app.bootstrap import AppContext
from lgc_app.documents.actors import Actor
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.content import Content
from lgc_app.documents.errors import DocumentConflictError
from lgc_app.documents.kinds import DocumentStatus
from lgc_app.errors import explain
from ui.actions import documents as actions
from ui.actions.documents import DocumentDetail
from ui.documents.fields import ErrorLabel, Findings, FindingsDisplay
from ui.documents.metadata_panel import MetadataPanel
from ui.documents.reason_dialog import ReasonDialog
from ui.documents.viewer import CdaViewer
from ui.print import DocumentPrinting
from ui.tasks import Task, TaskManager

log = logging.getLogger("lgc.ui.documents.editor")

AUTOSAVE_MS = 2000
EVENT_WORDS = {"created": "créé", "validated": "validé", "replaced": "remplacé", "archived": "archivé",
               "deleted": "supprimé"}
# a frozen document must not look editable (Qt draws a read-only field like an editable one)
READ_ONLY_STYLE = ('QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"], QAbstractSpinBox[readOnly="true"] '
                   "{ background: #f0f0f0; }")
FROZEN = {DocumentStatus.VALIDATED, DocumentStatus.REPLACED, DocumentStatus.ARCHIVED}


@dataclass(frozen=True)
class EditorEnv:
    """What an editor needs from the workstation: database, task bridge, the acting user."""

    context: AppContext
    tasks: TaskManager
    actor: Actor

    @property
    def cabinet(self) -> Cabinet:
        return Cabinet.from_settings(self.context.settings)


def local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%d/%m/%Y à %H:%M")


class DocumentEditor(QWidget):
    """Base of the editors; subclasses add their content tabs and map content to widgets.

    Subclasses implement `build_content`, `show_content`, `read_content`, `set_content_editable`, and call
    `mark_dirty()` whenever the user changes something.

    Signals:
        document_changed(int): the stored document changed (saved, validated, archived…): lists refresh.
        open_requested(int): show this other document (the new version just created).
        saved(int): an autosave finished; the argument is the new row version.
    """

    document_changed = Signal(int)
    open_requested = Signal(int)
    saved = Signal(int)

    def __init__(self, env: EditorEnv, detail: DocumentDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.detail = detail
        self._row_version = detail.row_version
        self._loading = False
        self._dirty = False
        self._changes = 0
        self._writes = f"document:{detail.id}"  # the task bridge's chain of this editor's writes
        self._save_queued = False
        self._busy = False  # a transition is queued or running
        self._viewer_task: Task[None] | None = None
        self._shown_content: Content | None = None  # what the widgets show, as last loaded or saved
        self._stored_title = detail.title  # saved in place of an emptied title
        self._held_back = False  # the last save left out fields shown in red
        self._findings = FindingsDisplay()
        self._metadata_panel: MetadataPanel | None = None  # built when its tab is first shown
        self._metadata_editable = False
        self._styled_editable: bool | None = None  # the editability the read-only style sheet was last set for
        self.confirmation: QMessageBox | None = None
        self.reason_dialog: ReasonDialog | None = None

        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("documentTitle")
        self.title_edit.setPlaceholderText(self.tr("Titre du document"))
        self.title_edit.textEdited.connect(self.mark_dirty)
        self.title_error = ErrorLabel(self)
        self.type_label = QLabel(detail.type.label, self)
        self.type_label.setStyleSheet("color: #555;")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("documentStatus")
        self.status_label.setWordWrap(True)
        self.save_state = QLabel(self)
        self.save_state.setObjectName("saveState")
        self.save_state.setWordWrap(True)
        self.banner = ErrorLabel(self)
        self.banner.setObjectName("editorError")
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)  # indeterminate: a moving bar while the thread works
        self.busy_bar.setMaximumHeight(10)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.busy_label = QLabel(self)
        self.busy_label.hide()

        self.validate_button = QPushButton(self.tr("Valider"), self)
        self.validate_button.setDefault(False)
        self.validate_button.clicked.connect(self.request_validation)
        self.new_version_button = QPushButton(self.tr("Nouvelle version"), self)
        self.new_version_button.clicked.connect(self.request_new_version)
        self.archive_button = QPushButton(self.tr("Archiver…"), self)
        self.archive_button.clicked.connect(self.request_archive)
        self.delete_button = QPushButton(self.tr("Supprimer…"), self)
        self.delete_button.clicked.connect(self.request_delete)
        self.printing = DocumentPrinting(env.tasks, self)
        self.print_button = QPushButton(self.tr("Imprimer…"), self)
        self.print_button.setToolTip(self.tr("Imprimer le document validé (Ctrl+P)"))
        self.print_button.clicked.connect(self.request_print)
        self.save_pdf_button = QPushButton(self.tr("Enregistrer en PDF…"), self)
        self.save_pdf_button.clicked.connect(self.request_save_pdf)

        self.tabs = QTabWidget(self)
        self.build_content()
        self._metadata_holder = QWidget(self)
        QVBoxLayout(self._metadata_holder).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self._metadata_holder, self.tr("Partage"))
        self.tabs.currentChanged.connect(self._tab_shown)
        self.tabs.setTabToolTip(self.tabs.count() - 1, self.tr("Métadonnées de partage : DMP et MSSanté"))
        self.viewer = CdaViewer(self)
        self.viewer_index = self.tabs.addTab(self.viewer, self.tr("Document validé"))
        self.history = QListWidget(self)
        self.tabs.addTab(self.history, self.tr("Historique"))

        title_row = QHBoxLayout()
        title_row.addWidget(self.title_edit, 1)
        title_row.addWidget(self.type_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_state, 1)
        for button in (self.delete_button, self.archive_button, self.save_pdf_button, self.print_button,
                       self.new_version_button, self.validate_button):
            buttons.addWidget(button)
        busy = QHBoxLayout()
        busy.addWidget(self.busy_label)
        busy.addWidget(self.busy_bar, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(title_row)
        layout.addWidget(self.title_error)
        layout.addWidget(self.status_label)
        layout.addWidget(self.banner)
        layout.addLayout(busy)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_now)
        self.show_detail(detail)

    # -- subclass hooks ---------------------------------------------------------------------------------

    def build_content(self) -> None:
        """Add the content tabs to `self.tabs`."""
        raise NotImplementedError

    def show_content(self, content: Content) -> None:
        raise NotImplementedError

    def read_content(self, findings: Findings, strict: bool) -> Content:
        """The content typed so far. Input that cannot be stored (a wrong or future date…) is always a
        finding; with `strict` (validation), so is anything incomplete."""
        raise NotImplementedError

    def set_content_editable(self, editable: bool) -> None:
        raise NotImplementedError

    # -- state ------------------------------------------------------------------------------------------

    def set_actor(self, actor: Actor) -> None:
        """Another user now acts at this workstation (only the author may validate)."""
        self.env = replace(self.env, actor=actor)
        self._refresh_buttons()

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    @property
    def autosave_timer(self) -> QTimer:
        return self._timer

    def show_detail(self, detail: DocumentDetail) -> None:
        """Show a document as stored (after opening, validating, archiving…)."""
        self.detail = detail
        self._row_version = detail.row_version
        self._loading = True
        try:
            self.title_edit.setText(detail.title)
            if detail.content != self._shown_content:  # after a validation the widgets already show it
                self.show_content(detail.content)
                self._shown_content = detail.content
        finally:
            self._loading = False
        self._dirty = False
        self._findings.clear()
        editable = detail.is_draft
        self.title_edit.setReadOnly(not editable)
        self.set_content_editable(editable)
        if editable != self._styled_editable:  # (re)set: the readOnly selectors are evaluated when set; each
            self._styled_editable = editable  # setting polishes every child again (~10 ms), so only on a change
            self.setStyleSheet(READ_ONLY_STYLE)
        self._metadata_editable = editable
        if self._metadata_panel is not None:
            self._metadata_panel.show_metadata(detail.type, detail.sharing, editable)
        self.status_label.setText(self._status_text(detail))
        self.save_state.setText("")
        self._refresh_buttons()
        self.history.clear()
        for event in detail.events:
            note = f" ({event.note})" if event.note else ""
            self.history.addItem(f"{local_time(event.at)} — {EVENT_WORDS.get(event.action, event.action)} "
                                 f"par {event.actor}{note}")
        self.tabs.setTabEnabled(self.viewer_index, detail.status in FROZEN)
        if detail.status in FROZEN:
            self.tabs.setCurrentIndex(self.viewer_index)  # what was validated, as the recipients will see it
            self._viewer_task = self.env.tasks.run(self._load_viewer(detail.id),
                                                   label_fr=self.tr("Affichage du document validé"))
        else:
            self.viewer.clear()

    def _status_text(self, detail: DocumentDetail) -> str:
        version = self.tr("version %1").replace("%1", str(detail.version_number))
        if detail.is_draft:
            text = self.tr("Brouillon — %1 — auteur : %2").replace("%1", version).replace("%2", detail.author_name)
            if detail.replaces_id:
                text += self.tr(" — remplacera la version précédente à sa validation")
            return text
        when = local_time(detail.validated_at) if detail.validated_at else "?"
        text = self.tr("%1 — %2 — validé le %3 par %4 — lecture seule").replace("%1", detail.status.label) \
            .replace("%2", version).replace("%3", when).replace("%4", detail.author_name)
        return text

    def _refresh_buttons(self) -> None:
        detail, busy = self.detail, self._busy
        is_author = self.env.actor.practitioner_id == detail.author_id
        self.validate_button.setVisible(detail.is_draft)
        self.validate_button.setEnabled(not busy and is_author)
        self.validate_button.setToolTip("" if is_author else self.tr(
            "Seul l'auteur du document (%1) peut le valider.").replace("%1", detail.author_name))
        self.new_version_button.setVisible(detail.status is DocumentStatus.VALIDATED)
        self.new_version_button.setText(self.tr("Ouvrir la nouvelle version") if detail.replaced_by_id
                                        else self.tr("Nouvelle version"))
        self.new_version_button.setEnabled(not busy)
        self.archive_button.setVisible(detail.status is DocumentStatus.VALIDATED)
        self.archive_button.setEnabled(not busy)
        self.delete_button.setVisible(detail.status is not DocumentStatus.DELETED
                                      and detail.status is not DocumentStatus.REPLACED)
        self.delete_button.setEnabled(not busy)
        for button in (self.print_button, self.save_pdf_button):
            button.setVisible(self.printable)

    # -- printing (issue 13 item 12): the PDF/A frozen at validation ----------------------------------------

    @property
    def printable(self) -> bool:
        return self.detail.status in FROZEN

    def _stored_pdf(self) -> Coroutine[Any, Any, bytes]:
        return actions.frozen_pdf(self.env.context, self.detail.id)

    def request_print(self) -> Task[Any] | None:
        """Imprimer…: the preview of the stored PDF/A, whose "Imprimer" opens the system print dialog."""
        if not self.printable:
            return None
        return self.printing.print_pdf(self._stored_pdf, self.detail.title)

    def request_save_pdf(self) -> None:
        """Enregistrer en PDF…: a copy of the stored PDF/A, byte for byte."""
        if self.printable:
            self.printing.choose_pdf_file(self._stored_pdf, self.detail.title)

    # -- autosave ---------------------------------------------------------------------------------------

    def mark_dirty(self) -> None:
        """A change by the user: the draft will be saved AUTOSAVE_MS after the last one."""
        if self._loading or not self.detail.is_draft or self._busy:
            return
        self._changes += 1
        self._dirty = True
        self.save_state.setText(self.tr("Modifications en cours…"))
        self._timer.start()

    def _read_all(self, strict: bool) -> tuple[str, Content, Findings]:
        findings = Findings()
        title = self.title_edit.text().strip()
        if not title:
            findings.add(self.title_edit, self.tr("Le titre du document ne peut pas être vide."), self.title_error)
        content = self.read_content(findings, strict)
        self._findings.show(findings)
        return title, content, findings

    # Every write of this editor (save, metadata, transition) goes through one chain of the task bridge: each
    # one needs the row version the previous one left (optimistic concurrency), and reads the widgets when it
    # starts.

    def _enqueue(self, start: Callable[[], Task[Any] | None]) -> None:
        self.env.tasks.enqueue(self._writes, start)

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Run callback once every queued write has finished."""
        self.env.tasks.when_idle(self._writes, callback)

    def save_now(self) -> bool:
        """Queue a save of the draft if it changed. False: some typed input (shown in red) cannot be stored;
        the rest of the draft is saved all the same."""
        self._timer.stop()
        if not self._dirty or not self.detail.is_draft:
            return True
        _title, _content, findings = self._read_all(strict=False)
        if not self._save_queued:
            self._save_queued = True
            self._enqueue(self._start_save)
        return not findings

    def _storable(self) -> tuple[str, Content, bool]:
        """What a save stores: the valid input (a wrong field reads as its last good value), and whether some
        input was left out."""
        title, content, findings = self._read_all(strict=False)
        return title or self._stored_title, content, bool(findings)

    def _start_save(self) -> Task[int] | None:
        self._save_queued = False
        if not self._dirty or not self.detail.is_draft:
            return None
        title, content, held_back = self._storable()
        mark = self._changes
        task = self.env.tasks.run(
            actions.save_draft(self.env.context.database, self.detail.id, self.env.actor, title=title,
                               content=content, expected_version=self._row_version),
            label_fr=self.tr("Enregistrement du brouillon"), cancellable=False)
        task.on_success(lambda version: self._saved(version, mark, title, content, held_back))
        task.on_failure(self._save_failed)
        return task

    def _saved(self, version: int, mark: int, title: str, content: Content, held_back: bool) -> None:
        self._row_version = version
        self._shown_content = content
        self._stored_title = title
        self._held_back = held_back
        self._dirty = self._changes != mark or held_back  # the red fields still wait to be stored
        self.banner.set_messages([])
        when = datetime.now().strftime("%H:%M")
        if held_back:
            self.save_state.setText(self.tr("Brouillon enregistré à %1, sauf les champs signalés en rouge.")
                                    .replace("%1", when))
        elif not self._dirty:
            self.save_state.setText(self.tr("Brouillon enregistré à %1").replace("%1", when))
        self.saved.emit(version)
        self.document_changed.emit(self.detail.id)

    def _save_failed(self, error: BaseException) -> None:
        text = explain(error).text
        if isinstance(error, DocumentConflictError):
            text += " " + self.tr("Copiez votre texte si besoin, puis rouvrez le document.")
        self.save_state.setText(self.tr("Brouillon NON enregistré — vos modifications restent à l'écran."))
        self.banner.set_messages([text])

    def request_close(self, then: Callable[[], None]) -> None:
        """Save what is pending, then run `then`; asks before dropping changes that cannot be saved."""
        self._timer.stop()

        def ask(text: str) -> None:
            self._confirm(self.tr("Fermer sans enregistrer ?"), text, self.tr("Abandonner les modifications"),
                          then)
        complete = self.save_now()

        def after_save() -> None:
            if not (self._dirty and self.detail.is_draft):
                then()
            elif not complete and self._held_back:
                ask(self.tr("Le brouillon est enregistré, sauf les champs signalés en rouge, qui ne peuvent pas "
                            "l'être tels quels. Les abandonner et fermer le document ?"))
            else:
                ask(self.tr("Le brouillon n'a pas pu être enregistré. Abandonner les modifications et fermer ?"))
        self.when_idle(after_save)

    def dispose(self) -> None:
        """The editor is closed: stop what would still touch its widgets."""
        self._timer.stop()
        if self._viewer_task is not None:
            self._viewer_task.cancel()

    def flush_sync(self) -> None:
        """Last save while the application quits (the loop is stopping: a short blocking write)."""
        self._timer.stop()
        if not (self._dirty and self.detail.is_draft) or self.env.tasks.chain_busy(self._writes):
            return
        title, content, _held_back = self._storable()
        try:
            actions.save_draft_now(self.env.context.database, self.detail.id, self.env.actor, title=title,
                                   content=content, expected_version=self._row_version)
            self._dirty = False
        except Exception:  # exiting: log it, nothing else can be done
            log.exception("last save of document %s failed", self.detail.id)

    # -- metadata ---------------------------------------------------------------------------------------

    @property
    def metadata_panel(self) -> MetadataPanel:
        """The "Partage" tab's panel, built on first use (its tab shown): its coded combos and explanations
        cost tens of milliseconds of the GUI thread, most editors are opened and closed without it."""
        if self._metadata_panel is None:
            panel = MetadataPanel(self.env.context.settings["cabinet.sector"], self._metadata_holder)
            panel.show_metadata(self.detail.type, self.detail.sharing, self.detail.is_draft)
            panel.set_editable(self._metadata_editable)
            panel.change_requested.connect(self._change_metadata)
            self._metadata_holder.layout().addWidget(panel)
            self._metadata_panel = panel
        return self._metadata_panel

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self._metadata_holder:
            self.metadata_panel.show()

    def _set_metadata_editable(self, editable: bool) -> None:
        self._metadata_editable = editable
        if self._metadata_panel is not None:
            self._metadata_panel.set_editable(editable)

    def _change_metadata(self, changes: dict[str, object]) -> None:
        if not self.detail.is_draft:
            return
        self.save_now()

        def start() -> Task[DocumentDetail]:
            task = self.env.tasks.run(
                actions.update_metadata(self.env.context, self.detail.id, self.env.actor,
                                        expected_version=self._row_version, changes=dict(changes)),
                label_fr=self.tr("Métadonnées de partage"), cancellable=False)
            task.on_success(self._metadata_saved).on_failure(
                lambda error: self.metadata_panel.show_refusal(explain(error).text))
            return task
        self._enqueue(start)

    def _metadata_saved(self, detail: DocumentDetail) -> None:
        self._row_version = detail.row_version
        self.detail = replace(self.detail, sharing=detail.sharing, row_version=detail.row_version)
        self._metadata_editable = detail.is_draft
        if self._metadata_panel is not None:
            self._metadata_panel.show_metadata(detail.type, detail.sharing, detail.is_draft)
        self.document_changed.emit(detail.id)

    # -- validation and the other transitions --------------------------------------------------------------

    def request_validation(self) -> None:
        """Check the content (errors shown by their fields), then ask for confirmation."""
        _title, _content, findings = self._read_all(strict=True)
        if findings:
            self.banner.set_messages([self.tr("Le document ne peut pas être validé : corrigez les champs "
                                              "signalés en rouge.")])
            self._show_tab_of(findings.items[0][0], findings.items[0][2])
            return
        self.banner.set_messages([])
        self._confirm(self.tr("Valider le document"), self.tr(
            "Valider « %1 » ? Le document sera figé et signé de votre nom : il ne pourra plus être "
            "modifié, seulement remplacé par une nouvelle version.").replace("%1", self.title_edit.text()),
            self.tr("Valider"), self.validate_now)

    def validate_now(self) -> None:
        """Save the typed text, then freeze the document in the database thread."""
        self._timer.stop()
        title, content, findings = self._read_all(strict=True)
        if findings:
            return
        self._transition(lambda: self._validate(title, content), self.tr("Validation du document"),
                         self.tr("Validation en cours : création du PDF et du document CDA…"))

    async def _validate(self, title: str, content: Content) -> DocumentDetail:
        db = self.env.context.database
        self._row_version = await actions.save_draft(db, self.detail.id, self.env.actor, title=title,
                                                     content=content, expected_version=self._row_version)
        self._dirty = False
        self._shown_content = content
        return await actions.validate(self.env.context, self.detail.id, self.env.actor, self.env.cabinet)

    def request_new_version(self) -> None:
        if self.detail.replaced_by_id:
            self.open_requested.emit(self.detail.replaced_by_id)
            return
        self._transition(lambda: actions.new_version(self.env.context, self.detail.id, self.env.actor),
                         self.tr("Nouvelle version du document"), self.tr("Création de la nouvelle version…"),
                         then=lambda draft: self.open_requested.emit(draft.id))

    def request_archive(self) -> None:
        self._ask_reason(self.tr("Archiver le document"), self.tr(
            "Le document archivé reste consultable mais n'apparaît plus parmi les documents courants du "
            "patient. Indiquez le motif de l'archivage."), self.tr("Archiver"), actions.archive,
            self.tr("Archivage du document"))

    def request_delete(self) -> None:
        self._ask_reason(self.tr("Supprimer le document"), self.tr(
            "Le document sera marqué supprimé (il reste conservé comme trace, mais n'est plus utilisable). "
            "Indiquez le motif de la suppression."), self.tr("Supprimer"), actions.delete,
            self.tr("Suppression du document"))

    def _ask_reason(self, title: str, explanation: str, verb: str,
                    action: Callable[[AppContext, int, Actor, str], Coroutine[Any, Any, DocumentDetail]],
                    label: str) -> None:
        self._timer.stop()
        dialog = ReasonDialog(title, explanation, verb, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.confirmed.connect(lambda reason: self._transition(
            lambda: action(self.env.context, self.detail.id, self.env.actor, reason), label,
            label + "…"))
        dialog.finished.connect(lambda _result: setattr(self, "reason_dialog", None))
        self.reason_dialog = dialog
        dialog.open()

    def _transition(self, make: Callable[[], Coroutine[Any, Any, DocumentDetail]], label: str, busy_text: str,
                    then: Callable[[DocumentDetail], None] | None = None) -> None:
        """Run a lifecycle transition after the pending writes. Buttons are disabled and the busy bar moves
        until it ends; not cancellable: it is one database transaction, committed whole or not at all."""
        self._busy = True
        self.title_edit.setReadOnly(True)
        self.set_content_editable(False)
        self._set_metadata_editable(False)
        self.busy_label.setText(busy_text)
        self.busy_label.show()
        self.busy_bar.show()
        self.banner.set_messages([])
        self._refresh_buttons()

        def done(detail: DocumentDetail) -> None:
            self._end_busy()
            if then is not None:
                then(detail)
            if detail.id == self.detail.id:
                self.show_detail(detail)
            self.document_changed.emit(detail.id)

        def failed(error: BaseException) -> None:
            self._end_busy()
            self.show_detail_editable_again()
            self.banner.set_messages([explain(error).text])

        def start() -> Task[DocumentDetail]:
            task = self.env.tasks.run(make(), label_fr=label, cancellable=False)
            task.on_success(done).on_failure(failed)
            return task
        self._enqueue(start)

    def _end_busy(self) -> None:
        self._busy = False
        self.busy_bar.hide()
        self.busy_label.hide()
        self._refresh_buttons()

    def show_detail_editable_again(self) -> None:
        """After a refused transition the draft stays as typed (nothing reloaded, nothing lost)."""
        editable = self.detail.is_draft
        self.title_edit.setReadOnly(not editable)
        self.set_content_editable(editable)
        self._set_metadata_editable(editable)

    @property
    def busy(self) -> bool:
        return self._busy

    # -- helpers ----------------------------------------------------------------------------------------

    async def _load_viewer(self, document_id: int) -> None:
        await self.viewer.load_bytes(await actions.frozen_cda(self.env.context, document_id))

    def _confirm(self, title: str, text: str, yes: str, then: Callable[[], None]) -> None:
        """A window-modal question (`open()`, never `exec()`: STYLE.md §2)."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Annuler"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(accept)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: then() if button is accept else None)
        box.finished.connect(lambda _result: setattr(self, "confirmation", None))
        self.confirmation = box
        box.open()

    def confirm_button(self) -> QPushButton:
        """The accepting button of the open confirmation (tests, keyboard users)."""
        assert self.confirmation is not None
        button = self.confirmation.defaultButton()
        assert button is not None
        return button

    def _show_tab_of(self, widget: QWidget, label: QWidget) -> None:
        """Bring the first faulty field into view: its tab, then its scroll position (message included)."""
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is widget or page.isAncestorOf(widget):
                self.tabs.setCurrentIndex(index)
                widget.setFocus()
                break
        scroll = next((area for area in self.findChildren(QScrollArea) if area.widget() is not None
                       and area.widget().isAncestorOf(widget)), None)
        if scroll is not None:  # after the label, just made visible, has its geometry
            QTimer.singleShot(0, scroll, lambda: scroll.ensureWidgetVisible(label))
