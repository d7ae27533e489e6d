"""Where a document of the patient's record came from, as the record's views say it: "Reçu du DMP", or "Reçu par
MSSanté de <expéditeur> le <date>", with the duplicates received since."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from lgc_app.dmp.consultation import ReceivedDocument


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReceivedOrigin", text)


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%d/%m/%Y à %H:%M")


def origin_short(row: ReceivedDocument) -> str:
    """For a status column: "Reçu du DMP", "Reçu par MSSanté", plus "(doublon reçu)" when it came again."""
    text = _tr("Reçu par MSSanté") if row.by_mss else _tr("Reçu du DMP")
    return f"{text} {_tr('(doublon reçu)')}" if row.duplicates else text


def origin_head(row: ReceivedDocument) -> str:
    """"Reçu par MSSanté de <sender> le <date>"; "Reçu du DMP" (its import is said by the caller)."""
    if not row.by_mss:
        return _tr("Reçu du DMP")
    return _tr("Reçu par MSSanté de %1 le %2").replace("%1", row.origin_sender or "?").replace(
        "%2", _when(row.imported_at))


def duplicate_lines(row: ReceivedDocument) -> list[str]:
    return [_tr("Doublon : reçu de nouveau par MSSanté de %1 le %2, non intégré une seconde fois.")
            .replace("%1", arrival.sender or "?").replace("%2", _when(arrival.received_at))
            for arrival in row.duplicates]


def origin_text(row: ReceivedDocument) -> str:
    """The whole origin: who sent it and when (MSSanté) or who imported it (DMP), then each duplicate."""
    head = origin_head(row) if row.by_mss else _tr("Reçu du DMP — importé le %1 par %2").replace(
        "%1", _when(row.imported_at)).replace("%2", row.imported_by)
    return "\n".join([head, *duplicate_lines(row)])
