"""Messagerie → "Nouveau message sécurisé…" and the patient's "Écrire à un correspondant…": a free MSSanté
message (issue 12 item 2). Recipients (ui/mss/recipients_picker.py), subject, text and attached files (sizes
shown, the estimated message size against the operator's limit); "Envoyer" queues an `mss.compose` order —
the outbox sends it and the order appears in "Envois".

Non-modal; files are read in the worker pool and the message is queued on the database thread through the task
bridge (activity indicator, spinner here). Each refusal of the core (`lgc_app.mss.compose.ComposeRefused`) is
shown in French under the form, and the field concerned takes the focus.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lgc_app.bootstrap import AppContext
from lgc_app.errors import explain
from lgc_app.mss import compose
from lgc_app.mss.compose import ComposeRefused, Draft, FileAttachment, Queued
from ui import messages
from ui.activity import Spinner
from ui.mss import compose_actions as actions
from ui.mss.recipients_picker import RecipientsPicker
from ui.style import mark_error
from ui.tasks import TaskManager


class ComposeDialog(QDialog):
    """Signals:
    queued(object): the message was queued (`lgc_app.mss.compose.Queued`); the dialog then closes.
    refused(str): the French reason the message was not queued (tests).
    """

    queued = Signal(object)
    refused = Signal(str)

    def __init__(self, context: AppContext, tasks: TaskManager, *, patient_id: int | None = None,
                 preselect: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mssComposeDialog")
        self.setWindowTitle(self.tr("Nouveau message sécurisé (MSSanté)"))
        self.resize(760, 680)
        self._context = context
        self._tasks = tasks
        self.patient_id = patient_id
        self.limit = compose.operator_limit(context.settings)
        self.attachments: list[FileAttachment] = []
        self.file_dialog: QFileDialog | None = None
        self.sending = False

        self.about = QLabel(self)
        self.about.setObjectName("mssComposePatient")
        self.about.setTextFormat(Qt.TextFormat.PlainText)
        self.about.setStyleSheet("font-weight: bold;")
        self.about.setText(self.tr("Message sans patient") if patient_id is None else "")
        self.recipients = RecipientsPicker(context, tasks, self)
        self.recipients.changed.connect(self._update)
        self.recipients.loaded.connect(self._patient_known)
        self.subject = QLineEdit(self)
        self.subject.setMaxLength(compose.MAX_SUBJECT)
        self.subject.setPlaceholderText(self.tr("Objet du message"))
        self.subject.textChanged.connect(self._update)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(self.tr("Votre message"))
        self.text.textChanged.connect(self._update)
        form = QFormLayout()
        form.addRow(self.tr("Objet"), self.subject)
        form.addRow(self.tr("Message"), self.text)

        self.files = QTableWidget(0, 3, self)
        self.files.setHorizontalHeaderLabels([self.tr("Pièce jointe"), self.tr("Type"), self.tr("Taille")])
        self.files.verticalHeader().hide()
        self.files.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.files.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.files.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.files.setMaximumHeight(130)
        self.files.itemSelectionChanged.connect(self._update)
        self.add_button = QPushButton(self.tr("Joindre des fichiers…"), self)
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button = QPushButton(self.tr("Retirer"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.size_label = QLabel(self)
        self.size_label.setObjectName("mssComposeSize")
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(self.add_button)
        file_buttons.addWidget(self.remove_button)
        file_buttons.addWidget(self.size_label, 1)

        self.error_label = QLabel(self)
        mark_error(self.error_label)
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color: #b00020;")
        self.spinner = Spinner(self)
        self.busy_label = QLabel(self.tr("Mise en file d'envoi…"), self)
        self.send_button = QPushButton(self.tr("Envoyer"), self)
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(self.send)
        cancel = QPushButton(self.tr("Annuler"), self)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.spinner)
        bottom.addWidget(self.busy_label)
        bottom.addStretch(1)
        bottom.addWidget(self.send_button)
        bottom.addWidget(cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.recipients, 1)
        layout.addLayout(form, 2)
        layout.addWidget(self.files)
        layout.addLayout(file_buttons)
        layout.addWidget(self.error_label)
        layout.addLayout(bottom)
        self._set_busy(False)
        self.recipients.set_patient(patient_id, preselect)
        self._update()

    def _patient_known(self, _patient_id: int) -> None:
        if self.recipients.choices is not None:
            self.about.setText(self.tr("Message au sujet de %1 (un seul patient par message)")
                               .replace("%1", self.recipients.choices.patient_name))

    # -- attachments -------------------------------------------------------------------------------------

    def choose_files(self) -> None:
        """A non-modal file chooser (`open()`, never `exec()`: STYLE.md §2)."""
        dialog = QFileDialog(self, self.tr("Joindre des fichiers"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter(self.tr("Fichiers acceptés (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.txt *.xml)"))
        dialog.filesSelected.connect(lambda paths: self.add_files([Path(path) for path in paths]))
        self.file_dialog = dialog
        dialog.open()

    def add_files(self, paths: list[Path]) -> None:
        """Read and check the files off the GUI thread, then list them."""
        if not paths:
            return
        self.error_label.clear()
        task = self._tasks.run(actions.read_files(paths, self.limit), label_fr=self.tr("Lecture des pièces jointes"),
                               owner=self)
        task.on_success(self._files_read).on_failure(self._show_refusal)

    def _files_read(self, read: list[FileAttachment]) -> None:
        for attachment in read:
            self.attachments.append(attachment)
            row = self.files.rowCount()
            self.files.insertRow(row)
            for column, text in enumerate((attachment.filename, attachment.mime_type,
                                           compose.size_text(attachment.size))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.files.setItem(row, column, item)
        self._update()

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.files.selectionModel().selectedRows()}, reverse=True):
            self.files.removeRow(row)
            del self.attachments[row]
        self._update()

    # -- state ---------------------------------------------------------------------------------------------

    def draft(self) -> Draft:
        return Draft(self.subject.text(), self.text.toPlainText(), self.recipients.chosen(),
                     tuple(self.attachments), self.patient_id)

    def _update(self) -> None:
        draft = self.draft()
        size = draft.estimated_size
        self.size_label.setText(self.tr("Taille estimée du message : %1 (au plus %2)")
                                .replace("%1", compose.size_text(size)).replace("%2", compose.size_text(self.limit)))
        self.size_label.setStyleSheet("color: #b00020;" if size > self.limit else "color: #555;")
        self.remove_button.setEnabled(bool(self.files.selectionModel().selectedRows()) and not self.sending)
        self.send_button.setEnabled(not self.sending and bool(draft.recipients))
        self.send_button.setToolTip("" if draft.recipients else self.tr("Cochez au moins un destinataire."))

    def _set_busy(self, busy: bool) -> None:
        self.sending = busy
        self.spinner.setVisible(busy)
        self.busy_label.setVisible(busy)
        for widget in (self.recipients, self.subject, self.text, self.add_button):
            widget.setEnabled(not busy)
        self._update()

    # -- sending -------------------------------------------------------------------------------------------

    def send(self) -> None:
        """Check what can be checked here (the same rules as the core), then queue on the database thread."""
        draft = self.draft()
        try:
            compose.check_content(draft, limit=self.limit)
        except ComposeRefused as exc:
            self._show_refusal(exc)
            return
        self.error_label.clear()
        self._set_busy(True)
        task = self._tasks.run(actions.send(self._context, draft), label_fr=self.tr("Message sécurisé"),
                               cancellable=False, owner=self)
        task.on_success(self._queued).on_failure(self._failed)

    def _queued(self, queued: Queued) -> None:
        self._set_busy(False)
        messages.info(self.tr("Message sécurisé mis en file d'envoi pour %1 : suivez-le dans « Envois ».")
                      .replace("%1", ", ".join(queued.addresses)))
        self.queued.emit(queued)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self._show_refusal(error)

    def _show_refusal(self, error: BaseException) -> None:
        text = explain(error).text
        self.error_label.setText(text)
        self._focus_for(text)
        self.refused.emit(text)

    def _focus_for(self, text: str) -> None:
        """The field the refusal is about takes the focus."""
        lowered = text.lower()
        if "objet" in lowered:
            self.subject.setFocus()
        elif "texte" in lowered or "vide" in lowered:
            self.text.setFocus()
        elif "destinataire" in lowered or "adresse" in lowered or "messagerie" in lowered:
            self.recipients.list.setFocus()
