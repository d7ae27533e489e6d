"""Telephone numbers: stored as typed without separators, shown the French way ("01 47 15 00 00").

The CDA header writes the stored number as a `tel:` URI (lgc_app/documents/cda/header.py), where spaces are not
allowed (RFC 3966 accepts only `-`, `.` and parentheses as visual separators): separators are dropped on input
and put back for display only.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s.\-/()]+")


def normalise_phone(text: str) -> str:
    """The number without separators (`06.12.34.56.78` → `0612345678`); other characters are kept."""
    return _SEPARATORS.sub("", text)


def format_phone(number: str) -> str:
    """`0147150000` → `01 47 15 00 00`; `+33147150000` → `+33 1 47 15 00 00`; anything else as it is."""
    digits = normalise_phone(number)
    if re.fullmatch(r"0[0-9]{9}", digits):
        return " ".join(digits[index:index + 2] for index in range(0, 10, 2))
    if re.fullmatch(r"\+33[1-9][0-9]{8}", digits):
        return f"+33 {digits[3]} " + " ".join(digits[index:index + 2] for index in range(4, 12, 2))
    return number
