"""The practitioner's DMP feeding decisions (issue 6 item 3): which document types go to the DMP, and
keeping one document out of it with a recorded reason.

`DmpPreferencesDialog` (Outils → "Envoi au DMP par type de document…") edits the per-type choice of one
practitioner. `ask_withhold` opens the reason dialog of the documents screens for one document; the
document editor (or its menu) calls it. The DMP state column of the document list is drawn by the document
list itself, from `lgc_app.dmp.state` (see `ui/documents/document_list.py`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from lgc_app.bootstrap import AppContext
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.types import registered_types
from ui import messages
from ui.actions import dmp as actions
from ui.actions.documents import PractitionerChoice, practitioners
from ui.dialog_buttons import save_buttons
from ui.documents.editor_base import ReasonDialog
from ui.tasks import TaskManager


def ask_withhold(parent: QWidget, context: AppContext, tasks: TaskManager, document_id: int,
                 done: Callable[[], None] | None = None) -> ReasonDialog:
    """Ask why this document stays out of the DMP, then record it; non-modal (`open()`, STYLE.md §2).
    `done` runs once it is recorded (lists refresh)."""
    dialog = ReasonDialog(
        parent.tr("Ne pas envoyer au DMP"),
        parent.tr("Ce document ne sera pas envoyé au DMP du patient. Indiquez pourquoi : le motif est "
                  "conservé avec le document."),
        parent.tr("Ne pas envoyer"), parent)

    def withheld() -> None:
        messages.info(parent.tr("Le document ne sera pas envoyé au DMP."))
        if done is not None:
            done()

    def confirmed(reason: str) -> None:
        task = tasks.run(actions.withhold(context, document_id, reason),
                         label_fr=parent.tr("Document retenu hors du DMP"))
        task.on_success(lambda _none: withheld())
        task.on_failure(lambda error: messages.failure(parent.tr("Envoi au DMP"), error))

    dialog.confirmed.connect(confirmed)
    dialog.open()
    return dialog


class DmpPreferencesDialog(QDialog):
    """Per practitioner, one box per document type: sent to the DMP at validation, or not.

    Signals:
        loaded(int): the choices of this practitioner are shown.
        saved(int): the choices of this practitioner were recorded.
    """

    loaded = Signal(int)
    saved = Signal(int)

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._tasks = tasks
        self._shown: dict[DocumentType, bool] = {}
        self.setWindowTitle(self.tr("Envoi au DMP par type de document"))
        intro = QLabel(self.tr("Les documents cochés sont envoyés automatiquement au DMP du patient dès leur "
                               "validation. Un document peut toujours être retenu individuellement."), self)
        intro.setWordWrap(True)
        self.practitioner = QComboBox(self)
        self.practitioner.currentIndexChanged.connect(lambda _index: self._load())
        self.boxes = {kind: QCheckBox(kind.label, self) for kind in registered_types()}
        form = QFormLayout()
        form.addRow(self.tr("Praticien :"), self.practitioner)
        self.buttons = save_buttons(self, self.save, self.tr("Fermer"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        for box in self.boxes.values():
            layout.addWidget(box)
        layout.addWidget(self.buttons)
        self._set_enabled(False)
        task = tasks.run(practitioners(context.database), label_fr=self.tr("Lecture des praticiens"), owner=self)
        task.on_success(self._practitioners_known)

    def _set_enabled(self, enabled: bool) -> None:
        for box in self.boxes.values():
            box.setEnabled(enabled)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(enabled)

    def _practitioners_known(self, choices: list[PractitionerChoice]) -> None:
        for choice in choices:
            self.practitioner.addItem(choice.name, choice.id)
        if not choices:
            self.practitioner.addItem(self.tr("Aucun praticien enregistré"), None)

    def practitioner_id(self) -> int | None:
        value = self.practitioner.currentData()
        return value if isinstance(value, int) else None

    def _load(self) -> None:
        practitioner_id = self.practitioner_id()
        self._set_enabled(False)
        if practitioner_id is None:
            return
        task = self._tasks.run(actions.type_preferences(self._context.database, practitioner_id),
                               label_fr=self.tr("Lecture des réglages DMP"), owner=self)
        task.on_success(lambda wanted: self._show(practitioner_id, wanted))

    def _show(self, practitioner_id: int, wanted: dict[DocumentType, bool]) -> None:
        if practitioner_id != self.practitioner_id():
            return
        self._shown = dict(wanted)
        for kind, box in self.boxes.items():
            box.setChecked(wanted.get(kind, False))
        self._set_enabled(True)
        self.loaded.emit(practitioner_id)

    def choices(self) -> dict[DocumentType, bool]:
        return {kind: box.isChecked() for kind, box in self.boxes.items()}

    def save(self) -> None:
        practitioner_id = self.practitioner_id()
        if practitioner_id is None:
            return
        changed = {kind: send for kind, send in self.choices().items() if self._shown.get(kind) != send}
        self._set_enabled(False)
        task = self._tasks.run(actions.set_type_preferences(self._context, practitioner_id, changed),
                               label_fr=self.tr("Enregistrement des réglages DMP"), owner=self)
        task.on_success(lambda _none: self._saved(practitioner_id))
        task.on_failure(self._failed)

    def _saved(self, practitioner_id: int) -> None:
        messages.info(self.tr("Réglages d'envoi au DMP enregistrés."))
        self.saved.emit(practitioner_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        messages.failure(self.tr("Réglages d'envoi au DMP"), error)
        self._set_enabled(True)
