"""Reading the audit journal: filtered, as frozen snapshots, and exported as CSV for an administrator."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, select

from lgc_app.audit.events import AuditEvent
from lgc_app.audit.models import AuditEntry
from lgc_app.persistence.database import Database

DEFAULT_LIMIT = 2000  # rows on screen; the export takes every matching row


@dataclass(frozen=True)
class AuditFilter:
    """Every field empty: the whole journal. `until` is exclusive."""

    since: datetime | None = None
    until: datetime | None = None
    who: str = ""  # part of the user's name, case-insensitive
    patient_id: int | None = None
    events: frozenset[AuditEvent] = frozenset()


@dataclass(frozen=True)
class AuditLine:
    id: int
    at: datetime
    event: AuditEvent
    who: str
    workstation: str
    patient_id: int | None
    subject: str
    detail: str

    @classmethod
    def of(cls, row: AuditEntry) -> AuditLine:
        return cls(row.id, row.at, AuditEvent(row.event), row.who, row.workstation, row.patient_id, row.subject,
                   row.detail)


def _query(filters: AuditFilter) -> Select[AuditEntry]:
    query = select(AuditEntry)
    if filters.since is not None:
        query = query.where(AuditEntry.at >= filters.since)
    if filters.until is not None:
        query = query.where(AuditEntry.at < filters.until)
    if filters.who:
        query = query.where(AuditEntry.who.icontains(filters.who, autoescape=True))
    if filters.patient_id is not None:
        query = query.where(AuditEntry.patient_id == filters.patient_id)
    if filters.events:
        query = query.where(AuditEntry.event.in_(sorted(event.value for event in filters.events)))
    return query


def entries(db: Database, filters: AuditFilter, *, limit: int | None = DEFAULT_LIMIT) -> list[AuditLine]:
    """The matching entries, the latest first."""
    with db.reading() as session:
        rows = session.scalars(_query(filters).order_by(AuditEntry.id.desc()).limit(limit))
        return [AuditLine.of(row) for row in rows]


CSV_HEADER = ("n°", "date (UTC)", "événement", "utilisateur", "poste", "patient", "objet", "détail")


def to_csv(lines: Iterable[AuditLine]) -> str:
    """CSV (semicolon-separated, as French spreadsheets expect), oldest first."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for line in sorted(lines, key=lambda line: line.id):
        writer.writerow((line.id, line.at.isoformat(timespec="seconds"), line.event.label, line.who,
                         line.workstation, "" if line.patient_id is None else line.patient_id, line.subject,
                         line.detail))
    return out.getvalue()


def export_csv(db: Database, filters: AuditFilter) -> str:
    """Every matching entry as CSV."""
    return to_csv(entries(db, filters, limit=None))
