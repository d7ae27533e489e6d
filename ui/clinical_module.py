"""A module of the main window whose panels show clinical content: they follow the patient opened in the patient
file, and are hidden and emptied for a role that may not read clinical content (IE.33)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from lgc_app.auth.permissions import Permission, allows

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class ClinicalModule(QObject):
    """Subclasses add their panels to the window, call `follow_patient` with them and their menu actions, and
    give the panels their patient in `show_patient`."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.patient_id: int | None = None
        self._panels: Sequence[QWidget] = ()
        self._actions: Sequence[QAction] = ()

    def follow_patient(self, panels: Sequence[QWidget], actions: Sequence[QAction]) -> None:
        self._panels, self._actions = panels, actions
        self.window.patients.form.loaded.connect(self.patient_opened)
        self.window.session_changed.connect(self.apply_role)
        self.apply_role()

    @property
    def reads_clinical(self) -> bool:
        return allows(self.window.context.session, Permission.READ_CLINICAL)

    def apply_role(self) -> None:
        reads = self.reads_clinical
        for panel in self._panels:
            self.window.panels.setTabVisible(self.window.panels.indexOf(panel), reads)
        for action in self._actions:
            action.setEnabled(reads)
        self.role_applied(self.patient_id if reads else None)

    def role_applied(self, patient_id: int | None) -> None:
        """The patient the panels show once the role is applied (None: emptied)."""
        self.show_patient(patient_id)

    def patient_opened(self, patient_id: int) -> None:
        self.patient_id = patient_id
        if self.reads_clinical:
            self.show_patient(patient_id)

    def show_patient(self, patient_id: int | None) -> None:
        raise NotImplementedError
