"""Patient actions of the GUI: one `lgc_app.patients` use case per function (Anki `aqt/operations/note.py`).

Each is a coroutine meant for the task bridge (`TaskManager.run`): database work runs on the database thread
(`run_db`), file and image work on the CPU pool (`run_in_thread`), INSi requests are awaited on the loop.
Patients come back detached with their satellite lists loaded, ready to be read by widgets.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from lgc_app.bootstrap import AppContext
from lgc_app.patients import datamatrix, indicators, insi_result, service, vitale
from lgc_app.patients.birth_place import Place, find_places, place_for_code
from lgc_app.patients.models import Patient
from lgc_app.patients.recent import recent_patients
from lgc_app.patients.search import SearchHit, SearchQuery, search_patients
from lgc_app.patients.service import CreateOutcome, PatientDraft, UpdateOutcome
from lgc_app.patients.vocabulary import IdentityDocumentType
from lgc_app.persistence.database import Database
from services.insi import InsiClient, InsiError, InsiIdentity, InsiResult, VerifyQuery, VitaleQuery
from ui.tasks import run_db, run_in_thread

LIST_LIMIT = 50
T = TypeVar("T")


def user_of(context: AppContext) -> str:
    """Who acts, as recorded in the status history and the INSi call log: the session's user."""
    return context.session.who


def _loaded(patient: Patient) -> Patient:
    """Load the satellite lists while the session is open, so the detached patient can be read anywhere."""
    _ = (patient.vitale_cards, patient.identity_checks, patient.status_changes)
    return patient


async def search(db: Database, text: str, *, limit: int = LIST_LIMIT) -> list[SearchHit]:
    def query() -> list[SearchHit]:
        with db.reading() as session:
            return search_patients(session, SearchQuery(text=text), limit=limit)
    return await run_db(query)


async def recent(db: Database, *, limit: int = LIST_LIMIT) -> list[SearchHit]:
    """The patients created or updated last: the list before any search."""
    def query() -> list[SearchHit]:
        with db.reading() as session:
            return recent_patients(session, limit)
    return await run_db(query)


async def load_patient(db: Database, patient_id: int) -> Patient:
    def load() -> Patient:
        with db.reading() as session:
            patient = _loaded(service.get_patient(session, patient_id))
            session.expunge(patient)  # the reading session rolls back, which would expire it (children follow)
            return patient
    return await run_db(load)


async def create_patient(db: Database, draft: PatientDraft, user: str, *,
                         ignore_duplicates: bool = False) -> CreateOutcome:
    """Create, unless possible duplicates are found first (nothing created then: `outcome.patient` None)."""
    def create() -> CreateOutcome:
        with db.unit_of_work() as session:
            outcome = service.create_patient(session, draft, user, ignore_duplicates=ignore_duplicates)
            if outcome.patient is not None:
                _loaded(outcome.patient)
            return outcome
    return await run_db(create)


async def update_patient(db: Database, patient_id: int, draft: PatientDraft, user: str, *,
                         expected_version: int) -> UpdateOutcome:
    def update() -> UpdateOutcome:
        with db.unit_of_work() as session:
            outcome = service.update_patient(session, patient_id, draft, user,
                                             expected_version=expected_version)
            _loaded(outcome.patient)
            return outcome
    return await run_db(update)


async def record_identity_check(db: Database, patient_id: int, document: IdentityDocumentType,
                                user: str) -> Patient:
    def record() -> Patient:
        with db.unit_of_work() as session:
            return _loaded(service.record_identity_check(session, patient_id, document, user))
    return await run_db(record)


async def set_attributes(db: Database, patient_id: int, user: str, *, doubtful: bool | None = None,
                         fictitious: bool | None = None, homonym: bool | None = None) -> Patient:
    def change() -> Patient:
        with db.unit_of_work() as session:
            return _loaded(service.set_attributes(session, patient_id, user, doubtful=doubtful,
                                                  fictitious=fictitious, homonym=homonym))
    return await run_db(change)


async def save_vitale_card(db: Database, patient_id: int, user: str, *, card_id: int | None = None,
                           **card: Any) -> Patient:
    """Add (card_id None) or edit a carte Vitale; card holds the keyword arguments of
    `vitale.save_vitale_card`. Returns the patient with its cards (identity untouched).

    Raises:
        VitaleInputError: refused card data (French message per field).
    """
    def save() -> Patient:
        with db.unit_of_work() as session:
            vitale.save_vitale_card(session, patient_id, user=user, card_id=card_id, **card)
            return _loaded(service.get_patient(session, patient_id))
    return await run_db(save)


async def remove_vitale_card(db: Database, patient_id: int, card_id: int, user: str) -> Patient:
    def remove() -> Patient:
        with db.unit_of_work() as session:
            vitale.remove_vitale_card(session, patient_id, card_id, user=user)
            return _loaded(service.get_patient(session, patient_id))
    return await run_db(remove)


# -- INSi ---------------------------------------------------------------------------------------------------

async def insi_client(context: AppContext) -> InsiClient:
    """The workstation's INSi client, built once in a thread by the composition root's `Services`."""
    return await context.services.insi.get()


