"""The patient's objection to receiving documents in Mon espace santé by MSSanté, next to the DMP opposition:
a check box with who recorded it and when. Professionals' copies are not affected. Recorded in the acting user's
name on the database thread (`lgc_app.mss.patient_objection`); the sends planned since then skip the patient."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

from lgc_app.bootstrap import AppContext
from lgc_app.mss.patient_objection import ObjectionStatus
from ui import messages
from ui.mss import compose_actions as actions
from ui.tasks import TaskManager


class MssObjectionCheck(QWidget):
    """Signals: shown(int): this patient's objection is displayed; changed(int): it was recorded or withdrawn."""

    shown = Signal(int)
    changed = Signal(int)

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mssObjection")
        self._context, self._tasks = context, tasks
        self.patient_id: int | None = None
        self.status: ObjectionStatus | None = None
        self.check = QCheckBox(self.tr("Le patient s'oppose à l'envoi de ses documents dans Mon espace santé "
                                       "(messagerie sécurisée)"), self)
        self.check.setToolTip(self.tr("Les documents validés ne sont plus envoyés dans sa messagerie Mon espace "
                                      "santé ; les envois aux professionnels continuent."))
        self.check.clicked.connect(self._toggled)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setStyleSheet("color: #555;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.label, 1)
        self._show(None)

    def set_patient(self, patient_id: int | None) -> None:
        self.patient_id = patient_id
        self._show(None)
        if patient_id is not None:
            task = self._tasks.run(actions.objection(self._context.database, patient_id),
                                   label_fr=self.tr("Opposition Mon espace santé"), visible=False, owner=self)
            task.on_success(lambda status: self._loaded(patient_id, status))

    def _loaded(self, patient_id: int, status: ObjectionStatus) -> None:
        if patient_id == self.patient_id:
            self._show(status)
            self.shown.emit(patient_id)

    def _show(self, status: ObjectionStatus | None) -> None:
        self.status = status
        self.check.setEnabled(status is not None)
        self.check.setChecked(status is not None and status.in_force)
        if status is None or not status.in_force or status.recorded_at is None:
            self.label.setText("")
            return
        self.label.setText(self.tr("enregistrée le %1 par %2")
                           .replace("%1", status.recorded_at.astimezone().strftime("%d/%m/%Y à %H:%M"))
                           .replace("%2", status.recorded_by or "?"))

    def _toggled(self, objects: bool) -> None:
        patient_id = self.patient_id
        if patient_id is None:
            return
        self.check.setEnabled(False)
        task = self._tasks.run(actions.set_patient_objection(self._context, patient_id, objects),
                               label_fr=self.tr("Opposition Mon espace santé"), cancellable=False, owner=self)
        task.on_success(lambda status: self._done(patient_id, status)).on_failure(self._failed)

    def _done(self, patient_id: int, status: ObjectionStatus) -> None:
        self._loaded(patient_id, status)
        self.changed.emit(patient_id)

    def _failed(self, error: BaseException) -> None:
        messages.failure(self.tr("Opposition Mon espace santé"), error)
        self._show(self.status)
