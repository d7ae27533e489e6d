"""Identity status transitions (RNIV; PROTOCOLS §1.3) and the attributes that constrain them.

- an INSi answer matching the identity: PROV → RECUP, VALI → QUAL;
- a high-trust identity document checked: PROV → VALI, RECUP → QUAL;
- a strict (birth) trait edited by hand: the INSi answer and the document check no longer cover the traits,
  so RECUP, VALI and QUAL all fall back to PROV, and the INS bound to the old traits is dropped;
- attributes (RNIV): a *fictitious* identity (anonymous care, a name the patient asked for) stays
  provisional: no INSi call, no validation; a *doubtful* identity cannot be validated (VALI, QUAL) until
  the doubt is cleared; *homonym* is a warning only.

Every change is appended to `patient.status_changes` (who, when, from, to, why); nothing is silent.
"""

from __future__ import annotations

from datetime import date, datetime

from lgc_app.errors import UserError
from lgc_app.patients.birth_date import is_minor
from lgc_app.patients.models import Patient, StatusChange
from lgc_app.patients.vocabulary import IdentityDocumentType, IdentityStatus
from lgc_app.persistence.base import utcnow

STRICT_TRAITS: dict[str, str] = {
    "birth_name": "nom de naissance",
    "birth_given_names": "prénom(s) de naissance",
    "first_birth_given_name": "premier prénom de naissance",
    "birth_date": "date de naissance",
    "sex": "sexe",
    "birth_place_code": "code du lieu de naissance",
}

_AFTER_INSI = {IdentityStatus.PROV: IdentityStatus.RECUP, IdentityStatus.RECUP: IdentityStatus.RECUP,
               IdentityStatus.VALI: IdentityStatus.QUAL, IdentityStatus.QUAL: IdentityStatus.QUAL}
_AFTER_DOCUMENT = {IdentityStatus.PROV: IdentityStatus.VALI, IdentityStatus.VALI: IdentityStatus.VALI,
                   IdentityStatus.RECUP: IdentityStatus.QUAL, IdentityStatus.QUAL: IdentityStatus.QUAL}
# Losing the document check (a doubt is raised) keeps what INSi gave, and only that.
_WITHOUT_DOCUMENT = {IdentityStatus.VALI: IdentityStatus.PROV, IdentityStatus.QUAL: IdentityStatus.RECUP}


class TransitionError(UserError, ValueError):
    """A transition the RNIV forbids; the message is French and shown to the user."""

    code = "PATIENT-STATUS"
    summary = "Ce changement de statut de l'identité est interdit."


def change_status(patient: Patient, new: IdentityStatus, reason: str, user: str,
                  *, at: datetime | None = None) -> StatusChange | None:
    """Set the status and record the change; returns None (and records nothing) when it does not change."""
    old = patient.status
    if old == new:
        return None
    patient.status = new
    change = StatusChange(from_status=old, to_status=new, reason=reason, changed_by=user,
                          changed_at=at or utcnow())
    patient.status_changes.append(change)
    return change


def status_after_insi(patient: Patient) -> IdentityStatus:
    """Status once a matching INSi identity is accepted.

    Raises:
        TransitionError: the identity is fictitious (RNIV: no INSi call for a fictitious identity).
    """
    if patient.fictitious:
        raise TransitionError("Une identité fictive reste provisoire : elle ne peut pas recevoir d'INS.")
    return _AFTER_INSI[patient.status]


def status_after_document(patient: Patient, document: IdentityDocumentType, *, today: date) -> IdentityStatus:
    """Status once document has been checked against the identity.

    Raises:
        TransitionError: a document that is not of high trust, a family book or birth certificate for an
            adult, or a doubtful or fictitious identity (RNIV).
    """
    if not document.is_high_trust:
        raise TransitionError(f"{document.label} : ce n'est pas une pièce à haut niveau de confiance, "
                              "l'identité ne peut pas être validée.")
    if document.minors_only and not is_minor(patient.birth_date, today):
        raise TransitionError(f"{document.label} : cette pièce ne valide que l'identité d'un mineur.")
    if patient.fictitious:
        raise TransitionError("Une identité fictive reste provisoire : elle ne peut pas être validée.")
    if patient.doubtful:
        raise TransitionError("L'identité est douteuse : levez le doute avant de la valider.")
    return _AFTER_DOCUMENT[patient.status]


def downgrade_for_edit(patient: Patient, changed_fields: list[str], user: str) -> StatusChange | None:
    """Apply the consequence of hand-editing strict traits; returns the recorded change (French reason).

    The INSi answer (RECUP/QUAL) or the document check (VALI/QUAL) covered the former traits only.
    """
    strict = [field for field in changed_fields if field in STRICT_TRAITS]
    if not strict or patient.status == IdentityStatus.PROV:
        return None
    labels = ", ".join(STRICT_TRAITS[field] for field in strict)
    previous = patient.status.label.lower()
    had_ins = patient.ins_matricule is not None
    patient.ins_matricule = None
    patient.ins_oid = None
    reason = (f"Modification de : {labels}. Les traits de cette {previous} ne sont plus ceux vérifiés ; "
              "l'identité redevient provisoire")
    reason += " et son INS est retiré (nouvel appel INSi nécessaire)." if had_ins else "."
    return change_status(patient, IdentityStatus.PROV, reason, user)


def set_doubtful(patient: Patient, doubtful: bool, user: str) -> StatusChange | None:
    """Raise or clear the doubt. Raising it takes away a validation (VALI → PROV, QUAL → RECUP)."""
    patient.doubtful = doubtful
    if doubtful and patient.status in _WITHOUT_DOCUMENT:
        reason = "Identité déclarée douteuse : elle ne peut plus être considérée comme validée."
        return change_status(patient, _WITHOUT_DOCUMENT[patient.status], reason, user)
    return None


def set_fictitious(patient: Patient, fictitious: bool, user: str) -> StatusChange | None:
    """Mark an identity fictitious: it becomes provisional and loses any INS."""
    patient.fictitious = fictitious
    if fictitious and patient.status != IdentityStatus.PROV:
        patient.ins_matricule = None
        patient.ins_oid = None
        return change_status(patient, IdentityStatus.PROV,
                             "Identité déclarée fictive : elle reste provisoire et ne porte pas d'INS.", user)
    return None
