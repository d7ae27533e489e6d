"""Small wording helpers shared by the patient screens."""

from __future__ import annotations

from datetime import datetime

from lgc_app.patients.matricule import format_matricule as format_matricule  # the screens' usual import


def fill(template: str, *values: object) -> str:
    """Qt-style placeholders: `fill(tr("%1 : pièce vue par %2"), a, b)` (translations may reorder them)."""
    for number in range(len(values), 0, -1):  # %10 before %1
        template = template.replace(f"%{number}", str(values[number - 1]))
    return template


def local_time(moment: datetime, with_time: bool = True) -> str:
    return moment.astimezone().strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")
