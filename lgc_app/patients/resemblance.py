"""Why an existing identity looks like the one being created: trait by trait, identical, close or different.

The duplicate check (`service.find_duplicates`) only says *which* patients may be the same person; the user
must see *why* before choosing between opening the existing record and creating a second identity (Ségur INS:
anteriority search before any creation, a duplicate being a risk for the patient).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from lgc_app.patients.birth_date import display_birth_date
from lgc_app.patients.phonetic import phonetic_key
from lgc_app.patients.search import FUZZY_THRESHOLD, SearchHit, dates_match
from lgc_app.patients.service import PatientDraft
from lgc_app.patients.traits import search_key


class Likeness(Enum):
    SAME = "identique"
    CLOSE = "proche"
    DIFFERENT = "différent"


@dataclass(frozen=True)
class TraitLikeness:
    label: str  # French, e.g. "nom de naissance"
    likeness: Likeness
    typed: str
    stored: str

    @property
    def text(self) -> str:
        """`date de naissance (14/03/1985)` when identical, `nom de naissance (DUPOND / DUPONT)` otherwise."""
        shown = self.stored if self.typed == self.stored else f"{self.typed} / {self.stored}"
        return f"{self.label} ({shown})"


@dataclass(frozen=True)
class Resemblance:
    """One existing patient compared with the identity being created."""

    patient_id: int
    traits: tuple[TraitLikeness, ...]

    def of_kind(self, likeness: Likeness) -> list[TraitLikeness]:
        return [trait for trait in self.traits if trait.likeness == likeness]

    @property
    def text(self) -> str:
        """French, one line per kind present: `Identiques : …`, `Proches : …`, `Différents : …`."""
        titles = {Likeness.SAME: "Identiques", Likeness.CLOSE: "Proches", Likeness.DIFFERENT: "Différents"}
        return "\n".join(f"{titles[kind]} : " + ", ".join(trait.text for trait in traits) + "."
                         for kind in Likeness if (traits := self.of_kind(kind)))


def _name_likeness(typed: str, stored: str) -> Likeness:
    """Identical as written, close when equal but for accents, hyphens and spaces, one typo away, sounding
    alike or similar enough for the fuzzy search; different otherwise."""
    if typed == stored:
        return Likeness.SAME
    a, b = search_key(typed), search_key(stored)
    if a == b or OSA.distance(a, b, score_cutoff=1) <= 1 or phonetic_key(a) == phonetic_key(b) \
            or fuzz.ratio(a, b) >= FUZZY_THRESHOLD:
        return Likeness.CLOSE
    return Likeness.DIFFERENT


def _closest(typed: str, candidates: list[tuple[str, str | None]]) -> TraitLikeness:
    """typed compared with the first stored value it resembles most, among (label, stored value)."""
    traits = [TraitLikeness(label, _name_likeness(typed, stored), typed, stored)
              for label, stored in candidates if stored]
    order = list(Likeness)
    return min(traits, key=lambda trait: order.index(trait.likeness))


def resemblance(draft: PatientDraft, hit: SearchHit) -> Resemblance:
    """How a normalised draft (`PatientDraft.normalised`) compares with a stored identity found for it."""
    # A name may have been recorded as the other kind of name (used name typed as birth name, and back).
    traits = [_closest(draft.birth_name, [("nom de naissance", hit.birth_name),
                                          ("nom de naissance / nom d'usage du dossier", hit.used_name)])]
    if draft.used_name:
        traits.append(_closest(draft.used_name, [("nom d'usage", hit.used_name),
                                                 ("nom d'usage / nom de naissance du dossier", hit.birth_name)]))
    typed_first = (draft.first_birth_given_name or draft.birth_given_names).split(" ")[0]
    stored_first = hit.birth_given_names.split(" ")[0]
    traits.append(TraitLikeness("premier prénom", _name_likeness(typed_first, stored_first), typed_first,
                                stored_first))
    if draft.birth_given_names != typed_first or hit.birth_given_names != stored_first:
        traits.append(TraitLikeness("prénoms de naissance",
                                    _name_likeness(draft.birth_given_names, hit.birth_given_names),
                                    draft.birth_given_names, hit.birth_given_names))
    typed_date, stored_date = display_birth_date(draft.birth_date), display_birth_date(hit.birth_date)
    date_likeness = (Likeness.SAME if draft.birth_date == hit.birth_date
                     else Likeness.CLOSE if dates_match(draft.birth_date, hit.birth_date) else Likeness.DIFFERENT)
    traits.append(TraitLikeness("date de naissance", date_likeness, typed_date, stored_date))
    traits.append(TraitLikeness("sexe", Likeness.SAME if draft.sex == hit.sex.value else Likeness.DIFFERENT,
                                draft.sex, hit.sex.value))
    return Resemblance(hit.patient_id, tuple(traits))
