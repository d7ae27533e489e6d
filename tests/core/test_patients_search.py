"""Anteriority search: insensitivity, ranking, fuzzy mode, index maintenance (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from lgc_app.patients.indicators import identity_indicators
from lgc_app.patients.models import Patient, PatientSearchKey
from lgc_app.patients.search import MatchKind, SearchQuery, dates_match, search_patients
from lgc_app.patients.vocabulary import IdentityStatus, Sex
from lgc_app.persistence.database import Database

PEOPLE = [
    # birth name, given names, birth date, used name, status
    ("D'ARC-DUPONT", "ELODIE MARIE", "1997-02-12", None, IdentityStatus.QUAL),
    ("DUPONT", "JEAN", "1950-03-01", None, IdentityStatus.PROV),
    ("DUPONT", "JEAN", "1962-07-14", None, IdentityStatus.RECUP),
    ("DUPONTEL", "JEANNE", "1970-01-01", None, IdentityStatus.VALI),
    ("DUPOND", "JEAN-PIERRE", "1980-05-05", None, IdentityStatus.PROV),
    ("LEROY", "CHLOE", "1990-09-09", "MARTIN", IdentityStatus.PROV),
    ("PHILIPPE", "ANNE", "1985-12-24", None, IdentityStatus.PROV),
    ("N'DIAYE", "AMINATA", "2001-00-00", None, IdentityStatus.PROV),
]


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    ids = {}
    with db.unit_of_work() as session:
        for birth_name, given, birth_date, used_name, status in PEOPLE:
            patient = Patient(birth_name=birth_name, birth_given_names=given, first_birth_given_name=given.split()[0],
                              birth_date=birth_date, sex=Sex.F, used_name=used_name, status=status,
                              doubtful=False, fictitious=False, homonym=False,
                              ins_matricule="297022A02077878" if status in ("QUAL", "RECUP") else None,
                              ins_oid="1.2.250.1.213.1.4.10" if status in ("QUAL", "RECUP") else None)
            session.add(patient)
            session.flush()
            ids[f"{birth_name} {given} {birth_date}"] = patient.id
    return ids


def _names(db: Database, query: SearchQuery) -> list[str]:
    with db.reading() as session:
        return [f"{hit.birth_name} {hit.birth_given_names} {hit.birth_date}" for hit in search_patients(session, query)]


@pytest.mark.parametrize("typed", ["élodie d'arc-dupont", "D'ARC-DUPONT ELODIE", "darc dupont", "Darc-Dupont",
                                   "d arc dupont", "dupont élodie", "arc dupont elodie marie", "Élodie D’Arc Dupont"])
def test_insensitive_to_case_accents_hyphens_apostrophes_spaces(db: Database, people: dict[str, int],
                                                                typed: str) -> None:
    assert "D'ARC-DUPONT ELODIE MARIE 1997-02-12" in _names(db, SearchQuery(text=typed))


def test_ranking_exact_then_prefix(db: Database, people: dict[str, int]) -> None:
    names = _names(db, SearchQuery(text="dupont"))
    assert names[:2] == ["DUPONT JEAN 1950-03-01", "DUPONT JEAN 1962-07-14"]
    assert names.index("DUPONTEL JEANNE 1970-01-01") > 1
    assert "DUPOND JEAN-PIERRE 1980-05-05" not in names  # only with the fuzzy option
    with db.reading() as session:
        hits = search_patients(session, SearchQuery(text="dupont jean"))
    assert [h.match for h in hits[:2]] == [MatchKind.EXACT, MatchKind.EXACT]
    assert all(h.match == MatchKind.PREFIX for h in hits[2:])


def test_birth_date_boost(db: Database, people: dict[str, int]) -> None:
    names = _names(db, SearchQuery(text="dupont jean 14/07/1962"))
    assert names[0] == "DUPONT JEAN 1962-07-14"
    with db.reading() as session:
        hits = search_patients(session, SearchQuery(name="dupont", given_names="jean", birth_date="1962-07-14"))
    assert hits[0].birth_date_match and not hits[1].birth_date_match and hits[0].score > hits[1].score


def test_keystroke_prefixes(db: Database, people: dict[str, int]) -> None:
    typed = "dupontel j"
    for end in range(1, len(typed) + 1):
        names = _names(db, SearchQuery(text=typed[:end]))
        assert "DUPONTEL JEANNE 1970-01-01" in names, typed[:end]


def test_used_name_and_first_names_first(db: Database, people: dict[str, int]) -> None:
    assert _names(db, SearchQuery(text="martin chloé")) == ["LEROY CHLOE 1990-09-09"]
    assert _names(db, SearchQuery(text="chloe leroy")) == ["LEROY CHLOE 1990-09-09"]
    assert _names(db, SearchQuery(given_names="aminata")) == ["N'DIAYE AMINATA 2001-00-00"]


def test_date_only_and_partial_dates(db: Database, people: dict[str, int]) -> None:
    assert _names(db, SearchQuery(text="01/03/1950")) == ["DUPONT JEAN 1950-03-01"]
    assert _names(db, SearchQuery(birth_date="1950-00-00")) == ["DUPONT JEAN 1950-03-01"]
    # a patient born on an unknown day of 2001 matches any 2001 date
    assert _names(db, SearchQuery(text="ndiaye 15/06/2001"))[0] == "N'DIAYE AMINATA 2001-00-00"
    assert dates_match("2001-06-15", "2001-00-00") and not dates_match("2002-06-15", "2001-00-00")


def test_fuzzy_option(db: Database, people: dict[str, int]) -> None:
    assert "DUPONT JEAN 1950-03-01" not in _names(db, SearchQuery(text="dupnot"))
    fuzzy = _names(db, SearchQuery(text="dupnot", fuzzy=True))
    assert "DUPONT JEAN 1950-03-01" in fuzzy
    assert "PHILIPPE ANNE 1985-12-24" in _names(db, SearchQuery(text="filipe", fuzzy=True))
    ranked = _names(db, SearchQuery(text="dupond jean", fuzzy=True))
    assert ranked[0] == "DUPOND JEAN-PIERRE 1980-05-05"  # prefix beats the fuzzy DUPONTs
    assert "DUPONT JEAN 1950-03-01" in ranked
    assert _names(db, SearchQuery(text="zzzz", fuzzy=True)) == []


def test_keys_follow_edits_and_deletes(db: Database, people: dict[str, int]) -> None:
    patient_id = people["PHILIPPE ANNE 1985-12-24"]
    with db.unit_of_work() as session:
        session.get(Patient, patient_id).birth_name = "KERGUELEN"  # type: ignore[union-attr]
    assert _names(db, SearchQuery(text="philippe")) == []
    assert _names(db, SearchQuery(text="kerguelen")) == ["KERGUELEN ANNE 1985-12-24"]
    with db.unit_of_work() as session:
        session.delete(session.get(Patient, patient_id))
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(PatientSearchKey).where(
            PatientSearchKey.patient_id == patient_id)) == 0


def test_empty_query(db: Database, people: dict[str, int]) -> None:
    assert _names(db, SearchQuery(text="  ")) == []
    assert _names(db, SearchQuery(text="12/0")) == []


def test_indicators(db: Database, people: dict[str, int]) -> None:
    with db.reading() as session:
        indicators = identity_indicators(session)
    assert indicators.total == len(PEOPLE)
    assert [item.count for item in indicators.by_status] == [5, 1, 1, 1]
    assert indicators.qualified_share == pytest.approx(1 / 8)
    assert indicators.with_ins == 2 and indicators.doubtful == 0
    assert indicators.by_status[3].label == "Identité qualifiée"


def test_indicators_of_an_empty_base(db: Database) -> None:
    with db.reading() as session:
        indicators = identity_indicators(session)
    assert indicators.total == 0 and indicators.qualified_share == 0.0
