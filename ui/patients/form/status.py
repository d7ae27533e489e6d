"""Status and checks of the identity form: the status with its last change, the RNIV attributes (doubtful,
fictitious, homonym) and the identity document seen by the user."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from lgc_app.patients.views import PatientView
from lgc_app.patients.vocabulary import IdentityDocumentType, IdentityStatus
from ui.patients.badges import StatusBadge, attributes_text
from ui.patients.wording import fill, local_time


class StatusPanel(QGroupBox):
    """Signals:
        attribute_clicked(str, bool): the user (un)checked an attribute ("doubtful", "fictitious", "homonym").
        check_clicked(): the user asks to record the chosen document as seen (`chosen_document()`).
    """

    attribute_clicked = Signal(str, bool)
    check_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Statut de l'identité"))
        layout = QVBoxLayout(self)
        self.status_badge = StatusBadge(self)
        layout.addWidget(self.status_badge, 0, Qt.AlignmentFlag.AlignLeft)
        self.status_reason = QLabel(self)
        self.status_reason.setObjectName("statusReason")
        self.status_reason.setWordWrap(True)
        self.status_reason.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status_reason)
        flags = QHBoxLayout()
        self.doubtful = QCheckBox(self.tr("Identité douteuse"), self)
        self.fictitious = QCheckBox(self.tr("Identité fictive"), self)
        self.homonym = QCheckBox(self.tr("Homonyme"), self)
        self.flags = {"doubtful": self.doubtful, "fictitious": self.fictitious, "homonym": self.homonym}
        for name, box in self.flags.items():
            box.clicked.connect(lambda checked, name=name: self.attribute_clicked.emit(name, checked))
            flags.addWidget(box)
        layout.addLayout(flags)
        check = QHBoxLayout()
        self.document = QComboBox(self)
        for document in IdentityDocumentType:
            self.document.addItem(document.label, document.value)
        self.check_button = QPushButton(self.tr("Enregistrer le contrôle"), self)
        self.check_button.setToolTip(self.tr("La pièce d'identité choisie a été vue : l'identité devient "
                                             "validée (ou qualifiée si elle a été récupérée par INSi)."))
        self.check_button.clicked.connect(self.check_clicked)
        check.addWidget(QLabel(self.tr("Pièce vue :"), self))
        check.addWidget(self.document, 1)
        check.addWidget(self.check_button)
        layout.addLayout(check)
        self.checks_label = QLabel(self)
        self.checks_label.setWordWrap(True)
        self.checks_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.checks_label)

    def chosen_document(self) -> IdentityDocumentType:
        return IdentityDocumentType(self.document.currentData())

    def set_enabled(self, enabled: bool) -> None:
        """Actions on a stored identity, none while another action runs."""
        for widget in (*self.flags.values(), self.check_button, self.document):
            widget.setEnabled(enabled)

    def show_patient(self, patient: PatientView | None) -> None:
        if patient is None:
            self.status_badge.set_status(IdentityStatus.PROV)
            self.status_reason.setText(self.tr("Une identité créée ici est provisoire jusqu'à l'appel au "
                                               "téléservice INSi et au contrôle d'une pièce d'identité."))
            self.checks_label.clear()
            return
        self.status_badge.set_status(patient.status, attributes_text(
            doubtful=patient.doubtful, fictitious=patient.fictitious, homonym=patient.homonym))
        last = patient.status_changes[-1] if patient.status_changes else None
        self.status_reason.setText(fill(self.tr("Dernier changement : %1 (%2, %3)"), last.reason,
                                        last.changed_by, local_time(last.changed_at)) if last else "")
        self.checks_label.setText("\n".join(
            fill(self.tr("%1 : pièce vue par %2 le %3"), check.document_type.label, check.checked_by,
                 local_time(check.checked_at, with_time=False)) for check in patient.identity_checks))
        for name, box in self.flags.items():
            box.setChecked(getattr(patient, name))
