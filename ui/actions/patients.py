"""Patient actions of the GUI: thin coroutines over the `lgc_app.patients` use cases (Anki
`aqt/operations/note.py`).

Each is meant for the task bridge (`TaskManager.run`): the use cases (which open their own unit of work and
return frozen snapshots) run on the database thread (`run_db`), file and image work on the CPU pool
(`run_in_thread`), INSi requests are awaited on the loop.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from lgc_app.bootstrap import AppContext
from lgc_app.documents.actors import Actor
from lgc_app.patients import datamatrix, indicators, insi_lookup, use_cases
from lgc_app.patients.birth_place import Place, find_places, place_for_code
from lgc_app.patients.insi_lookup import InsiAnswer
from lgc_app.patients.list_rows import PatientRow
from lgc_app.patients.service import PatientDraft
from lgc_app.patients.use_cases import CheckPreview, Created, DatamatrixOwner, InsiApplied, Updated
from lgc_app.patients.views import PatientView
from lgc_app.patients.vocabulary import IdentityDocumentType
from lgc_app.persistence.database import Database
from services.insi import InsiIdentity, VitaleQuery
from ui.tasks import run_db, run_in_thread

if TYPE_CHECKING:
    from services.insi import InsiClient

LIST_LIMIT = 50


def user_of(context: AppContext) -> Actor:
    """Who acts, from which workstation, as the status history and the audit journal record it: the session's
    user."""
    return context.session.actor()


async def search(db: Database, text: str, *, limit: int = LIST_LIMIT) -> list[PatientRow]:
    """The patient list's rows for text (quick search, typing errors tolerated)."""
    return await run_db(use_cases.search_rows, db, text, limit=limit)


async def recent(db: Database, *, limit: int = LIST_LIMIT) -> list[PatientRow]:
    """The patients created or updated last: the list before any search."""
    return await run_db(use_cases.recent_rows, db, limit=limit)


async def load_patient(db: Database, patient_id: int) -> PatientView:
    """The record again (a refresh after a change elsewhere): not journaled."""
    return await run_db(use_cases.load_patient, db, patient_id)


async def open_patient(db: Database, patient_id: int, user: Actor) -> PatientView:
    """A user opens a patient record: journaled (audit)."""
    return await run_db(use_cases.open_patient, db, patient_id, user)


async def create_patient(db: Database, draft: PatientDraft, user: Actor, *,
                         ignore_duplicates: bool = False) -> Created:
    """Create, unless possible duplicates are found first (nothing created then: `outcome.patient` None)."""
    return await run_db(use_cases.create_patient, db, draft, user, ignore_duplicates=ignore_duplicates)


async def update_patient(db: Database, patient_id: int, draft: PatientDraft, user: Actor, *,
                         expected_version: int) -> Updated:
    return await run_db(use_cases.update_patient, db, patient_id, draft, user, expected_version=expected_version)


async def preview_identity_check(db: Database, patient_id: int, document: IdentityDocumentType) -> CheckPreview:
    """What recording document as seen would change (asked before recording). Raises TransitionError."""
    return await run_db(use_cases.preview_identity_check, db, patient_id, document)


async def record_identity_check(db: Database, patient_id: int, document: IdentityDocumentType,
                                user: Actor) -> PatientView:
    return await run_db(use_cases.record_identity_check, db, patient_id, document, user)


async def set_attributes(db: Database, patient_id: int, user: Actor, *, doubtful: bool | None = None,
                         fictitious: bool | None = None, homonym: bool | None = None) -> PatientView:
    return await run_db(use_cases.set_attributes, db, patient_id, user, doubtful=doubtful, fictitious=fictitious,
                        homonym=homonym)


async def save_vitale_card(db: Database, patient_id: int, user: Actor, *, insured_nir: str,
                           card_id: int | None = None, beneficiary_nir: str | None = None, birth_rank: int = 1,
                           birth_date: str | None = None, name: str | None = None,
                           given_name: str | None = None) -> PatientView:
    """Add (card_id None) or edit a carte Vitale; the patient with its cards (identity untouched).

    Raises:
        VitaleInputError: refused card data (French message per field).
    """
    return await run_db(use_cases.save_vitale_card, db, patient_id, user, insured_nir=insured_nir, card_id=card_id,
                        beneficiary_nir=beneficiary_nir, birth_rank=birth_rank, birth_date=birth_date, name=name,
                        given_name=given_name)


