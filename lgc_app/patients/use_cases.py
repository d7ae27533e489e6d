"""Patient use cases as the GUI (and any other front end) calls them: each opens its own unit of work (or
reading session) on db and returns frozen snapshots (`views.py`), never an ORM object.

They are blocking: a GUI runs them on its database thread. The session-level rules they compose live in
`service.py`, `vitale.py`, `insi_result.py`, `search.py`, `recent.py` and `indicators.py`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from lgc_app.audit.events import AuditEvent
from lgc_app.audit.trail import record
from lgc_app.documents.actors import Actor
from lgc_app.patients import datamatrix, indicators, insi_result, service, vitale
from lgc_app.patients import status as rules
from lgc_app.patients.list_rows import PatientRow, patient_rows
from lgc_app.patients.models import Patient
from lgc_app.patients.recent import recent_patients
from lgc_app.patients.resemblance import Resemblance, resemblance
from lgc_app.patients.search import SearchHit, SearchQuery, search_patients
from lgc_app.patients.service import PatientDraft, PatientNotFound
from lgc_app.patients.views import PatientView
from lgc_app.patients.vocabulary import IdentityDocumentType, IdentityStatus
from lgc_app.persistence.database import Database
from services.insi import InsiIdentity


@dataclass(frozen=True)
class Created:
    """Either the created identity, or the possible duplicates found first (nothing created: patient None)."""

    patient: PatientView | None
    duplicates: tuple[SearchHit, ...]
    resemblances: tuple[Resemblance, ...] = ()  # one per duplicate, same order: the traits that matched


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


def _satellites() -> tuple[LoaderOption, ...]:
    """Built when first read, not at import: naming a relationship configures every ORM mapper (~30 ms), which
    the GUI does after its window shows (`ui.app.after_start`)."""
    return (selectinload(Patient.vitale_cards), selectinload(Patient.identity_checks),
            selectinload(Patient.status_changes))


def _view(session: Session, patient_id: int) -> PatientView:
    """The snapshot of a patient, its satellite lists read in one query each."""
    session.flush()  # a use case may have just written a card or a check: read it back
    patient = session.get(Patient, patient_id, options=_satellites(), populate_existing=True)
    if patient is None:
        raise PatientNotFound(patient_id)
    return PatientView.of(patient)


def _audit(session: Session, actor: Actor, event: AuditEvent, patient_id: int, detail: str) -> None:
    """Every read or change of a patient record is journaled, in the transaction that does it (issue 11)."""
    record(session, event, actor.login, actor.workstation.name, f"patient {patient_id}", detail,
           patient_id=patient_id)


def search(db: Database, text: str, *, limit: int) -> list[SearchHit]:
    with db.reading() as session:
        return search_patients(session, SearchQuery.quick(text), limit=limit)


def recent(db: Database, *, limit: int) -> list[SearchHit]:
    """The patients created or updated last: the list before any search."""
    with db.reading() as session:
        return recent_patients(session, limit)


def search_rows(db: Database, text: str, *, limit: int) -> list[PatientRow]:
    """The patient list's answer to text, its rows prepared here (the database thread), not while painting."""
    return patient_rows(search(db, text, limit=limit))


def recent_rows(db: Database, *, limit: int) -> list[PatientRow]:
    """The patient list before any search, as rows (`recent`)."""
    return patient_rows(recent(db, limit=limit))


def load_patient(db: Database, patient_id: int) -> PatientView:
    """The record as it is now, not journaled: for code that already holds it (a refresh). Raises
    PatientNotFound."""
    with db.reading() as session:
        return _view(session, patient_id)


def open_patient(db: Database, patient_id: int, actor: Actor) -> PatientView:
    """A user opens a patient record: journaled. Raises PatientNotFound."""
    with db.unit_of_work() as session:
        view = _view(session, patient_id)
        _audit(session, actor, AuditEvent.PATIENT_READ, patient_id, "Dossier ouvert")
        return view


def create_patient(db: Database, draft: PatientDraft, actor: Actor, *, ignore_duplicates: bool = False) -> Created:
    """Create a provisional identity, unless possible duplicates are found first (nothing created then).

    Raises:
        IdentityInputError: input refused (one French message per field).
    """
    with db.unit_of_work() as session:
        outcome = service.create_patient(session, draft, actor.login, ignore_duplicates=ignore_duplicates)
        created = None if outcome.patient is None else _view(session, outcome.patient.id)
        if created is not None:
            _audit(session, actor, AuditEvent.PATIENT_CREATED, created.id, "Identité créée")
        clean = draft.normalised() if outcome.duplicates else draft  # accepted above: it normalises
        return Created(created, tuple(outcome.duplicates),
                       tuple(resemblance(clean, hit) for hit in outcome.duplicates))


def update_patient(db: Database, patient_id: int, draft: PatientDraft, actor: Actor, *,
                   expected_version: int) -> Updated:
    """Raises IdentityInputError, ConcurrentEditError (someone saved first), PatientNotFound."""
    with db.unit_of_work() as session:
        outcome = service.update_patient(session, patient_id, draft, actor.login, expected_version=expected_version)
        _audit(session, actor, AuditEvent.PATIENT_CHANGED, patient_id, "Identité modifiée")
        return Updated(_view(session, patient_id), outcome.status_reason)


