"""The INSi look-up use cases: a search by traits or by carte Vitale, or the verification of an INS, for one
stored patient. Each call is logged (a failed one too: proof of use, Ségur "appel INSi") and a single identity
found is compared trait by trait with the stored traits, for the user to review (RNIV).

The INSi client is a parameter (built by the front end, once per workstation). Requests are awaited on the
caller's loop; database work goes to `offload` (the GUI's database thread; a thread by default).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from lgc_app.offload import Offload
from lgc_app.patients import insi_result, service
from lgc_app.persistence.database import Database
from services.insi import InsiError, InsiIdentity, InsiResult, TraitsQuery, VerifyQuery, VitaleQuery


class InsiLookupClient(Protocol):
    """What the look-up needs of `services.insi.InsiClient`."""

    async def search_by_traits(self, q: TraitsQuery) -> InsiResult: ...

    async def search_by_vitale(self, q: VitaleQuery) -> InsiResult: ...

    async def verify(self, q: VerifyQuery) -> InsiResult: ...


@dataclass(frozen=True)
class InsiAnswer:
    """An INSi answer for a patient, with what the user must review when one identity came back."""

    result: InsiResult
    differences: tuple[insi_result.TraitDifference, ...] = ()

    @property
    def identity(self) -> InsiIdentity | None:
        return self.result.identities[0] if self.result.found and self.result.identities else None


def traits_query(db: Database, patient_id: int) -> TraitsQuery:
    """The `RECSANSVITALE` query of a stored patient. Raises InsiApplyError (sex I, partial date)."""
    with db.reading() as session:
        return insi_result.traits_query(service.get_patient(session, patient_id))


def _record(db: Database, user: str, operation: str, patient_id: int, code: str | None,
            message_id: str | None) -> None:
    with db.unit_of_work() as session:
        insi_result.record_insi_call(session, user, operation, result_code=code, message_id=message_id,
                                     patient_id=patient_id)


def _record_and_compare(db: Database, user: str, operation: str, patient_id: int,
                        result: InsiResult) -> InsiAnswer:
    with db.unit_of_work() as session:
        insi_result.record_insi_call(session, user, operation, result_code=result.code,
                                     message_id=result.message_id, patient_id=patient_id)
        if not result.found or not result.identities:
            return InsiAnswer(result)
        patient = service.get_patient(session, patient_id)
        return InsiAnswer(result, tuple(insi_result.compare_with_insi(patient, result.identities[0])))


async def _logged_call(db: Database, patient_id: int, user: str, operation: str,
                       call: Callable[[], Awaitable[InsiResult]], offload: Offload) -> InsiAnswer:
    """Await an INSi call, log it (also a failed one), and compare a single answer with the stored traits."""
    try:
        result = await call()
    except InsiError as exc:
        await offload(_record, db, user, operation, patient_id, exc.desir_code or exc.siram_code, None)
        raise
    return await offload(_record_and_compare, db, user, operation, patient_id, result)


async def search_traits(db: Database, client: InsiLookupClient, patient_id: int, user: str, *,
                        offload: Offload = asyncio.to_thread) -> InsiAnswer:
    """INSi search with the patient's stored traits (the client calls once per birth first name, in order).

    Raises:
        InsiApplyError: traits INSi cannot search on (sex I, partial date); InsiError: the call failed.
    """
    query = await offload(traits_query, db, patient_id)
    return await _logged_call(db, patient_id, user, "RECSANSVITALE", lambda: client.search_by_traits(query),
                              offload)


async def search_vitale(db: Database, client: InsiLookupClient, patient_id: int, query: VitaleQuery, user: str,
                        *, offload: Offload = asyncio.to_thread) -> InsiAnswer:
    """INSi search with the data of a carte Vitale. Raises InsiError: the call failed."""
    return await _logged_call(db, patient_id, user, "RECVITALE", lambda: client.search_by_vitale(query), offload)


async def verify(db: Database, client: InsiLookupClient, patient_id: int, matricule: str, oid: str, user: str,
                 *, offload: Offload = asyncio.to_thread) -> InsiAnswer:
    """Verify an INS (typed, or read from a datamatrix) against the patient's stored traits.

    Raises:
        InsiApplyError: traits INSi cannot search on; InsiError: the call failed.
    """
    traits = await offload(traits_query, db, patient_id)
    query = VerifyQuery(matricule, oid, traits)
    return await _logged_call(db, patient_id, user, "VERIFICATION", lambda: client.verify(query), offload)
