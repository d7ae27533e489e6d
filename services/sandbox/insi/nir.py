"""The simulator's own NIR arithmetic (PROTOCOLS.md §1.1), independent of any client code.

Key = 97 − (N mod 97), N being the 13 characters read as an integer once `2A` → `19` and `2B` → `18`.
"""

from __future__ import annotations

import re

_SHAPE = re.compile(r"^[1-478][0-9]{4}(?:[0-9]{2}|2A|2B)[0-9]{6}$")


def well_formed(number: str) -> bool:
    """13 characters: digits, except `2A`/`2B` at positions 6–7 (Corsica)."""
    return bool(_SHAPE.match(number))


def key_of(number: str) -> str:
    """The 2-digit key of a 13-character NIR or NIA."""
    digits = number[:5] + number[5:7].replace("2A", "19").replace("2B", "18") + number[7:]
    return f"{97 - int(digits) % 97:02d}"


def valid_matricule(number: str, key: str) -> bool:
    return well_formed(number) and key == key_of(number)