@dataclass(frozen=True)
class CheckPreview:
    """What recording a seen identity document would change, shown for confirmation before it is recorded:
    a validation is a commitment of the user (RNIV), never the side effect of one click."""

    document: IdentityDocumentType
    from_status: IdentityStatus
    to_status: IdentityStatus

    @property
    def consequence(self) -> str:
        """French: what the new status allows."""
        if self.to_status == self.from_status:
            return (f"Le statut reste « {self.to_status.label} » ; le contrôle est ajouté à l'historique de "
                    "l'identité.")
        if self.to_status == IdentityStatus.QUAL:
            return ("L'identité devient qualifiée : son INS pourra être utilisé et transmis (documents, DMP, "
                    "datamatrix INS).")
        return ("L'identité devient validée : ses traits sont confirmés par une pièce d'identité. Elle sera "
                "qualifiée quand le téléservice INSi aura confirmé son INS.")


def preview_identity_check(db: Database, patient_id: int, document: IdentityDocumentType, *,
                           today: date | None = None) -> CheckPreview:
    """What `record_identity_check` would do, nothing recorded.

    Raises:
        TransitionError: the RNIV forbids the validation (explained before anything is asked).
    """
    with db.reading() as session:
        patient = service.get_patient(session, patient_id)
        to_status = rules.status_after_document(patient, document, today=today or date.today())
        return CheckPreview(document, IdentityStatus(patient.status), to_status)


def record_identity_check(db: Database, patient_id: int, document: IdentityDocumentType, actor: Actor) -> PatientView:
    """Raises TransitionError: the RNIV forbids the validation; nothing is recorded."""
    with db.unit_of_work() as session:
        service.record_identity_check(session, patient_id, document, actor.login)
        _audit(session, actor, AuditEvent.PATIENT_CHANGED, patient_id, f"Pièce d'identité vue : {document.label}")
        return _view(session, patient_id)


def set_attributes(db: Database, patient_id: int, actor: Actor, *, doubtful: bool | None = None,
                   fictitious: bool | None = None, homonym: bool | None = None) -> PatientView:
    with db.unit_of_work() as session:
        service.set_attributes(session, patient_id, actor.login, doubtful=doubtful, fictitious=fictitious,
                               homonym=homonym)
        _audit(session, actor, AuditEvent.PATIENT_CHANGED, patient_id, "Attributs de l'identité modifiés")
        return _view(session, patient_id)


def save_vitale_card(db: Database, patient_id: int, actor: Actor, *, insured_nir: str, card_id: int | None = None,
                     beneficiary_nir: str | None = None, birth_rank: int = 1, birth_date: str | None = None,
                     name: str | None = None, given_name: str | None = None) -> PatientView:
    """Add (card_id None) or edit a carte Vitale; the identity itself is untouched (RNIV).

    Raises:
        VitaleInputError: refused card data (French message per field); VitaleCardNotFound.
    """
    with db.unit_of_work() as session:
        vitale.save_vitale_card(session, patient_id, insured_nir=insured_nir, user=actor.login, card_id=card_id,
                                beneficiary_nir=beneficiary_nir, birth_rank=birth_rank, birth_date=birth_date,
                                name=name, given_name=given_name)
        _audit(session, actor, AuditEvent.PATIENT_CHANGED, patient_id,
               "Carte Vitale ajoutée" if card_id is None else "Carte Vitale modifiée")
        return _view(session, patient_id)


def remove_vitale_card(db: Database, patient_id: int, card_id: int, actor: Actor) -> PatientView:
    with db.unit_of_work() as session:
        vitale.remove_vitale_card(session, patient_id, card_id, user=actor.login)
        _audit(session, actor, AuditEvent.PATIENT_CHANGED, patient_id, "Carte Vitale retirée")
        return _view(session, patient_id)


def apply_insi(db: Database, patient_id: int, identity: InsiIdentity, actor: Actor, *,
               accepted_fields: Collection[str], message_id: str | None) -> InsiApplied:
    """Attach the INSi identity with the differing traits the user accepted (refusing one refuses the INS).

    Raises:
        InsiApplyError, TransitionError: nothing changed (French message).
    """
    with db.unit_of_work() as session:
        outcome = insi_result.apply_insi_identity(session, patient_id, identity, actor.login,
                                                  accepted_fields=accepted_fields, message_id=message_id)
        _audit(session, actor, AuditEvent.PATIENT_CHANGED, patient_id, f"Identité INSi appliquée ({outcome.reason})")
        return InsiApplied(_view(session, patient_id), tuple(outcome.differences), outcome.reason)


def datamatrix_traits(db: Database, patient_id: int) -> datamatrix.DatamatrixTraits:
    """What the datamatrix INS of a qualified identity carries. Raises DatamatrixError otherwise."""
    with db.reading() as session:
        return datamatrix.traits_of(service.get_patient(session, patient_id))


@dataclass(frozen=True)
class DatamatrixOwner:
    """The stored identity that already bears the INS of a datamatrix, and the traits where they differ."""

    patient: PatientView
    mismatches: tuple[datamatrix.TraitMismatch, ...]


def datamatrix_owner(db: Database, traits: datamatrix.DatamatrixTraits) -> DatamatrixOwner | None:
    """The patient whose INS the datamatrix carries (the oldest, should there be several), None if unknown:
    a known INS opens its record instead of prefilling a second identity (duplicate)."""
    with db.reading() as session:
        patient_id = session.scalar(select(Patient.id).where(Patient.ins_matricule == traits.matricule)
                                    .order_by(Patient.id).limit(1))
        if patient_id is None:
            return None
        patient = _view(session, patient_id)
        return DatamatrixOwner(patient, tuple(datamatrix.mismatches(patient, traits)))


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
