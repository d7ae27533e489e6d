"""The INS of the identity form: the stored INS as the header shows it, the INS read from a datamatrix and
still to be verified, and the request to open the INSi dialog on the stored traits."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from lgc_app.patients.matricule import oid_label
from lgc_app.patients.views import PatientView
from ui.patients.wording import fill, format_matricule


class InsiPart(QObject):
    """The INS line (`ins_label`) and the "Téléservice INSi…" button (`button`), placed by the form.

    Signals:
        requested(object, object): open the INSi dialog for (`PatientView`, pending INS or None).
    """

    requested = Signal(object, object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.pending_ins: tuple[str, str] | None = None  # read from a datamatrix, to verify with INSi
        self.ins_label = QLabel(parent)
        self.ins_label.setWordWrap(True)
        self.ins_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self.tr("Téléservice INSi…"), parent)

    def show_patient(self, patient: PatientView | None) -> None:
        if patient is None or not patient.ins_matricule:
            self.ins_label.setText(self.tr("Pas d'INS"))
            return
        text = fill(self.tr("INS %1 (%2)"), format_matricule(patient.ins_matricule), oid_label(patient.ins_oid or ""))
        if not patient.is_qualified:  # PROTOCOLS §1.3: it never leaves the software in this state
            text += self.tr(" — non transmis tant que l'identité n'est pas qualifiée")
        self.ins_label.setText(text)

    def request(self, patient: PatientView) -> None:
        self.requested.emit(patient, self.pending_ins)
