"""The rows of a patient list, their texts prepared once per result on the database thread.

A list view asks its model for every role of every visible cell at each repaint (hundreds of calls per
keystroke): the model must only hand back what is already there, never format a name or a date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lgc_app.patients.birth_date import display_birth_date
from lgc_app.patients.naming import display_name
from lgc_app.patients.search import SearchHit
from lgc_app.patients.vocabulary import IdentityStatus


@dataclass(frozen=True, slots=True)
class PatientRow:
    """One patient of a list, as shown.

    Attributes:
        name: the usual display ("MARTIN Jean (né DUPONT)", `lgc_app.patients.naming`).
        birth_date: `JJ/MM/AAAA`, 00 kept for what is unknown.
        identity: the birth traits, "DUPONT ELODIE MARIE (F)", for the tooltip.
    """

    patient_id: int
    birth_name: str
    name: str
    birth_date: str
    status: IdentityStatus
    identity: str


def patient_row(hit: SearchHit) -> PatientRow:
    return PatientRow(
        patient_id=hit.patient_id, birth_name=hit.birth_name,
        name=display_name(birth_name=hit.birth_name, first_birth_given_name=hit.birth_given_names.split(" ")[0],
                          used_name=hit.used_name, used_given_name=hit.used_given_name, sex=hit.sex),
        birth_date=display_birth_date(hit.birth_date), status=IdentityStatus(hit.status),
        identity=f"{hit.birth_name} {hit.birth_given_names} ({hit.sex})")


def patient_rows(hits: Iterable[SearchHit]) -> list[PatientRow]:
    return [patient_row(hit) for hit in hits]
