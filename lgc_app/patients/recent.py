"""The cabinet's most recently created or updated patients: what the patient list shows before any search.

One backward range of `ix_patients_updated_at` (updated_at, id) with LIMIT: the first rows of an index, whatever
the number of patients (no sort, no scan at 1,000,000 patients).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from lgc_app.patients.models import Patient
from lgc_app.patients.search import MatchKind, SearchHit

RECENT_LIMIT = 50

_RECENT = (select(Patient.id, Patient.birth_name, Patient.used_name, Patient.birth_given_names,
                  Patient.used_given_name, Patient.birth_date, Patient.sex, Patient.status)
           .order_by(Patient.updated_at.desc(), Patient.id.desc()))


def recent_patients(session: Session, limit: int = RECENT_LIMIT) -> list[SearchHit]:
    """The limit patients created or updated last, the latest first, as list rows (no search score)."""
    rows = session.connection().execute(_RECENT.limit(limit))
    return [SearchHit(row.id, 0.0, MatchKind.EXACT, False, row.birth_name, row.used_name, row.birth_given_names,
                      row.used_given_name, row.birth_date, row.sex, row.status) for row in rows]
