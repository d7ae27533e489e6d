"""Birth dates as the RNIV keeps them: `YYYY-MM-DD`, with `00` for an unknown day or month.

A partially known date is stored as known and never completed with an invented day (RNIV); the year is
always required. Typed forms accepted: `JJ/MM/AAAA`, `JJ-MM-AAAA`, `JJ.MM.AAAA`, `JJMMAAAA`, `AAAA-MM-JJ`.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from lgc_app.errors import UserError

EARLIEST_YEAR = 1850

_DAY_FIRST = re.compile(r"^(\d{2})[/.\- ]?(\d{2})[/.\- ]?(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class BirthDateError(UserError, ValueError):
    """A birth date that cannot be accepted; the message is French."""

    code = "PATIENT-BIRTH-DATE"
    summary = "Date de naissance refusée : saisissez JJ/MM/AAAA."


def parse_birth_date(text: str, *, today: date | None = None) -> str:
    """Parse a typed or received birth date into `YYYY-MM-DD` (00 allowed for unknown day/month).

    Raises:
        BirthDateError: unreadable, impossible (31/02), day known while month unknown, before 1850, or in
            the future.
    """
    text = text.strip()
    if match := _ISO.fullmatch(text):
        year, month, day = match.groups()
    elif match := _DAY_FIRST.fullmatch(text):
        day, month, year = match.groups()
    else:
        raise BirthDateError(f"Date de naissance illisible « {text} » : saisissez JJ/MM/AAAA "
                             "(00 pour un jour ou un mois inconnu).")
    return check_birth_date(int(year), int(month), int(day), today=today or date.today())


def check_birth_date(year: int, month: int, day: int, *, today: date) -> str:
    if year < EARLIEST_YEAR:
        raise BirthDateError(f"Année de naissance {year} invraisemblable (avant {EARLIEST_YEAR}).")
    if month == 0 and day != 0:
        raise BirthDateError("Un jour de naissance ne peut pas être connu si le mois ne l'est pas.")
    if month > 12:
        raise BirthDateError(f"Mois de naissance {month:02d} impossible.")
    if month and day:
        try:
            known = date(year, month, day)
        except ValueError:
            raise BirthDateError(f"Le {day:02d}/{month:02d}/{year} n'existe pas.") from None
    else:
        known = date(year, month or 1, 1)
    if known > today:
        raise BirthDateError("La date de naissance est dans le futur.")
    return f"{year:04d}-{month:02d}-{day:02d}"


def is_complete(birth_date: str) -> bool:
    return not birth_date.endswith("-00") and birth_date[5:7] != "00"


def display_birth_date(birth_date: str) -> str:
    """`JJ/MM/AAAA` for screens and printed documents (00 kept: the RNIV shows what is unknown)."""
    year, month, day = birth_date.split("-")
    return f"{day}/{month}/{year}"


def age_on(birth_date: str, on: date) -> int:
    """Age in whole years; an unknown day or month counts as the latest possible (a minor stays a minor)."""
    year, month, day = (int(part) for part in birth_date.split("-"))
    month = month or 12
    day = day or calendar.monthrange(year, month)[1]
    return on.year - year - ((on.month, on.day) < (month, day))


def is_minor(birth_date: str, on: date) -> bool:
    return age_on(birth_date, on) < 18
