"""MSSanté sending actions of the GUI (compose dialog, objection, preferences): each core use case as a
coroutine for the task bridge, run on the database thread; files are read in the worker pool."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lgc_app.bootstrap import AppContext
from lgc_app.mss import compose
from lgc_app.mss.compose import Draft, FileAttachment, Queued, RecipientChoices
from lgc_app.mss.patient_objection import ObjectionStatus, objection_status, set_objection
from lgc_app.mss.preferences import SendingPreferences, read_preferences, save_preferences
from lgc_app.persistence.database import Database
from ui.tasks import run_db, run_in_thread


async def recipient_choices(db: Database, patient_id: int) -> RecipientChoices:
    return await run_db(compose.recipient_choices, db, patient_id)


async def read_files(paths: Sequence[Path], limit: int) -> list[FileAttachment]:
    """Read and check each file; the first refusal (French) fails the whole choice."""
    return await run_in_thread(lambda: [compose.read_attachment(path, limit=limit) for path in paths])


async def send(context: AppContext, draft: Draft) -> Queued:
    return await run_db(compose.queue_message, context.database, draft, context.session.actor(),
                        limit=compose.operator_limit(context.settings))


async def objection(db: Database, patient_id: int) -> ObjectionStatus:
    return await run_db(objection_status, db, patient_id)


async def set_patient_objection(context: AppContext, patient_id: int, objects: bool) -> ObjectionStatus:
    db = context.database

    def record() -> ObjectionStatus:
        set_objection(db, patient_id, objects, context.session.who)
        return objection_status(db, patient_id)
    return await run_db(record)


async def preferences(db: Database, practitioner_id: int) -> SendingPreferences:
    return await run_db(read_preferences, db, practitioner_id)


async def set_preferences(context: AppContext, practitioner_id: int, chosen: SendingPreferences) -> None:
    await run_db(save_preferences, context.database, practitioner_id, chosen, context.session.actor())
