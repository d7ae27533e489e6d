"""How a patient's data reads on screen: phone numbers grouped, matricules grouped, "né"/"née"."""

from __future__ import annotations

import pytest

from lgc_app.patients.matricule import format_matricule
from lgc_app.patients.naming import born, display_name
from lgc_app.patients.phone import format_phone, normalise_phone
from lgc_app.patients.service import PatientDraft


@pytest.mark.parametrize(("stored", "shown"), [
    ("0147150000", "01 47 15 00 00"),
    ("06.12.34.56.78", "06 12 34 56 78"),
    ("+33147150000", "+33 1 47 15 00 00"),
    ("+41 22 123 45 67", "+41 22 123 45 67"),  # not a French number: as typed
    ("poste 12", "poste 12"),
    ("", ""),
])
def test_phone_is_shown_in_pairs(stored: str, shown: str) -> None:
    assert format_phone(stored) == shown


def test_typed_phone_is_stored_without_separators() -> None:
    assert normalise_phone("01 47-15.00/00") == "0147150000"
    draft = PatientDraft("DUPONT", "ELODIE", "F", "14/03/1985", phone="06 12 34 56 78").normalised()
    assert draft.phone == "0612345678"  # the CDA writes it as a tel: URI, where spaces are not allowed


def test_matricule_is_grouped_with_or_without_its_key() -> None:
    assert format_matricule("285037505612306") == "2 85 03 75 056 123 06"
    assert format_matricule("2850375056123") == "2 85 03 75 056 123"  # a carte Vitale NIR without its key
    assert format_matricule("297022A02077878") == "2 97 02 2A 020 778 78"


def test_born_agrees_with_the_sex() -> None:
    assert [born(sex) for sex in ("F", "M", "I", None)] == ["née", "né", "né·e", "né·e"]
    assert display_name(birth_name="LEFEVRE", first_birth_given_name="HELENE", used_name="CHERON",
                        sex="F") == "CHERON Helene (née LEFEVRE)"
