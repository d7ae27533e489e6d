"""Messagerie → "Mes envois par messagerie sécurisée…" (also from Mon compte): where the signed-in
practitioner's validated documents go by MSSanté — the patient's Mon espace santé (qualified identities only),
the médecin traitant, the adresseur — and whether the patient may reply (`X-MSS-MES: FIN` when not).
Read and saved on the database thread; only a practitioner has such preferences."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from lgc_app.bootstrap import AppContext
from lgc_app.errors import explain
from lgc_app.mss.preferences import SendingPreferences
from ui import messages
from ui.dialog_buttons import save_buttons
from ui.mss import compose_actions as actions
from ui.tasks import TaskManager


class SendingPreferencesDialog(QDialog):
    """Signals: loaded(), saved(): the preferences are shown, were recorded (tests)."""

    loaded = Signal()
    saved = Signal()

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mssPreferencesDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Mes envois par messagerie sécurisée"))
        self._context, self._tasks = context, tasks
        self.practitioner_id = context.session.practitioner_id
        intro = QLabel(self.tr("À la validation d'un de vos documents, le logiciel l'envoie par messagerie "
                               "sécurisée de santé (MSSanté) :"), self)
        intro.setWordWrap(True)
        self.to_patient = QCheckBox(self.tr("au patient, dans sa messagerie Mon espace santé (identité qualifiée "
                                            "uniquement, sauf opposition du patient)"), self)
        self.to_treating = QCheckBox(self.tr("à son médecin traitant (correspondant avec une messagerie MSSanté)"),
                                     self)
        self.to_referring = QCheckBox(self.tr("au médecin qui vous l'a adressé (adresseur)"), self)
        self.end_exchange = QCheckBox(self.tr("sans possibilité de réponse du patient (en-tête X-MSS-MES : FIN)"),
                                      self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.buttons = save_buttons(self, self.save, self.tr("Fermer"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for box in self.boxes:
            layout.addWidget(box)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._set_enabled(False)
        if self.practitioner_id is None:
            self.status.setText(self.tr("Ces réglages sont ceux d'un praticien : connectez-vous en tant que "
                                        "praticien pour les modifier."))
            return
        task = tasks.run(actions.preferences(context.database, self.practitioner_id),
                         label_fr=self.tr("Réglages MSSanté"), owner=self)
        task.on_success(self._show).on_failure(lambda error: self.status.setText(explain(error).text))

    @property
    def boxes(self) -> tuple[QCheckBox, ...]:
        return self.to_patient, self.to_treating, self.to_referring, self.end_exchange

    def _set_enabled(self, enabled: bool) -> None:
        for box in self.boxes:
            box.setEnabled(enabled)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(enabled)

    def _show(self, chosen: SendingPreferences) -> None:
        for box, value in zip(self.boxes, (chosen.to_patient, chosen.to_treating, chosen.to_referring,
                                           chosen.end_patient_exchange), strict=True):
            box.setChecked(value)
        self._set_enabled(True)
        self.loaded.emit()

    def chosen(self) -> SendingPreferences:
        return SendingPreferences(*(box.isChecked() for box in self.boxes))

    def save(self) -> None:
        if self.practitioner_id is None:
            return
        self._set_enabled(False)
        task = self._tasks.run(actions.set_preferences(self._context, self.practitioner_id, self.chosen()),
                               label_fr=self.tr("Réglages MSSanté"), cancellable=False, owner=self)
        task.on_success(lambda _none: self._saved()).on_failure(self._failed)

    def _saved(self) -> None:
        messages.info(self.tr("Réglages d'envoi par messagerie sécurisée enregistrés."))
        self.saved.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.status.setText(explain(error).text)
        self._set_enabled(True)
