"""Persistence of the DMP simulator: patients, registry (entries, submission sets, associations), repository.

One SQLite file in the simulator's data folder (stdlib `sqlite3`), used by one writer at a time: every
transaction holds `Store.lock`, so checks and writes of one request are atomic with respect to others.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS patients (
    ins TEXT PRIMARY KEY, oid TEXT NOT NULL, family_name TEXT NOT NULL, given_name TEXT NOT NULL,
    birth_date TEXT NOT NULL, sex TEXT NOT NULL, dmp TEXT NOT NULL, opposition INTEGER NOT NULL,
    authorize_all INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS authorizations (
    ins TEXT NOT NULL, professional TEXT NOT NULL, PRIMARY KEY (ins, professional));
CREATE TABLE IF NOT EXISTS entries (
    entry_uuid TEXT PRIMARY KEY, lid TEXT NOT NULL, version INTEGER NOT NULL, unique_id TEXT NOT NULL,
    ins TEXT NOT NULL, oid TEXT NOT NULL, status TEXT NOT NULL, class_code TEXT NOT NULL,
    type_code TEXT NOT NULL, format_code TEXT NOT NULL, healthcare TEXT NOT NULL, practice TEXT NOT NULL,
    confidentiality TEXT NOT NULL,
    creation_time TEXT NOT NULL, service_start TEXT NOT NULL, submitter TEXT NOT NULL,
    repository_id TEXT NOT NULL, hash TEXT NOT NULL, size INTEGER NOT NULL, xml BLOB NOT NULL,
    seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS entries_patient ON entries (ins, oid);
CREATE INDEX IF NOT EXISTS entries_unique_id ON entries (unique_id);
CREATE INDEX IF NOT EXISTS entries_lid ON entries (lid);
CREATE INDEX IF NOT EXISTS entries_seq ON entries (seq);
CREATE TABLE IF NOT EXISTS contents (unique_id TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS submission_sets (
    entry_uuid TEXT PRIMARY KEY, unique_id TEXT NOT NULL UNIQUE, ins TEXT NOT NULL, xml BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS associations (
    entry_uuid TEXT PRIMARY KEY, type TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
    xml BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS associations_source ON associations (source);
CREATE INDEX IF NOT EXISTS associations_target ON associations (target);
"""

SEPARATOR = "|"  # between the `code^scheme` items of `confidentiality`


@dataclass(frozen=True)
class Patient:
    ins: str
    oid: str
    family_name: str
    given_name: str
    birth_date: str
    sex: str
    dmp: str  # "open" or "closed"
    opposition: bool
    authorize_all: bool


@dataclass(frozen=True)
class Entry:
    """One version of a DocumentEntry; codes are `code^scheme`, times XDS DTM strings."""

    entry_uuid: str
    lid: str
    version: int
    unique_id: str
    ins: str
    oid: str
    status: str
    class_code: str
    type_code: str
    format_code: str
    healthcare: str
    practice: str
    confidentiality: str
    creation_time: str
    service_start: str
    submitter: str
    repository_id: str
    hash: str
    size: int
    xml: bytes
    seq: int = 0

    @property
    def confidentiality_codes(self) -> set[str]:
        return set(filter(None, self.confidentiality.split(SEPARATOR)))


@dataclass(frozen=True)
class Association:
    entry_uuid: str
    type: str
    source: str
    target: str
    xml: bytes


