"""The hash chain of the journal: each row's SHA-256 covers its canonical serialisation and the previous
row's hash, so that changing, inserting or removing a row breaks every hash after it (issue 11, item 6).

The serialisation is canonical JSON (sorted keys, no spaces, UTF-8, timestamps in UTC ISO 8601 to the
microsecond) so that SQLite and PostgreSQL, which store the same values differently, give the same hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from lgc_app.audit.models import GENESIS_HASH, AuditChainHead, AuditEntry
from lgc_app.persistence.database import Database

BATCH = 500  # rows read at a time by verify: the journal may hold millions


@dataclass(frozen=True)
class ChainFields:
    """What the hash of a row covers: every column but the hash itself."""

    id: int
    at: datetime
    event: str
    who: str
    workstation: str
    patient_id: int | None
    subject: str
    detail: str
    previous_hash: str

    @classmethod
    def of(cls, row: AuditEntry) -> ChainFields:
        return cls(row.id, row.at, row.event, row.who, row.workstation, row.patient_id, row.subject, row.detail,
                   row.previous_hash)

    def columns(self) -> dict[str, Any]:
        """The row's column values (all but the hash)."""
        return dict(vars(self))

    def canonical(self) -> bytes:
        fields = {"id": self.id, "at": self.at.astimezone(UTC).isoformat(timespec="microseconds"),
                  "event": self.event, "who": self.who, "workstation": self.workstation,
                  "patient_id": self.patient_id, "subject": self.subject, "detail": self.detail,
                  "previous_hash": self.previous_hash}
        return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()

    def hash(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    """The outcome of `verify`: intact when `broken_at` is None, else the first row that does not hold."""

    checked: int
    broken_at: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None

    @property
    def text(self) -> str:
        """French, for the command line and the journal screen."""
        if self.intact:
            return f"Journal d'audit intègre : {self.checked} entrée(s) vérifiée(s)."
        return f"Journal d'audit altéré à l'entrée {self.broken_at} : {self.reason}"


def verify(db: Database) -> ChainReport:
    """Recompute the chain from the first row; report the first row whose rank, link or hash is wrong, then
    compare the last row with the chain head (a removed tail)."""
    expected_id, previous = 1, GENESIS_HASH
    with db.reading() as session:
        for row in session.scalars(select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=BATCH)):
            if row.id != expected_id:
                return ChainReport(expected_id - 1, expected_id, f"entrée manquante (trouvé l'entrée {row.id}).")
            if row.previous_hash != previous:
                return ChainReport(expected_id - 1, row.id, "le lien avec l'entrée précédente est rompu.")
            if ChainFields.of(row).hash() != row.hash:
                return ChainReport(expected_id - 1, row.id, "son contenu a été modifié après son écriture.")
            expected_id, previous = expected_id + 1, row.hash
        head = session.get(AuditChainHead, 1)
    checked = expected_id - 1
    if head is None:
        return ChainReport(checked, checked + 1, "la tête de chaîne a disparu.")
    if head.last_id != checked or head.last_hash != previous:
        return ChainReport(checked, checked + 1, f"des entrées ont été retirées (la tête de chaîne annonce "
                                                 f"{head.last_id} entrée(s)).")
    return ChainReport(checked)
