"""Use cases on the carte Vitale data of a patient: save (add or edit), remove, list.

RNIV: the card data are kept apart from the INS traits. Saving or removing a card never touches the patient
row (traits, INS, status, version): the card is written as its own row, so an identity being edited
elsewhere is not disturbed either. Each use case takes the caller's unit-of-work session; none commits.
"""

from __future__ import annotations

import logging
import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from lgc_app.errors import UserError
from lgc_app.patients.birth_date import BirthDateError, parse_birth_date
from lgc_app.patients.matricule import MatriculeError, compute_key, parse_matricule
from lgc_app.patients.models import VitaleCard
from lgc_app.patients.service import IdentityInputError, get_patient
from lgc_app.patients.traits import TraitError, normalise_trait
from lgc_app.patients.views import VitaleCardView
from lgc_app.persistence.base import utcnow

log = logging.getLogger("lgc.patients.vitale")

MAX_BIRTH_RANK = 9  # RangNaissance is one digit on the card (twins, triplets…)


class VitaleInputError(IdentityInputError):
    """Card data refused; `errors` maps each field to its French message."""

    code = "VITALE-INPUT"
    summary = "Carte Vitale non enregistrée : corrigez les champs signalés."


class VitaleCardNotFound(UserError, LookupError):
    code = "VITALE-NOT-FOUND"
    summary = "Cette carte Vitale est introuvable dans le dossier du patient."

    def __init__(self, card_id: int) -> None:
        super().__init__(f"Carte Vitale {card_id} introuvable pour ce patient.")


def check_nir(text: str) -> str:
    """A NIR as read on a card: 13 characters, or 15 with a key that must match (PROTOCOLS §1.1).

    Raises:
        MatriculeError: wrong length or characters, or wrong key (French message).
    """
    value = re.sub(r"\s+", "", text).upper()
    if len(value) == 15:
        return parse_matricule(value).value
    if len(value) == 13:
        compute_key(value)  # checks the characters (digits, 2A/2B)
        return value
    raise MatriculeError(f"Le numéro doit comporter 13 caractères (ou 15 avec la clé), et non {len(value)}.")


def save_vitale_card(session: Session, patient_id: int, *, insured_nir: str, user: str,
                     beneficiary_nir: str | None = None, birth_rank: int = 1, birth_date: str | None = None,
                     name: str | None = None, given_name: str | None = None, card_id: int | None = None,
                     today: date | None = None) -> VitaleCard:
    """Add a card (card_id None) or edit one of this patient's cards.

    The card's name, first name and birth date default to the patient's birth traits (the columns are
    required and the card normally carries them); they are copied, never written back to the identity.

    Raises:
        VitaleInputError: one French message per refused field; PatientNotFound, VitaleCardNotFound.
    """
    patient = get_patient(session, patient_id)
    errors: dict[str, str] = {}
    values: dict[str, object] = {"birth_rank": birth_rank}
    for field, text, label in (("insured_nir", insured_nir, "n° d'immatriculation de l'assuré"),
                               ("beneficiary_nir", beneficiary_nir, "NIR du bénéficiaire")):
        if field == "beneficiary_nir" and not (text or "").strip():
            values[field] = None
            continue
        try:
            values[field] = check_nir(text or "")
        except MatriculeError as exc:
            errors[field] = f"{label[0].upper()}{label[1:]} : {exc}"
    if not 1 <= birth_rank <= MAX_BIRTH_RANK:
        errors["birth_rank"] = f"Le rang de naissance est compris entre 1 et {MAX_BIRTH_RANK}."
    try:
        values["birth_date"] = parse_birth_date(birth_date, today=today) if birth_date else patient.birth_date
    except BirthDateError as exc:
        errors["birth_date"] = str(exc)
    for field, text, default, label in (("name", name, patient.birth_name, "nom (carte Vitale)"),
                                        ("given_name", given_name, patient.first_birth_given_name,
                                         "prénom (carte Vitale)")):
        try:
            values[field] = normalise_trait(text, label, field=field) if text and text.strip() else default
        except TraitError as exc:
            errors[field] = str(exc)
    if errors:
        raise VitaleInputError(errors)
    card = _card(session, patient_id, card_id) if card_id is not None else VitaleCard(patient_id=patient_id)
    for field, value in values.items():
        setattr(card, field, value)
    card.read_at = utcnow()
    session.add(card)
    session.flush()
    log.info("Carte Vitale %s du patient %s enregistrée par %s", card.id, patient_id, user)
    return card


def remove_vitale_card(session: Session, patient_id: int, card_id: int, *, user: str) -> None:
    """Delete one of this patient's cards (the identity is untouched).

    Raises:
        VitaleCardNotFound: no such card for this patient.
    """
    session.delete(_card(session, patient_id, card_id))
    session.flush()
    log.info("Carte Vitale %s du patient %s supprimée par %s", card_id, patient_id, user)


def vitale_cards(session: Session, patient_id: int) -> list[VitaleCardView]:
    """The patient's cards, oldest first."""
    query = select(VitaleCard).where(VitaleCard.patient_id == patient_id).order_by(VitaleCard.id)
    return [VitaleCardView.of(card) for card in session.scalars(query)]


def _card(session: Session, patient_id: int, card_id: int) -> VitaleCard:
    card = session.get(VitaleCard, card_id)
    if card is None or card.patient_id != patient_id:
        raise VitaleCardNotFound(card_id)
    return card
