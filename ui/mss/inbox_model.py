"""The received documents as table rows (date, sender, subject, patient, state) and the filters of the list."""

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

from lgc_app.mss.inbox.worklist import InboxEntry, ItemState

# (label, states shown; None: all); the first is the default
FILTERS: tuple[tuple[str, tuple[ItemState, ...] | None], ...] = (
    (QT_TRANSLATE_NOOP("InboxModel", "Tous les documents reçus"), None),
    (QT_TRANSLATE_NOOP("InboxModel", "À traiter (à rapprocher et en erreur)"), (ItemState.TO_MATCH, ItemState.KO)),
    (QT_TRANSLATE_NOOP("InboxModel", "À rapprocher"), (ItemState.TO_MATCH,)),
    (QT_TRANSLATE_NOOP("InboxModel", "En erreur"), (ItemState.KO,)),
    (QT_TRANSLATE_NOOP("InboxModel", "Intégrés"), (ItemState.INTEGRATED,)),
    (QT_TRANSLATE_NOOP("InboxModel", "Doublons"), (ItemState.DUPLICATE,)),
    (QT_TRANSLATE_NOOP("InboxModel", "Rejetés"), (ItemState.REJECTED,)),
)
STATE_COLOURS = {ItemState.TO_MATCH: "#b26a00", ItemState.KO: "#c62828", ItemState.INTEGRATED: "#2e7d32",
                 ItemState.DUPLICATE: "#555555", ItemState.REJECTED: "#555555"}


def filter_label(index: int) -> str:
    return QCoreApplication.translate("InboxModel", FILTERS[index][0])


def local_datetime(entry: InboxEntry) -> str:
    return entry.received_at.astimezone().strftime("%d/%m/%Y %H:%M")


def patient_text(entry: InboxEntry) -> str:
    """The local patient once known, else the identity as the document gives it."""
    if entry.patient_name:
        return entry.patient_name
    return QCoreApplication.translate("InboxModel", "Reçu : %1").replace("%1", entry.patient_label) \
        if entry.patient_label else "—"


class InboxModel(QAbstractTableModel):
    """One received document a row, newest first; a document nobody opened yet is in bold."""

    DATE, SENDER, SUBJECT, PATIENT, STATE = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[InboxEntry] = []

    def set_entries(self, entries: list[InboxEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def entry_at(self, row: int) -> InboxEntry | None:
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def row_of(self, item_id: int) -> int | None:
        return next((row for row, entry in enumerate(self.entries) if entry.id == item_id), None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Reçu le"), self.tr("Expéditeur"), self.tr("Objet"), self.tr("Patient"),
                    self.tr("État"))[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (local_datetime(entry), entry.sender, entry.subject or entry.title, patient_text(entry),
                    entry.state_label)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [entry.title, self.tr("Type : %1").replace("%1", entry.type_label) if entry.type_label else "",
                     self.tr("Auteur : %1").replace("%1", entry.author) if entry.author else "", entry.reason]
            return "\n".join(line for line in lines if line)
        if role == Qt.ItemDataRole.FontRole and not entry.seen:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            return QBrush(QColor(STATE_COLOURS[entry.state]))
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        return None
