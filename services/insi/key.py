"""The key of a matricule INS (PROTOCOLS.md §1.1), for answers where INSi leaves `Cle` out.

Key = 97 − (N mod 97), N being the 13 characters read as a number once `2A` → `19` and `2B` → `18`. The
patient core checks typed matricules with this same arithmetic (`lgc_app.patients.matricule`).
"""

from __future__ import annotations

_CORSICA = {"2A": "19", "2B": "18"}


def matricule_key(number: str) -> str:
    """The 2-digit key of a 13-character NIR or NIA.

    Raises:
        ValueError: not 13 characters, or characters other than digits (and `2A`/`2B` at positions 6–7).
    """
    if len(number) != 13:
        raise ValueError(f"{len(number)} caractères au lieu de 13")
    department = number[5:7].upper()
    digits = number[:5] + _CORSICA.get(department, department) + number[7:]
    if not digits.isdigit():
        raise ValueError("caractères autres que des chiffres (hors 2A/2B)")
    return f"{97 - int(digits) % 97:02d}"