class Store:
    def __init__(self, path: Path) -> None:
        self.lock = threading.RLock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # A simulator needs atomicity, not durability against power loss: no fsync per transaction.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # --- patients ----------------------------------------------------------------------------------------
    def patient(self, ins: str, oid: str) -> Patient | None:
        row = self._db.execute("SELECT * FROM patients WHERE ins = ? AND oid = ?", (ins, oid)).fetchone()
        if row is None:
            return None
        ins, oid, family_name, given_name, birth_date, sex, dmp, opposition, authorize_all = row
        # SQLite gives the two flags as integers
        return Patient(ins, oid, family_name, given_name, birth_date, sex, dmp, bool(opposition), bool(authorize_all))

    def is_empty(self) -> bool:
        count: int = self._db.execute("SELECT COUNT(*) FROM patients").fetchone()[0]
        return count == 0

    def save_patient(self, patient: Patient) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO patients VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                patient.ins,
                patient.oid,
                patient.family_name,
                patient.given_name,
                patient.birth_date,
                patient.sex,
                patient.dmp,
                int(patient.opposition),
                int(patient.authorize_all),
            ),
        )

    def authorized(self, ins: str, professional: str) -> bool:
        return (
            self._db.execute(
                "SELECT 1 FROM authorizations WHERE ins = ? AND professional = ?", (ins, professional)
            ).fetchone()
            is not None
        )

    def set_authorization(self, ins: str, professional: str, granted: bool) -> None:
        if granted:
            self._db.execute("INSERT OR IGNORE INTO authorizations VALUES (?, ?)", (ins, professional))
        else:
            self._db.execute(
                "DELETE FROM authorizations WHERE ins = ? AND professional = ?", (ins, professional)
            )

    # --- registry ----------------------------------------------------------------------------------------
    def _entries(self, where: str, parameters: Iterable[object]) -> list[Entry]:
        rows = self._db.execute(f"SELECT * FROM entries WHERE {where} ORDER BY seq", tuple(parameters))  # noqa: S608
        return [Entry(*row) for row in rows]

    def entry(self, entry_uuid: str) -> Entry | None:
        found = self._entries("entry_uuid = ?", (entry_uuid,))
        return found[0] if found else None

    def entries_by_unique_id(self, unique_id: str) -> list[Entry]:
        return self._entries("unique_id = ?", (unique_id,))

    def entries_by_lid(self, lid: str) -> list[Entry]:
        return self._entries("lid = ?", (lid,))

    def entries_of(self, ins: str, oid: str) -> list[Entry]:
        return self._entries("ins = ? AND oid = ?", (ins, oid))

    def add_entry(self, entry: Entry) -> None:
        seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM entries").fetchone()[0]
        values = (*[getattr(entry, name) for name in Entry.__dataclass_fields__ if name != "seq"], seq)
        self._db.execute(f"INSERT INTO entries VALUES ({', '.join('?' * len(values))})", values)  # noqa: S608

    def set_status(self, entry_uuid: str, status: str) -> None:
        self._db.execute("UPDATE entries SET status = ? WHERE entry_uuid = ?", (status, entry_uuid))

    def submission_set(self, unique_id: str) -> str | None:
        row = self._db.execute(
            "SELECT entry_uuid FROM submission_sets WHERE unique_id = ?", (unique_id,)
        ).fetchone()
        return None if row is None else row[0]

    def add_submission_set(self, entry_uuid: str, unique_id: str, ins: str, xml: bytes) -> None:
        self._db.execute("INSERT INTO submission_sets VALUES (?, ?, ?, ?)", (entry_uuid, unique_id, ins, xml))

    def add_association(self, association: Association) -> None:
        self._db.execute(
            "INSERT INTO associations VALUES (?, ?, ?, ?, ?)",
            (
                association.entry_uuid,
                association.type,
                association.source,
                association.target,
                association.xml,
            ),
        )

    def associations_of(self, ids: Iterable[str]) -> list[Association]:
        ids = list(ids)
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        rows = self._db.execute(
            f"SELECT * FROM associations WHERE source IN ({marks}) OR target IN ({marks})",  # noqa: S608
            (*ids, *ids),
        )
        return [Association(*row) for row in rows]

    # --- repository --------------------------------------------------------------------------------------
    def put_content(self, unique_id: str, data: bytes) -> None:
        self._db.execute("INSERT OR IGNORE INTO contents VALUES (?, ?)", (unique_id, data))

    def content(self, unique_id: str) -> bytes | None:
        row = self._db.execute("SELECT data FROM contents WHERE unique_id = ?", (unique_id,)).fetchone()
        return None if row is None else bytes(row[0])

    def close(self) -> None:
        self._db.close()
