"""A practitioner's MSSanté sending preferences: whether validated documents go to the patient's Mon espace santé
(qualified identities only) and to which correspondents, and whether the patient may reply."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from lgc_app.documents.actors import Actor
from lgc_app.errors import UserError
from lgc_app.mss.sent_models import MssPreference
from lgc_app.persistence.base import utcnow
from lgc_app.persistence.database import Database


class PreferenceError(UserError, PermissionError):
    code = "MSS-PREFERENCES"
    summary = "Seul le praticien concerné peut choisir ses envois par messagerie sécurisée."


@dataclass(frozen=True)
class SendingPreferences:
    to_patient: bool = True
    to_treating: bool = True
    to_referring: bool = False
    end_patient_exchange: bool = False  # the patient cannot reply (X-MSS-MES: FIN)


def preferences_of(session: Session, practitioner_id: int) -> SendingPreferences:
    row = session.get(MssPreference, practitioner_id)
    if row is None:
        return SendingPreferences()
    return SendingPreferences(row.to_patient, row.to_treating, row.to_referring, row.end_patient_exchange)


def read_preferences(db: Database, practitioner_id: int) -> SendingPreferences:
    with db.reading() as session:
        return preferences_of(session, practitioner_id)


def save_preferences(db: Database, practitioner_id: int, chosen: SendingPreferences, actor: Actor) -> None:
    if actor.practitioner_id != practitioner_id:
        raise PreferenceError()
    with db.unit_of_work() as session:
        row = session.get(MssPreference, practitioner_id)
        if row is None:
            row = MssPreference(practitioner_id=practitioner_id)
            session.add(row)
        row.to_patient, row.to_treating = chosen.to_patient, chosen.to_treating
        row.to_referring, row.end_patient_exchange = chosen.to_referring, chosen.end_patient_exchange
        row.updated_by, row.updated_at = actor.login, utcnow()
