"""The patient's opposition to the DMP, in the DMP tab (issue 10 item 5; PROTOCOLS §3.0: the DMP does not
carry it, the professional records the patient's will).

One line says whether an opposition is in force, with who recorded it and when (or who withdrew it); one
button records it ("Le patient s'oppose à l'alimentation de son DMP…") or withdraws it, each after a
confirmation. While it is in force the software sends nothing to the patient's DMP and does not consult it
(`lgc_app.dmp.opposition`).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from lgc_app.bootstrap import AppContext
from lgc_app.dmp.opposition import OppositionStatus
from ui import messages
from ui.actions import dmp as actions
from ui.tasks import TaskManager


def _when(moment: Any) -> str:
    return moment.astimezone().strftime("%d/%m/%Y à %H:%M") if moment is not None else "?"


class OppositionBar(QFrame):
    """Signals:
        changed(int): the opposition of this patient was recorded or withdrawn.
        shown(int): the status of this patient is displayed.
    """

    changed = Signal(int)
    shown = Signal(int)

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._tasks = tasks
        self.patient_id: int | None = None
        self.status: OppositionStatus | None = None
        self.confirmation: QMessageBox | None = None
        self.setObjectName("dmpOpposition")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.clicked.connect(self._ask)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self._show(None)

    def set_patient(self, patient_id: int | None) -> None:
        self.patient_id = patient_id
        self._show(None)
        if patient_id is None:
            return
        task = self._tasks.run(actions.opposition_status(self._context.database, patient_id),
                               label_fr=self.tr("Opposition au DMP"), visible=False)
        task.on_success(lambda status: self._loaded(patient_id, status))

    def _loaded(self, patient_id: int, status: OppositionStatus) -> None:
        if patient_id == self.patient_id:
            self._show(status)
            self.shown.emit(patient_id)

    def _show(self, status: OppositionStatus | None) -> None:
        self.status = status
        self.button.setEnabled(status is not None)
        opposed = status is not None and status.in_force
        self.label.setStyleSheet("color: #b00020; font-weight: bold;" if opposed else "color: #555;")
        self.button.setText(self.tr("Retirer l'opposition…") if opposed
                            else self.tr("Le patient s'oppose à l'alimentation de son DMP…"))
        if status is None:
            self.label.setText("")
        elif opposed:
            self.label.setText(self.tr("Opposition au DMP enregistrée le %1 par %2 : aucun document n'est envoyé "
                                       "au DMP ni consulté.").replace("%1", _when(status.recorded_at))
                               .replace("%2", status.recorded_by or "?"))
        elif status.withdrawn_at is not None:
            self.label.setText(self.tr("Pas d'opposition au DMP (opposition retirée le %1 par %2).")
                               .replace("%1", _when(status.withdrawn_at)).replace("%2", status.withdrawn_by or "?"))
        else:
            self.label.setText(self.tr("Pas d'opposition au DMP enregistrée."))

    def _ask(self) -> None:
        patient_id, status = self.patient_id, self.status
        if patient_id is None or status is None:
            return
        if status.in_force:
            self._confirm(self.tr("Retirer l'opposition au DMP"), self.tr(
                "Le patient retire son opposition : les documents seront de nouveau envoyés à son DMP et celui-ci "
                "pourra être consulté. Le retrait est enregistré à votre nom."), self.tr("Retirer l'opposition"),
                lambda: actions.withdraw_opposition(self._context, patient_id), patient_id)
        else:
            self._confirm(self.tr("Opposition au DMP"), self.tr(
                "Le patient s'oppose à l'alimentation de son DMP : aucun document ne sera plus envoyé à son DMP "
                "et celui-ci ne sera plus consulté depuis le logiciel, jusqu'au retrait de l'opposition. "
                "L'opposition est enregistrée à votre nom, avec la date."), self.tr("Enregistrer l'opposition"),
                lambda: actions.record_opposition(self._context, patient_id), patient_id)

    def _confirm(self, title: str, text: str, verb: str,
                 action: Callable[[], Coroutine[Any, Any, OppositionStatus]], patient_id: int) -> None:
        """A window-modal question (`open()`, never `exec()`: STYLE.md §2)."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        accept = box.addButton(verb, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Annuler"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(accept)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self._run(action, patient_id) if button is accept else None)
        box.finished.connect(lambda _result: setattr(self, "confirmation", None))
        self.confirmation = box
        box.open()

    def _run(self, action: Callable[[], Coroutine[Any, Any, OppositionStatus]], patient_id: int) -> None:
        self.button.setEnabled(False)
        task = self._tasks.run(action(), label_fr=self.tr("Opposition au DMP"))
        task.on_success(lambda status: self._done(patient_id, status))
        task.on_failure(self._failed)

    def _failed(self, error: BaseException) -> None:
        messages.failure(self.tr("Opposition au DMP"), error)
        self._show(self.status)

    def _done(self, patient_id: int, status: OppositionStatus) -> None:
        self._loaded(patient_id, status)
        self.changed.emit(patient_id)
