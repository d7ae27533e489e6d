"""The patient's opposition to the DMP, recorded by the software (PROTOCOLS §3.0: the DMP's TD0.2 does not
carry it; the professional records the patient's will) and checked before any send or consultation.

Who recorded or withdrew it, and when, are kept: the acting user's name is given by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from lgc_app.dmp.models import DmpOpposition
from lgc_app.errors import UserError
from lgc_app.patients.models import Patient
from lgc_app.persistence.database import Database


class OppositionError(UserError, ValueError):
    """The patient is unknown or the user is not named; French message."""

    code = "DMP-OPPOSITION-INPUT"
    summary = "L'opposition au DMP n'a pas pu être enregistrée."


class PatientOpposed(UserError, PermissionError):
    """The patient opposed the DMP: nothing is sent to it nor read from it; French message."""

    code = "DMP-OPPOSED"
    summary = "Le patient s'est opposé au DMP : aucun document n'est envoyé au DMP ni consulté."


@dataclass(frozen=True)
class OppositionStatus:
    """The patient's opposition as the DMP tab shows it: in force or not, and who recorded or withdrew it."""

    in_force: bool
    recorded_at: datetime | None
    recorded_by: str | None
    withdrawn_at: datetime | None
    withdrawn_by: str | None


def opposition_status(db: Database, patient_id: int) -> OppositionStatus:
    """GUI query: the patient's opposition, the last one recorded (even withdrawn), or none ever."""
    with db.reading() as session:
        found = session.get(DmpOpposition, patient_id)
        if found is None:
            return OppositionStatus(False, None, None, None, None)
        return OppositionStatus(found.active, found.recorded_at, found.recorded_by, found.withdrawn_at,
                                found.withdrawn_by)


def opposition_of(session: Session, patient_id: int) -> DmpOpposition | None:
    """The patient's opposition in force, or None."""
    found = session.get(DmpOpposition, patient_id)
    return found if found is not None and found.active else None


def check_no_opposition(session: Session, patient_id: int) -> None:
    """Raise `PatientOpposed` when the patient's opposition is in force."""
    found = opposition_of(session, patient_id)
    if found is not None:
        raise refusal(found.recorded_at, found.recorded_by)


def refusal(recorded_at: datetime, recorded_by: str) -> PatientOpposed:
    """The error that refuses a send or a consultation, saying who recorded the opposition in force, when."""
    return PatientOpposed(
        f"Le patient s'est opposé au DMP (opposition enregistrée le {recorded_at:%d/%m/%Y} par "
        f"{recorded_by}) : aucun document n'est envoyé au DMP ni consulté."
    )


def _user(user: str) -> str:
    name = user.strip()
    if not name:
        raise OppositionError("L'utilisateur qui enregistre l'opposition doit être nommé.")
    return name


def record_opposition(db: Database, patient_id: int, user: str, *, now: datetime | None = None) -> None:
    """Record the patient's opposition (again, if it had been withdrawn)."""
    name = _user(user)
    with db.unit_of_work() as session:
        if session.get(Patient, patient_id) is None:
            raise OppositionError(f"Patient {patient_id} introuvable.")
        found = session.get(DmpOpposition, patient_id)
        if found is not None and found.active:
            return
        if found is None:
            found = DmpOpposition(patient_id=patient_id)
            session.add(found)
        found.recorded_at = now or datetime.now(UTC)
        found.recorded_by = name
        found.withdrawn_at = found.withdrawn_by = None


def withdraw_opposition(db: Database, patient_id: int, user: str, *, now: datetime | None = None) -> None:
    """Withdraw the patient's opposition; nothing to do when none is in force."""
    name = _user(user)
    with db.unit_of_work() as session:
        found = opposition_of(session, patient_id)
        if found is not None:
            found.withdrawn_at = now or datetime.now(UTC)
            found.withdrawn_by = name
