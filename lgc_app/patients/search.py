"""Anteriority search: find a patient by birth or used name, first names and/or birth date.

Free text is read every way it can be: names then first names, first names then names, and first names
alone ("jean", "sophie": the search field says "nom, prénom, date"). Dates are typed as the user writes them:
`14/03/1985`, `14/3/1985`, `14031985`, `1985-03-14`, a month `03/1985` or a year `1985` (a partial date matches
every date it could be).

Insensitive to case, accents, hyphens, apostrophes and spaces (Ségur INS: "recherche d'antériorité non
sensible aux caractères spéciaux"), with an optional fuzzy mode, ranked exact > prefix > fuzzy with a boost
for a matching birth date.

Speed (target: p95 < 10 ms per call at 1,000,000 patients on SQLite): every query is an index range on
`patient_search_keys` (compact keys, prefix → `key >= p AND key < succ(p)`, covering indexes), each capped
at `CANDIDATES` rows before ranking in Python; `patients` is read only for the hits returned.

Fuzzy mode reads, for each name of the query (one or two words), the names that sound alike
(`name_phonetic` equality) and the names one typo away (SymSpell: the query name's deletion neighbourhood
looked up by equality in `patient_name_variants`, so a typo in the first letters is found as well as a late
one), ranks those names with rapidfuzz and reads the patients of the best `FUZZY_NAMES` by name equality.

A name prefix with a first name ("marti zoe") is not read as a range of names filtered by first name: that
range holds every bearer of a common name (22,000 MARTIN rows at 1M, 6-20 ms). The names of the range are
listed by index seeks (a loose index scan, `_NAMES_IN_RANGE`) and each is sought with the first-name range.
"""

from __future__ import annotations

import calendar
import contextlib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA
from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    ColumnExpressionArgument,
    Connection,
    Select,
    bindparam,
    literal_column,
    select,
)
from sqlalchemy.orm import Session

from lgc_app.patients.birth_date import BirthDateError, check_birth_date, parse_birth_date
from lgc_app.patients.models import Patient, PatientNameVariant, PatientSearchKey
from lgc_app.patients.phonetic import phonetic_key
from lgc_app.patients.search_index import PARTIAL_NAME_SEQ, VARIANT_MIN_LENGTH, variants
from lgc_app.patients.traits import search_key
from lgc_app.patients.vocabulary import IdentityStatus, Sex

CANDIDATES = 100  # rows read per index range, before ranking
NAME_SEEKS = 256  # names of a prefix sought one by one with a first name; a shorter prefix is scanned
NEAR_NAMES_READ = 500  # cap on the names read from the deletion neighbourhood of one query name
FUZZY_NAMES = 8  # names one typo away whose patients are read, the most similar first
FUZZY_NAME_WORDS = 2  # a name typed in two words ("le corre", "da silva") is read fuzzily too
FUZZY_THRESHOLD = 75  # rapidfuzz similarity (0-100) below which a fuzzy candidate is dropped
NEAR_SIMILARITY = 80.0  # given to a spelling one typo away (ROY / RYO) or sounding alike (PHILIPPE / FILIPE)
PARTIAL_NAME_PENALTY = 15  # `dupont` ranks DUPONT before D'ARC-DUPONT
# Score of a key row (`_Ranker.score`): per match kind (1-3) of the name and first-name parts, a matching birth
# date, and the similarities of the parts (0-100 each) as a tie-breaker.
NAME_WEIGHT, GIVEN_WEIGHT, DATE_WEIGHT, SIMILARITY_DIVISOR = 60, 40, 50, 40
MAX_NAME_TOKENS = 4
# Day and month of one or two digits (`14/3/1985`), a month (`3/1985`), a year alone (`1985`), ISO, `JJMMAAAA`.
_DAY_MONTH_YEAR = re.compile(r"^(?:(\d{1,2})[/.-])??(?:(\d{1,2})[/.-])?(\d{4})$")
_COMPACT_DATE = re.compile(r"^(?:\d{4}-\d{2}-\d{2}|\d{8})$")

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

    @classmethod
    def quick(cls, text: str) -> SearchQuery:
        """The quick search of the patient list: typing errors tolerated ("dupnot", "dupond" find DUPONT, after
        the exact and prefix matches), as the Ségur INS anteriority search asks, to avoid creating a duplicate."""
        return cls(text=text, fuzzy=True)


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
    name_words: int = 1  # words of the query joined into `name`; fuzzy retrieval runs up to FUZZY_NAME_WORDS


