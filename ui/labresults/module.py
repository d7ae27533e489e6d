"""Plugs the "Résultats" panel into the main window: it follows the patient opened in the patient file, and is
hidden from a role that may not read clinical content (IE.33)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.clinical_module import ClinicalModule
from ui.labresults.results_panel import ResultsPanel

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class LabResultsModule(ClinicalModule):
    """The results screen of one main window (installed after the patient screens)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.panel = ResultsPanel(window.context, window.tasks)
        self.title = self.tr("Résultats")
        window.add_panel(self.title, self.panel)
        self.show_action = window.menu("Patients").addAction(self.tr("Résultats de biologie"), self.show_results)
        self.follow_patient((self.panel,), (self.show_action,))

    def show_patient(self, patient_id: int | None) -> None:
        self.panel.set_patient(patient_id)

    def show_results(self) -> None:
        if self.reads_clinical:
            self.window.show_panel(self.title)


def install_labresults(window: MainWindow) -> LabResultsModule:
    return LabResultsModule(window)