@dataclass(frozen=True)
class InsiAnswer:
    """An INSi answer for a patient, with what the user must review when one identity came back."""

    result: InsiResult
    differences: tuple[insi_result.TraitDifference, ...] = ()

    @property
    def identity(self) -> InsiIdentity | None:
        return self.result.identities[0] if self.result.found and self.result.identities else None


async def _logged_call(context: AppContext, patient_id: int, operation: str,
                       call: Awaitable[InsiResult]) -> InsiAnswer:
    """Await an INSi call, log it (also a failed one), and compare a single answer with the stored traits."""
    db, user = context.database, user_of(context)
    try:
        result = await call
    except InsiError as exc:
        await run_db(_record, db, user, operation, exc.desir_code or exc.siram_code, None, patient_id)
        raise

    def record_and_compare() -> InsiAnswer:
        with db.unit_of_work() as session:
            insi_result.record_insi_call(session, user, operation, result_code=result.code,
                                         message_id=result.message_id, patient_id=patient_id)
            if not result.found or not result.identities:
                return InsiAnswer(result)
            patient = service.get_patient(session, patient_id)
            return InsiAnswer(result, tuple(insi_result.compare_with_insi(patient, result.identities[0])))
    return await run_db(record_and_compare)


def _record(db: Database, user: str, operation: str, code: str | None, message_id: str | None,
            patient_id: int) -> None:
    with db.unit_of_work() as session:
        insi_result.record_insi_call(session, user, operation, result_code=code, message_id=message_id,
                                     patient_id=patient_id)


async def _with_patient(db: Database, patient_id: int, build: Callable[[Patient], T]) -> T:
    """build(patient), run on the database thread while the patient is attached."""
    def read() -> T:
        with db.reading() as session:
            return build(service.get_patient(session, patient_id))
    return await run_db(read)


async def insi_search_traits(context: AppContext, patient_id: int) -> InsiAnswer:
    """INSi search with the patient's traits (one call per birth first name, in order).

    Raises:
        InsiApplyError: traits INSi cannot search on (sex I, partial date); InsiError: the call failed.
    """
    query = await _with_patient(context.database, patient_id, insi_result.traits_query)
    client = await insi_client(context)
    return await _logged_call(context, patient_id, "RECSANSVITALE", client.search_by_traits(query))


async def insi_search_vitale(context: AppContext, patient_id: int, query: VitaleQuery) -> InsiAnswer:
    client = await insi_client(context)
    return await _logged_call(context, patient_id, "RECVITALE", client.search_by_vitale(query))


async def insi_verify(context: AppContext, patient_id: int, matricule: str, oid: str) -> InsiAnswer:
    """Verify an INS (typed, or read from a datamatrix) against the patient's traits."""
    def build(patient: Patient) -> VerifyQuery:
        return VerifyQuery(matricule, oid, insi_result.traits_query(patient))
    query = await _with_patient(context.database, patient_id, build)
    client = await insi_client(context)
    return await _logged_call(context, patient_id, "VERIFICATION", client.verify(query))


async def apply_insi(db: Database, patient_id: int, identity: InsiIdentity, user: str, *,
                     accepted_fields: Collection[str], message_id: str | None) -> insi_result.ApplyOutcome:
    """Attach the INSi identity with the differing traits the user accepted (refusing one refuses the INS)."""
    def apply() -> insi_result.ApplyOutcome:
        with db.unit_of_work() as session:
            outcome = insi_result.apply_insi_identity(session, patient_id, identity, user,
                                                      accepted_fields=accepted_fields, message_id=message_id)
            _loaded(outcome.patient)
            return outcome
    return await run_db(apply)


# -- datamatrix, indicators, birth places ---------------------------------------------------------------

async def datamatrix_png(db: Database, patient_id: int) -> tuple[bytes, datamatrix.DatamatrixTraits]:
    """The PNG of a qualified identity's datamatrix INS. Raises DatamatrixError otherwise."""
    traits = await _with_patient(db, patient_id, datamatrix.traits_of)
    png = await run_in_thread(datamatrix.render_png, datamatrix.build_payload(traits))
    return png, traits


async def read_datamatrix(path: Path) -> datamatrix.DatamatrixTraits:
    return await run_in_thread(datamatrix.read_datamatrix, path)


async def identity_indicators(db: Database) -> indicators.IdentityIndicators:
    def count() -> indicators.IdentityIndicators:
        with db.reading() as session:
            return indicators.identity_indicators(session)
    return await run_db(count)


async def birth_places(name: str, *, limit: int = 20) -> list[Place]:
    """Communes and countries by name (the first call loads the COG table: in a thread)."""
    return await run_in_thread(find_places, name, limit=limit)


async def birth_place(code: str) -> Place | None:
    """The commune or country of an INSEE code, None when the list does not know it (in a thread)."""
    return await run_in_thread(place_for_code, code)


__all__ = ["InsiAnswer", "apply_insi", "birth_place", "birth_places", "create_patient", "datamatrix_png",
           "identity_indicators", "insi_client", "insi_search_traits", "insi_search_vitale", "insi_verify",
           "load_patient", "read_datamatrix", "record_identity_check", "remove_vitale_card",
           "save_vitale_card", "search", "set_attributes", "update_patient", "user_of"]