@dataclass(frozen=True)
class _Criteria:
    readings: tuple[_Reading, ...]
    birth_date: str | None
    fuzzy: bool


def _succ(prefix: str) -> str:
    """The smallest string greater than every string starting with prefix (keys are A-Z only)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def search_date(token: str) -> str | None:
    """The birth date (`YYYY-MM-DD`, 00 for what is not typed) a search token stands for; None for a token that
    is no date, or not yet one (`12/0`, `198`): a half-typed date is no criterion."""
    with contextlib.suppress(BirthDateError):
        if _COMPACT_DATE.fullmatch(token):
            return parse_birth_date(token)
        if match := _DAY_MONTH_YEAR.fullmatch(token):
            day, month, year = (int(part or 0) for part in match.groups())
            return check_birth_date(year, month, day, today=date.today())
    return None


def _criteria(query: SearchQuery) -> _Criteria:
    birth_date = query.birth_date
    if query.text:
        tokens = []
        for token in query.text.split():
            if any(ch.isdigit() for ch in token):
                birth_date = search_date(token) or birth_date
            elif key := search_key(token):
                tokens.append(key)
        if len(tokens) > MAX_NAME_TOKENS:
            tokens = [*tokens[:MAX_NAME_TOKENS - 1], "".join(tokens[MAX_NAME_TOKENS - 1:])]
        readings = [_Reading("".join(tokens[:k]), "".join(tokens[k:]), k) for k in range(1, len(tokens) + 1)]
        # First names typed first ("jean dupont") are read too, after the name-first readings.
        readings += [_Reading("".join(tokens[k:]), "".join(tokens[:k]), len(tokens) - k)
                     for k in range(1, len(tokens))]
        # And first names alone ("jean", "jean marie": the first-name keys run every birth first name together).
        readings.append(_Reading("", "".join(tokens), 0))
    else:
        readings = [_Reading(search_key(query.name), search_key(query.given_names))]
    readings = [r for r in dict.fromkeys(readings) if r.name or r.given]
    return _Criteria(tuple(readings), birth_date, query.fuzzy)


# Statements are built once, with bound parameters, so a search pays neither statement construction nor
# compilation: only the index ranges change. Every filter is a range `[lo, hi)` on a compact key; selected
# columns are all in the covering indexes (seq is part of every index entry): no table look-up per row.
_COLUMNS = (K.patient_id, K.seq, K.name_key, K.given_key, K.birth_date)
_NAME = (K.name_key >= bindparam("name_lo"), K.name_key < bindparam("name_hi"))
_GIVEN = (K.given_key >= bindparam("given_lo"), K.given_key < bindparam("given_hi"))
_DATE = (K.birth_date >= bindparam("date_lo"), K.birth_date < bindparam("date_hi"))
# A day or a month with a name or first name: one seek per date it matches (`_dates_of`), the partial dates
# recorded in that month or year included. A year alone is a range (366 parameters would cost more to bind).
_DATES = (K.birth_date.in_(bindparam("dates", expanding=True)),)
_PHONETIC = (K.name_phonetic == bindparam("phonetic"),)
# Fuzzy reads of one whole name: equalities, so that a common name's rows are sought, never scanned.
_NAME_IS = (K.name_key == bindparam("name"),)
_DATE_IS = (K.birth_date == bindparam("date"),)


def _template(*filters: ColumnElement[bool],
              order: tuple[ColumnExpressionArgument[str], ...]) -> Select[int, int, str, str, str]:
    return select(*_COLUMNS).where(*filters).order_by(*order).limit(CANDIDATES)


_BY_NAME = (K.name_key, K.given_key)
_BY_DATE = (K.birth_date, K.name_key)
_STATEMENTS = {
    "name": _template(*_NAME, order=_BY_NAME),
    "name+given": _template(*_NAME, *_GIVEN, order=_BY_NAME),
    # the same filters driven by the first-name index, for a first name longer (more selective) than the name
    "given+name": _template(*_GIVEN, *_NAME, order=(K.given_key, K.name_key)),
    "given": _template(*_GIVEN, order=(K.given_key, K.name_key)),
    "date": _template(*_DATE, order=_BY_DATE),
    "date+name": _template(*_DATE, *_NAME, order=_BY_DATE),
    "date+given": _template(*_DATE, *_GIVEN, order=_BY_DATE),
    "date+name+given": _template(*_DATE, *_NAME, *_GIVEN, order=_BY_DATE),
    # no ORDER BY: the dates are sought in order, a sort would read every match first
    "dates+name": _template(*_DATES, *_NAME, order=()),
    "dates+given": _template(*_DATES, *_GIVEN, order=()),
    "dates+name+given": _template(*_DATES, *_NAME, *_GIVEN, order=()),
    "phonetic": _template(*_PHONETIC, order=(K.name_phonetic, K.given_key)),
    "phonetic+given": _template(*_PHONETIC, *_GIVEN, order=(K.name_phonetic, K.given_key)),
    # no ORDER BY: PostgreSQL would sort every match of every name to keep the first CANDIDATES
    "names+given": _template(K.name_key.in_(bindparam("names", expanding=True)), *_GIVEN, order=()),
    "name=": _template(*_NAME_IS, order=(K.given_key,)),
    "name=+given": _template(*_NAME_IS, *_GIVEN, order=(K.given_key,)),
    "date=+name=": _template(*_DATE_IS, *_NAME_IS, order=(K.given_key,)),
    "date=+name=+given": _template(*_DATE_IS, *_NAME_IS, *_GIVEN, order=(K.given_key,)),
}


def _names_in_range() -> Select[str]:
    """The first NAME_SEEKS + 1 distinct names of [name_lo, name_hi), one index seek each (recursive CTE:
    each step is the smallest name after the previous one; "loose index scan", same SQL on PostgreSQL)."""
    def next_name(*after: ColumnElement[bool]) -> ColumnElement[str]:
        return (select(K.name_key).where(*after, K.name_key < bindparam("name_hi"))
                .order_by(K.name_key).limit(1).scalar_subquery())

    one: ColumnClause[int] = literal_column("1")  # literals, not parameters: PostgreSQL types a recursive column once
    names = select(next_name(K.name_key >= bindparam("name_lo")).label("name"), one.label("depth")).cte(
        "names", recursive=True)
    names = names.union_all(select(next_name(K.name_key > names.c.name), names.c.depth + one).where(
        names.c.name.is_not(None), names.c.depth <= literal_column(str(NAME_SEEKS))))
    return select(names.c.name).where(names.c.name.is_not(None))


_NAMES_IN_RANGE = _names_in_range()
_NEAR_NAMES = select(PatientNameVariant.name_key).where(
    PatientNameVariant.variant.in_(bindparam("variants", expanding=True))).limit(NEAR_NAMES_READ)
_HITS = select(Patient.id, Patient.birth_name, Patient.used_name, Patient.birth_given_names,
               Patient.used_given_name, Patient.birth_date, Patient.sex, Patient.status).where(
    Patient.id.in_(bindparam("ids", expanding=True)))


def _date_prefix(birth_date: str) -> str:
    """The whole date when known; `YYYY-` or `YYYY-MM-` when partial (every date it could be)."""
    year, month, day = birth_date.split("-")
    if month == "00":
        return f"{year}-"
    return f"{year}-{month}-" if day == "00" else birth_date


def _dates_of(birth_date: str) -> list[str]:
    """Every stored date that birth_date matches (`dates_match`): itself, or each day of its month or year,
    and the partial forms that may hold it (`1985-03-00`, `1985-00-00`)."""
    year, month, day = birth_date.split("-")
    dates = {f"{year}-00-00"}
    for known in [month] if month != "00" else [f"{number:02d}" for number in range(1, 13)]:
        dates.add(f"{year}-{known}-00")
        last = calendar.monthrange(int(year), int(known))[1]
        dates.update([f"{year}-{known}-{day}"] if day != "00" else
                     (f"{year}-{known}-{number:02d}" for number in range(1, last + 1)))
    return sorted(dates)


_Params = Mapping[str, str | list[str]]


def _range(name: str, prefix: str) -> dict[str, str]:
    return {f"{name}_lo": prefix, f"{name}_hi": _succ(prefix)}


def _date_filter(birth_date: str | None) -> tuple[str | None, _Params]:
    """How a birth date narrows a name or first-name statement: a year as a range (`date+…`), a day or a
    month as the list of dates it matches (`dates+…`)."""
    if birth_date is None:
        return None, {}
    if birth_date.endswith("-00-00"):
        return "date", dict(_range("date", _date_prefix(birth_date)))
    return "dates", {"dates": _dates_of(birth_date)}


def _statements(connection: Connection, criteria: _Criteria) -> Iterator[tuple[str, _Params]]:
    date_kind, dates = _date_filter(criteria.birth_date)
    for reading in criteria.readings:
        parts = [part for part, key in (("name", reading.name), ("given", reading.given)) if key]
        params = {**(_range("name", reading.name) if reading.name else {}),
                  **(_range("given", reading.given) if reading.given else {})}
        if date_kind:
            yield "+".join([date_kind, *parts]), {**dates, **params}
        if reading.name and reading.given:
            yield from _name_and_given(connection, reading, params)
        else:
            yield parts[0], params
    if criteria.birth_date and not criteria.readings:
        yield "date", _range("date", _date_prefix(criteria.birth_date))


def _name_and_given(connection: Connection, reading: _Reading, params: dict[str, str]) -> Iterator[
        tuple[str, _Params]]:
    """Each name of the name range sought with the first-name range; past NAME_SEEKS names (a short prefix,
    whose range is then dense with matches) one index range, driven by the longer (more selective) key."""
    names = connection.execute(_NAMES_IN_RANGE, params).scalars().all()
    if len(names) > NAME_SEEKS:
        yield ("name+given" if len(reading.name) >= len(reading.given) else "given+name"), params
    elif names:
        yield "names+given", {"names": list(names), **_range("given", reading.given)}


def _fuzzy_readings(criteria: _Criteria) -> Iterator[_Reading]:
    if criteria.fuzzy:
        yield from (reading for reading in criteria.readings
                    if len(reading.name) >= VARIANT_MIN_LENGTH and reading.name_words <= FUZZY_NAME_WORDS)


def _fuzzy_statements(connection: Connection, ranker: _Ranker) -> Iterator[tuple[str, _Params]]:
    """Names spelt differently: sounding alike, then the closest names one typo away, by name equality."""
    birth_date = ranker.criteria.birth_date
    full_date = {"date": birth_date} if birth_date and _date_prefix(birth_date) == birth_date else {}
    for reading in _fuzzy_readings(ranker.criteria):
        given = _range("given", reading.given) if reading.given else {}
        suffix = "+given" if given else ""
        yield f"phonetic{suffix}", {"phonetic": phonetic_key(reading.name), **given}
        for name in _near_names(connection, ranker, reading.name):
            if full_date:  # one seek on the birth-date index, whatever the number of bearers of the name
                yield f"date=+name={suffix}", {**full_date, "name": name, **given}
            yield f"name={suffix}", {"name": name, **given}


def _near_names(connection: Connection, ranker: _Ranker, name: str) -> list[str]:
    """The FUZZY_NAMES stored names closest to name among those sharing a variant with it: one typo away
    first (`RONEL` for `ORNEL`, before `MOREL`), then by similarity.

    Names starting with name are left out: the prefix reading has already read them.
    """
    found = connection.execute(_NEAR_NAMES, {"variants": sorted(variants(name))}).scalars()
    scored = [(OSA.distance(name, candidate, score_cutoff=2), -part[1], candidate) for candidate in set(found)
              if not candidate.startswith(name) and (part := ranker.part(name, candidate)) is not None]
    return [candidate for *_, candidate in sorted(scored)[:FUZZY_NAMES]]


def dates_match(query_date: str, stored: str) -> bool:
    """Known parts equal: a partial date matches every date it could be."""
    pairs = zip(query_date.split("-"), stored.split("-"), strict=True)
    return all(q == s or "00" in (q, s) for q, s in pairs)


_Scored = tuple[float, MatchKind, bool]  # score, weakest part's match kind, birth date matched


class _Ranker:
    """Scores key rows against the readings of one query, memoising per key: common names repeat."""

    def __init__(self, criteria: _Criteria) -> None:
        self.criteria = criteria
        self._parts: dict[tuple[str, str], tuple[MatchKind, float] | None] = {}

    def part(self, query_key: str, stored: str) -> tuple[MatchKind, float] | None:
        """How stored matches query_key: exact, prefix, fuzzy (with its similarity) or not at all."""
        memo = self._parts.get((query_key, stored), False)
        if memo is not False:
            return memo  # type: ignore[return-value]
        result: tuple[MatchKind, float] | None = None
        if stored == query_key:
            result = MatchKind.EXACT, 100.0
        elif stored.startswith(query_key):
            result = MatchKind.PREFIX, 100.0
        elif self.criteria.fuzzy and len(query_key) >= VARIANT_MIN_LENGTH:
            similarity = max(fuzz.ratio(query_key, stored), fuzz.ratio(query_key, stored[:len(query_key)]))
            if similarity < FUZZY_THRESHOLD and (OSA.distance(query_key, stored, score_cutoff=1) <= 1
                                                 or phonetic_key(stored).startswith(phonetic_key(query_key))):
                similarity = NEAR_SIMILARITY
            if similarity >= FUZZY_THRESHOLD:
                result = MatchKind.FUZZY, similarity
        self._parts[(query_key, stored)] = result
        return result

    def score(self, seq: int, name_key: str, given_key: str, birth_date: str) -> _Scored | None:
        """Best score of one key row over the readings; None when no reading matches."""
        criteria = self.criteria
        date_match = criteria.birth_date is not None and dates_match(criteria.birth_date, birth_date)
        best: _Scored | None = None
        for reading in criteria.readings:
            name = self.part(reading.name, name_key) if reading.name else None
            given = self.part(reading.given, given_key) if reading.given else None
            if (reading.name and name is None) or (reading.given and given is None):
                continue
            name = name or given
            given = given or name
            assert name is not None and given is not None
            score = (NAME_WEIGHT * name[0] + GIVEN_WEIGHT * given[0] + DATE_WEIGHT * date_match
                     + (name[1] + given[1]) / SIMILARITY_DIVISOR)
            if seq >= PARTIAL_NAME_SEQ and reading.name:
                score -= PARTIAL_NAME_PENALTY
            candidate = (score, min(name[0], given[0]), date_match)
            best = candidate if best is None or candidate > best else best
        if best is None and criteria.birth_date and not criteria.readings and date_match:
            best = (DATE_WEIGHT + (NAME_WEIGHT + GIVEN_WEIGHT) * MatchKind.EXACT, MatchKind.EXACT, True)
        return best


def search_patients(session: Session, query: SearchQuery, *, limit: int = 20) -> list[SearchHit]:
    """Patients matching query, best first (score, then name), at most limit."""
    criteria = _criteria(query)
    if not criteria.readings and not criteria.birth_date:
        return []
    ranker = _Ranker(criteria)
    best: dict[int, _Scored] = {}
    connection = session.connection()
    _collect(connection, _statements(connection, criteria), ranker, best)
    ceiling = _fuzzy_ceiling(criteria)
    # Names spelt differently are read only while the exact and prefix matches leave room in the first `limit`:
    # beyond that none could enter the list (p95 of the quick search, which is fuzzy, on common names).
    if ceiling is not None and sum(scored[0] > ceiling for scored in best.values()) < limit:
        _collect(connection, _fuzzy_statements(connection, ranker), ranker, best)
    ranked = sorted(best.items(), key=lambda item: -item[1][0])[:limit]
    return _hits(session, ranked)


def _collect(connection: Connection, statements: Iterable[tuple[str, _Params]], ranker: _Ranker,
             best: dict[int, _Scored]) -> None:
    """Run statements, keeping each patient's best score in best."""
    for statement, params in statements:
        rows = connection.execute(_STATEMENTS[statement], params)
        for patient_id, seq, name_key, given_key, birth_date in rows:
            scored = ranker.score(seq, name_key, given_key, birth_date)
            if scored is not None and (patient_id not in best or scored > best[patient_id]):
                best[patient_id] = scored


