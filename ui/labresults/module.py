"""Plugs the "Résultats" panel into the main window: it follows the patient opened in the patient file, and is
hidden from a role that may not read clinical content (IE.33)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from lgc_app.auth.permissions import Permission, allows
from ui.labresults.results_panel import ResultsPanel

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class LabResultsModule(QObject):
    """The results screen of one main window (installed after the patient screens)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = ResultsPanel(window.context, window.tasks)
        self.title = self.tr("Résultats")
        window.add_panel(self.title, self.panel)
        self.show_action = window.menu("Patients").addAction(self.tr("Résultats de biologie"), self.show_results)
        self.patient_id: int | None = None
        window.patients.form.loaded.connect(self.patient_opened)
        window.session_changed.connect(self.apply_role)
        self.apply_role()

    @property
    def reads_clinical(self) -> bool:
        return allows(self.window.context.session, Permission.READ_CLINICAL)

    def apply_role(self) -> None:
        reads = self.reads_clinical
        self.window.panels.setTabVisible(self.window.panels.indexOf(self.panel), reads)
        self.show_action.setEnabled(reads)
        self.panel.set_patient(self.patient_id if reads else None)

    def patient_opened(self, patient_id: int) -> None:
        self.patient_id = patient_id
        if self.reads_clinical:
            self.panel.set_patient(patient_id)

    def show_results(self) -> None:
        if self.reads_clinical:
            self.window.show_panel(self.title)


def install_labresults(window: MainWindow) -> LabResultsModule:
    return LabResultsModule(window)
