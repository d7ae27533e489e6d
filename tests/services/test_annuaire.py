"""Annuaire Santé client ↔ simulator over loopback TLS (PROTOCOLS.md §6, §6.0, refusals §8): searches,
paging through opaque `next` links, `_revinclude`/`_include`, MSSanté discrimination, liste rouge, the
17 calls/s limit and the refusals turned into French errors."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from services.annuaire import AnnuaireError, MailboxKind, PractitionerQuery
from services.annuaire.constants import API_KEY_HEADER, RPPS_SYSTEM
from services.annuaire.rate_limit import TokenBucket
from services.sandbox.server import RunningSandbox
from services.transport import make_async_client
from tests.helpers.annuaire import annuaire_client, fresh_key
from tests.helpers.sandbox import tls_material


async def test_search_by_rpps_gives_the_test_practitioner_with_places_and_mailboxes(sandbox: RunningSandbox) -> None:
    async with annuaire_client(sandbox) as client:
        page = await client.search(PractitionerQuery(rpps="99700366240"))
    (paul,) = page.practitioners
    assert (paul.rpps, paul.family, paul.given) == ("99700366240", "MEDECIN-TEST", "Paul")
    assert paul.profession is not None and paul.profession.code == "10"
    assert paul.specialty is not None and (paul.specialty.code, paul.specialty.label) == ("SM54", "Médecine générale")
    (place,) = paul.places
    assert (place.name, place.city) == ("CABINET MEDICAL DE TEST", "PARIS")
    assert [(box.address, box.kind) for box in paul.all_mailboxes()] == [
        ("paul.medecin-test@medecin.mssante.fr", MailboxKind.PERSONAL),
        ("cabinet.test@medecin.mssante.fr", MailboxKind.CABINET)]
    assert page.next_url is None and page.total == 1


async def test_mss_boxes_are_told_from_plain_emails_and_the_liste_rouge_is_hidden(sandbox: RunningSandbox) -> None:
    async with annuaire_client(sandbox) as client:
        page = await client.search(PractitionerQuery(family="cardio", given="claire"))
    (claire,) = page.practitioners
    assert claire.specialty is not None and claire.specialty.code == "SM04"
    addresses = [box.address for box in claire.all_mailboxes()]
    assert addresses == ["claire.cardio@cardio.mssante.fr", "secretariat@cardio-lyon.mssante.fr"]
    assert "c.cardio.perso@cardio.mssante.fr" not in addresses, "liste rouge"
    (place,) = claire.places
    assert place.emails == ("contact@cabinet-cardio-lyon.fr",), "a plain e-mail is not an MSSanté box"
    assert [box.kind for box in place.mailboxes] == [MailboxKind.ORGANISATIONAL]
    assert place.address == "4 PLACE BELLECOUR, 69002 LYON"


async def test_next_links_are_followed_verbatim_to_the_end(sandbox: RunningSandbox) -> None:
    async with annuaire_client(sandbox) as client:
        first = await client.search(PractitionerQuery(family="MARTIN", page_size=20))
        assert first.total is not None and first.total > 40
        assert first.next_url is not None and "/annuaire/fhir/v2/_page?id=" in first.next_url
        seen = [entry.rpps for entry in first.practitioners]
        page = first
        while (following := await client.more(page)) is not None:
            seen += [entry.rpps for entry in following.practitioners]
            page = following
    assert len(seen) == len(set(seen)) == first.total
    assert all(entry.family == "MARTIN" for entry in first.practitioners)
    assert all(entry.places for entry in first.practitioners), "roles and organisations joined on every page"


async def test_specialty_and_city_narrow_the_search(sandbox: RunningSandbox) -> None:
    async with annuaire_client(sandbox) as client:
        cardiologists = await client.search(PractitionerQuery(specialty="SM04", page_size=200))
        in_lyon = await client.search(PractitionerQuery(specialty="SM04", city="lyon", page_size=200))
    assert all(entry.specialty and entry.specialty.code == "SM04" for entry in cardiologists.practitioners)
    assert 0 < len(in_lyon.practitioners) < len(cardiologists.practitioners)
    assert all(any(place.city == "LYON" for place in entry.places) for entry in in_lyon.practitioners)
    assert "99700412345" in {entry.rpps for entry in in_lyon.practitioners}


async def test_an_empty_query_is_refused_before_any_call(sandbox: RunningSandbox) -> None:
    async with annuaire_client(sandbox) as client:
        with pytest.raises(AnnuaireError) as raised:
            await client.search(PractitionerQuery(city="LYON"))
    assert raised.value.code == "ANNUAIRE-QUERY" and "Précisez un nom" in raised.value.text


async def test_a_wrong_key_gives_401_and_a_french_error(sandbox: RunningSandbox) -> None:
    async with annuaire_client(sandbox, api_key="not-a-key") as client:
        with pytest.raises(AnnuaireError) as raised:
            await client.search(PractitionerQuery(family="MARTIN"))
    assert raised.value.code == "ANNUAIRE-KEY" and not raised.value.transient
    assert "clé d'API" in raised.value.text and "ESANTE-API-KEY absente" in raised.value.detail


async def test_a_next_link_to_another_server_is_not_followed(sandbox: RunningSandbox) -> None:
    async with annuaire_client(sandbox) as client:
        page = await client.search(PractitionerQuery(family="MARTIN", page_size=5))
        forged = type(page)(page.practitioners, "https://evil.example/fhir/v2/_page?id=x", page.total, page.query)
        with pytest.raises(AnnuaireError) as raised:
            await client.more(forged)
    assert raised.value.code == "ANNUAIRE-ANSWER"


async def _raw_get(sandbox: RunningSandbox, path: str, key: str, method: str = "GET") -> httpx.Response:
    async with make_async_client(tls_material(sandbox.manifest)) as http:
        return await http.request(method, sandbox.manifest.url("annuaire") + path, headers={API_KEY_HEADER: key})


@pytest.mark.parametrize("query", ["Practitioner?mailbox-mss-type=PER", "Practitioner?_type=Practitioner",
                                   "Practitioner?family:sounds=X", "Practitioner?_count=2001"])
async def test_the_simulator_refuses_unsupported_parameters_with_400(sandbox: RunningSandbox, query: str) -> None:
    response = await _raw_get(sandbox, f"/{query}", fresh_key())
    assert response.status_code == 400
    assert response.json()["resourceType"] == "OperationOutcome"


async def test_the_simulator_refuses_writes_and_serves_mailbox_and_identifier_searches(
        sandbox: RunningSandbox) -> None:
    key = fresh_key()
    assert (await _raw_get(sandbox, "/Practitioner/pr-test", key, "PUT")).status_code == 405
    contains = (await _raw_get(sandbox, "/Practitioner?mailbox-mss:contains=medecin-test", key)).json()
    assert [entry["resource"]["id"] for entry in contains["entry"]] == ["pr-test"]
    by_system = (await _raw_get(sandbox, f"/Practitioner?identifier={RPPS_SYSTEM}|99700412345", key)).json()
    assert [entry["resource"]["id"] for entry in by_system["entry"]] == ["pr-cardio"]
    included = (await _raw_get(sandbox, "/PractitionerRole?practitioner=pr-cardio"
                                        "&_include=PractitionerRole:organization", key)).json()
    assert {(entry["resource"]["resourceType"], entry["search"]["mode"]) for entry in included["entry"]} == \
        {("PractitionerRole", "match"), ("Organization", "include")}


async def test_an_unthrottled_burst_gets_429_and_a_french_transient_error(sandbox: RunningSandbox) -> None:
    key = fresh_key()
    statuses = await asyncio.gather(*(_raw_get(sandbox, "/Organization?name=PHARMACIE&_count=1", key)
                                      for _ in range(30)))
    assert 429 in {response.status_code for response in statuses}
    # a client whose own bucket lets everything through: the server's refusal reaches the user in French (the
    # burst and the refusal in one go, whatever the machine's load)
    async with annuaire_client(sandbox, limiter=TokenBucket.for_calls_per_second(10_000)) as client:
        outcomes = await asyncio.gather(*(client.search(PractitionerQuery(family="A")) for _ in range(30)),
                                        return_exceptions=True)
    refused = [outcome for outcome in outcomes if isinstance(outcome, AnnuaireError)]
    assert refused and all(error.code == "ANNUAIRE-RATE" and error.transient and "17 par seconde" in error.text
                           for error in refused)


async def test_the_client_bucket_keeps_a_burst_of_searches_under_the_limit(sandbox: RunningSandbox) -> None:
    started = time.monotonic()
    async with annuaire_client(sandbox) as client:
        pages = await asyncio.gather(*(client.search(PractitionerQuery(rpps="99700366240")) for _ in range(20)))
    # 20 searches are 40 calls: at most 17 a second, so they cannot all go in the first second
    assert all(len(page.practitioners) == 1 for page in pages)
    assert time.monotonic() - started > 1.0
