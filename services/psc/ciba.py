"""CIBA in poll mode (OpenID CIBA Core 1.0; PROTOCOLS.md §5.4 and §5.0): the sign-in without a browser.

The client asks the provider to push a request to the professional's e-CPS app (or card reader,
`channel=CARD|MOBILE`), with two digits (`binding_message`) that the software shows and the app repeats; then
it polls the token endpoint no faster than `interval`, slowing down by 5 s on `slow_down` (§11), until tokens,
`access_denied` or `expired_token`.

The ANS expects a thick client's CIBA to go through the editor's intermediate server, which holds the client
credentials (§5.0): `CibaBackchannel` is that seam. `DirectCiba` talks to the provider itself (sandbox,
integrators' tests); a proxy implementation serves the same two calls from the editor's server.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

import httpx

from services.psc.constants import ACR_EIDAS1, CIBA_GRANT_TYPE, SCOPE, CibaChannel
from services.psc.discovery import ProviderMetadata
from services.psc.errors import BAD_RESPONSE, DENIED, EXPIRED, NO_CIBA, PscError
from services.psc.tokens import ClientCredentials, TokenEndpointError, TokenSet, post_form, request_tokens

DEFAULT_INTERVAL = 5.0  # CIBA Core §7.3: when the provider names none
SLOW_DOWN_STEP = 5.0  # CIBA Core §11 (as RFC 8628 §3.5)


def binding_message() -> str:
    """Two random digits `00`–`99` (§5.0), shown on screen and in the e-CPS app."""
    return f"{secrets.randbelow(100):02d}"


@dataclass(frozen=True)
class CibaRequest:
    login_hint: str  # the professional's national identifier (8 + RPPS…)
    binding_message: str
    channel: CibaChannel = CibaChannel.MOBILE
    acr: str | None = ACR_EIDAS1
    scope: str = SCOPE
    requested_expiry: int | None = None  # CIBA Core §7.1: seconds the professional has to answer


@dataclass(frozen=True)
class CibaTicket:
    """The provider's acknowledgement (CIBA Core §7.3)."""

    auth_req_id: str = field(repr=False)
    expires_in: float
    interval: float = DEFAULT_INTERVAL


class CibaBackchannel(Protocol):
    """Where CIBA requests go: the provider itself, or the editor's intermediate server."""

    async def start(self, request: CibaRequest) -> CibaTicket:
        """Raises: PscError (DENIED for an unknown or refused professional, CLIENT, NETWORK…)."""
        ...

    async def poll(self, ticket: CibaTicket) -> TokenSet:
        """One token request; raises TokenEndpointError (`authorization_pending`, `slow_down`, …)."""
        ...


class DirectCiba:
    """CIBA straight to the provider, authenticated with this workstation's client credentials."""

    def __init__(self, http: httpx.AsyncClient, metadata: ProviderMetadata, client: ClientCredentials) -> None:
        if not metadata.backchannel_authentication_endpoint:
            raise PscError(NO_CIBA)
        self._http = http
        self._endpoint = metadata.backchannel_authentication_endpoint
        self._token_endpoint = metadata.token_endpoint
        self._client = client

    async def start(self, request: CibaRequest) -> CibaTicket:
        form = {"scope": request.scope, "login_hint": request.login_hint,
                "binding_message": request.binding_message, "channel": request.channel.value}
        if request.acr:
            form["acr_values"] = request.acr
        if request.requested_expiry:
            form["requested_expiry"] = str(request.requested_expiry)
        response = await post_form(self._http, self._endpoint, form, self._client)
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if response.status_code != 200 or not isinstance(answer, dict):
            error = answer.get("error", "") if isinstance(answer, dict) else ""
            code = {"invalid_client": "PSC-CLIENT", "unknown_user_id": DENIED, "access_denied": DENIED}.get(
                error, BAD_RESPONSE)
            raise PscError(code, detail=f"CIBA HTTP {response.status_code} {error}",
                           transient=response.status_code >= 500)
        try:
            return CibaTicket(str(answer["auth_req_id"]), float(answer["expires_in"]),
                              float(answer.get("interval") or DEFAULT_INTERVAL))
        except (KeyError, TypeError, ValueError):
            raise PscError(BAD_RESPONSE, detail="réponse CIBA incomplète") from None

    async def poll(self, ticket: CibaTicket) -> TokenSet:
        return await request_tokens(self._http, self._token_endpoint,
                                    {"grant_type": CIBA_GRANT_TYPE, "auth_req_id": ticket.auth_req_id},
                                    self._client)


async def wait_for_tokens(channel: CibaBackchannel, ticket: CibaTicket, *,
                          sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                          clock: Callable[[], float] = time.monotonic) -> TokenSet:
    """Poll until the professional answers.

    Raises:
        PscError: DENIED (`access_denied`), EXPIRED (`expired_token`, or `expires_in` passed), others as raised.
    """
    deadline = clock() + ticket.expires_in
    interval = ticket.interval
    while True:
        await sleep(interval)
        if clock() > deadline:
            raise PscError(EXPIRED, detail="délai CIBA dépassé")
        try:
            return await channel.poll(ticket)
        except TokenEndpointError as exc:
            if exc.error == "slow_down":
                interval += SLOW_DOWN_STEP
            elif exc.error != "authorization_pending":
                raise
