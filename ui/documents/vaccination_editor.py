"""Editor of a vaccination note (VAC-NOTE, CDA N3): one vaccination act — vaccine, date, lot, dose, route.

The volet asks for the vaccine's CIS code and ATC class besides its name (no drug database here: they are
typed from the box or the ANSM base). The date defaults to today and may not be in the future.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lgc_app.documents.content import VACCINATION_ACTS, VACCINATION_ROUTES, Content, VacNoteContent
from ui.documents.editor_base import DocumentEditor
from ui.documents.fields import DateField, ErrorLabel, Findings, required

CIS_CODE = re.compile(r"^\d{8}$")
ATC_CODE = re.compile(r"^[A-Z]\d{2}[A-Z]{2}\d{2}$")  # 5th level, e.g. J07AM01


class VaccinationEditor(DocumentEditor):
    def build_content(self) -> None:
        page = QWidget()
        form = QFormLayout()
        outer = QVBoxLayout(page)
        outer.addLayout(form)
        outer.addStretch(1)
        self.errors: dict[QWidget, ErrorLabel] = {}

        def add(caption: str, widget: QWidget) -> None:
            """The field with its error label right under it, in one cell (no empty row when all is well)."""
            cell = QWidget(page)
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            label = ErrorLabel(cell)
            box.addWidget(widget)
            box.addWidget(label)
            form.addRow(caption, cell)
            self.errors[widget] = label

        self.vaccine = QLineEdit(page)
        self.vaccine.setPlaceholderText(self.tr("Nom commercial, tel qu'imprimé sur la boîte"))
        self.cis_code = QLineEdit(page)
        self.cis_code.setPlaceholderText(self.tr("8 chiffres"))
        self.cis_code.setMaximumWidth(140)
        self.atc_code = QLineEdit(page)
        self.atc_code.setPlaceholderText(self.tr("Ex. : J07AM01"))
        self.atc_code.setMaximumWidth(140)
        self.atc_label = QLineEdit(page)
        self.atc_label.setPlaceholderText(self.tr("Ex. : anatoxine tétanique"))
        self.lot_number = QLineEdit(page)
        self.lot_number.setMaximumWidth(200)
        self.administered_on = DateField(page)
        self.act = QComboBox(page)
        for code, label in VACCINATION_ACTS.items():
            self.act.addItem(label, code)
        self.route = QComboBox(page)
        for code, label in VACCINATION_ROUTES.items():
            self.route.addItem(label, code)
        self.dose_rank = QSpinBox(page)
        self.dose_rank.setRange(0, 20)
        self.dose_rank.setSpecialValueText(self.tr("non précisé"))
        self.dose_rank.setMaximumWidth(140)
        self.comment = QPlainTextEdit(page)
        self.comment.setPlaceholderText(self.tr("Réaction, surveillance, remarques (facultatif)"))
        self.comment.setMaximumHeight(90)
        add(self.tr("Vaccin"), self.vaccine)
        add(self.tr("Code CIS"), self.cis_code)
        add(self.tr("Classe ATC (code)"), self.atc_code)
        add(self.tr("Classe ATC (libellé)"), self.atc_label)
        add(self.tr("Numéro de lot"), self.lot_number)
        add(self.tr("Date de vaccination"), self.administered_on)
        add(self.tr("Type d'acte"), self.act)
        add(self.tr("Voie d'administration"), self.route)
        add(self.tr("Rang de la dose"), self.dose_rank)
        add(self.tr("Commentaire"), self.comment)
        for edit in (self.vaccine, self.cis_code, self.atc_code, self.atc_label, self.lot_number,
                     self.administered_on):
            edit.textEdited.connect(self.mark_dirty)
        self.act.currentIndexChanged.connect(self.mark_dirty)
        self.route.currentIndexChanged.connect(self.mark_dirty)
        self.dose_rank.valueChanged.connect(self.mark_dirty)
        self.comment.textChanged.connect(self.mark_dirty)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        self.tabs.addTab(scroll, self.tr("Vaccination"))

    def show_content(self, content: Content) -> None:
        assert isinstance(content, VacNoteContent)
        self.vaccine.setText(content.vaccine)
        self.cis_code.setText(content.cis_code)
        self.atc_code.setText(content.atc_code)
        self.atc_label.setText(content.atc_label)
        self.lot_number.setText(content.lot_number)
        new = not content.vaccine and content.administered_on is None
        self.administered_on.set_date(date.today() if new else content.administered_on)
        self.act.setCurrentIndex(max(0, self.act.findData(content.act)))
        self.route.setCurrentIndex(max(0, self.route.findData(content.route)))
        self.dose_rank.setValue(content.dose_rank or 0)
        self.comment.setPlainText(content.comment)

    def read_content(self, findings: Findings, strict: bool) -> Content:
        administered_on = self.administered_on.read(findings, self.errors[self.administered_on],
                                                    self.tr("Date de vaccination"))
        cis_code, atc_code = self.cis_code.text().strip(), self.atc_code.text().strip().upper()
        if strict:
            required(self.vaccine, findings, self.errors[self.vaccine], self.tr("Indiquez le nom du vaccin."))
            if not CIS_CODE.match(cis_code):
                findings.add(self.cis_code, self.tr("Le code CIS du vaccin comporte 8 chiffres."),
                             self.errors[self.cis_code])
            if not ATC_CODE.match(atc_code):
                findings.add(self.atc_code, self.tr("Code ATC attendu sur 7 caractères, par ex. J07AM01."),
                             self.errors[self.atc_code])
            required(self.atc_label, findings, self.errors[self.atc_label],
                     self.tr("Indiquez le libellé de la classe ATC."))
            required(self.lot_number, findings, self.errors[self.lot_number],
                     self.tr("Indiquez le numéro de lot (traçabilité du vaccin)."))
            if administered_on is None and not self.administered_on.text().strip():
                findings.add(self.administered_on, self.tr("Indiquez la date de la vaccination."),
                             self.errors[self.administered_on])
        return VacNoteContent(
            vaccine=self.vaccine.text().strip(), cis_code=cis_code, atc_code=atc_code,
            atc_label=self.atc_label.text().strip(), lot_number=self.lot_number.text().strip(),
            administered_on=administered_on, act=self.act.currentData(), route=self.route.currentData(),
            dose_rank=self.dose_rank.value() or None, comment=self.comment.toPlainText().strip())

    def set_content_editable(self, editable: bool) -> None:
        for edit in (self.vaccine, self.cis_code, self.atc_code, self.atc_label, self.lot_number,
                     self.administered_on):
            edit.setReadOnly(not editable)
        self.comment.setReadOnly(not editable)
        for widget in (self.act, self.route, self.dose_rank):
            widget.setEnabled(editable)
