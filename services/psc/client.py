"""Pro Santé Connect client: sign-in (authorization code + PKCE in the system browser, or CIBA), refresh,
userinfo, logout (PROTOCOLS.md §5). Works with any OpenID provider configured like PSC.

The sign-in gives a `PscSignIn`: who signed in and their tokens, in memory only, refreshed before expiry;
`logout()` revokes them (RFC 7009) and ends the provider's session (RP-Initiated Logout 1.0).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx

from services.psc.ciba import CibaBackchannel, CibaRequest, DirectCiba, wait_for_tokens
from services.psc.constants import ACR_EIDAS1, SCOPE
from services.psc.discovery import ProviderMetadata, discover
from services.psc.errors import (
    BAD_RESPONSE,
    DENIED,
    EXPIRED,
    ID_TOKEN,
    SESSION_ENDED,
    STATE,
    USERINFO,
    PscError,
    network_error,
)
from services.psc.jose import JwtChecker, ProviderKeys
from services.psc.loopback import LoopbackRedirect
from services.psc.tokens import ClientCredentials, TokenEndpointError, TokenSet, post_form, request_tokens
from services.psc.userinfo import PscIdentity, parse_userinfo

log = logging.getLogger("lgc.psc")

BROWSER_TIMEOUT = 600.0  # the professional types a code or answers on the phone: minutes, not seconds


@dataclass(frozen=True)
class PscConfig:
    issuer: str
    client: ClientCredentials
    required_acr: str | None = ACR_EIDAS1  # None: accept what the provider gives
    scope: str = SCOPE


@dataclass(frozen=True)
class AuthorizationRequest:
    """What the browser is sent to, and the secrets that go with it (kept until the redirect comes back)."""

    url: str
    redirect_uri: str
    state: str = field(repr=False)
    nonce: str = field(repr=False)
    code_verifier: str = field(repr=False)


def pkce_challenge(verifier: str) -> str:
    """RFC 7636 §4.2, S256: BASE64URL(SHA256(ASCII(code_verifier))) without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class PscClient:
    """One provider, one registered client. `http` trusts the provider's CA; it is closed by `aclose()`."""

    def __init__(self, http: httpx.AsyncClient, config: PscConfig) -> None:
        self.http = http
        self.config = config
        self._metadata: ProviderMetadata | None = None
        self._checker: JwtChecker | None = None

    async def aclose(self) -> None:
        await self.http.aclose()

    async def metadata(self) -> ProviderMetadata:
        if self._metadata is None:
            self._metadata = await discover(self.http, self.config.issuer)
        return self._metadata

    async def checker(self) -> JwtChecker:
        if self._checker is None:
            metadata = await self.metadata()
            self._checker = JwtChecker(ProviderKeys(self.http, metadata.jwks_uri), issuer=metadata.issuer,
                                       client_id=self.config.client.client_id,
                                       client_secret=self.config.client.secret,
                                       required_acr=self.config.required_acr)
        return self._checker

    async def authorization_request(self, redirect_uri: str, *, login_hint: str | None = None,
                                    ) -> AuthorizationRequest:
        """A fresh request: new `state`, `nonce` and PKCE verifier (RFC 7636 §4.1: 43+ characters)."""
        metadata = await self.metadata()
        state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
        query = {"response_type": "code", "client_id": self.config.client.client_id, "redirect_uri": redirect_uri,
                 "scope": self.config.scope, "state": state, "nonce": nonce,
                 "code_challenge": pkce_challenge(verifier), "code_challenge_method": "S256"}
        if self.config.required_acr:
            query["acr_values"] = self.config.required_acr
        if login_hint:
            query["login_hint"] = login_hint
        separator = "&" if "?" in metadata.authorization_endpoint else "?"
        return AuthorizationRequest(metadata.authorization_endpoint + separator + urlencode(query), redirect_uri,
                                    state, nonce, verifier)

    async def sign_in_with_browser(self, open_browser: Callable[[str], object], *, port: int = 0,
                                   login_hint: str | None = None,
                                   wait_seconds: float = BROWSER_TIMEOUT) -> PscSignIn:
        """Open the provider's page in the system browser and wait for its redirect to the loopback.

        `open_browser(url)` shows the page (`webbrowser.open`, or prints the URL with `--no-browser`).

        Raises:
            PscError: DENIED, EXPIRED (no redirect within `wait_seconds`), STATE, GRANT, ID_TOKEN, ACR, NETWORK…
        """
        async with LoopbackRedirect(port) as redirect:
            request = await self.authorization_request(redirect.redirect_uri, login_hint=login_hint)
            open_browser(request.url)
            try:
                answer = await asyncio.wait_for(redirect.response(), wait_seconds)
            except TimeoutError:
                raise PscError(EXPIRED, detail="pas de retour du navigateur") from None
        return await self.complete_browser_sign_in(request, answer)

    async def complete_browser_sign_in(self, request: AuthorizationRequest, answer: dict[str, str]) -> PscSignIn:
        """Check the authorization response (RFC 6749 §4.1.2, RFC 9207) and exchange its code."""
        if not secrets.compare_digest(answer.get("state", ""), request.state):
            raise PscError(STATE)
        metadata = await self.metadata()
        if "iss" in answer and answer["iss"] != metadata.issuer:  # RFC 9207: mix-up defence
            raise PscError(STATE, detail="paramètre iss d'un autre émetteur")
        if "error" in answer:
            error = answer["error"]
            raise PscError(DENIED if error in ("access_denied", "login_required", "consent_required")
                           else BAD_RESPONSE, detail=f"autorisation : {error}"[:200])
        if not answer.get("code"):
            raise PscError(BAD_RESPONSE, detail="retour sans code")
        tokens = await self._tokens({"grant_type": "authorization_code", "code": answer["code"],
                                     "redirect_uri": request.redirect_uri, "code_verifier": request.code_verifier})
        return await self._signed_in(tokens, nonce=request.nonce)

    async def ciba_channel(self) -> DirectCiba:
        """CIBA straight to the provider with this client's credentials."""
        return DirectCiba(self.http, await self.metadata(), self.config.client)

    async def sign_in_with_ciba(self, request: CibaRequest, channel: CibaBackchannel | None = None, *,
                                sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> PscSignIn:
        """Push the request to the professional's app and poll until they answer (`channel`: a proxy, or
        the provider itself by default).

        Raises:
            PscError: DENIED, EXPIRED, CLIENT, ID_TOKEN, ACR, NETWORK…
        """
        channel = channel or await self.ciba_channel()
        ticket = await channel.start(request)
        tokens = await wait_for_tokens(channel, ticket, sleep=sleep)
        return await self._signed_in(tokens, nonce=None)

    async def refresh(self, tokens: TokenSet) -> TokenSet:
        """New tokens from the refresh token (RFC 6749 §6); a provider may omit a new refresh token."""
        if tokens.refresh_token is None:
            raise PscError(SESSION_ENDED, detail="pas de jeton de rafraîchissement")
        fresh = await self._tokens({"grant_type": "refresh_token", "refresh_token": tokens.refresh_token})
        if fresh.refresh_token is None:
            fresh = TokenSet(fresh.access_token, fresh.issued_at, fresh.expires_at, tokens.refresh_token,
                             tokens.refresh_expires_at, fresh.id_token, fresh.scope)
        return fresh

    async def userinfo(self, access_token: str) -> dict[str, Any]:
        """The userinfo claims, answered as JSON or as a signed JWT (§5.0)."""
        metadata = await self.metadata()
        if not metadata.userinfo_endpoint:
            raise PscError(USERINFO, detail="pas de point d'accès userinfo")
        try:
            response = await self.http.get(metadata.userinfo_endpoint,
                                           headers={"Authorization": f"Bearer {access_token}"})
        except httpx.HTTPError as exc:
            raise network_error(exc) from None
        if response.status_code == 401:
            raise PscError(SESSION_ENDED, detail="userinfo : jeton refusé")
        if response.status_code != 200:
            raise PscError(USERINFO, detail=f"userinfo HTTP {response.status_code}",
                           transient=response.status_code >= 500)
        if response.headers.get("content-type", "").split(";")[0].strip() == "application/jwt":
            return await (await self.checker()).userinfo(response.text.strip())
        try:
            claims = response.json()
        except ValueError:
            raise PscError(USERINFO, detail="userinfo illisible") from None
        if not isinstance(claims, dict):
            raise PscError(USERINFO, detail="userinfo non objet")
        return claims

    async def revoke(self, token: str, hint: str) -> None:
        """RFC 7009; a provider without a revocation endpoint lets tokens expire."""
        metadata = await self.metadata()
        if metadata.revocation_endpoint:
            response = await post_form(self.http, metadata.revocation_endpoint,
                                       {"token": token, "token_type_hint": hint}, self.config.client)
            if response.status_code != 200:
                log.warning("PSC revocation answered HTTP %s", response.status_code)

    async def end_session(self, id_token: str | None) -> None:
        """Ends the provider's session (RP-Initiated Logout 1.0 §2, POST form) so the browser's single
        sign-on does not silently sign the next user in."""
        metadata = await self.metadata()
        if not metadata.end_session_endpoint:
            return
        form = {"client_id": self.config.client.client_id, **({"id_token_hint": id_token} if id_token else {})}
        try:
            response = await self.http.post(metadata.end_session_endpoint, data=form)
        except httpx.HTTPError as exc:
            raise network_error(exc) from None
        if response.status_code >= 400:
            log.warning("PSC end-session answered HTTP %s", response.status_code)

    async def _tokens(self, form: dict[str, str]) -> TokenSet:
        metadata = await self.metadata()
        return await request_tokens(self.http, metadata.token_endpoint, form, self.config.client)

    async def _signed_in(self, tokens: TokenSet, *, nonce: str | None) -> PscSignIn:
        if tokens.id_token is None:
            raise PscError(ID_TOKEN, detail="réponse sans id_token")
        claims = await (await self.checker()).id_token(tokens.id_token, nonce=nonce)
        info = await self.userinfo(tokens.access_token)
        if info.get("sub") != claims["sub"]:  # Core §5.3.2: the userinfo must be about the same subject
            raise PscError(USERINFO, detail="sub du userinfo différent de celui du jeton d'identité")
        return PscSignIn(self, tokens, parse_userinfo(info), claims)


class PscSignIn:
    """A signed-in professional and their tokens: in memory only, for this session only.

    `access_token()` refreshes shortly before expiry (the MSSanté worker asks it for its XOAUTH2 bearer);
    `keep_alive()` does it in the background so the refresh token never lapses while the session is open.
    """

    def __init__(self, client: PscClient, tokens: TokenSet, identity: PscIdentity, id_claims: dict[str, Any],
                 *, clock: Callable[[], float] = time.time) -> None:
        self._client = client
        self._tokens: TokenSet | None = tokens
        self._clock = clock
        self._lock = asyncio.Lock()
        self.identity = identity
        self.id_claims = id_claims

    def __repr__(self) -> str:
        return f"PscSignIn({self.identity.national_id}, actif={self.active})"

    @property
    def active(self) -> bool:
        return self._tokens is not None

    @property
    def expires_at(self) -> float | None:
        return self._tokens.expires_at if self._tokens else None

    async def access_token(self) -> str:
        """A valid access token. Raises: PscError(SESSION_ENDED) after logout or a failed refresh."""
        async with self._lock:
            tokens = self._current()
            if self._clock() >= tokens.refresh_due_at:
                tokens = await self._refresh(tokens)
            return tokens.access_token

    async def refresh(self) -> None:
        async with self._lock:
            await self._refresh(self._current())

    async def keep_alive(self, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        """Refresh before each expiry until logout; returns when the session ends (a failed refresh
        ends it: MSSanté CONF.10)."""
        while self._tokens is not None:
            await sleep(max(0.0, self._tokens.refresh_due_at - self._clock()))
            try:
                await self.access_token()
            except PscError as exc:
                if exc.code == SESSION_ENDED:
                    return
                raise

    async def logout(self) -> None:
        """Revoke the tokens and end the provider's session; the tokens are forgotten even if that fails."""
        async with self._lock:
            tokens, self._tokens = self._tokens, None
        if tokens is None:
            return
        try:
            if tokens.refresh_token:
                await self._client.revoke(tokens.refresh_token, "refresh_token")
            await self._client.revoke(tokens.access_token, "access_token")
            await self._client.end_session(tokens.id_token)
        except PscError as exc:
            log.warning("PSC logout incomplete: %s", exc.code)

    async def aclose(self) -> None:
        """Log out, then close the provider connection this sign-in holds."""
        try:
            await self.logout()
        finally:
            await self._client.aclose()

    def _current(self) -> TokenSet:
        if self._tokens is None:
            raise PscError(SESSION_ENDED, detail="déconnecté")
        return self._tokens

    async def _refresh(self, tokens: TokenSet) -> TokenSet:
        try:
            fresh = await self._client.refresh(tokens)
        except TokenEndpointError as exc:
            self._tokens = None
            raise PscError(SESSION_ENDED, detail=exc.error) from None
        if fresh.id_token is not None:  # Core §12.2: same subject, and the original nonce if any
            claims = await (await self._client.checker()).id_token(fresh.id_token, nonce=None)
            if claims["sub"] != self.id_claims["sub"] or claims.get("nonce", self.id_claims.get("nonce")) != \
                    self.id_claims.get("nonce"):
                self._tokens = None
                raise PscError(ID_TOKEN, detail="jeton rafraîchi d'un autre sujet")
        self._tokens = fresh
        return fresh
