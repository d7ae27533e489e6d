"""A date known to the year, the month or the day ("2020", "03/2020", "15/03/2020"): issue 13 item 9.

A patient often remembers only the year an illness began. HL7 CDA R2 TS values have the precision they are
given (`YYYY`, `YYYYMM`, `YYYYMMDD`), so the VSM keeps what was said instead of inventing a day. Stored in the
draft JSON as ISO 8601 with reduced precision ("2020", "2020-03", "2020-03-15"), which a full-date draft
written before partial dates existed already is.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_FRENCH = re.compile(r"^\s*(?:(?:(\d{1,2})[/.\-])?(\d{1,2})[/.\-])?(\d{4})\s*$")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    """Year, year-month or full date; `month`/`day` are None when unknown (a day needs a month)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("un jour sans mois")
        date(self.year, self.month or 1, self.day or 1)  # ValueError for 31/02 or month 13

    @classmethod
    def of(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """French input: AAAA, MM/AAAA or JJ/MM/AAAA (also with "." or "-"). Raises ValueError."""
        match = _FRENCH.match(text)
        if match is None:
            raise ValueError(text)
        day, month, year = (int(group) if group else None for group in match.groups())
        return cls(year or 0, month, day)

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        match = _ISO.match(text.strip())
        if match is None:
            raise ValueError(f"date partielle illisible : {text!r}")
        year, month, day = (int(group) if group else None for group in match.groups())
        return cls(year or 0, month, day)

    @property
    def complete(self) -> bool:
        return self.day is not None

    def iso(self) -> str:
        return "-".join(f"{part:0{width}d}" for part, width in self._parts())

    def cda(self) -> str:
        """The HL7 TS value at this precision (CDA R2 data types: TS truncated to the known part)."""
        return "".join(f"{part:0{width}d}" for part, width in self._parts())

    def french(self) -> str:
        return "/".join(f"{part:0{width}d}" for part, width in reversed(self._parts()))

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def _parts(self) -> list[tuple[int, int]]:
        parts = [(self.year, 4)]
        if self.month is not None:
            parts.append((self.month, 2))
            if self.day is not None:
                parts.append((self.day, 2))
        return parts


def french_since(value: PartialDate | None) -> str:
    """The printed phrase: « (depuis le 15/03/2020) », « (depuis 03/2020) », « (depuis 2020) » or nothing."""
    if value is None:
        return ""
    return f" (depuis le {value.french()})" if value.complete else f" (depuis {value.french()})"
