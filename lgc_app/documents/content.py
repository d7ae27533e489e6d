"""Domain content of each document type: what the practitioner writes, before any CDA.

The content is stored as JSON in `documents.content` while the document is a draft (cheap autosave), and
turned into CDA only at validation. `parse_content(type, json)` (lgc_app.documents.types: the type's spec
names its content class) is the single way back from JSON; `check()` checks the fields a CDA builder needs
and raises `DocumentContentError` with a French message.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from datetime import date
from typing import Any

from lgc_app.documents.errors import DocumentContentError
from lgc_app.documents.partial_date import PartialDate

# --- VSM (volet de synthèse médicale) ---------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """A current pathology (active) or a past medical history item (not active)."""

    label: str
    cim10: str = ""  # optional CIM-10 code; free text otherwise
    start: PartialDate | None = None  # "2020" or "03/2020" when that is all the patient remembers
    end: PartialDate | None = None
    active: bool = True


ALLERGY_KINDS = {  # SNOMED CT types of allergy (E_allergiesAndIntolerances_fr demands a SNOMED CT code)
    "medicament": ("416098002", "allergie médicamenteuse"),
    "aliment": ("414285001", "allergie alimentaire"),
    "autre": ("419199007", "allergie à une substance"),
}


@dataclass(frozen=True)
class Allergy:
    agent: str
    kind: str = "medicament"  # key of ALLERGY_KINDS
    reaction: str = ""
    start: PartialDate | None = None
    active: bool = True


@dataclass(frozen=True)
class Treatment:
    """A long-term treatment, drug named in free text (a drug database is out of scope)."""

    drug: str
    dosage: str = ""
    start: PartialDate | None = None


RISK_FACTOR_KINDS = {  # JDV_SocialHistoryCodes_CISIS (LOINC)
    "tabac": ("74011-8", "Consommation tabagique"),
    "alcool": ("74013-4", "Consommation d'alcool"),
    "drogue": ("11343-1", "Consommation de drogue non médicales"),
    "activite_physique": ("73985-4", "Exercice physique"),
    "regime": ("81663-7", "Régime"),
    "exposition_professionnelle": ("8683-5", "Exposition professionnelle"),
    "autre": ("11345-6", "Autre élément social"),
}


@dataclass(frozen=True)
class RiskFactor:
    kind: str  # key of RISK_FACTOR_KINDS
    description: str


@dataclass(frozen=True)
class VsmContent:
    problems: tuple[Problem, ...] = ()
    allergies: tuple[Allergy, ...] = ()
    treatments: tuple[Treatment, ...] = ()
    risk_factors: tuple[RiskFactor, ...] = ()
    vigilance: tuple[str, ...] = ()  # points de vigilance (section "Résultats", non coded)

    def check(self) -> None:
        for allergy in self.allergies:
            _require(allergy.agent, "agent d'une allergie")
            _one_of(allergy.kind, ALLERGY_KINDS, "type d'allergie")
        for factor in self.risk_factors:
            _one_of(factor.kind, RISK_FACTOR_KINDS, "type de facteur de risque")
            _require(factor.description, "description d'un facteur de risque")
        for problem in self.problems:
            _require(problem.label, "libellé d'une pathologie")
            if problem.start and problem.end and problem.end.latest() < problem.start.earliest():
                raise DocumentContentError(f"Dates invalides pour « {problem.label} » : la fin précède le début.")
        for treatment in self.treatments:
            _require(treatment.drug, "médicament d'un traitement")


# --- VAC-NOTE (note de vaccination) ----------------------------------------------------------------

VACCINATION_ACTS = {  # JDV_HL7_ActSubstanceAdministrationImmunizationCode_CISIS
    "INITIMMUNIZ": "1ère série vaccinante",
    "BOOSTER": "Rappel de vaccin",
    "IMMUNIZ": "Vaccination sans autre précision",
}
VACCINATION_ROUTES = {  # JDV_ImmunizationRouteCodes_CISIS (EDQM)
    "20035000": "Voie intramusculaire",
    "20030000": "Voie intradermique",
    "20020000": "Voie inhalée",
    "20053000": "Voie orale",
    "20066000": "Voie sous-cutanée",
}


@dataclass(frozen=True)
class VacNoteContent:
    """One vaccination act (the VAC-NOTE volet allows exactly one FR-Vaccination entry).

    Every field has an empty default so that a new draft starts blank; `check()` refuses the blanks at
    validation (the volet requires the vaccine, its CIS and ATC codes and the lot number).
    """

    vaccine: str = ""  # commercial name as printed on the box
    cis_code: str = ""  # code CIS of the vaccine (required by the volet)
    atc_code: str = ""  # ATC class (required by the volet)
    atc_label: str = ""
    lot_number: str = ""
    administered_on: date | None = None
    act: str = "IMMUNIZ"
    route: str = "20035000"
    dose_rank: int | None = None
    comment: str = ""

    def check(self) -> None:
        _require(self.vaccine, "nom du vaccin")
        _require(self.cis_code, "code CIS du vaccin")
        _require(self.atc_code, "code ATC du vaccin")
        _require(self.atc_label, "libellé ATC du vaccin")
        _require(self.lot_number, "numéro de lot")
        if self.administered_on is None:
            raise DocumentContentError("Contenu incomplet : date de la vaccination manquante.")
        _one_of(self.act, VACCINATION_ACTS, "type d'acte de vaccination")
        _one_of(self.route, VACCINATION_ROUTES, "voie d'administration")
        if self.dose_rank is not None and self.dose_rank < 1:
            raise DocumentContentError("Contenu invalide : le rang de la vaccination doit être positif.")


# --- EP-MED-DM (prescription de médicaments) -------------------------------------------------------


@dataclass(frozen=True)
class PrescriptionLine:
    drug: str  # free text (a drug database is out of scope)
    dosage: str  # posologie in words, e.g. "1 comprimé matin et soir"
    duration_days: int
    renewals: int = 0
    substitutable: bool = True
    ald: bool = False  # en rapport avec une affection de longue durée
    work_related: bool = False  # en rapport avec un accident du travail / une maladie professionnelle
    non_reimbursable: bool = False
    off_label: bool = False  # hors autorisation de mise sur le marché
    instructions: str = ""  # instruction au patient


@dataclass(frozen=True)
class PrescriptionContent:
    lines: tuple[PrescriptionLine, ...] = ()
    prescribed_on: date | None = None  # defaults to the validation date
    comment: str = ""

    def check(self) -> None:
        if not self.lines:
            raise DocumentContentError("Ordonnance vide : ajoutez au moins une ligne de prescription.")
        for line in self.lines:
            _require(line.drug, "médicament d'une ligne")
            _require(line.dosage, "posologie d'une ligne")
            if line.duration_days < 1:
                raise DocumentContentError(f"Durée de traitement invalide pour « {line.drug} ».")
            if line.renewals < 0:
                raise DocumentContentError(f"Nombre de renouvellements invalide pour « {line.drug} ».")


# --- N1 documents (report, letter, certificate, free document) -------------------------------------


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class NarrativeContent:
    """Text of an N1 document; the PDF/A rendering of it becomes the CDA nonXMLBody."""

    sections: tuple[Section, ...] = ()
    recipient: str = ""  # letters: the colleague written to

    def check(self) -> None:
        if not any(p.strip() for s in self.sections for p in s.paragraphs):
            raise DocumentContentError("Document vide : saisissez au moins un paragraphe.")


Content = VsmContent | VacNoteContent | PrescriptionContent | NarrativeContent


def to_json(content: Content) -> dict[str, Any]:
    """JSON-ready dict (dates as ISO strings)."""
    return typing.cast(dict[str, Any], _encode(content))


def decode_content(cls: type[Content], data: dict[str, Any] | None) -> Content:
    """Rebuild a content of this class from its JSON (no completeness check: drafts may be partial)."""
    try:
        return typing.cast(Content, _decode(cls, data or {}))
    except (TypeError, ValueError) as exc:
        raise DocumentContentError(f"Contenu du document illisible : {exc}") from None


def _encode(value: Any) -> Any:
    if isinstance(value, PartialDate):  # before the dataclass case: stored as reduced-precision ISO 8601
        return value.iso()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


_HINTS: dict[type, dict[str, Any]] = {}


def _decode(hint: Any, data: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        return _decode(next(a for a in typing.get_args(hint) if a is not type(None)), data)
    if origin is tuple:
        return tuple(_decode(typing.get_args(hint)[0], item) for item in data or ())
    if hint is date:
        return date.fromisoformat(data) if isinstance(data, str) else data
    if hint is PartialDate:
        return PartialDate.from_iso(data) if isinstance(data, str) else data
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(data, dict):
            raise TypeError(f"objet attendu pour {hint.__name__}")
        hints = _HINTS.setdefault(hint, typing.get_type_hints(hint))
        known = {f.name for f in dataclasses.fields(hint)}
        return hint(**{k: _decode(hints[k], v) for k, v in data.items() if k in known})
    return data


def _require(value: str, what: str) -> None:
    if not value or not value.strip():
        raise DocumentContentError(f"Contenu incomplet : {what} manquant.")


def _one_of(value: str, allowed: dict[str, Any], what: str) -> None:
    if value not in allowed:
        raise DocumentContentError(f"Contenu invalide : {what} « {value} » inconnu.")
