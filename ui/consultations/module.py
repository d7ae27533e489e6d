"""Plugs the consultation screens into the main window: the "Consultation" and "Chronologie" panels follow
the patient opened in the patient file; a document written from a consultation, or opened from the timeline,
is shown in the Documents panel; the consultation being typed is saved when the window closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from lgc_app.auth.permissions import Permission, allows
from lgc_app.consultations.timeline import EntryKind
from ui.consultations.consultation_panel import ConsultationPanel
from ui.consultations.timeline_panel import TimelinePanel

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class ConsultationsModule(QObject):
    """The consultation screens of one main window (installed after the patients, DMP and documents)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = ConsultationPanel(window.context, window.tasks)
        self.timeline = TimelinePanel(window.context, window.tasks)
        self.panel_title = self.tr("Consultation")
        self.timeline_title = self.tr("Chronologie")
        window.add_panel(self.panel_title, self.panel)
        window.add_panel(self.timeline_title, self.timeline)
        window.patients.form.loaded.connect(self.patient_opened)
        self.panel.document_written.connect(self.open_document)
        self.timeline.open_requested.connect(self.open_entry)
        menu = window.menu("Patients")
        self.actions = (menu.addAction(self.tr("Nouvelle consultation"), self.new_consultation),
                        menu.addAction(self.tr("Chronologie du patient"), self.show_timeline))
        window.closing.connect(self.panel.flush_sync)
        self.patient_id: int | None = None
        window.session_changed.connect(self.apply_role)
        self.apply_role()

    @property
    def reads_clinical(self) -> bool:
        return allows(self.window.context.session, Permission.READ_CLINICAL)

    def apply_role(self) -> None:
        """Consultations and the timeline are clinical notes: hidden from a role that may not read them
        (IE.33), and emptied (the consultation being typed is saved first) when such a user takes over."""
        reads = self.reads_clinical
        for panel in (self.panel, self.timeline):
            self.window.panels.setTabVisible(self.window.panels.indexOf(panel), reads)
        for action in self.actions:
            action.setEnabled(reads)
        target = self.patient_id if reads else None
        if self.panel.patient_id != target:
            self.panel.set_patient(target)
            self.timeline.set_patient(target)

    def patient_opened(self, patient_id: int) -> None:
        self.patient_id = patient_id
        if self.reads_clinical:
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
