"""The INSi look-up use case with a stand-in client: every call logged (a failed one too), a single identity
compared with the stored traits, traits INSi cannot search on refused before any call."""

from __future__ import annotations

import asyncio

import pytest

from lgc_app.patients import insi_lookup
from lgc_app.patients.insi_result import InsiApplyError
from lgc_app.patients.models import InsiCall
from lgc_app.persistence.database import Database
from services.insi import InsiError, InsiResult, TraitsQuery, VerifyQuery, VitaleQuery
from tests.helpers.patients import DUPONT, add_patient


class FakeInsi:
    """Answers every request with `result` (or raises `error`) and keeps the queries it was sent."""

    def __init__(self, result: InsiResult | None = None, error: InsiError | None = None) -> None:
        self.result, self.error = result, error
        self.queries: list[object] = []

    async def _answer(self, query: object) -> InsiResult:
        self.queries.append(query)
        if self.error is not None:
            raise self.error
        assert self.result is not None
        return self.result

    async def search_by_traits(self, q: TraitsQuery) -> InsiResult:
        return await self._answer(q)

    async def search_by_vitale(self, q: VitaleQuery) -> InsiResult:
        return await self._answer(q)

    async def verify(self, q: VerifyQuery) -> InsiResult:
        return await self._answer(q)


def _calls(db: Database) -> list[tuple[str, str | None, str | None, int | None]]:
    with db.reading() as session:
        return [(c.operation, c.result_code, c.message_id, c.patient_id)
                for c in session.query(InsiCall).order_by(InsiCall.id)]


def test_one_identity_is_compared_and_the_call_logged(db: Database) -> None:
    patient_id = add_patient(db, "DUPONT", "ELODIE", "14/03/1985")
    client = FakeInsi(InsiResult("00", "OK", (DUPONT,), "msg-1"))
    answer = asyncio.run(insi_lookup.search_traits(db, client, patient_id, "dr@poste"))
    assert client.queries == [TraitsQuery("DUPONT", ("ELODIE",), "F", "1985-03-14", None)]
    assert answer.identity == DUPONT
    assert {(d.field, d.stored, d.insi) for d in answer.differences} == {
        ("birth_given_names", "ELODIE", "ELODIE MARIE"), ("birth_place_code", None, "75056")}
    assert _calls(db) == [("RECSANSVITALE", "00", "msg-1", patient_id)]


def test_no_identity_found_is_logged_without_comparison(db: Database) -> None:
    patient_id = add_patient(db, "INCONNU", "PIERRE", "01/01/1970", sex="M")
    client = FakeInsi(InsiResult("01", "Aucune identité", (), "msg-2"))
    query = VitaleQuery(insured_nir="2840535238041", birth_date="1970-01-01")
    answer = asyncio.run(insi_lookup.search_vitale(db, client, patient_id, query, "dr@poste"))
    assert answer.identity is None and answer.differences == () and client.queries == [query]
    assert _calls(db) == [("RECVITALE", "01", "msg-2", patient_id)]


def test_a_failed_call_is_logged_then_raised(db: Database) -> None:
    patient_id = add_patient(db, "DUPONT", "ELODIE", "14/03/1985")
    client = FakeInsi(error=InsiError("insi_102", "", "Service temporairement inaccessible."))
    with pytest.raises(InsiError):
        asyncio.run(insi_lookup.verify(db, client, patient_id, DUPONT.matricule, DUPONT.oid, "dr@poste"))
    [query] = client.queries
    assert isinstance(query, VerifyQuery) and query.matricule == DUPONT.matricule
    assert query.traits.birth_name == "DUPONT"
    assert _calls(db) == [("VERIFICATION", "insi_102", None, patient_id)]


def test_traits_insi_cannot_search_are_refused_before_any_call(db: Database) -> None:
    patient_id = add_patient(db, "DA SILVA", "JOAO", "00/00/1958", sex="M")
    client = FakeInsi(InsiResult("00", "OK", (DUPONT,), "msg-3"))
    with pytest.raises(InsiApplyError, match="date de naissance complète"):
        asyncio.run(insi_lookup.search_traits(db, client, patient_id, "dr@poste"))
    assert client.queries == [] and _calls(db) == []
