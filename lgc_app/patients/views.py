"""Frozen snapshots of a stored identity and its satellite lists, what the use cases hand to the GUI.

Read while the unit of work is open, they hold no session and no ORM object: a widget may keep one as long as
it likes, and reading it never touches the database (documents use the same pattern, see
`lgc_app/documents/lifecycle.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lgc_app.patients.identity_readout import IdentityReadout
from lgc_app.patients.models import IdentityCheck, Patient, StatusChange, VitaleCard
from lgc_app.patients.vocabulary import IdentityDocumentType, IdentityStatus, Sex


@dataclass(frozen=True)
class VitaleCardView:
    """A stored carte Vitale (kept apart from the INS traits, RNIV)."""

    id: int
    insured_nir: str
    beneficiary_nir: str | None
    birth_rank: int
    name: str
    given_name: str
    birth_date: str
    read_at: datetime

    @classmethod
    def of(cls, card: VitaleCard) -> VitaleCardView:
        return cls(id=card.id, insured_nir=card.insured_nir, beneficiary_nir=card.beneficiary_nir,
                   birth_rank=card.birth_rank, name=card.name, given_name=card.given_name,
                   birth_date=card.birth_date, read_at=card.read_at)


@dataclass(frozen=True)
class IdentityCheckView:
    """An identity document seen by a user."""

    id: int
    document_type: IdentityDocumentType
    checked_by: str
    checked_at: datetime
    note: str | None

    @classmethod
    def of(cls, check: IdentityCheck) -> IdentityCheckView:
        return cls(check.id, check.document_type, check.checked_by, check.checked_at, check.note)


@dataclass(frozen=True)
class StatusChangeView:
    """One status transition of the history (who, when, from, to, why)."""

    id: int
    from_status: IdentityStatus | None
    to_status: IdentityStatus
    reason: str
    changed_by: str
    changed_at: datetime

    @classmethod
    def of(cls, change: StatusChange) -> StatusChangeView:
        return cls(change.id, change.from_status, change.to_status, change.reason, change.changed_by,
                   change.changed_at)


@dataclass(frozen=True)
class PatientView(IdentityReadout):
    """A stored identity with its cards, document checks and status history (oldest first)."""

    id: int
    version: int
    ins_matricule: str | None
    ins_oid: str | None
    birth_name: str
    birth_given_names: str
    first_birth_given_name: str
    birth_date: str
    sex: Sex
    birth_place_code: str | None
    used_name: str | None
    used_given_name: str | None
    status: IdentityStatus
    doubtful: bool
    fictitious: bool
    homonym: bool
    address_line1: str | None
    address_line2: str | None
    postal_code: str | None
    city: str | None
    phone: str | None
    email: str | None
    vitale_cards: tuple[VitaleCardView, ...]
    identity_checks: tuple[IdentityCheckView, ...]
    status_changes: tuple[StatusChangeView, ...]

    @classmethod
    def of(cls, patient: Patient) -> PatientView:
        """The snapshot of patient, read inside its session (the satellite lists are loaded here)."""
        return cls(
            id=patient.id, version=patient.version, ins_matricule=patient.ins_matricule, ins_oid=patient.ins_oid,
            birth_name=patient.birth_name, birth_given_names=patient.birth_given_names,
            first_birth_given_name=patient.first_birth_given_name, birth_date=patient.birth_date,
            sex=Sex(patient.sex), birth_place_code=patient.birth_place_code, used_name=patient.used_name,
            used_given_name=patient.used_given_name, status=IdentityStatus(patient.status),
            doubtful=patient.doubtful, fictitious=patient.fictitious, homonym=patient.homonym,
            address_line1=patient.address_line1, address_line2=patient.address_line2,
            postal_code=patient.postal_code, city=patient.city, phone=patient.phone, email=patient.email,
            vitale_cards=tuple(VitaleCardView.of(card) for card in patient.vitale_cards),
            identity_checks=tuple(IdentityCheckView.of(check) for check in patient.identity_checks),
            status_changes=tuple(StatusChangeView.of(change) for change in patient.status_changes))

