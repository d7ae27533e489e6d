"""Editor of the volet de synthèse médicale (VSM, CDA N3): problems, allergies, treatments, risk factors.

One tab per section of the volet; every item is a row. Codes are optional (CIM-10 for a problem) and the
drugs are free text (a drug database is out of scope). Dates may be partial ("2020", "03/2020": issue 13
item 9) and are checked as typed: never in the future, an end never before its start.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from lgc_app.documents.content import (
    ALLERGY_KINDS,
    RISK_FACTOR_KINDS,
    Allergy,
    Content,
    Problem,
    RiskFactor,
    Treatment,
    VsmContent,
)
from ui.documents.editor_base import DocumentEditor
from ui.documents.fields import Findings, PartialDateField
from ui.documents.rows import ItemRow, RowList, tr

CIM10_CODE = re.compile(r"^[A-Z]\d{2}(\.\d{1,2})?$")


def _kinds_combo(kinds: dict[str, tuple[str, str]], parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    for key, (_code, label) in kinds.items():
        combo.addItem(label[:1].upper() + label[1:], key)
    return combo


class ProblemRow(ItemRow[Problem]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLineEdit(self)
        self.label.setPlaceholderText(tr("Ex. : Hypertension artérielle essentielle"))
        self.cim10 = QLineEdit(self)
        self.cim10.setPlaceholderText(tr("Ex. : I10"))
        self.cim10.setMaximumWidth(90)
        self.start = PartialDateField(self)
        self.end = PartialDateField(self)
        self.active = QCheckBox(tr("En cours"), self)
        self.active.setChecked(True)
        self.active.setToolTip(tr("Décochez pour un antécédent (pathologie terminée)."))
        self.place(self.label, 0, 0, tr("Pathologie ou antécédent"))
        self.place(self.cim10, 0, 1, tr("CIM-10"))
        self.place(self.start, 0, 2, tr("Début"))
        self.place(self.end, 0, 3, tr("Fin"))
        self.place(self.active, 0, 4, " ")
        self.grid.setColumnStretch(0, 1)

    def read(self, findings: Findings, strict: bool) -> Problem:
        start = self.start.read(findings, self.error, tr("Début"))
        end = self.end.read(findings, self.error, tr("Fin"))
        if start and end and end.latest() < start.earliest():
            findings.add(self.end, tr("La fin ne peut pas précéder le début."), self.error)
            end = None  # the draft keeps the start; the end waits, red, until it is fixed
        code = self.cim10.text().strip().upper()
        if strict:
            if not self.label.text().strip():
                findings.add(self.label, tr("Indiquez le libellé de la pathologie."), self.error)
            if code and not CIM10_CODE.match(code):
                findings.add(self.cim10, tr("Code CIM-10 attendu comme I10 ou E11.9 (ou laissez vide)."),
                             self.error)
        return Problem(self.label.text().strip(), code, start, end, self.active.isChecked())

    def show_item(self, item: Problem) -> None:
        self.label.setText(item.label)
        self.cim10.setText(item.cim10)
        self.start.set_date(item.start)
        self.end.set_date(item.end)
        self.active.setChecked(item.active)


class AllergyRow(ItemRow[Allergy]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agent = QLineEdit(self)
        self.agent.setPlaceholderText(tr("Ex. : Pénicilline G"))
        self.kind = _kinds_combo(ALLERGY_KINDS, self)
        self.reaction = QLineEdit(self)
        self.reaction.setPlaceholderText(tr("Ex. : urticaire généralisée"))
        self.start = PartialDateField(self)
        self.active = QCheckBox(tr("Active"), self)
        self.active.setChecked(True)
        self.place(self.agent, 0, 0, tr("Agent"))
        self.place(self.kind, 0, 1, tr("Type"))
        self.place(self.start, 0, 2, tr("Depuis"))
        self.place(self.active, 0, 3, " ")
        self.place(self.reaction, 1, 0, tr("Réaction"), span=4)
        self.grid.setColumnStretch(0, 1)

    def read(self, findings: Findings, strict: bool) -> Allergy:
        start = self.start.read(findings, self.error, tr("Depuis"))
        if strict and not self.agent.text().strip():
            findings.add(self.agent, tr("Indiquez l'agent de l'allergie."), self.error)
        return Allergy(self.agent.text().strip(), self.kind.currentData(), self.reaction.text().strip(), start,
                       self.active.isChecked())

    def show_item(self, item: Allergy) -> None:
        self.agent.setText(item.agent)
        self.kind.setCurrentIndex(max(0, self.kind.findData(item.kind)))
        self.reaction.setText(item.reaction)
        self.start.set_date(item.start)
        self.active.setChecked(item.active)


class TreatmentRow(ItemRow[Treatment]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drug = QLineEdit(self)
        self.drug.setPlaceholderText(tr("Ex. : Ramipril 5 mg, comprimé"))
        self.dosage = QLineEdit(self)
        self.dosage.setPlaceholderText(tr("Ex. : 1 comprimé le matin"))
        self.start = PartialDateField(self)
        self.place(self.drug, 0, 0, tr("Médicament"))
        self.place(self.dosage, 0, 1, tr("Posologie"))
        self.place(self.start, 0, 2, tr("Depuis"))
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(1, 2)

    def read(self, findings: Findings, strict: bool) -> Treatment:
        start = self.start.read(findings, self.error, tr("Depuis"))
        if strict and not self.drug.text().strip():
            findings.add(self.drug, tr("Indiquez le médicament."), self.error)
        return Treatment(self.drug.text().strip(), self.dosage.text().strip(), start)

    def show_item(self, item: Treatment) -> None:
        self.drug.setText(item.drug)
        self.dosage.setText(item.dosage)
        self.start.set_date(item.start)


class RiskFactorRow(ItemRow[RiskFactor]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = _kinds_combo(RISK_FACTOR_KINDS, self)
        self.description = QLineEdit(self)
        self.description.setPlaceholderText(tr("Ex. : fumeur, 20 paquets-années"))
        self.place(self.kind, 0, 0, tr("Facteur"))
        self.place(self.description, 0, 1, tr("Description"))
        self.grid.setColumnStretch(1, 1)

    def read(self, findings: Findings, strict: bool) -> RiskFactor:
        if strict and not self.description.text().strip():
            findings.add(self.description, tr("Décrivez le facteur de risque."), self.error)
        return RiskFactor(self.kind.currentData(), self.description.text().strip())

    def show_item(self, item: RiskFactor) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(item.kind)))
        self.description.setText(item.description)


class VsmEditor(DocumentEditor):
    def build_content(self) -> None:
        blank = self.tr("Ligne vide : complétez-la ou supprimez-la.")
        self.problems: RowList[Problem] = RowList(ProblemRow, self.tr("Ajouter une pathologie"), blank)
        self.allergies: RowList[Allergy] = RowList(AllergyRow, self.tr("Ajouter une allergie"), blank)
        self.treatments: RowList[Treatment] = RowList(TreatmentRow, self.tr("Ajouter un traitement"), blank)
        self.risk_factors: RowList[RiskFactor] = RowList(RiskFactorRow, self.tr("Ajouter un facteur de risque"),
                                                         blank)
        for rows, title in ((self.problems, self.tr("Pathologies")),
                            (self.allergies, self.tr("Allergies")),
                            (self.treatments, self.tr("Traitements")),
                            (self.risk_factors, self.tr("Facteurs de risque"))):
            rows.changed.connect(self.mark_dirty)
            self.tabs.addTab(rows, title)
        page = QWidget(self)
        self.vigilance = QPlainTextEdit(page)
        self.vigilance.textChanged.connect(self.mark_dirty)
        hint = QLabel(self.tr("Un point de vigilance par paragraphe (laissez une ligne vide entre deux)."), page)
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(page)
        layout.addWidget(hint)
        layout.addWidget(self.vigilance, 1)
        self.tabs.addTab(page, self.tr("Vigilance"))

    def show_content(self, content: Content) -> None:
        assert isinstance(content, VsmContent)
        self.problems.set_items(content.problems)
        self.allergies.set_items(content.allergies)
        self.treatments.set_items(content.treatments)
        self.risk_factors.set_items(content.risk_factors)
        self.vigilance.setPlainText("\n\n".join(content.vigilance))

    def read_content(self, findings: Findings, strict: bool) -> Content:
        text = self.vigilance.toPlainText().replace("\r\n", "\n")
        return VsmContent(
            problems=self.problems.read(findings, strict),
            allergies=self.allergies.read(findings, strict),
            treatments=self.treatments.read(findings, strict),
            risk_factors=self.risk_factors.read(findings, strict),
            vigilance=tuple(p.strip() for p in text.split("\n\n") if p.strip()),
        )

    def set_content_editable(self, editable: bool) -> None:
        for rows in (self.problems, self.allergies, self.treatments, self.risk_factors):
            rows.set_editable(editable)
        self.vigilance.setReadOnly(not editable)
