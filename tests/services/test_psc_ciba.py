"""CIBA poll mode against the PSC simulator: approve, deny, timeout, slow_down (PROTOCOLS.md §5.4, §8)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from services.psc import CibaChannel, CibaRequest, PscClient, PscError, binding_message
from services.psc.tokens import post_form
from services.sandbox.server import RunningSandbox
from tests.helpers.psc import PAUL, answer_ciba, psc_client


@pytest.fixture
async def client(sandbox: RunningSandbox) -> AsyncIterator[PscClient]:
    client = psc_client(sandbox)
    yield client
    await client.aclose()


def test_binding_messages_are_two_digits() -> None:
    messages = {binding_message() for _ in range(300)}
    assert all(len(m) == 2 and m.isdigit() for m in messages) and len(messages) > 50


async def test_approved_on_the_app_signs_in(sandbox: RunningSandbox, client: PscClient) -> None:
    request = CibaRequest(PAUL, "42", CibaChannel.CARD)
    sign_in, _ = await asyncio.gather(client.sign_in_with_ciba(request), answer_ciba(sandbox, "42", approve=True))
    assert (sign_in.identity.rpps, sign_in.identity.family_name) == ("99700366240", "MEDECIN-TEST")
    assert "nonce" not in sign_in.id_claims


async def test_denied_on_the_app(sandbox: RunningSandbox, client: PscClient) -> None:
    with pytest.raises(PscError) as caught:
        await asyncio.gather(client.sign_in_with_ciba(CibaRequest(PAUL, "17")),
                             answer_ciba(sandbox, "17", approve=False))
    assert caught.value.code == "PSC-DENIED"


async def test_no_answer_expires(sandbox: RunningSandbox, client: PscClient) -> None:
    with pytest.raises(PscError) as caught:
        await client.sign_in_with_ciba(CibaRequest(PAUL, "05", requested_expiry=2))
    assert caught.value.code == "PSC-EXPIRED" and "Délai" in caught.value.text


async def test_polling_too_fast_slows_down_by_five_seconds(sandbox: RunningSandbox, client: PscClient) -> None:
    waits: list[float] = []

    async def hurried_sleep(seconds: float) -> None:
        """Records the interval asked, but polls after 50 ms: faster than the provider allows."""
        waits.append(seconds)
        if len(waits) == 3:
            await answer_ciba(sandbox, "77", approve=True)
        await asyncio.sleep(0.05)

    sign_in = await client.sign_in_with_ciba(CibaRequest(PAUL, "77"), sleep=hurried_sleep)
    assert sign_in.identity.rpps == "99700366240"
    assert waits[:3] == [1.0, 6.0, 11.0]


async def test_the_simulator_refuses_bad_ciba_requests(client: PscClient) -> None:
    metadata = await client.metadata()
    endpoint = metadata.backchannel_authentication_endpoint
    assert endpoint is not None
    base = {"scope": "openid scope_all", "login_hint": PAUL, "binding_message": "12", "channel": "MOBILE"}
    for change, error in (({"login_hint": "899999999999"}, "unknown_user_id"),
                          ({"binding_message": "123"}, "invalid_binding_message"),
                          ({"channel": "SMS"}, "invalid_request"), ({"scope": "profile"}, "invalid_scope")):
        answer = await post_form(client.http, endpoint, {**base, **change}, client.config.client)
        assert (answer.status_code, answer.json()["error"]) == (400, error)
