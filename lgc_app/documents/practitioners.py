"""Practitioners of the cabinet (the authors of documents)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from lgc_app.documents.errors import DocumentContentError
from lgc_app.documents.models import Practitioner
from lgc_app.documents.valuesets import AUTHOR_SPECIALTIES
from lgc_app.persistence.database import Database


@dataclass(frozen=True)
class PractitionerChoice:
    """A practitioner as a choice of author: id and display name."""

    id: int
    name: str


def add_practitioner(
    db: Database,
    *,
    rpps: str,
    given_name: str,
    family_name: str,
    civility: str = "",
    title: str = "DR",
    profession_code: str = "10",
    specialty_code: str = "SM54",
    mssante_address: str | None = None,
    phone: str | None = None,
) -> int:
    """Register a practitioner; returns its id.

    Raises:
        DocumentContentError: RPPS not 11 digits, already registered, or a specialty outside JDV_J01.
    """
    if len(rpps) != 11 or not rpps.isdigit():
        raise DocumentContentError("Le numéro RPPS comporte exactement 11 chiffres.")
    practitioner = Practitioner(
        rpps=rpps,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        civility=civility,
        title=title,
        profession_code=profession_code,
        specialty_code=specialty_code,
        mssante_address=mssante_address,
        phone=phone,
    )
    if practitioner.specialty not in AUTHOR_SPECIALTIES:
        raise DocumentContentError(
            f"Profession/spécialité {practitioner.specialty} non prise en charge (JDV_J01)."
        )
    if not practitioner.given_name or not practitioner.family_name:
        raise DocumentContentError("Le nom et le prénom du praticien sont obligatoires.")
    with db.unit_of_work() as session:
        if session.scalar(select(Practitioner.id).where(Practitioner.rpps == rpps)) is not None:
            raise DocumentContentError(f"Le praticien RPPS {rpps} est déjà enregistré.")
        session.add(practitioner)
        session.flush()
        return practitioner.id


def list_active_practitioners(db: Database) -> list[PractitionerChoice]:
    """Active practitioners of the cabinet, by name (the possible authors)."""
    with db.reading() as session:
        rows = session.scalars(select(Practitioner).where(Practitioner.active.is_(True))
                               .order_by(Practitioner.family_name, Practitioner.given_name))
        return [PractitionerChoice(p.id, p.display_name) for p in rows]
