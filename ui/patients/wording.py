"""Small wording helpers shared by the patient screens."""

from __future__ import annotations

import itertools
from datetime import datetime


def fill(template: str, *values: object) -> str:
    """Qt-style placeholders: `fill(tr("%1 vue par %2"), a, b)` (translations may reorder them)."""
    for number in range(len(values), 0, -1):  # %10 before %1
        template = template.replace(f"%{number}", str(values[number - 1]))
    return template


def format_matricule(matricule: str) -> str:
    """`285037505612306` → `2 85 03 75 056 123 06` (the grouping printed on a carte Vitale)."""
    cuts = (0, 1, 3, 5, 7, 10, 13, 15)
    return " ".join(matricule[start:end] for start, end in itertools.pairwise(cuts))


def local_time(moment: datetime, with_time: bool = True) -> str:
    return moment.astimezone().strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")
