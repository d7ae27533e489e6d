"""Maintenance of `patient_search_keys`: one row per (name form × first-name form) of each patient.

Name forms: the birth name and the used name, each whole and without its leading components (so that
`D'ARC-DUPONT` is found by `dupont` and by `arc dupont`). First-name forms: all birth first names run
together (so `jean` and `jean marie` find `JEAN MARIE`), and the used first name. Every key is compact
(A-Z only, `traits.search_key`), which makes the search insensitive to case, accents, hyphens, apostrophes
and spaces.

The fuzzy search also needs `patient_name_variants`: every name key with at most one letter deleted
(SymSpell deletion neighbourhood), so that names one typo apart are found by index equality.

Rows are rewritten after every flush that creates a patient or touches a searchable trait, by a session
listener: whoever writes patients through the ORM keeps the index right. Bulk loaders call `key_rows` and
`variant_rows`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, Insert, delete, event, insert, inspect
from sqlalchemy.orm import Session, UOWTransaction

from lgc_app.patients.models import Patient, PatientNameVariant, PatientSearchKey
from lgc_app.patients.phonetic import phonetic_key
from lgc_app.patients.traits import name_parts, search_key

# Rows made from a trailing component of a compound name (`DUPONT` of `D'ARC-DUPONT`) are numbered from here:
# `seq` is in every index entry (primary key of a WITHOUT ROWID table), so ranking can prefer whole names
# without reading the table.
PARTIAL_NAME_SEQ = 1000
SEARCHABLE = ("birth_name", "used_name", "birth_given_names", "used_given_name", "birth_date")
# Shorter names are left out of the deletion neighbourhood: their one-letter variants would each stand for
# hundreds of names. The fuzzy search starts at the same length.
VARIANT_MIN_LENGTH = 3


def name_forms(name: str | None) -> list[str]:
    """`D'ARC-DUPONT` → `DARCDUPONT`, `ARCDUPONT`, `DUPONT` (trailing runs of components)."""
    parts = name_parts(name or "")
    return ["".join(parts[start:]) for start in range(len(parts))]


def key_rows(patient_id: int, birth_name: str, birth_given_names: str, birth_date: str,
             used_name: str | None = None, used_given_name: str | None = None) -> Iterator[dict[str, Any]]:
    """The search-key rows of one patient, as dicts ready for an executemany insert."""
    birth_forms, used_forms = name_forms(birth_name), name_forms(used_name)
    whole = {forms[0] for forms in (birth_forms, used_forms) if forms}
    names = list(dict.fromkeys(birth_forms + used_forms))
    given_keys = (search_key(birth_given_names), search_key(used_given_name or ""))
    givens = list(dict.fromkeys(key for key in given_keys if key)) or [""]
    count = 0
    for name in names:
        phonetic = phonetic_key(name)
        first_seq = 0 if name in whole else PARTIAL_NAME_SEQ
        for given in givens:
            yield {"patient_id": patient_id, "seq": first_seq + count, "name_key": name, "given_key": given,
                   "name_phonetic": phonetic, "birth_date": birth_date}
            count += 1


def variants(key: str) -> set[str]:
    """The key itself and the key with any one letter deleted (`DUPONT` → `DUPONT`, `UPONT`, `DPONT`, …)."""
    return {key, *(key[:i] + key[i + 1:] for i in range(len(key)))}


def variant_rows(name_keys: Iterable[str]) -> Iterator[dict[str, str]]:
    """The `patient_name_variants` rows of some name keys, as dicts ready for an executemany insert."""
    for name in dict.fromkeys(name_keys):
        if len(name) >= VARIANT_MIN_LENGTH:
            yield from ({"variant": variant, "name_key": name} for variant in sorted(variants(name)))


def _add_variants(connection: Connection, name_keys: Iterable[str]) -> None:
    rows = list(variant_rows(name_keys))
    if not rows:
        return
    # Names are shared: a variant may already be there (or be added by another workstation meanwhile).
    # the dialect's module is imported here: the PostgreSQL one (~25 ms of imports) only on a PostgreSQL base
    statement: Insert
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        statement = postgresql.insert(PatientNameVariant).on_conflict_do_nothing()
    else:
        from sqlalchemy.dialects import sqlite

        statement = sqlite.insert(PatientNameVariant).on_conflict_do_nothing()
    connection.execute(statement, rows)


def _needs_rewrite(patient: Patient, is_new: bool) -> bool:
    if is_new:
        return True
    state = inspect(patient)
    return any(state.attrs[name].history.has_changes() for name in SEARCHABLE)


@event.listens_for(Session, "after_flush")
def _rewrite_keys(session: Session, _flush: UOWTransaction) -> None:
    # session.new / session.dirty still show the pre-flush state here (SQLAlchemy after_flush contract).
    changed = [p for p in session.new if isinstance(p, Patient)]
    changed += [p for p in session.dirty if isinstance(p, Patient) and _needs_rewrite(p, False)]
    if not changed:
        return
    connection = session.connection()
    ids = [patient.id for patient in changed]
    connection.execute(delete(PatientSearchKey).where(PatientSearchKey.patient_id.in_(ids)))
    rows = [row for patient in changed
            for row in key_rows(patient.id, patient.birth_name, patient.birth_given_names, patient.birth_date,
                                patient.used_name, patient.used_given_name)]
    connection.execute(insert(PatientSearchKey), rows)
    _add_variants(connection, (row["name_key"] for row in rows))
