"""Status and checks of the identity form: the status with its last change, the RNIV attributes (doubtful,
fictitious, homonym) and the identity document seen by the user.

Identity vigilance (RNIV): no document is preselected (a preset piece made one click validate an identity on a
document nobody chose), the documents already recorded are listed as recorded, and recording a new check is
confirmed first, saying what it changes (`StatusPanel.confirm_check_box`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lgc_app.patients.use_cases import CheckPreview
from lgc_app.patients.views import PatientView
from lgc_app.patients.vocabulary import IdentityDocumentType, IdentityStatus
from ui.patients.badges import StatusBadge, attributes_text
from ui.patients.wording import fill, local_time


class StatusPanel(QGroupBox):
    """Signals:
        attribute_clicked(str, bool): the user (un)checked an attribute ("doubtful", "fictitious", "homonym").
        check_clicked(): the user asks to record the chosen document as seen (`chosen_document()`).
        qualified(int): the identity shown became qualified (it was not when last shown): what waited for its
            qualification may now be sent (issue 13 item 2; the DMP screens offer it).
    """

    attribute_clicked = Signal(str, bool)
    check_clicked = Signal()
    qualified = Signal(int)

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
        self.document.setPlaceholderText(self.tr("Choisir la pièce présentée…"))
        for document in IdentityDocumentType:
            self.document.addItem(document.label, document.value)
        self.document.setCurrentIndex(-1)
        self.check_button = QPushButton(self.tr("Enregistrer le contrôle…"), self)
        self.check_button.setToolTip(self.tr("La pièce d'identité choisie a été vue : l'identité devient "
                                             "validée (ou qualifiée si elle a été récupérée par INSi), après "
                                             "confirmation."))
        self.check_button.clicked.connect(self.check_clicked)
        self.document.currentIndexChanged.connect(lambda _index: self._refresh_check_button())
        self._enabled = False
        check.addWidget(QLabel(self.tr("Pièce vue :"), self))
        check.addWidget(self.document, 1)
        check.addWidget(self.check_button)
        layout.addLayout(check)
        self.checks_label = QLabel(self)
        self.checks_label.setObjectName("recordedChecks")
        self.checks_label.setWordWrap(True)
        self.checks_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.checks_label)
        self._shown: tuple[int, IdentityStatus] | None = None  # the identity last shown, and its status

    def chosen_document(self) -> IdentityDocumentType | None:
        """The document the user chose, None until one is chosen."""
        data = self.document.currentData()
        return None if data is None else IdentityDocumentType(data)

    def set_enabled(self, enabled: bool) -> None:
        """Actions on a stored identity, none while another action runs."""
        self._enabled = enabled
        for widget in (*self.flags.values(), self.document):
            widget.setEnabled(enabled)
        self._refresh_check_button()

    def _refresh_check_button(self) -> None:
        self.check_button.setEnabled(self._enabled and self.chosen_document() is not None)

    def show_patient(self, patient: PatientView | None) -> None:
        before, self._shown = self._shown, (patient.id, patient.status) if patient is not None else None
        if patient is None:
            self.status_badge.set_status(IdentityStatus.PROV)
            self.status_reason.setText(self.tr("Une identité créée ici est provisoire jusqu'à l'appel au "
                                               "téléservice INSi et au contrôle d'une pièce d'identité."))
            self.checks_label.clear()
            self.document.setCurrentIndex(-1)
            return
        self.status_badge.set_status(patient.status, attributes_text(
            doubtful=patient.doubtful, fictitious=patient.fictitious, homonym=patient.homonym))
        last = patient.status_changes[-1] if patient.status_changes else None
        self.status_reason.setText(fill(self.tr("Dernier changement : %1 (%2, %3)"), last.reason,
                                        last.changed_by, local_time(last.changed_at)) if last else "")
        # What was recorded, never a guess: the choice below starts empty for every identity.
        self.document.setCurrentIndex(-1)
        recorded = [fill(self.tr("%1 : pièce vue par %2 le %3"), check.document_type.label, check.checked_by,
                         local_time(check.checked_at, with_time=False)) for check in patient.identity_checks]
        self.checks_label.setText(self.tr("Pièce(s) d'identité enregistrée(s) :") + "\n" + "\n".join(recorded)
                                  if recorded else self.tr("Aucune pièce d'identité enregistrée."))
        for name, box in self.flags.items():
            box.setChecked(getattr(patient, name))
        if patient.status is IdentityStatus.QUAL and before is not None and before[0] == patient.id \
                and before[1] is not IdentityStatus.QUAL:
            self.qualified.emit(patient.id)

    def confirm_check_box(self, preview: CheckPreview) -> QMessageBox:
        """The question asked before a document check is recorded: which document, the status before and after,
        what the new status allows. "Annuler" is the default button: Enter never validates an identity."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Contrôle de la pièce d'identité"),
                          fill(self.tr("Enregistrer « %1 » comme pièce d'identité vue pour cette identité ?"),
                               preview.document.label),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirmIdentityCheck")
        box.setInformativeText(fill(self.tr("Statut : %1 → %2.\n%3\n\nConfirmez que la pièce a été présentée "
                                            "et que ses traits sont ceux enregistrés."),
                                    preview.from_status.label, preview.to_status.label, preview.consequence))
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Enregistrer le contrôle"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box
