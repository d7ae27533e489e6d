"""Anteriority search: insensitivity, ranking, fuzzy mode, index maintenance (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, event, func, select, text

from lgc_app.patients import use_cases
from lgc_app.patients.indicators import identity_indicators
from lgc_app.patients.models import Patient, PatientNameVariant, PatientSearchKey
from lgc_app.patients.search import MatchKind, SearchQuery, dates_match, search_date, search_patients
from lgc_app.patients.vocabulary import IdentityStatus, Sex
from lgc_app.persistence import models as _all_models  # noqa: F401 - complete metadata for the comparison
from lgc_app.persistence.base import Base
from lgc_app.persistence.database import Database

SEARCH_TABLES = ("patients", "patient_search_keys", "patient_name_variants")

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


@pytest.mark.parametrize(("typed", "first"), [("jean", "DUPONT JEAN 1950-03-01"),
                                              ("Aminata", "N'DIAYE AMINATA 2001-00-00"),
                                              ("chloé", "LEROY CHLOE 1990-09-09"),
                                              ("élodie marie", "D'ARC-DUPONT ELODIE MARIE 1997-02-12")])
def test_first_name_alone(db: Database, people: dict[str, int], typed: str, first: str) -> None:
    assert _names(db, SearchQuery(text=typed))[0] == first


def test_first_name_alone_ranks_exact_first_names_first(db: Database, people: dict[str, int]) -> None:
    names = _names(db, SearchQuery(text="jean"))
    assert names[:2] == ["DUPONT JEAN 1950-03-01", "DUPONT JEAN 1962-07-14"]
    assert set(names[2:]) == {"DUPOND JEAN-PIERRE 1980-05-05", "DUPONTEL JEANNE 1970-01-01"}
    assert _names(db, SearchQuery(text="jean 14/07/1962"))[0] == "DUPONT JEAN 1962-07-14"


def _quick(db: Database, text: str) -> list[str]:
    return [f"{hit.birth_name} {hit.birth_given_names} {hit.birth_date}"
            for hit in use_cases.search(db, text, limit=20)]


@pytest.mark.parametrize("typed", ["dupnot", "dupnot jean", "udpont", "jean dupnot"])
def test_quick_search_tolerates_a_typo(db: Database, people: dict[str, int], typed: str) -> None:
    assert "DUPONT JEAN 1950-03-01" in _quick(db, typed)


def test_quick_search_ranks_exact_before_near_names(db: Database, people: dict[str, int]) -> None:
    names = _quick(db, "dupond")
    assert names[0] == "DUPOND JEAN-PIERRE 1980-05-05"
    assert {"DUPONT JEAN 1950-03-01", "DUPONT JEAN 1962-07-14"} <= set(names[1:])
    assert _quick(db, "dupont")[:2] == ["DUPONT JEAN 1950-03-01", "DUPONT JEAN 1962-07-14"]


@pytest.mark.parametrize(("typed", "expected"), [
    ("14/07/1962", "1962-07-14"), ("14/7/1962", "1962-07-14"), ("1/3/1950", "1950-03-01"),
    ("14.7.1962", "1962-07-14"), ("14-07-1962", "1962-07-14"), ("14071962", "1962-07-14"),
    ("1962-07-14", "1962-07-14"), ("7/1962", "1962-07-00"), ("1962", "1962-00-00"),
    ("12/0", None), ("198", None), ("31/02/1962", None), ("13/1962", None), ("1700", None), ("3/4/19", None),
])
def test_search_date_forms(typed: str, expected: str | None) -> None:
    assert search_date(typed) == expected


@pytest.mark.parametrize("typed", ["14/7/1962", "7/1962", "1962", "dupont 1962", "jean 14/7/1962", "1962 dupont j"])
def test_dates_typed_loosely(db: Database, people: dict[str, int], typed: str) -> None:
    names = _names(db, SearchQuery(text=typed))
    assert names[0] == "DUPONT JEAN 1962-07-14"
    if not any(ch.isalpha() for ch in typed):
        assert names == ["DUPONT JEAN 1962-07-14"]


def test_fuzzy_option(db: Database, people: dict[str, int]) -> None:
    assert "DUPONT JEAN 1950-03-01" not in _names(db, SearchQuery(text="dupnot"))
    fuzzy = _names(db, SearchQuery(text="dupnot", fuzzy=True))
    assert "DUPONT JEAN 1950-03-01" in fuzzy
    assert "PHILIPPE ANNE 1985-12-24" in _names(db, SearchQuery(text="filipe", fuzzy=True))
    ranked = _names(db, SearchQuery(text="dupond jean", fuzzy=True))
    assert ranked[0] == "DUPOND JEAN-PIERRE 1980-05-05"  # prefix beats the fuzzy DUPONTs
    assert "DUPONT JEAN 1950-03-01" in ranked
    assert _names(db, SearchQuery(text="zzzz", fuzzy=True)) == []


@pytest.mark.parametrize("typed", ["udpont", "dpuont", "tupont", "upont", "idupont", "duppont"])
def test_fuzzy_finds_a_typo_in_the_first_letters(db: Database, people: dict[str, int], typed: str) -> None:
    assert "DUPONT JEAN 1950-03-01" not in _names(db, SearchQuery(text=f"{typed} jean"))
    assert "DUPONT JEAN 1950-03-01" in _names(db, SearchQuery(text=f"{typed} jean", fuzzy=True))
    assert "DUPONT JEAN 1950-03-01" in _names(db, SearchQuery(text=typed, fuzzy=True))


def test_fuzzy_with_a_typo_and_a_birth_date(db: Database, people: dict[str, int]) -> None:
    with db.reading() as session:
        hits = search_patients(session, SearchQuery(name="lreoy", given_names="chloe", birth_date="1990-09-09",
                                                    fuzzy=True))
        assert [(h.birth_name, h.match, h.birth_date_match) for h in hits] == [("LEROY", MatchKind.FUZZY, True)]
        hits = search_patients(session, SearchQuery(text="udpont jean 14/07/1962", fuzzy=True))
    assert hits[0].birth_date == "1962-07-14" and hits[0].birth_date_match and hits[0].match == MatchKind.FUZZY


def test_name_variants_follow_new_names(db: Database, people: dict[str, int]) -> None:
    with db.reading() as session:
        assert "DUPONT" in session.scalars(select(PatientNameVariant.name_key).where(
            PatientNameVariant.variant == "UPONT")).all()
    with db.unit_of_work() as session:
        session.get(Patient, people["PHILIPPE ANNE 1985-12-24"]).used_name = "KERGUELEN"  # type: ignore[union-attr]
    assert _names(db, SearchQuery(text="kreguelen", fuzzy=True)) == ["PHILIPPE ANNE 1985-12-24"]


def _plan_lines(conn: Connection, statement: str, parameters: Any, postgresql: bool) -> list[str]:
    if postgresql:
        return [row[0] for row in conn.exec_driver_sql(f"EXPLAIN {statement}", parameters)]
    return [row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)]


@pytest.fixture
def search_statements(db: Database) -> Iterator[list[tuple[str, Any]]]:
    """Every SQL statement the searches of the test send, with its parameters."""
    sent: list[tuple[str, Any]] = []

    def record(_conn: Connection, _cursor: object, statement: str, parameters: Any, *_: object) -> None:
        if not statement.startswith(("EXPLAIN", "SET ")):
            sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    yield sent
    event.remove(db.engine, "before_cursor_execute", record)


def test_every_query_of_a_search_uses_an_index(db: Database, people: dict[str, int],
                                               search_statements: list[tuple[str, Any]]) -> None:
    """No full scan per keystroke: every table access is an index search, never a scan or a sort (SQLite
    plans; on PostgreSQL with sequential scans disabled, so that an index must be able to serve)."""
    queries = [SearchQuery(text="d"), SearchQuery(text="dupont j"), SearchQuery(text="jean dupont"),
               SearchQuery(text="aminata"), SearchQuery(text="jean 1962"), SearchQuery(text="dupont 7/1962"),
               SearchQuery(given_names="aminata"), SearchQuery(text="01/03/1950"),
               SearchQuery(birth_date="1950-00-00"), SearchQuery(text="dupont 14/07/1962"),
               SearchQuery(text="udpont jean", fuzzy=True), SearchQuery(text="filipe", fuzzy=True),
               SearchQuery(name="lreoy", given_names="chloe", birth_date="1990-09-09", fuzzy=True)]
    with db.reading() as session:
        for query in queries:
            search_patients(session, query)
        conn = session.connection()
        if db.is_postgresql:
            conn.execute(text("SET LOCAL enable_seqscan = off"))
        plans = [_plan_lines(conn, statement, parameters, db.is_postgresql)
                 for statement, parameters in search_statements]
    lines = [line for plan in plans for line in plan]
    if db.is_postgresql:
        assert not [line for line in lines if "Seq Scan" in line or "Sort" in line]
        for plan in plans:  # an index read whole (no condition on it) is a scan too
            scans = [line for line in plan if re.search(r"Index (Only )?Scan", line)]
            assert len(scans) <= len([line for line in plan if "Index Cond" in line]), plan
        used = " ".join(lines)
    else:
        scans = re.compile(rf"^SCAN ({'|'.join(SEARCH_TABLES)})\b|TEMP B-TREE")
        assert not [line for line in lines if scans.search(line)]
        used = " ".join(line for line in lines if line.startswith("SEARCH"))
    # the queries above exercised every index and table of the search
    for index in ("_name", "_given", "_date", "_phonetic", "patient_name_variants", "patients"):
        assert index in used, index


def test_migration_matches_the_search_models(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = [change for change in compare_metadata(context, Base.metadata)
                if any(table in str(change) for table in SEARCH_TABLES)]
    assert diff == []


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
