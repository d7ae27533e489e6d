"""A panel of the patient file that reads its patient only while shown: a hidden panel's reads would compete
with the patient opening for the GIL."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class PatientPanel(QWidget):
    """Subclasses read the patient in `refresh` and drop the previous patient's rows in `forget_patient`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.patient_id: int | None = None

    def set_patient(self, patient_id: int | None) -> None:
        if patient_id != self.patient_id:
            self.forget_patient()
        self.patient_id = patient_id
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def forget_patient(self) -> None:
        """Another patient is opened: what the panel shows of the previous one goes (not offered meanwhile)."""

    def refresh(self) -> None:
        raise NotImplementedError
