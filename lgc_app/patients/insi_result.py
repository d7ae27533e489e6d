"""Using INSi answers: the query built from a patient, the trait-by-trait comparison shown to the user, the
application of an accepted identity (INS + INSi traits + status), and the log of every call.

RNIV: an INS is attached only together with the reference traits INSi returned; a user who refuses one of
them does not attach the INS at all.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy.orm import Session

from lgc_app.errors import UserError
from lgc_app.patients import status as rules
from lgc_app.patients.birth_date import is_complete
from lgc_app.patients.matricule import MatriculeError, check_oid, format_matricule, parse_matricule
from lgc_app.patients.models import InsiCall, Patient
from lgc_app.patients.service import get_patient
from lgc_app.patients.vocabulary import IdentityStatus, Sex
from lgc_app.persistence.base import utcnow
from services.insi.models import CR_FOUND, CR_NOT_FOUND, CR_SEVERAL, InsiIdentity, InsiResult, TraitsQuery

log = logging.getLogger("lgc.patients.insi")


class InsiApplyError(UserError, ValueError):
    """An INSi answer that cannot be applied; the message is French."""

    code = "INSI-APPLY"
    summary = "La réponse du téléservice INSi ne peut pas être appliquée à ce dossier."


@dataclass(frozen=True)
class TraitDifference:
    field: str
    label: str
    stored: str | None
    insi: str | None


@dataclass(frozen=True)
class ApplyOutcome:
    patient: Patient
    differences: list[TraitDifference]
    reason: str


def traits_query(patient: Patient) -> TraitsQuery:
    """The `RECSANSVITALE` query for a patient (the client calls once per birth first name, in order).

    Raises:
        InsiApplyError: sex `I` or an incomplete birth date, which INSi cannot search on.
    """
    if patient.sex not in (Sex.M, Sex.F):
        raise InsiApplyError("Le téléservice INSi ne recherche que des sexes M ou F.")
    if not is_complete(patient.birth_date):
        raise InsiApplyError("Le téléservice INSi demande une date de naissance complète.")
    return TraitsQuery(birth_name=patient.birth_name, given_names=tuple(patient.birth_given_names_list),
                       sex=patient.sex.value, birth_date=patient.birth_date,
                       birth_place=patient.birth_place_code)


def single_identity(result: InsiResult) -> InsiIdentity:
    """The identity of a `00` answer.

    Raises:
        InsiApplyError: no identity (`01`), several (`02`) or any other code, with a French message.
    """
    if result.code == CR_FOUND and len(result.identities) == 1:
        return result.identities[0]
    messages = {
        CR_NOT_FOUND: "Aucune identité trouvée par le téléservice INSi : l'identité reste provisoire.",
        CR_SEVERAL: "Plusieurs identités trouvées par le téléservice INSi : précisez les traits (lieu de "
                    "naissance, tous les prénoms) avant un nouvel appel.",
    }
    raise InsiApplyError(messages.get(result.code, f"Réponse INSi inattendue (code {result.code})."))


def insi_traits(identity: InsiIdentity) -> dict[str, str | None]:
    """INSi's reference traits by patient field; None for a strict trait INSi left out of `TIQ` (every child
    of `TIQ` is optional in the schema, PROTOCOLS.md §2.0)."""
    traits: dict[str, str | None] = {
        "birth_name": identity.birth_name,
        "birth_given_names": " ".join(identity.given_names) or None,
        "first_birth_given_name": identity.first_given_name,
        "birth_date": identity.birth_date,
        "sex": identity.sex,
    }
    if identity.birth_place:  # INSi may omit it; the stored code is then kept
        traits["birth_place_code"] = identity.birth_place
    return traits


def compare_with_insi(patient: Patient, identity: InsiIdentity) -> list[TraitDifference]:
    """The strict traits where the stored value and INSi's differ, for the user to review one by one."""
    differences = []
    for field, insi_value in insi_traits(identity).items():
        stored = getattr(patient, field)
        stored_text = stored.value if isinstance(stored, Sex) else stored
        if stored_text != insi_value:
            differences.append(TraitDifference(field, rules.STRICT_TRAITS[field], stored_text, insi_value))
    return differences


def apply_insi_identity(session: Session, patient_id: int, identity: InsiIdentity, user: str, *,
                        accepted_fields: Collection[str] | None = None,
                        message_id: str | None = None) -> ApplyOutcome:
    """Attach an INSi identity: store its traits, matricule and OID, and move the status.

    PROV → RECUP; VALI → QUAL when INSi's traits are those that were checked on the document, else RECUP
    (the check covered other traits); QUAL stays QUAL on an identical answer.

    Args:
        accepted_fields: the differing fields the user accepted (None: all). Refusing one refuses the INS.
        message_id: the INSi answer's message id, logged (the status history is read by users: no ids there;
            the call itself is in `insi_calls`).

    Raises:
        InsiApplyError: bad matricule/OID, a strict trait missing from INSi's answer, or a refused trait.
        TransitionError: a fictitious identity.
    """
    try:
        matricule = parse_matricule(identity.matricule).value
        oid = check_oid(identity.oid)
    except MatriculeError as exc:
        raise InsiApplyError(f"Réponse INSi inutilisable : {exc}") from None
    missing = [rules.STRICT_TRAITS[field] for field, value in insi_traits(identity).items() if value is None]
    if missing:
        raise InsiApplyError(f"Réponse INSi incomplète : {', '.join(missing)} absent(s). L'INS n'est rattaché "
                             "qu'avec tous les traits de référence ; l'identité reste inchangée.")
    patient = get_patient(session, patient_id)
    target = rules.status_after_insi(patient)
    differences = compare_with_insi(patient, identity)
    refused = [d for d in differences if accepted_fields is not None and d.field not in accepted_fields]
    if refused:
        labels = ", ".join(d.label for d in refused)
        raise InsiApplyError(f"Trait(s) INSi refusé(s) : {labels}. L'INS n'est rattaché que si l'identité "
                             "INSi est acceptée en entier ; l'identité reste inchangée.")
    if differences and patient.status in (IdentityStatus.VALI, IdentityStatus.QUAL):
        target = IdentityStatus.RECUP
    former = patient.ins_matricule
    for field, value in insi_traits(identity).items():
        setattr(patient, field, Sex(value) if field == "sex" and value is not None else value)
    patient.ins_matricule, patient.ins_oid = matricule, oid
    reason = "Identité retrouvée par le téléservice INSi."
    if differences:
        reason += " Traits mis à jour : " + ", ".join(d.label for d in differences) + "."
    if former and former != matricule:
        historic = any(h.matricule == former for h in identity.history)
        reason += (f" Matricule {format_matricule(former)} remplacé"
                   + (" (ancien INS connu d'INSi)." if historic else "."))
    rules.change_status(patient, target, reason, user)
    log.info("INS attached to patient %s from INSi message %s", patient_id, message_id or "?")
    session.flush()
    return ApplyOutcome(patient, differences, reason)


def record_insi_call(session: Session, user: str, operation: str, *, result_code: str | None,
                     message_id: str | None, patient_id: int | None = None) -> InsiCall:
    """Log one call to INSi (also the failed ones: result_code is then the error code, or None)."""
    call = InsiCall(called_at=utcnow(), called_by=user, operation=operation, result_code=result_code,
                    message_id=message_id, patient_id=patient_id)
    session.add(call)
    session.flush()
    return call
