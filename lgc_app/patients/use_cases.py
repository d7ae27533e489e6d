"""Patient use cases as the GUI (and any other front end) calls them: each opens its own unit of work (or
reading session) on db and returns frozen snapshots (`views.py`), never an ORM object.

They are blocking: a GUI runs them on its database thread. The session-level rules they compose live in
`service.py`, `vitale.py`, `insi_result.py`, `search.py`, `recent.py` and `indicators.py`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy.orm import Session, selectinload

from lgc_app.patients import datamatrix, indicators, insi_result, service, vitale
from lgc_app.patients.models import Patient
from lgc_app.patients.recent import recent_patients
from lgc_app.patients.search import SearchHit, SearchQuery, search_patients
from lgc_app.patients.service import PatientDraft, PatientNotFound
from lgc_app.patients.views import PatientView
from lgc_app.patients.vocabulary import IdentityDocumentType
from lgc_app.persistence.database import Database
from services.insi import InsiIdentity

_SATELLITES = (selectinload(Patient.vitale_cards), selectinload(Patient.identity_checks),
               selectinload(Patient.status_changes))


@dataclass(frozen=True)
class Created:
    """Either the created identity, or the possible duplicates found first (nothing created: patient None)."""

    patient: PatientView | None
    duplicates: tuple[SearchHit, ...]


@dataclass(frozen=True)
class Updated:
    patient: PatientView
    status_reason: str | None  # French, when the edit took the identity back to provisional


@dataclass(frozen=True)
class InsiApplied:
    """An INSi identity attached: the identity now, the traits that changed and the recorded reason."""

    patient: PatientView
    differences: tuple[insi_result.TraitDifference, ...]
    reason: str


def _view(session: Session, patient_id: int) -> PatientView:
    """The snapshot of a patient, its satellite lists read in one query each."""
    session.flush()  # a use case may have just written a card or a check: read it back
    patient = session.get(Patient, patient_id, options=_SATELLITES, populate_existing=True)
    if patient is None:
        raise PatientNotFound(patient_id)
    return PatientView.of(patient)


def search(db: Database, text: str, *, limit: int) -> list[SearchHit]:
    with db.reading() as session:
        return search_patients(session, SearchQuery.quick(text), limit=limit)


def recent(db: Database, *, limit: int) -> list[SearchHit]:
    """The patients created or updated last: the list before any search."""
    with db.reading() as session:
        return recent_patients(session, limit)


def load_patient(db: Database, patient_id: int) -> PatientView:
    """Raises PatientNotFound."""
    with db.reading() as session:
        return _view(session, patient_id)


def create_patient(db: Database, draft: PatientDraft, user: str, *, ignore_duplicates: bool = False) -> Created:
    """Create a provisional identity, unless possible duplicates are found first (nothing created then).

    Raises:
        IdentityInputError: input refused (one French message per field).
    """
    with db.unit_of_work() as session:
        outcome = service.create_patient(session, draft, user, ignore_duplicates=ignore_duplicates)
        created = None if outcome.patient is None else _view(session, outcome.patient.id)
        return Created(created, tuple(outcome.duplicates))


def update_patient(db: Database, patient_id: int, draft: PatientDraft, user: str, *,
                   expected_version: int) -> Updated:
    """Raises IdentityInputError, ConcurrentEditError (someone saved first), PatientNotFound."""
    with db.unit_of_work() as session:
        outcome = service.update_patient(session, patient_id, draft, user, expected_version=expected_version)
        return Updated(_view(session, patient_id), outcome.status_reason)


def record_identity_check(db: Database, patient_id: int, document: IdentityDocumentType, user: str) -> PatientView:
    """Raises TransitionError: the RNIV forbids the validation; nothing is recorded."""
    with db.unit_of_work() as session:
        service.record_identity_check(session, patient_id, document, user)
        return _view(session, patient_id)


def set_attributes(db: Database, patient_id: int, user: str, *, doubtful: bool | None = None,
                   fictitious: bool | None = None, homonym: bool | None = None) -> PatientView:
    with db.unit_of_work() as session:
        service.set_attributes(session, patient_id, user, doubtful=doubtful, fictitious=fictitious,
                               homonym=homonym)
        return _view(session, patient_id)


def save_vitale_card(db: Database, patient_id: int, user: str, *, insured_nir: str, card_id: int | None = None,
                     beneficiary_nir: str | None = None, birth_rank: int = 1, birth_date: str | None = None,
                     name: str | None = None, given_name: str | None = None) -> PatientView:
    """Add (card_id None) or edit a carte Vitale; the identity itself is untouched (RNIV).

    Raises:
        VitaleInputError: refused card data (French message per field); VitaleCardNotFound.
    """
    with db.unit_of_work() as session:
        vitale.save_vitale_card(session, patient_id, insured_nir=insured_nir, user=user, card_id=card_id,
                                beneficiary_nir=beneficiary_nir, birth_rank=birth_rank, birth_date=birth_date,
                                name=name, given_name=given_name)
        return _view(session, patient_id)


def remove_vitale_card(db: Database, patient_id: int, card_id: int, user: str) -> PatientView:
    with db.unit_of_work() as session:
        vitale.remove_vitale_card(session, patient_id, card_id, user=user)
        return _view(session, patient_id)


def apply_insi(db: Database, patient_id: int, identity: InsiIdentity, user: str, *,
               accepted_fields: Collection[str], message_id: str | None) -> InsiApplied:
    """Attach the INSi identity with the differing traits the user accepted (refusing one refuses the INS).

    Raises:
        InsiApplyError, TransitionError: nothing changed (French message).
    """
    with db.unit_of_work() as session:
        outcome = insi_result.apply_insi_identity(session, patient_id, identity, user,
                                                  accepted_fields=accepted_fields, message_id=message_id)
        return InsiApplied(_view(session, patient_id), tuple(outcome.differences), outcome.reason)


def datamatrix_traits(db: Database, patient_id: int) -> datamatrix.DatamatrixTraits:
    """What the datamatrix INS of a qualified identity carries. Raises DatamatrixError otherwise."""
    with db.reading() as session:
        return datamatrix.traits_of(service.get_patient(session, patient_id))


def identity_indicators(db: Database) -> indicators.IdentityIndicators:
    with db.reading() as session:
        return indicators.identity_indicators(session)


def display_name(db: Database, patient_id: int) -> str:
    """The usual display of a patient's name (headings of the document and DMP screens)."""
    with db.reading() as session:
        return service.get_patient(session, patient_id).display_name


def dmp_heading(db: Database, patient_id: int) -> tuple[str, bool]:
    """(display name, whether the DMP may be consulted: the identity is qualified, PROTOCOLS §1.3)."""
    with db.reading() as session:
        patient = service.get_patient(session, patient_id)
        return patient.display_name, patient.ins_for_export() is not None
