"""Matricule INS: key, 2A/2B substitution, OIDs, consistency warnings (PROTOCOLS §1.1-1.2)."""

from __future__ import annotations

import pytest

from lgc_app.patients.matricule import (
    INS_OIDS,
    OID_NIA,
    OID_NIR,
    OID_NIR_DEMO,
    OID_NIR_TEST,
    MatriculeError,
    check_oid,
    compute_key,
    consistency_warnings,
    is_valid_matricule,
    oid_label,
    parse_matricule,
)


@pytest.mark.parametrize(("number", "key"), [("297022A020778", "78"), ("2360663220836", "56")])
def test_protocol_vectors(number: str, key: str) -> None:
    assert compute_key(number) == key


def test_corsican_substitution_matters() -> None:
    # 2A is read as 19 and 2B as 18, so the same digits elsewhere give different keys
    assert compute_key("297022A020778") != compute_key("297022B020778")
    assert compute_key("297022A020778") == compute_key("2970219020778")
    assert compute_key("297022B020778") == compute_key("2970218020778")


def test_parse_accepts_spaces_and_lower_case() -> None:
    matricule = parse_matricule("2 97 02 2a 020 778 78")
    assert matricule.value == "297022A02077878"
    assert (matricule.number, matricule.key, matricule.place_code) == ("297022A020778", "78", "2A020")


@pytest.mark.parametrize(("text", "fragment"), [
    ("29702", "15 caractères"),
    ("297022C02077878", "2A ou 2B"),
    ("297022A02077877", "clé"),
    ("2970X2A02077878", "chiffres"),
])
def test_refusals_are_french(text: str, fragment: str) -> None:
    with pytest.raises(MatriculeError, match=fragment):
        parse_matricule(text)
    assert not is_valid_matricule(text)


def test_oids() -> None:
    assert set(INS_OIDS) == {OID_NIR, OID_NIA, OID_NIR_TEST, OID_NIR_DEMO}
    assert OID_NIR_DEMO == "1.2.250.1.213.1.4.11" and OID_NIR_TEST == "1.2.250.1.213.1.4.10"
    assert check_oid(OID_NIA) == OID_NIA
    assert oid_label(OID_NIR_TEST) == "INS-NIR de test"
    with pytest.raises(MatriculeError):
        check_oid("1.2.250.1.213.1.4.2")  # INS-C: never produced


def test_consistency_warnings_do_not_refuse() -> None:
    matricule = parse_matricule("236066322083656")
    assert consistency_warnings(matricule, sex="F", birth_date="1936-06-15", birth_place_code="63220") == []
    warnings = consistency_warnings(matricule, sex="M", birth_date="1937-07-15", birth_place_code="75056")
    assert len(warnings) == 4
    # unknown month is not a mismatch
    assert consistency_warnings(matricule, sex="F", birth_date="1936-00-00") == []