def _fuzzy_ceiling(criteria: _Criteria) -> float | None:
    """The best score a row found only by the fuzzy statements can reach (a near name, the best first name
    and birth date); None when no reading is read fuzzily."""
    ceilings = [NAME_WEIGHT * MatchKind.FUZZY + GIVEN_WEIGHT * (MatchKind.EXACT if reading.given else MatchKind.FUZZY)
                for reading in _fuzzy_readings(criteria)]
    if not ceilings:
        return None
    return max(ceilings) + DATE_WEIGHT * (criteria.birth_date is not None) + 200 / SIMILARITY_DIVISOR


def _hits(session: Session, ranked: Sequence[tuple[int, _Scored]]) -> list[SearchHit]:
    if not ranked:
        return []
    rows = session.connection().execute(_HITS, {"ids": [patient_id for patient_id, _ in ranked]})
    by_id = {row.id: row for row in rows}
    hits = [SearchHit(patient_id, score, match, date_match, row.birth_name, row.used_name,
                      row.birth_given_names, row.used_given_name, row.birth_date, row.sex, row.status)
            for patient_id, (score, match, date_match) in ranked if (row := by_id.get(patient_id))]
    hits.sort(key=lambda hit: (-hit.score, hit.birth_name, hit.birth_given_names, hit.patient_id))
    return hits
