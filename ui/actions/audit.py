"""Audit journal actions of the GUI (Outils → Journal d'audit): the core queries on the database thread."""

from __future__ import annotations

from lgc_app.audit import chain, journal
from lgc_app.audit.journal import AuditFilter, AuditLine
from lgc_app.persistence.database import Database
from ui.tasks import run_db


async def entries(db: Database, filters: AuditFilter) -> list[AuditLine]:
    return await run_db(journal.entries, db, filters)


async def export_csv(db: Database, filters: AuditFilter) -> str:
    return await run_db(journal.export_csv, db, filters)


async def verify(db: Database) -> chain.ChainReport:
    return await run_db(chain.verify, db)
