"""Input pieces shared by the document editors: a French date field and errors shown next to their field.

An editor reads its widgets into domain content and collects `Findings` (widget, message, label) on the way;
`FindingsDisplay` then outlines each faulty widget in red and writes the message in the label placed beside
it, so the user sees what to fix where it is (never only in a dialog).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from lgc_app.documents.partial_date import PartialDate

# a selector on a dynamic property: a faulty row frame is outlined without outlining every field inside it
INVALID_STYLE = '*[invalid="true"] { border: 1px solid #c0392b; border-radius: 2px; }'
_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$|^\s*(\d{2})(\d{2})(\d{4})\s*$")


def tr(text: str) -> str:
    return QCoreApplication.translate("DocumentFields", text)


class ErrorLabel(QLabel):
    """Red text under or beside a field; hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setStyleSheet("color: #c0392b;")
        self.setWordWrap(True)
        self.hide()

    def set_messages(self, messages: list[str]) -> None:
        self.setText("\n".join(messages))
        self.setVisible(bool(messages))


@dataclass
class Findings:
    """Problems found while reading an editor (any finding stops the save or the validation)."""

    items: list[tuple[QWidget, str, ErrorLabel]] = field(default_factory=list)

    def add(self, widget: QWidget, message: str, label: ErrorLabel) -> None:
        self.items.append((widget, message, label))

    def messages(self) -> list[str]:
        return [message for _widget, message, _label in self.items]

    def __bool__(self) -> bool:
        return bool(self.items)


class FindingsDisplay:
    """Shows the latest findings and clears those of the previous reading."""

    def __init__(self) -> None:
        self._widgets: list[QWidget] = []
        self._labels: list[ErrorLabel] = []

    def show(self, findings: Findings) -> None:
        self.clear()
        grouped: dict[int, tuple[ErrorLabel, list[str]]] = {}
        for widget, message, label in findings.items:
            widget.setProperty("invalid", True)
            widget.setStyleSheet(INVALID_STYLE)
            self._widgets.append(widget)
            grouped.setdefault(id(label), (label, []))[1].append(message)
        for label, messages in grouped.values():
            label.set_messages(messages)
            self._labels.append(label)

    def clear(self) -> None:
        for widget in self._widgets:
            if shiboken6.isValid(widget):  # the row holding it may have been removed meanwhile
                widget.setProperty("invalid", False)
                widget.setStyleSheet("")
        for label in self._labels:
            if shiboken6.isValid(label):
                label.set_messages([])
        self._widgets, self._labels = [], []


class DateField(QLineEdit):
    """A date typed as JJ/MM/AAAA (or JJMMAAAA); empty means "not given".

    A wrong date keeps its text and gets a finding; `read` then returns the last good value shown or read, so
    that the autosave stores the rest of the draft without losing what the field held (issue 13 item 9).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(tr("JJ/MM/AAAA"))
        self.setMaximumWidth(110)
        self._good: date | None = None

    def set_date(self, value: date | None) -> None:
        self._good = value
        self.setText(value.strftime("%d/%m/%Y") if value else "")

    def read(self, findings: Findings, label: ErrorLabel, what: str, *, past_only: bool = True,
             today: date | None = None) -> date | None:
        """The typed date; None when empty; the last good value when wrong (then a finding names `what`)."""
        text = self.text().strip()
        if not text:
            self._good = None
            return None
        match = _DATE.match(text)
        try:
            if match is None:
                raise ValueError(text)
            day, month, year = (int(g) for g in (match.groups()[:3] if match.group(1) else match.groups()[3:]))
            value = date(year, month, day)
        except ValueError:
            findings.add(self, tr("%1 : date invalide, attendu JJ/MM/AAAA.").replace("%1", what), label)
            return self._good
        if past_only and value > (today or date.today()):
            findings.add(self, tr("%1 : la date ne peut pas être dans le futur.").replace("%1", what), label)
            return self._good
        self._good = value
        return value


class PartialDateField(QLineEdit):
    """A date known to the year, the month or the day: AAAA, MM/AAAA or JJ/MM/AAAA (CDA allows each).

    Like `DateField`, a wrong entry keeps its text, gets a finding and reads as the last good value.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(tr("[JJ/][MM/]AAAA"))
        self.setToolTip(tr("Date complète, mois et année (03/2020) ou année seule (2020)."))
        self.setMaximumWidth(110)
        self._good: PartialDate | None = None

    def set_date(self, value: PartialDate | None) -> None:
        self._good = value
        self.setText(value.french() if value else "")

    def read(self, findings: Findings, label: ErrorLabel, what: str, *,
             today: date | None = None) -> PartialDate | None:
        text = self.text().strip()
        if not text:
            self._good = None
            return None
        try:
            value = PartialDate.parse(text)
        except ValueError:
            findings.add(self, tr("%1 : date invalide, attendu JJ/MM/AAAA, MM/AAAA ou AAAA.").replace("%1", what),
                         label)
            return self._good
        if value.earliest() > (today or date.today()):
            findings.add(self, tr("%1 : la date ne peut pas être dans le futur.").replace("%1", what), label)
            return self._good
        self._good = value
        return value


def required(widget: QLineEdit, findings: Findings, label: ErrorLabel, message: str) -> str:
    """The stripped text; a finding when it is empty."""
    text = widget.text().strip()
    if not text:
        findings.add(widget, message, label)
    return text
