"""The vital signs of a consultation: one field per measure with its unit, the BMI computed as they are typed.

A value that is not a number or is outside its plausible range is shown in red next to its field (the
message of `lgc_app.consultations.vitals`) and is not saved until corrected.
"""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from lgc_app.consultations.errors import VitalSignError
from lgc_app.consultations.vitals import BY_NAME, MEASURES, VitalSigns, format_bmi, parse_measure
from ui.documents.fields import ErrorLabel, Findings

COLUMNS = 3  # measures per row


class VitalsForm(QWidget):
    """Signals:
        changed(): a value was edited.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[str, QLineEdit] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, measure in enumerate(MEASURES):
            row, column = divmod(index, COLUMNS)
            edit = QLineEdit(self)
            edit.setObjectName(measure.name)
            edit.setMaximumWidth(80)
            edit.setToolTip(self.tr("Valeurs plausibles : %1 à %2").replace(
                "%1", measure.format(measure.low)).replace("%2", measure.format(measure.high)))
            edit.textEdited.connect(self._edited)
            self.edits[measure.name] = edit
            label = QLabel(measure.label, self)
            label.setWordWrap(True)  # the panel fits a 1280-px screen beside the patient list
            grid.addWidget(label, row * 2, column * 3)
            grid.addWidget(edit, row * 2 + 1, column * 3)
            grid.addWidget(QLabel(measure.unit, self), row * 2 + 1, column * 3 + 1)
        self.bmi = QLabel(self)
        self.bmi.setObjectName("bmi")
        grid.addWidget(QLabel(self.tr("IMC"), self), 0, COLUMNS * 3)
        grid.addWidget(self.bmi, 1, COLUMNS * 3)
        grid.setColumnStretch(COLUMNS * 3 + 1, 1)
        self.error = ErrorLabel(self)
        grid.addWidget(self.error, 4, 0, 1, COLUMNS * 3 + 2)
        self._show_bmi(None)

    def _edited(self) -> None:
        self._show_bmi(self.read(Findings()).bmi)
        self.changed.emit()

    def _show_bmi(self, bmi: float | None) -> None:
        self.bmi.setText(format_bmi(bmi) if bmi is not None else self.tr("—"))

    def show_vitals(self, vitals: VitalSigns) -> None:
        for item in fields(vitals):
            value = getattr(vitals, item.name)
            measure = BY_NAME[item.name]
            self.edits[item.name].setText("" if value is None else measure.format(value).split(" ")[0])
        self._show_bmi(vitals.bmi)

    def read(self, findings: Findings) -> VitalSigns:
        """The typed values; a wrong one is a finding and left out (None)."""
        values: dict[str, float | None] = {}
        for name, edit in self.edits.items():
            try:
                values[name] = parse_measure(name, edit.text())
            except VitalSignError as error:
                findings.add(edit, error.text, self.error)
                values[name] = None
        vitals = VitalSigns(**values)
        try:
            vitals.check()
        except VitalSignError as error:  # blood pressure incomplete or inverted
            findings.add(self.edits["systolic_mmhg"], error.text, self.error)
            vitals = VitalSigns(**{**values, "systolic_mmhg": None, "diastolic_mmhg": None})
        return vitals

    def set_editable(self, editable: bool) -> None:
        for edit in self.edits.values():
            edit.setReadOnly(not editable)
