"""Pro Santé Connect client ↔ simulator: the code flow with PKCE through a loopback redirect, and what the
client and the simulator refuse (PROTOCOLS.md §5, §8)."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import AsyncIterator
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from joserfc import jws, jwt
from joserfc.jwk import KeySet, OctKey, RSAKey

from services.psc import ClientAuthMethod, PscClient, PscError, PscSignIn
from services.psc.client import AuthorizationRequest
from services.psc.tokens import post_form
from services.sandbox.server import RunningSandbox
from services.transport import TlsMaterial, make_async_client
from tests.helpers.psc import PAUL, HeadlessBrowser, browser_sign_in, psc_client, rotate_keys


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


async def test_hs256_id_tokens_are_checked_with_the_client_secret(sandbox: RunningSandbox) -> None:
    client = psc_client(sandbox, "lgc-segur-hs256")
    try:
        sign_in = await browser_sign_in(client, HeadlessBrowser(sandbox))
        assert sign_in.identity.rpps == "99700366240"
    finally:
        await client.aclose()


async def test_userinfo_as_a_signed_jwt(sandbox: RunningSandbox) -> None:
    client = psc_client(sandbox, "lgc-segur-jwt")
    try:
        sign_in = await browser_sign_in(client, HeadlessBrowser(sandbox, login="899700218896"))
        assert (sign_in.identity.family_name, sign_in.identity.exercise.profession_code) == ("INFIRMIERE-TEST", "60")
    finally:
        await client.aclose()


async def test_unknown_kid_refetches_the_jwks_after_a_rotation(sandbox: RunningSandbox, client: PscClient) -> None:
    fetched: list[str] = []

    async def count(request: httpx.Request) -> None:
        if request.url.path.endswith("/certs"):
            fetched.append(request.url.path)

    client.http.event_hooks["request"].append(count)
    await browser_sign_in(client, HeadlessBrowser(sandbox))
    await browser_sign_in(client, HeadlessBrowser(sandbox))
    assert len(fetched) == 1, "the JWKS is cached while the kid is known"
    new_kid = await rotate_keys(sandbox, retire_old=True)
    sign_in = await browser_sign_in(client, HeadlessBrowser(sandbox))
    assert len(fetched) == 2 and sign_in.identity.rpps == "99700366240"
    assert jws.extract_compact(sign_in._current().id_token.encode()).headers()["kid"] == new_kid


def _forged(claims: dict[str, object], key: RSAKey | None = None) -> str:
    key = key or RSAKey.generate_key(2048, parameters={"kid": "forged"})
    return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)


@pytest.mark.filterwarnings("ignore:JWS algorithm")
async def test_forged_or_wrong_id_tokens_are_refused(sandbox: RunningSandbox, client: PscClient) -> None:
    checker = await client.checker()
    issuer = sandbox.manifest.url("psc")
    now = int(time.time())
    good = {"iss": issuer, "aud": "lgc-segur", "sub": "s", "exp": now + 60, "iat": now, "nonce": "n", "acr": "eidas1"}
    with pytest.raises(PscError, match="PSC-ID-TOKEN"):  # signed by a key the provider never published
        await checker.id_token(_forged(good), nonce="n")
    # the right key (a test-only trick: the checker trusts what the JWKS holds) with wrong claims
    key = RSAKey.generate_key(2048, parameters={"kid": "test-trusted"})
    checker._keys._keys = KeySet([key])  # type: ignore[attr-defined]
    assert (await checker.id_token(_forged(good, key), nonce="n"))["sub"] == "s"
    for change, code in (({"nonce": "other"}, "PSC-ID-TOKEN"), ({"iss": "https://evil"}, "PSC-ID-TOKEN"),
                         ({"aud": "other-client"}, "PSC-ID-TOKEN"), ({"exp": now - 600}, "PSC-ID-TOKEN"),
                         ({"iat": now + 600}, "PSC-ID-TOKEN"), ({"acr": "eidas-low"}, "PSC-ACR"),
                         ({"aud": ["lgc-segur", "other"]}, "PSC-ID-TOKEN")):
        with pytest.raises(PscError) as caught:
            await checker.id_token(_forged({**good, **change}, key), nonce="n")
        assert caught.value.code == code, change
    hs = jwt.encode({"alg": "HS256"}, good, OctKey.import_key("a-secret-the-client-does-not-have"))
    with pytest.raises(PscError, match="PSC-ID-TOKEN"):
        await checker.id_token(hs, nonce="n")
    with pytest.raises(PscError, match="PSC-ID-TOKEN"):  # "none" is never accepted
        await checker.id_token(jwt.encode({"alg": "none"}, good, None, algorithms=["none"]), nonce="n")


async def test_refresh_and_expiry_of_short_lived_tokens(sandbox: RunningSandbox) -> None:
    client = psc_client(sandbox, "lgc-segur-short")
    try:
        sign_in = await browser_sign_in(client, HeadlessBrowser(sandbox))
        first = await sign_in.access_token()
        await asyncio.sleep(1.6)  # past refresh_due_at (2 s tokens: refreshed 0.5 s before expiry)
        second = await sign_in.access_token()
        assert second != first
        assert (await client.userinfo(second))["SubjectNameID"] == PAUL
        with pytest.raises(PscError) as caught:  # §8: an expired token gets 401 invalid_token
            await asyncio.sleep(2.1)
            await client.userinfo(second)
        assert caught.value.code == "PSC-SESSION-ENDED"
    finally:
        await client.aclose()


async def test_logout_revokes_the_tokens(sandbox: RunningSandbox, client: PscClient) -> None:
    sign_in = await browser_sign_in(client, HeadlessBrowser(sandbox))
    token = await sign_in.access_token()
    introspect = (await client.metadata()).introspection_endpoint
    data, headers = client.config.client.apply({"token": token})
    assert (await client.http.post(introspect, data=data, headers=headers)).json()["SubjectNameID"] == PAUL
    await sign_in.logout()
    assert not sign_in.active
    assert (await client.http.post(introspect, data=data, headers=headers)).json() == {"active": False}
    with pytest.raises(PscError, match="PSC-SESSION-ENDED"):
        await client.userinfo(token)
    with pytest.raises(PscError, match="PSC-SESSION-ENDED"):
        await sign_in.access_token()


async def test_the_simulator_refuses_what_keycloak_would(sandbox: RunningSandbox, client: PscClient) -> None:
    """Bad redirect_uri (shown, not redirected), reused code, wrong PKCE verifier."""
    request = await client.authorization_request("http://127.0.0.1:9/elsewhere")
    async with make_async_client(TlsMaterial(ca_file=sandbox.manifest.ca_file)) as http:
        page = await http.get(request.url)
    assert page.status_code == 400 and "location" not in page.headers
    browser = HeadlessBrowser(sandbox)
    sign_in = await browser_sign_in(client, browser)
    assert sign_in.active
    code = dict(parse_qsl(urlsplit(browser.redirects[0]).query))["code"]
    metadata = await client.metadata()
    replay = await post_form(client.http, metadata.token_endpoint, {
        "grant_type": "authorization_code", "code": code, "redirect_uri": "http://127.0.0.1:1/callback"},
        client.config.client)
    assert (replay.status_code, replay.json()["error"]) == (400, "invalid_grant")
    assert not (await sign_in._client.http.get(metadata.userinfo_endpoint, headers={
        "Authorization": f"Bearer {sign_in._current().access_token}"})).is_success, "replay revokes the tokens"
    wrong_verifier = HeadlessBrowser(sandbox)
    original = client.complete_browser_sign_in

    async def with_other_verifier(request: AuthorizationRequest, answer: dict[str, str]) -> PscSignIn:
        return await original(dataclasses.replace(request, code_verifier="x" * 43), answer)

    client.complete_browser_sign_in = with_other_verifier  # type: ignore[method-assign]
    with pytest.raises(PscError) as caught:
        await browser_sign_in(client, wrong_verifier)
    assert caught.value.code == "PSC-GRANT"
