"""The patient's objection to receiving documents in Mon espace santé by MSSanté, recorded by the practice (who,
when; withdrawable) and checked when a send is planned. Professionals' copies are not affected."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from lgc_app.errors import UserError
from lgc_app.mss.sent_models import MssObjection
from lgc_app.patients.models import Patient
from lgc_app.persistence.base import utcnow
from lgc_app.persistence.database import Database


class ObjectionError(UserError, ValueError):
    code = "MSS-OBJECTION-INPUT"
    summary = "L'opposition à l'envoi par messagerie sécurisée n'a pas pu être enregistrée."


@dataclass(frozen=True)
class ObjectionStatus:
    in_force: bool
    recorded_at: datetime | None
    recorded_by: str | None

    @property
    def text(self) -> str:
        if not self.in_force or self.recorded_at is None:
            return "Pas d'opposition à l'envoi dans Mon espace santé."
        return f"Opposition enregistrée le {self.recorded_at:%d/%m/%Y} par {self.recorded_by}."


def objection_of(session: Session, patient_id: int) -> MssObjection | None:
    found = session.get(MssObjection, patient_id)
    return found if found is not None and found.active else None


def objection_status(db: Database, patient_id: int) -> ObjectionStatus:
    with db.reading() as session:
        found = objection_of(session, patient_id)
        return ObjectionStatus(found is not None, found.recorded_at if found else None,
                               found.recorded_by if found else None)


def set_objection(db: Database, patient_id: int, objects: bool, user: str) -> None:
    """Record (True) or withdraw (False) the objection; doing it twice changes nothing."""
    name = user.strip()
    if not name:
        raise ObjectionError("L'utilisateur qui enregistre l'opposition doit être nommé.")
    with db.unit_of_work() as session:
        if session.get(Patient, patient_id) is None:
            raise ObjectionError(f"Patient {patient_id} introuvable.")
        found = session.get(MssObjection, patient_id)
        if objects and (found is None or not found.active):
            if found is None:
                found = MssObjection(patient_id=patient_id)
                session.add(found)
            found.recorded_by, found.recorded_at = name, utcnow()
            found.withdrawn_by = found.withdrawn_at = None
        elif not objects and found is not None and found.active:
            found.withdrawn_by, found.withdrawn_at = name, utcnow()
