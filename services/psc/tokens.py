"""Token endpoint answers and client authentication (RFC 6749 §2.3.1, §5; PROTOCOLS.md §5.2).

Tokens live in memory only (MSSanté CONF.28, PROTOCOLS.md §4.0): `TokenSet` hides them from `repr`, so a
log line or a traceback never prints one.
"""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx

from services.psc.constants import ClientAuthMethod
from services.psc.errors import BAD_RESPONSE, CLIENT, DENIED, EXPIRED, GRANT, PscError, network_error


@dataclass(frozen=True)
class ClientCredentials:
    """The client as registered at the provider; the secret comes from the keyring (never a setting)."""

    client_id: str
    secret: str | None = field(default=None, repr=False)
    method: ClientAuthMethod = ClientAuthMethod.CLIENT_SECRET_BASIC

    def apply(self, form: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
        """The form and headers of a request authenticated as this client."""
        if self.secret is None:  # a public client: only its id
            return {**form, "client_id": self.client_id}, {}
        if self.method is ClientAuthMethod.CLIENT_SECRET_POST:
            return {**form, "client_id": self.client_id, "client_secret": self.secret}, {}
        # RFC 6749 §2.3.1: both parts form-urlencoded before Basic encoding
        pair = f"{quote(self.client_id, safe='')}:{quote(self.secret, safe='')}"
        return form, {"Authorization": "Basic " + base64.b64encode(pair.encode()).decode("ascii")}


@dataclass(frozen=True)
class TokenSet:
    """One token response; times are `time.time()` seconds."""

    access_token: str = field(repr=False)
    issued_at: float
    expires_at: float
    refresh_token: str | None = field(default=None, repr=False)
    refresh_expires_at: float | None = None
    id_token: str | None = field(default=None, repr=False)
    scope: str = ""

    @property
    def refresh_due_at(self) -> float:
        """When to refresh: a quarter of the lifetime before expiry, at most 30 s before (§5.2: 120 s tokens)."""
        return self.expires_at - min(30.0, (self.expires_at - self.issued_at) / 4)

    @classmethod
    def parse(cls, answer: Any, *, now: float) -> TokenSet:
        if not isinstance(answer, dict) or not isinstance(answer.get("access_token"), str):
            raise PscError(BAD_RESPONSE, detail="réponse de jeton sans access_token")
        if str(answer.get("token_type", "")).lower() != "bearer":
            raise PscError(BAD_RESPONSE, detail=f"token_type {answer.get('token_type')!r}")
        try:
            expires_in = float(answer.get("expires_in", 60))
            refresh_in = answer.get("refresh_expires_in")
            refresh_at = now + float(refresh_in) if refresh_in else None
        except (TypeError, ValueError):
            raise PscError(BAD_RESPONSE, detail="durées de validité illisibles") from None
        return cls(access_token=answer["access_token"], issued_at=now, expires_at=now + expires_in,
                   refresh_token=answer.get("refresh_token") or None, refresh_expires_at=refresh_at,
                   id_token=answer.get("id_token") or None, scope=str(answer.get("scope", "")))


class TokenEndpointError(PscError):
    """The token endpoint answered an OAuth error; `error` is its code (`authorization_pending`, …)."""

    def __init__(self, code: str, error: str, *, detail: str = "") -> None:
        super().__init__(code, detail=f"{error}: {detail}" if detail else error)
        self.error = error


# RFC 6749 §5.2 and CIBA Core §11 errors -> our codes
_ERROR_CODES = {"invalid_client": CLIENT, "unauthorized_client": CLIENT, "invalid_grant": GRANT,
                "access_denied": DENIED, "expired_token": EXPIRED}


async def post_form(http: httpx.AsyncClient, url: str, form: dict[str, str], client: ClientCredentials,
                    ) -> httpx.Response:
    """POST an authenticated form; raises PscError(NETWORK) when no answer came back."""
    data, headers = client.apply(form)
    try:
        return await http.post(url, data=data, headers={"Accept": "application/json", **headers})
    except httpx.HTTPError as exc:
        raise network_error(exc) from None


async def request_tokens(http: httpx.AsyncClient, url: str, form: dict[str, str],
                         client: ClientCredentials) -> TokenSet:
    """One token request (code, refresh, CIBA grant).

    Raises:
        TokenEndpointError: the provider's OAuth error (its `error` tells `authorization_pending` apart).
        PscError: NETWORK, BAD_RESPONSE.
    """
    response = await post_form(http, url, form, client)
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if response.status_code == 200:
        return TokenSet.parse(answer, now=time.time())
    if response.status_code in (400, 401, 403) and isinstance(answer, dict) and isinstance(answer.get("error"), str):
        error = answer["error"]
        raise TokenEndpointError(_ERROR_CODES.get(error, GRANT), error,
                                 detail=str(answer.get("error_description", ""))[:200])
    raise PscError(BAD_RESPONSE, detail=f"HTTP {response.status_code} du point d'accès jeton",
                   transient=response.status_code >= 500)
