"""Pro Santé Connect client ↔ simulator: the code flow with PKCE through a loopback redirect, and what the
client and the simulator refuse (PROTOCOLS.md §5, §8)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from services.psc import ClientAuthMethod, PscClient, PscError
from services.sandbox.server import RunningSandbox
from tests.helpers.psc import PAUL, HeadlessBrowser, browser_sign_in, psc_client


@pytest.fixture
async def client(sandbox: RunningSandbox) -> AsyncIterator[PscClient]:
    client = psc_client(sandbox)
    yield client
    await client.aclose()


async def test_code_flow_signs_the_test_practitioner_in(sandbox: RunningSandbox, client: PscClient) -> None:
    browser = HeadlessBrowser(sandbox)
    sign_in = await browser_sign_in(client, browser)
    identity = sign_in.identity
    assert (identity.national_id, identity.rpps, identity.family_name, identity.given_name) == \
        (PAUL, "99700366240", "MEDECIN-TEST", "Paul")
    assert identity.exercise is not None and identity.exercise.profession_code == "10"
    assert identity.exercise.activities[0].structure_id == sandbox.manifest.structure_id
    assert sign_in.id_claims["acr"] == "eidas1"
    opened = browser.opened[0]
    assert "code_challenge_method=S256" in opened and "acr_values=eidas1" in opened
    assert "redirect_uri=http%3A%2F%2F127.0.0.1%3A" in opened and "%2Fcallback" in opened
    assert "tokens" not in repr(sign_in) and (await sign_in.access_token()) not in repr(sign_in)


async def test_client_secret_post_works_too(sandbox: RunningSandbox) -> None:
    client = psc_client(sandbox, method=ClientAuthMethod.CLIENT_SECRET_POST)
    try:
        sign_in = await browser_sign_in(client, HeadlessBrowser(sandbox))
        assert sign_in.identity.rpps == "99700366240"
    finally:
        await client.aclose()


async def test_cancel_on_the_login_page_is_a_denied_sign_in(sandbox: RunningSandbox, client: PscClient) -> None:
    with pytest.raises(PscError) as caught:
        await browser_sign_in(client, HeadlessBrowser(sandbox, action="cancel"))
    assert caught.value.code == "PSC-DENIED" and "refusée" in caught.value.text


async def test_a_replayed_or_forged_state_is_refused(sandbox: RunningSandbox, client: PscClient) -> None:
    def other_state(url: str) -> str:
        return url.replace("state=", "state=x")

    with pytest.raises(PscError) as caught:
        await browser_sign_in(client, HeadlessBrowser(sandbox, tamper=other_state))
    assert caught.value.code == "PSC-STATE"


async def test_unknown_client_is_refused(sandbox: RunningSandbox) -> None:
    client = psc_client(sandbox, "lgc-segur", secret="wrong-secret")
    try:
        with pytest.raises(PscError) as caught:
            await browser_sign_in(client, HeadlessBrowser(sandbox))
        assert caught.value.code == "PSC-CLIENT"
    finally:
        await client.aclose()
