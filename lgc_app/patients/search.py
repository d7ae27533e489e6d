"""Anteriority search: find a patient by birth or used name, first names and/or birth date.

Insensitive to case, accents, hyphens, apostrophes and spaces (Ségur INS: "recherche d'antériorité non
sensible aux caractères spéciaux"), with an optional fuzzy mode, ranked exact > prefix > fuzzy with a boost
for a matching birth date.

Speed (target: p95 < 10 ms per call at 1,000,000 patients on SQLite): every query is an index range on
`patient_search_keys` (compact keys, prefix → `key >= p AND key < succ(p)`, covering indexes), each capped
at `CANDIDATES` rows before ranking in Python; `patients` is read only for the hits returned.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum

from rapidfuzz import fuzz
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from lgc_app.patients.birth_date import BirthDateError, parse_birth_date
from lgc_app.patients.models import Patient, PatientSearchKey
from lgc_app.patients.phonetic import phonetic_key
from lgc_app.patients.traits import search_key
from lgc_app.patients.vocabulary import IdentityStatus, Sex

CANDIDATES = 100  # rows read per index range, before ranking
FUZZY_THRESHOLD = 75  # rapidfuzz similarity (0-100) below which a fuzzy candidate is dropped
MAX_NAME_TOKENS = 4
_DATE_TOKEN = re.compile(r"^(?:\d{2}[/.-]\d{2}[/.-]\d{4}|\d{4}-\d{2}-\d{2}|\d{8})$")

K = PatientSearchKey


class MatchKind(IntEnum):
    FUZZY = 1
    PREFIX = 2
    EXACT = 3


@dataclass(frozen=True)
class SearchQuery:
    """Either free `text` ("dupont jean 12/03/1985", names in any order) or the structured fields."""

    text: str = ""
    name: str = ""
    given_names: str = ""
    birth_date: str | None = None  # YYYY-MM-DD, 00 allowed
    fuzzy: bool = False


@dataclass(frozen=True)
class SearchHit:
    patient_id: int
    score: float
    match: MatchKind
    birth_date_match: bool
    birth_name: str
    used_name: str | None
    birth_given_names: str
    used_given_name: str | None
    birth_date: str
    sex: Sex
    status: IdentityStatus


@dataclass(frozen=True)
class _Reading:
    """One way to read the query: a name key and a first-name key (either may be empty)."""

    name: str
    given: str


@dataclass(frozen=True)
class _Criteria:
    readings: tuple[_Reading, ...]
    birth_date: str | None
    fuzzy: bool


def _succ(prefix: str) -> str:
    """The smallest string greater than every string starting with prefix (keys are A-Z only)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _criteria(query: SearchQuery) -> _Criteria:
    birth_date = query.birth_date
    if query.text:
        tokens = []
        for token in query.text.split():
            if _DATE_TOKEN.fullmatch(token):
                with contextlib.suppress(BirthDateError):  # a half-typed date is no criterion yet
                    birth_date = parse_birth_date(token)
            elif not any(ch.isdigit() for ch in token) and (key := search_key(token)):
                tokens.append(key)
        if len(tokens) > MAX_NAME_TOKENS:
            tokens = [*tokens[:MAX_NAME_TOKENS - 1], "".join(tokens[MAX_NAME_TOKENS - 1:])]
        readings = [_Reading("".join(tokens[:k]), "".join(tokens[k:])) for k in range(1, len(tokens) + 1)]
        # First names typed first ("jean dupont") are read too, after the name-first readings.
        readings += [_Reading("".join(tokens[k:]), "".join(tokens[:k])) for k in range(1, len(tokens))]
    else:
        readings = [_Reading(search_key(query.name), search_key(query.given_names))]
    readings = [r for r in dict.fromkeys(readings) if r.name or r.given]
    return _Criteria(tuple(readings), birth_date, query.fuzzy)


def _columns() -> Select[tuple[int, str, str, str]]:
    return select(K.patient_id, K.name_key, K.given_key, K.birth_date)


def _in_range(column: object, prefix: str) -> list[object]:
    return [column >= prefix, column < _succ(prefix)]  # type: ignore[operator]


def _date_filter(birth_date: str) -> list[object]:
    """Equality for a full date; a prefix range for a partial one (`1950-00-00` → every date in 1950)."""
    year, month, day = birth_date.split("-")
    if month != "00" and day != "00":
        return [K.birth_date == birth_date]
    prefix = f"{year}-" if month == "00" else f"{year}-{month}-"
    return [K.birth_date >= prefix, K.birth_date < prefix[:-1] + "."]


