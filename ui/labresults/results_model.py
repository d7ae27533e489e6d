"""The results table's item model: one laboratory result a row, latest first, the interpretation shown by a
symbol and a word as well as a colour (never by colour alone), the LOINC code in the analyte's tooltip."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from lgc_app.labresults.flags import Flag
from lgc_app.labresults.use_cases import LabResultRow

COLUMNS = (QT_TRANSLATE_NOOP("ResultsModel", "Date"), QT_TRANSLATE_NOOP("ResultsModel", "Analyse"),
           QT_TRANSLATE_NOOP("ResultsModel", "Valeur"), QT_TRANSLATE_NOOP("ResultsModel", "Unité"),
           QT_TRANSLATE_NOOP("ResultsModel", "Valeurs de référence"),
           QT_TRANSLATE_NOOP("ResultsModel", "Interprétation"), QT_TRANSLATE_NOOP("ResultsModel", "Source"))
DATE, ANALYTE, VALUE, UNIT, RANGE, FLAG, SOURCE = range(len(COLUMNS))

HIGH_COLOUR = QColor(176, 0, 32)
LOW_COLOUR = QColor(0, 82, 164)
# (symbol, word): the symbol says the direction, the word says it again for who does not see the colour
_FLAG_TEXTS = {
    Flag.NORMAL: ("", QT_TRANSLATE_NOOP("ResultsModel", "Normal")),
    Flag.LOW: ("▼", QT_TRANSLATE_NOOP("ResultsModel", "Bas")),
    Flag.HIGH: ("▲", QT_TRANSLATE_NOOP("ResultsModel", "Élevé")),
    Flag.CRITICAL_LOW: ("▼▼", QT_TRANSLATE_NOOP("ResultsModel", "Très bas")),
    Flag.CRITICAL_HIGH: ("▲▲", QT_TRANSLATE_NOOP("ResultsModel", "Très élevé")),
    Flag.ABNORMAL: ("!", QT_TRANSLATE_NOOP("ResultsModel", "Anormal")),
    Flag.CRITICAL: ("!!", QT_TRANSLATE_NOOP("ResultsModel", "Critique")),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ResultsModel", text)


def flag_text(row: LabResultRow) -> str:
    """"▲ Élevé", "Normal", "" (no interpretation), or the laboratory's own code when it is not one we know."""
    if row.flag is Flag.NONE:
        return ""
    if row.flag is Flag.OTHER:
        return row.interpretation
    symbol, word = _FLAG_TEXTS[row.flag]
    return f"{symbol} {_tr(word)}".strip()


def flag_colour(flag: Flag) -> QColor | None:
    if flag in (Flag.LOW, Flag.CRITICAL_LOW):
        return LOW_COLOUR
    if flag.is_abnormal:
        return HIGH_COLOUR
    return None


def date_text(row: LabResultRow) -> str:
    return row.observed_at.astimezone().strftime("%d/%m/%Y %H:%M") if row.observed_at is not None else ""


class ResultsModel(QAbstractTableModel):
    """Read-only rows of `LabResultRow` (the row itself under `Qt.UserRole`)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[LabResultRow] = []

    def set_rows(self, rows: list[LabResultRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (date_text(row), row.loinc_display, row.value_text, row.unit, row.range_text, flag_text(row),
                    row.source_label)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column in (VALUE, FLAG):
            colour = flag_colour(row.flag)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.FontRole and column in (VALUE, FLAG) and row.flag.is_abnormal:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    @staticmethod
    def _tooltip(row: LabResultRow, column: int) -> str | None:
        if column == ANALYTE:
            specimen = _tr("\nPrélèvement : %1").replace("%1", row.specimen) if row.specimen else ""
            return _tr("Code LOINC %1 — %2").replace("%1", row.loinc_code).replace("%2", row.loinc_display) + specimen
        if column == FLAG and row.interpretation:
            return _tr("Interprétation du laboratoire (code %1)").replace("%1", row.interpretation)
        if column == SOURCE:
            lab = _tr("\nLaboratoire : %1").replace("%1", row.laboratory) if row.laboratory else ""
            return row.source + lab
        return None