async def remove_vitale_card(db: Database, patient_id: int, card_id: int, user: Actor) -> PatientView:
    return await run_db(use_cases.remove_vitale_card, db, patient_id, card_id, user)


# -- INSi ---------------------------------------------------------------------------------------------------

async def insi_client(context: AppContext) -> InsiClient:
    """The workstation's INSi client, built once in a thread by the composition root's `Services`."""
    return await context.services.insi.get()


async def insi_search_traits(context: AppContext, patient_id: int) -> InsiAnswer:
    """Raises InsiApplyError: traits INSi cannot search on (sex I, partial date); InsiError: the call failed."""
    return await insi_lookup.search_traits(context.database, await insi_client(context), patient_id,
                                           context.session.who, offload=run_db)


async def insi_search_vitale(context: AppContext, patient_id: int, query: VitaleQuery) -> InsiAnswer:
    return await insi_lookup.search_vitale(context.database, await insi_client(context), patient_id, query,
                                           context.session.who, offload=run_db)


async def insi_verify(context: AppContext, patient_id: int, matricule: str, oid: str) -> InsiAnswer:
    """Verify an INS (typed, or read from a datamatrix) against the patient's traits."""
    return await insi_lookup.verify(context.database, await insi_client(context), patient_id, matricule, oid,
                                    context.session.who, offload=run_db)


async def apply_insi(db: Database, patient_id: int, identity: InsiIdentity, user: Actor, *,
                     accepted_fields: Collection[str], message_id: str | None) -> InsiApplied:
    """Attach the INSi identity with the differing traits the user accepted (refusing one refuses the INS)."""
    return await run_db(use_cases.apply_insi, db, patient_id, identity, user, accepted_fields=accepted_fields,
                        message_id=message_id)


# -- datamatrix, indicators, birth places ---------------------------------------------------------------

async def datamatrix_png(db: Database, patient_id: int) -> tuple[bytes, datamatrix.DatamatrixTraits]:
    """The PNG of a qualified identity's datamatrix INS. Raises DatamatrixError otherwise."""
    traits = await run_db(use_cases.datamatrix_traits, db, patient_id)
    png = await run_in_thread(datamatrix.render_png, datamatrix.build_payload(traits))
    return png, traits


async def read_datamatrix(path: Path) -> datamatrix.DatamatrixTraits:
    return await run_in_thread(datamatrix.read_datamatrix, path)


async def read_datamatrix_owner(db: Database, path: Path) -> tuple[datamatrix.DatamatrixTraits,
                                                                  DatamatrixOwner | None]:
    """The traits of a datamatrix INS image, and the stored identity already bearing its INS, if any."""
    traits = await read_datamatrix(path)
    return traits, await run_db(use_cases.datamatrix_owner, db, traits)


async def identity_indicators(db: Database) -> indicators.IdentityIndicators:
    return await run_db(use_cases.identity_indicators, db)


async def birth_places(name: str, *, limit: int = 20) -> list[Place]:
    """Communes and countries by name (the first call loads the COG table: in a thread)."""
    return await run_in_thread(find_places, name, limit=limit)


async def birth_place(code: str) -> Place | None:
    """The commune or country of an INSEE code, None when the list does not know it (in a thread)."""
    return await run_in_thread(place_for_code, code)


__all__ = ["InsiAnswer", "apply_insi", "birth_place", "birth_places", "create_patient", "datamatrix_png",
           "identity_indicators", "insi_client", "insi_search_traits", "insi_search_vitale", "insi_verify",
           "load_patient", "open_patient", "preview_identity_check", "read_datamatrix", "read_datamatrix_owner",
           "record_identity_check", "remove_vitale_card",
           "save_vitale_card", "search", "set_attributes", "update_patient", "user_of"]
