"""Birth date (RNIV partial dates) and birth place (COG) rules."""

from __future__ import annotations

from datetime import date

import pytest

from lgc_app.patients.birth_date import (
    BirthDateError,
    age_on,
    display_birth_date,
    is_complete,
    is_minor,
    parse_birth_date,
)
from lgc_app.patients.birth_place import (
    BirthPlaceError,
    check_birth_place_code,
    find_places,
    is_foreign,
    place_for_code,
)

TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(("typed", "stored"), [
    ("12/03/1985", "1985-03-12"), ("12-03-1985", "1985-03-12"), ("12031985", "1985-03-12"),
    ("1985-03-12", "1985-03-12"), ("00/03/1985", "1985-03-00"), ("00/00/1950", "1950-00-00"),
])
def test_accepted_forms(typed: str, stored: str) -> None:
    assert parse_birth_date(typed, today=TODAY) == stored


@pytest.mark.parametrize(("typed", "fragment"), [
    ("31/02/2000", "n'existe pas"), ("12/00/1985", "mois"), ("01/13/1985", "impossible"),
    ("01/01/1700", "invraisemblable"), ("02/06/2025", "futur"), ("1985", "illisible"),
])
def test_refusals(typed: str, fragment: str) -> None:
    with pytest.raises(BirthDateError, match=fragment):
        parse_birth_date(typed, today=TODAY)


def test_partial_dates() -> None:
    assert not is_complete("1950-00-00") and not is_complete("1950-03-00") and is_complete("1950-03-12")
    assert display_birth_date("1950-03-00") == "00/03/1950"
    # unknown month: the latest possible date, so a possible minor stays a minor
    assert age_on("2007-00-00", date(2025, 6, 1)) == 17
    assert is_minor("2007-00-00", date(2025, 6, 1))
    assert not is_minor("2007-05-31", date(2025, 6, 1))


def test_place_codes() -> None:
    assert check_birth_place_code(" 2a004 ") == "2A004"
    assert is_foreign("99350")
    for bad in ("7505", "2C004", "ABCDE"):
        with pytest.raises(BirthPlaceError):
            check_birth_place_code(bad)


def test_lookup_by_name_ignores_accents_and_hyphens() -> None:
    found = find_places("saint etienne", limit=3)
    assert found[0].code == "42218" and found[0].name == "SAINT-ETIENNE"
    assert [p.code for p in find_places("Ajaccio")] == ["2A004"]
    assert find_places("maroc")[0].code == "99350" and find_places("maroc")[0].is_country
    assert [p.code for p in find_places("paris 12")] == ["75112"]
    homonyms = find_places("saint-denis", limit=50)
    assert {"93066", "97411"} <= {p.code for p in homonyms}
    assert [p.code for p in find_places("saint-denis", postal_code="974")][:1] == ["97411"]
    assert place_for_code("2b033") is not None and place_for_code("2B033").name == "BASTIA"  # type: ignore[union-attr]
    assert find_places("") == []


@pytest.mark.parametrize(("code", "name", "postal"), [("75056", "PARIS", "75001"), ("69123", "LYON", "69001"),
                                                      ("13055", "MARSEILLE", "13001")])
def test_whole_cities_answered_by_insi_are_known(code: str, name: str, postal: str) -> None:
    """INSi gives the commune code of Paris, Lyon or Marseille, not an arrondissement's."""
    place = place_for_code(code)
    assert place is not None and place.name == name and place.label == f"{name} {postal} ({code})"
    assert find_places(name.lower())[0].code == code  # the city first, then its arrondissements