def _statements(criteria: _Criteria) -> Iterable[Select[tuple[int, str, str, str]]]:
    for reading in criteria.readings:
        given = _in_range(K.given_key, reading.given) if reading.given else []
        if criteria.birth_date:
            name = _in_range(K.name_key, reading.name) if reading.name else []
            yield _columns().where(*_date_filter(criteria.birth_date), *name, *given).order_by(
                K.birth_date, K.name_key).limit(CANDIDATES)
        if reading.name:
            yield _columns().where(*_in_range(K.name_key, reading.name), *given).order_by(
                K.name_key, K.given_key).limit(CANDIDATES)
        elif reading.given:
            yield _columns().where(*given).order_by(K.given_key, K.name_key).limit(CANDIDATES)
        if criteria.fuzzy and len(reading.name) >= 3:
            yield from _fuzzy_statements(reading, given)
    if criteria.birth_date and not criteria.readings:
        yield _columns().where(*_date_filter(criteria.birth_date)).order_by(
            K.birth_date, K.name_key).limit(CANDIDATES)


def _fuzzy_statements(reading: _Reading, given: list[object]) -> Iterable[Select[tuple[int, str, str, str]]]:
    """Bring in names spelt differently: same phonetic key, and alphabetical neighbours (late typos)."""
    yield _columns().where(*_in_range(K.name_phonetic, phonetic_key(reading.name)), *given).order_by(
        K.name_phonetic, K.given_key).limit(CANDIDATES)
    yield _columns().where(K.name_key >= reading.name).order_by(K.name_key).limit(CANDIDATES // 2)
    yield _columns().where(K.name_key < reading.name).order_by(K.name_key.desc()).limit(CANDIDATES // 2)
    yield _columns().where(*_in_range(K.name_key, reading.name[:3]), *given).order_by(
        K.name_key, K.given_key).limit(CANDIDATES)


def _part(query_key: str, stored: str, fuzzy: bool) -> tuple[MatchKind, float] | None:
    if stored == query_key:
        return MatchKind.EXACT, 100.0
    if stored.startswith(query_key):
        return MatchKind.PREFIX, 100.0
    if fuzzy and len(query_key) >= 3:
        similarity = max(fuzz.ratio(query_key, stored), fuzz.ratio(query_key, stored[:len(query_key)]))
        if similarity >= FUZZY_THRESHOLD:
            return MatchKind.FUZZY, similarity
    return None


def dates_match(query_date: str, stored: str) -> bool:
    """Known parts equal: a partial date matches every date it could be."""
    pairs = zip(query_date.split("-"), stored.split("-"), strict=True)
    return all(q == s or "00" in (q, s) for q, s in pairs)


_Scored = tuple[float, MatchKind, bool]  # score, weakest part's match kind, birth date matched


def _score(criteria: _Criteria, name_key: str, given_key: str, birth_date: str) -> _Scored | None:
    """Best score of one key row over the readings of the query; None when no reading matches."""
    date_match = criteria.birth_date is not None and dates_match(criteria.birth_date, birth_date)
    best: _Scored | None = None
    for reading in criteria.readings:
        name = _part(reading.name, name_key, criteria.fuzzy) if reading.name else None
        given = _part(reading.given, given_key, criteria.fuzzy) if reading.given else None
        if (reading.name and name is None) or (reading.given and given is None):
            continue
        name = name or given
        given = given or name
        assert name is not None and given is not None
        score = 60 * name[0] + 40 * given[0] + 50 * date_match + (name[1] + given[1]) / 40
        candidate = (score, min(name[0], given[0]), date_match)
        best = candidate if best is None or candidate > best else best
    if best is None and criteria.birth_date and not criteria.readings and date_match:
        best = (50.0 + 100 * MatchKind.EXACT, MatchKind.EXACT, True)
    return best


def search_patients(session: Session, query: SearchQuery, *, limit: int = 20) -> list[SearchHit]:
    """Patients matching query, best first (score, then name), at most limit."""
    criteria = _criteria(query)
    if not criteria.readings and not criteria.birth_date:
        return []
    best: dict[int, _Scored] = {}
    for statement in _statements(criteria):
        for patient_id, name_key, given_key, birth_date in session.execute(statement):
            scored = _score(criteria, name_key, given_key, birth_date)
            if scored is not None and (patient_id not in best or scored > best[patient_id]):
                best[patient_id] = scored
    ranked = sorted(best.items(), key=lambda item: -item[1][0])[:limit]
    return _hits(session, ranked)


def _hits(session: Session, ranked: Sequence[tuple[int, _Scored]]) -> list[SearchHit]:
    if not ranked:
        return []
    columns = (Patient.id, Patient.birth_name, Patient.used_name, Patient.birth_given_names,
               Patient.used_given_name, Patient.birth_date, Patient.sex, Patient.status)
    rows = session.execute(select(*columns).where(Patient.id.in_([patient_id for patient_id, _ in ranked])))
    by_id = {row.id: row for row in rows}
    hits = [SearchHit(patient_id, score, match, date_match, row.birth_name, row.used_name,
                      row.birth_given_names, row.used_given_name, row.birth_date, row.sex, row.status)
            for patient_id, (score, match, date_match) in ranked if (row := by_id.get(patient_id))]
    hits.sort(key=lambda hit: (-hit.score, hit.birth_name, hit.birth_given_names, hit.patient_id))
    return hits
