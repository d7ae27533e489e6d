"""Directory actions of the GUI: the Annuaire search (network on the loop, cache on the database thread) and
the correspondents use cases on the database thread."""

from __future__ import annotations

from lgc_app.bootstrap import AppContext
from lgc_app.directory import searching, use_cases
from lgc_app.directory.use_cases import CorrespondentRole, CorrespondentView
from lgc_app.persistence.database import Database
from services.annuaire import PractitionerEntry, PractitionerQuery, SearchPage
from ui.tasks import run_db


async def search(context: AppContext, query: PractitionerQuery) -> SearchPage:
    client = await context.services.annuaire.get()
    return await searching.search(client, context.database, query, run_db)


async def more(context: AppContext, page: SearchPage) -> SearchPage | None:
    client = await context.services.annuaire.get()
    return await searching.more(client, context.database, page, run_db)


async def correspondents(db: Database, patient_id: int) -> tuple[CorrespondentView, ...]:
    return await run_db(use_cases.correspondents, db, patient_id)


async def add_correspondent(context: AppContext, patient_id: int, entry: PractitionerEntry, role: CorrespondentRole,
                            mailbox: str) -> CorrespondentView:
    return await run_db(use_cases.add_correspondent, context.database, patient_id, entry, role, mailbox,
                        who=context.session.who)


async def change_correspondent(db: Database, correspondent_id: int, role: CorrespondentRole,
                               mailbox: str) -> CorrespondentView:
    return await run_db(use_cases.change_correspondent, db, correspondent_id, role, mailbox)


async def cached_entry(db: Database, rpps: str) -> use_cases.CachedEntry | None:
    return await run_db(use_cases.cached, db, rpps)


async def remove_correspondent(db: Database, correspondent_id: int) -> None:
    await run_db(use_cases.remove_correspondent, db, correspondent_id)
