"""Use cases on patient identities: create (duplicate check first), update, record a document check, set
attributes. Each takes the session of the caller's unit of work (`db.unit_of_work()`); none commits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date, datetime

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from lgc_app.errors import UserError
from lgc_app.patients import status as rules
from lgc_app.patients.birth_date import BirthDateError, parse_birth_date
from lgc_app.patients.birth_place import BirthPlaceError, check_birth_place_code
from lgc_app.patients.models import IdentityCheck, Patient, StatusChange
from lgc_app.patients.phone import normalise_phone
from lgc_app.patients.search import SearchHit, SearchQuery, search_patients
from lgc_app.patients.traits import TraitError, normalise_given_names, normalise_trait
from lgc_app.patients.vocabulary import IdentityDocumentType, IdentityStatus, Sex
from lgc_app.persistence.base import utcnow


class IdentityInputError(UserError, ValueError):
    """Input refused; `errors` maps each field to its French message."""

    code = "PATIENT-INPUT"
    summary = "Identité non enregistrée : corrigez les champs signalés."

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class PatientNotFound(UserError, LookupError):
    code = "PATIENT-NOT-FOUND"
    summary = "Ce patient est introuvable (dossier supprimé ?)."

    def __init__(self, patient_id: int) -> None:
        super().__init__(f"Patient {patient_id} introuvable.")


class ConcurrentEditError(UserError, RuntimeError):
    """Someone else saved this patient first (optimistic concurrency, STYLE §5); nothing was overwritten."""

    code = "PATIENT-CONFLICT"
    summary = ("Ce dossier a été modifié sur un autre poste entre-temps : rechargez-le avant d'enregistrer "
               "(vos modifications n'ont pas été appliquées).")


@dataclass(frozen=True)
class PatientDraft:
    """What a user types. `normalised()` applies the input rules; the first birth first name defaults to
    the first of the list."""

    birth_name: str
    birth_given_names: str
    sex: str
    birth_date: str
    birth_place_code: str | None = None
    first_birth_given_name: str | None = None
    used_name: str | None = None
    used_given_name: str | None = None
    address_line1: str | None = None
    address_line2: str | None = None
    postal_code: str | None = None
    city: str | None = None
    phone: str | None = None
    email: str | None = None

    def normalised(self, *, today: date | None = None) -> PatientDraft:
        """The draft with every input rule applied.

        Raises:
            IdentityInputError: with one French message per refused field.
        """
        given_names = self.birth_given_names.split()
        first = self.first_birth_given_name or (given_names[0] if given_names else "")
        checks: dict[str, Callable[[], str]] = {
            "birth_name": lambda: normalise_trait(self.birth_name),
            "birth_given_names": lambda: normalise_given_names(self.birth_given_names),
            "first_birth_given_name": lambda: normalise_trait(first, "premier prénom de naissance",
                                                              field="first_birth_given_name"),
            "birth_date": lambda: parse_birth_date(self.birth_date, today=today),
        }
        if self.birth_place_code:
            checks["birth_place_code"] = lambda: check_birth_place_code(self.birth_place_code or "")
        if self.used_name:
            checks["used_name"] = lambda: normalise_trait(self.used_name or "", "nom utilisé",
                                                          field="used_name")
        if self.used_given_name:
            checks["used_given_name"] = lambda: normalise_trait(self.used_given_name or "", "prénom utilisé",
                                                                field="used_given_name")
        errors: dict[str, str] = {}
        values: dict[str, str] = {}
        for name, check in checks.items():
            try:
                values[name] = check()
            except (TraitError, BirthDateError, BirthPlaceError) as exc:
                errors[name] = str(exc)
        if self.sex not in {sex.value for sex in Sex}:
            errors["sex"] = "Le sexe doit être M (masculin), F (féminin) ou I (indéterminé)."
        if errors:
            raise IdentityInputError(errors)
        if self.phone:  # shown grouped ("01 47 15 00 00"), stored without separators
            values["phone"] = normalise_phone(self.phone)
        return replace(self, **values)


@dataclass(frozen=True)
class CreateOutcome:
    """Either the created patient, or the possible duplicates found first (nothing created)."""

    patient: Patient | None
    duplicates: list[SearchHit]


@dataclass(frozen=True)
class UpdateOutcome:
    patient: Patient
    status_reason: str | None  # French, when the edit downgraded the status


def find_duplicates(session: Session, draft: PatientDraft, *, exclude: int | None = None) -> list[SearchHit]:
    """Existing patients that could be the same person: same birth date and a (possibly fuzzy) name and
    first-name match on the birth or used name."""
    hits = []
    for name in dict.fromkeys(filter(None, (draft.birth_name, draft.used_name))):
        first = (draft.first_birth_given_name or draft.birth_given_names).split(" ")[0]
        query = SearchQuery(name=name, given_names=first, birth_date=draft.birth_date, fuzzy=True)
        hits += [hit for hit in search_patients(session, query, limit=10)
                 if hit.birth_date_match and hit.patient_id != exclude]
    return list({hit.patient_id: hit for hit in sorted(hits, key=lambda h: h.score)}.values())[::-1]


def create_patient(session: Session, draft: PatientDraft, user: str, *, ignore_duplicates: bool = False,
                   today: date | None = None) -> CreateOutcome:
    """Create a provisional identity, unless possible duplicates exist and ignore_duplicates is False.

    Raises:
        IdentityInputError: input refused by the rules.
    """
    clean = draft.normalised(today=today)
    duplicates = find_duplicates(session, clean)
    if duplicates and not ignore_duplicates:
        return CreateOutcome(None, duplicates)
    patient = Patient(status=IdentityStatus.PROV, doubtful=False, fictitious=False, homonym=False)
    _copy(clean, patient)
    session.add(patient)
    patient.status_changes.append(StatusChange(from_status=None, to_status=IdentityStatus.PROV,
                                               reason="Création de l'identité.", changed_by=user,
                                               changed_at=utcnow()))
    session.flush()
    return CreateOutcome(patient, duplicates)


def get_patient(session: Session, patient_id: int) -> Patient:
    patient = session.get(Patient, patient_id)
    if patient is None:
        raise PatientNotFound(patient_id)
    return patient


def update_patient(session: Session, patient_id: int, draft: PatientDraft, user: str, *,
                   expected_version: int, today: date | None = None) -> UpdateOutcome:
    """Save an edited identity; editing a strict trait downgrades the status (reason returned, in French).

    Raises:
        IdentityInputError: input refused by the rules.
        ConcurrentEditError: the patient changed since expected_version was read.
    """
    clean = draft.normalised(today=today)
    patient = get_patient(session, patient_id)
    if patient.version != expected_version:
        raise ConcurrentEditError
    changed = [name for name in rules.STRICT_TRAITS if getattr(patient, name) != getattr(clean, name)]
    change = rules.downgrade_for_edit(patient, changed, user)
    _copy(clean, patient)
    try:
        session.flush()
    except StaleDataError:
        raise ConcurrentEditError from None
    return UpdateOutcome(patient, change.reason if change else None)


def record_identity_check(session: Session, patient_id: int, document: IdentityDocumentType, user: str, *,
                          checked_at: datetime | None = None, note: str | None = None,
                          today: date | None = None) -> Patient:
    """Record that user saw document for this identity, and validate (PROV → VALI, RECUP → QUAL).

    Raises:
        TransitionError: the RNIV forbids the validation (French message); nothing is recorded.
    """
    patient = get_patient(session, patient_id)
    new_status = rules.status_after_document(patient, document, today=today or date.today())
    at = checked_at or utcnow()
    patient.identity_checks.append(IdentityCheck(document_type=document, checked_by=user, checked_at=at,
                                                 note=note))
    reason = f"Contrôle d'une pièce d'identité : {document.label}."
    rules.change_status(patient, new_status, reason, user, at=at)
    session.flush()
    return patient


def set_attributes(session: Session, patient_id: int, user: str, *, doubtful: bool | None = None,
                   fictitious: bool | None = None, homonym: bool | None = None) -> Patient:
    """Raise or clear the RNIV attributes; the status follows (see `status.py`)."""
    patient = get_patient(session, patient_id)
    if fictitious is not None:
        rules.set_fictitious(patient, fictitious, user)
    if doubtful is not None:
        rules.set_doubtful(patient, doubtful, user)
    if homonym is not None:
        patient.homonym = homonym
    session.flush()
    return patient


def _copy(draft: PatientDraft, patient: Patient) -> None:
    """Copy a normalised draft (required fields are never empty there; empty optional ones become NULL)."""
    for name in (f.name for f in fields(PatientDraft)):
        setattr(patient, name, getattr(draft, name) or None)
