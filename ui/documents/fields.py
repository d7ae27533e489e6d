"""Input pieces shared by the document editors: a French date field and errors shown next to their field.

An editor reads its widgets into domain content and collects `Findings` (widget, message, label) on the way;
`FindingsDisplay` then outlines each faulty widget in red and writes the message in the label placed beside
it, so the user sees what to fix where it is (never only in a dialog).
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass, field
from datetime import date
from typing import Any

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


class _CheckedDateField(QLineEdit):
    """A typed date: empty means "not given"; a wrong one keeps its text and gets a finding.

    `read` then returns the last good value shown or read, so that the autosave stores the rest of the draft
    without losing what the field held (issue 13 item 9). Subclasses say how text becomes a value.
    """

    FORMAT = ""  # the formats accepted, in the error message

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaximumWidth(110)
        self._good: Any = None

    def _parse(self, text: str) -> Any:
        """The value typed, or ValueError."""
        raise NotImplementedError

    def _show(self, value: Any) -> str:
        raise NotImplementedError

    def _first_day(self, value: Any) -> date:
        raise NotImplementedError

    def set_date(self, value: Any) -> None:
        self._good = value
        self.setText(self._show(value) if value else "")

    def _read(self, findings: Findings, label: ErrorLabel, what: str, past_only: bool, today: date | None) -> Any:
        text = self.text().strip()
        if not text:
            self._good = None
            return None
        try:
            value = self._parse(text)
        except ValueError:
            findings.add(self, tr("%1 : date invalide, attendu %2.").replace("%1", what).replace("%2", self.FORMAT),
                         label)
            return self._good
        if past_only and self._first_day(value) > (today or date.today()):
            findings.add(self, tr("%1 : la date ne peut pas être dans le futur.").replace("%1", what), label)
            return self._good
        self._good = value
        return value


class DateField(_CheckedDateField):
    """A full date typed as JJ/MM/AAAA (or JJMMAAAA)."""

    FORMAT = "JJ/MM/AAAA"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(tr("JJ/MM/AAAA"))

    def _parse(self, text: str) -> date:
        match = _DATE.match(text)
        if match is None:
            raise ValueError(text)
        day, month, year = (int(g) for g in (match.groups()[:3] if match.group(1) else match.groups()[3:]))
        return date(year, month, day)

    def _show(self, value: date) -> str:
        return value.strftime("%d/%m/%Y")

    def _first_day(self, value: date) -> date:
        return value

    def read(self, findings: Findings, label: ErrorLabel, what: str, *, past_only: bool = True,
             today: date | None = None) -> date | None:
        """The typed date; None when empty; the last good value when wrong (then a finding names `what`)."""
        return typing.cast(date | None, self._read(findings, label, what, past_only, today))


class PartialDateField(_CheckedDateField):
    """A date known to the year, the month or the day: AAAA, MM/AAAA or JJ/MM/AAAA (CDA allows each)."""

    FORMAT = "JJ/MM/AAAA, MM/AAAA ou AAAA"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(tr("[JJ/][MM/]AAAA"))
        self.setToolTip(tr("Date complète, mois et année (03/2020) ou année seule (2020)."))

    def _parse(self, text: str) -> PartialDate:
        return PartialDate.parse(text)

    def _show(self, value: PartialDate) -> str:
        return value.french()

    def _first_day(self, value: PartialDate) -> date:
        return value.earliest()

    def read(self, findings: Findings, label: ErrorLabel, what: str, *,
             today: date | None = None) -> PartialDate | None:
        """The typed date (never in the future); None when empty; the last good value when wrong."""
        return typing.cast(PartialDate | None, self._read(findings, label, what, True, today))


def required(widget: QLineEdit, findings: Findings, label: ErrorLabel, message: str) -> str:
    """The stripped text; a finding when it is empty."""
    text = widget.text().strip()
    if not text:
        findings.add(widget, message, label)
    return text
