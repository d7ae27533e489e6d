"""Plugs the consultation screens into the main window: the "Consultation" and "Chronologie" panels follow
the patient opened in the patient file; a document written from a consultation, or opened from the timeline,
is shown in the Documents panel; the consultation being typed is saved when the window closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lgc_app.consultations.timeline import EntryKind
from ui.clinical_module import ClinicalModule
from ui.consultations.consultation_panel import ConsultationPanel
from ui.consultations.timeline_panel import TimelinePanel

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class ConsultationsModule(ClinicalModule):
    """The consultation screens of one main window (installed after the patients, DMP and documents).
    Consultations and the timeline are clinical notes: emptied (the consultation being typed is saved first)
    when a user who may not read them takes over."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.panel = ConsultationPanel(window.context, window.tasks)
        self.timeline = TimelinePanel(window.context, window.tasks)
        self.panel_title = self.tr("Consultation")
        self.timeline_title = self.tr("Chronologie")
        window.add_panel(self.panel_title, self.panel)
        window.add_panel(self.timeline_title, self.timeline)
        self.panel.document_written.connect(self.open_document)
        self.timeline.open_requested.connect(self.open_entry)
        menu = window.menu("Patients")
        self.actions = (menu.addAction(self.tr("Nouvelle consultation"), self.new_consultation),
                        menu.addAction(self.tr("Chronologie du patient"), self.show_timeline))
        window.closing.connect(self.panel.flush_sync)
        self.follow_patient((self.panel, self.timeline), self.actions)

    def role_applied(self, patient_id: int | None) -> None:
        if self.panel.patient_id != patient_id:
            self.show_patient(patient_id)

    def show_patient(self, patient_id: int | None) -> None:
        self.panel.set_patient(patient_id)
        self.timeline.set_patient(patient_id)

    def show_timeline(self) -> None:
        if self.reads_clinical:
            self.window.show_panel(self.timeline_title)

    def new_consultation(self) -> None:
        if not self.reads_clinical:
            return
        self.window.show_panel(self.panel_title)
        self.panel.new_consultation()

    def open_document(self, document_id: int) -> None:
        documents = self.window.documents
        self.window.show_panel(documents.title)
        documents.panel.open_document(document_id)

    def open_entry(self, kind: EntryKind, item_id: int) -> None:
        if kind is EntryKind.CONSULTATION:
            self.window.show_panel(self.panel_title)
            self.panel.open_consultation(item_id)
        elif kind is EntryKind.DOCUMENT:
            self.open_document(item_id)
        else:  # received from the DMP: the DMP panel lists and shows the imported documents
            self.window.dmp.show_dmp()


def install_consultations(window: MainWindow) -> ConsultationsModule:
    return ConsultationsModule(window)
