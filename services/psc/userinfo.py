"""The professional as Pro Santé Connect describes them (userinfo, PROTOCOLS.md §5.3 and §5.0).

`SubjectNameID` is the national identifier: `8` + RPPS for a professional with an RPPS. Names and profession
come from the exercise (`SubjectRefPro.exercices[]`), the structures from its activities; the VIHF is later
built from the activity the user chooses (§5.0 "DMP with PSC").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.psc.errors import USERINFO, PscError


@dataclass(frozen=True)
class Activity:
    """One `activities[]` entry: where and how the professional works."""

    mode: str  # codeModeExercice: L libéral, S salarié…
    sector: str  # codeSecteurDactivite (TRE_R02, e.g. SA07)
    role: str  # codeRole
    structure_id: str  # identifiantTechniqueDeLaStructure (else FINESS, SIRET)
    structure_name: str  # raisonSocialeSite (else enseigneCommercialeSite)


@dataclass(frozen=True)
class Exercise:
    """One `exercices[]` entry: a profession exercised under a name."""

    profession_code: str  # codeProfession (TRE_G15, e.g. 10 médecin)
    category_code: str  # codeCategorieProfessionnelle
    civility: str  # codeCiviliteDexercice (DR…)
    family_name: str
    given_name: str
    specialty_code: str  # codeSavoirFaire (e.g. SM54)
    activities: tuple[Activity, ...]


@dataclass(frozen=True)
class PscIdentity:
    """Who signed in, from the userinfo claims."""

    subject: str  # `sub`: stable at the provider
    national_id: str  # SubjectNameID
    family_name: str
    given_name: str
    civility: str  # codeCivilite (M, MME)
    exercises: tuple[Exercise, ...]

    @property
    def rpps(self) -> str | None:
        """The RPPS when the national identifier is `8` + an 11-digit RPPS (CI-SIS identifiant national PS)."""
        if len(self.national_id) == 12 and self.national_id.startswith("8") and self.national_id.isdigit():
            return self.national_id[1:]
        return None

    @property
    def exercise(self) -> Exercise | None:
        """The first exercise (PSC lists the default one first)."""
        return self.exercises[0] if self.exercises else None

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


def parse_userinfo(claims: Any) -> PscIdentity:
    """Raises: PscError(USERINFO) without a subject, a national identifier or names."""
    if not isinstance(claims, dict):
        raise PscError(USERINFO, detail="userinfo non JSON")
    national_id = _text(claims, "SubjectNameID") or _text(claims, "preferred_username")
    ref_pro = _object(claims, "SubjectRefPro")
    exercises = tuple(_exercise(entry) for entry in _list(ref_pro, "exercices"))
    first = exercises[0] if exercises else None
    family_name = _text(claims, "family_name") or (first.family_name if first else "")
    given_name = _text(claims, "given_name") or (first.given_name if first else "")
    subject = _text(claims, "sub")
    if not (subject and national_id and family_name):
        raise PscError(USERINFO, detail="sub, SubjectNameID ou nom absent")
    # §5.0: codeCivilite is top-level or inside SubjectRefPro
    civility = _text(claims, "codeCivilite") or _text(ref_pro, "codeCivilite")
    return PscIdentity(subject, national_id, family_name, given_name, civility, exercises)


def _exercise(entry: Any) -> Exercise:
    if not isinstance(entry, dict):
        raise PscError(USERINFO, detail="exercice non objet")
    return Exercise(_text(entry, "codeProfession"), _text(entry, "codeCategorieProfessionnelle"),
                    _text(entry, "codeCiviliteDexercice"), _text(entry, "nomDexercice"),
                    _text(entry, "prenomDexercice"), _text(entry, "codeSavoirFaire"),
                    tuple(_activity(item) for item in _list(entry, "activities")))


def _activity(entry: Any) -> Activity:
    if not isinstance(entry, dict):
        raise PscError(USERINFO, detail="activité non objet")
    structure = next(filter(None, (_text(entry, name) for name in (
        "identifiantTechniqueDeLaStructure", "numeroFinessSite", "numeroSiretSite"))), "")
    name = _text(entry, "raisonSocialeSite") or _text(entry, "enseigneCommercialeSite")
    return Activity(_text(entry, "codeModeExercice"), _text(entry, "codeSecteurDactivite"), _text(entry, "codeRole"),
                    structure, name)


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    return value.strip() if isinstance(value, str) else ""


def _object(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name)
    return value if isinstance(value, dict) else {}


def _list(data: dict[str, Any], name: str) -> list[Any]:
    value = data.get(name)
    return value if isinstance(value, list) else []
