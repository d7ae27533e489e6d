"""Editor of a drug prescription (ordonnance, eP-MED-DM CDA N3): free-text lines, no drug database.

Each line: drug, dosage in words, duration in days, renewals, and the mentions a prescription carries
(non substituable, ALD, AT/MP, non remboursable, hors AMM). A line left empty is refused at validation,
named next to it, and never saved as an empty line.

Before validation the drugs are checked against the patient's known allergies (issue 14,
lgc_app.prescribing.allergies): a conflict is listed in a dialog, and prescribing anyway takes a reason,
recorded with the prescription when it is validated.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lgc_app.documents.content import Content, PrescriptionContent, PrescriptionLine
from lgc_app.errors import explain
from lgc_app.prescribing import allergies
from lgc_app.prescribing.allergies import AllergyConflict
from ui.documents.editor_base import DocumentEditor
from ui.documents.fields import DateField, ErrorLabel, Findings, required
from ui.documents.reason_dialog import ReasonDialog
from ui.documents.rows import ItemRow, RowList, tr
from ui.tasks import run_db

MAX_DURATION_DAYS = 366 * 3


class PrescriptionLineRow(ItemRow[PrescriptionLine]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drug = QLineEdit(self)
        self.drug.setPlaceholderText(tr("Ex. : Amoxicilline 1 g, comprimé dispersible"))
        self.duration = QSpinBox(self)
        self.duration.setRange(0, MAX_DURATION_DAYS)
        self.duration.setSpecialValueText(tr("—"))
        self.duration.setSuffix(tr(" jours"))
        self.renewals = QSpinBox(self)
        self.renewals.setRange(0, 12)
        self.dosage = QLineEdit(self)
        self.dosage.setPlaceholderText(tr("Ex. : 1 comprimé matin, midi et soir"))
        self.instructions = QLineEdit(self)
        self.instructions.setPlaceholderText(tr("Ex. : à prendre au milieu des repas"))
        self.non_substitutable = QCheckBox(tr("Non substituable"), self)
        self.ald = QCheckBox(tr("ALD"), self)
        self.ald.setToolTip(tr("En rapport avec une affection de longue durée"))
        self.work_related = QCheckBox(tr("AT/MP"), self)
        self.work_related.setToolTip(tr("En rapport avec un accident du travail ou une maladie professionnelle"))
        self.non_reimbursable = QCheckBox(tr("Non remboursable"), self)
        self.off_label = QCheckBox(tr("Hors AMM"), self)
        self.place(self.drug, 0, 0, tr("Médicament"), span=3)
        self.place(self.duration, 0, 3, tr("Durée"))
        self.place(self.renewals, 0, 4, tr("Renouvellements"))
        self.place(self.dosage, 1, 0, tr("Posologie"), span=5)
        self.place(self.instructions, 2, 0, tr("Instructions au patient"), span=5)
        mentions = QHBoxLayout()
        for check in (self.non_substitutable, self.ald, self.work_related, self.non_reimbursable,
                      self.off_label):
            mentions.addWidget(check)
            self._watch(check)
        mentions.addStretch(1)
        self.grid.addLayout(mentions, 3, 0, 1, 5)
        self.grid.setColumnStretch(0, 1)

    def read(self, findings: Findings, strict: bool) -> PrescriptionLine:
        drug, dosage = self.drug.text().strip(), self.dosage.text().strip()
        if strict:
            required(self.drug, findings, self.error, tr("Indiquez le médicament de cette ligne."))
            required(self.dosage, findings, self.error, tr("Indiquez la posologie de cette ligne."))
            if self.duration.value() < 1:
                findings.add(self.duration, tr("Indiquez la durée du traitement (en jours)."), self.error)
        return PrescriptionLine(
            drug=drug, dosage=dosage, duration_days=self.duration.value(), renewals=self.renewals.value(),
            substitutable=not self.non_substitutable.isChecked(), ald=self.ald.isChecked(),
            work_related=self.work_related.isChecked(), non_reimbursable=self.non_reimbursable.isChecked(),
            off_label=self.off_label.isChecked(), instructions=self.instructions.text().strip())

    def show_item(self, item: PrescriptionLine) -> None:
        self.drug.setText(item.drug)
        self.dosage.setText(item.dosage)
        self.duration.setValue(item.duration_days)
        self.renewals.setValue(item.renewals)
        self.non_substitutable.setChecked(not item.substitutable)
        self.ald.setChecked(item.ald)
        self.work_related.setChecked(item.work_related)
        self.non_reimbursable.setChecked(item.non_reimbursable)
        self.off_label.setChecked(item.off_label)
        self.instructions.setText(item.instructions)


class PrescriptionEditor(DocumentEditor):
    allergy_dialog: ReasonDialog | None = None
    _override: tuple[list[AllergyConflict], str] | None = None  # confirmed, recorded when validating

    def build_content(self) -> None:
        page = QWidget(self)
        self.prescribed_on = DateField(page)
        self.prescribed_on.setPlaceholderText(self.tr("JJ/MM/AAAA (vide : jour de la validation)"))
        self.prescribed_on.setMaximumWidth(260)
        self.prescribed_on.textEdited.connect(self.mark_dirty)
        self.date_error = ErrorLabel(page)
        self.lines: RowList[PrescriptionLine] = RowList(
            PrescriptionLineRow, self.tr("Ajouter une ligne"),
            self.tr("Ligne vide : renseignez le médicament, la posologie et la durée, ou supprimez la ligne."),
            page)
        self.lines.changed.connect(self.mark_dirty)
        self.lines_error = ErrorLabel(page)
        self.comment = QPlainTextEdit(page)
        self.comment.setPlaceholderText(self.tr("Commentaire imprimé sous les lignes (facultatif)"))
        self.comment.setMaximumHeight(60)
        self.comment.textChanged.connect(self.mark_dirty)
        form = QFormLayout()
        form.addRow(self.tr("Prescrit le"), self.prescribed_on)
        form.addRow("", self.date_error)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.lines_error)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.comment)
        self.tabs.addTab(page, self.tr("Lignes de prescription"))

    def show_content(self, content: Content) -> None:
        assert isinstance(content, PrescriptionContent)
        self.prescribed_on.set_date(content.prescribed_on)
        self.lines.set_items(content.lines)
        if not content.lines:
            self.lines.add_row()  # a new prescription opens on its first line
        self.comment.setPlainText(content.comment)

    def read_content(self, findings: Findings, strict: bool) -> Content:
        prescribed_on: date | None = self.prescribed_on.read(findings, self.date_error, self.tr("Date"))
        lines = self.lines.read(findings, strict)
        if strict and not lines and not self.lines.rows():
            findings.add(self.lines.add_button, self.tr("Ordonnance vide : ajoutez au moins une ligne."),
                         self.lines_error)
        return PrescriptionContent(lines=lines, prescribed_on=prescribed_on,
                                   comment=self.comment.toPlainText().strip())

    def set_content_editable(self, editable: bool) -> None:
        self.prescribed_on.setReadOnly(not editable)
        self.comment.setReadOnly(not editable)
        self.lines.set_editable(editable)

    # -- allergy warning (issue 14) ---------------------------------------------------------------------

    def request_validation(self) -> None:
        """Check the drugs against the patient's allergies before the usual confirmation."""
        self._override = None
        findings = Findings()
        content = self.read_content(findings, strict=True)
        if findings or not isinstance(content, PrescriptionContent):
            super().request_validation()  # shows what to correct
            return
        task = self.env.tasks.run(run_db(allergies.prescription_conflicts, self.env.context.database,
                                         self.detail.patient_id, [line.drug for line in content.lines]),
                                  label_fr=self.tr("Vérification des allergies"))
        task.on_success(self._allergies_checked)
        task.on_failure(lambda error: self.banner.set_messages([explain(error).text]))

    def _allergies_checked(self, conflicts: list[AllergyConflict]) -> None:
        if not conflicts:
            super().request_validation()
            return
        listed = "\n".join(f"• {conflict.text}" for conflict in conflicts)
        dialog = ReasonDialog(self.tr("Allergie connue du patient"), self.tr(
            "Attention : cette ordonnance contient un médicament contre-indiqué par une allergie connue du "
            "patient.\n\n%1\n\nPour prescrire quand même, indiquez la raison : elle sera enregistrée avec "
            "l'ordonnance.").replace("%1", listed), self.tr("Prescrire malgré l'allergie"), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.confirmed.connect(lambda reason: self._allergy_confirmed(conflicts, reason))
        dialog.finished.connect(lambda _result: setattr(self, "allergy_dialog", None))
        self.allergy_dialog = dialog
        dialog.open()

    def _allergy_confirmed(self, conflicts: list[AllergyConflict], reason: str) -> None:
        self._override = (conflicts, reason)
        super().request_validation()

    def validate_now(self) -> None:
        """Record the confirmed override first, so that no prescription is validated over a warning without
        its reason."""
        pending, self._override = self._override, None
        if pending is None:
            super().validate_now()
            return
        conflicts, reason = pending
        task = self.env.tasks.run(run_db(allergies.record_override, self.env.context.database, self.detail.id,
                                         conflicts, reason, who=self.env.actor.login),
                                  label_fr=self.tr("Enregistrement du motif"), cancellable=False)
        task.on_success(lambda _none: DocumentEditor.validate_now(self))
        task.on_failure(lambda error: self.banner.set_messages([explain(error).text]))
