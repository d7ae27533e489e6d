"""The simulated realm's state: signing keys, codes, tokens, CIBA requests (in memory: a restart signs
everybody out, as tokens must never outlive a session). No HTTP here: `app.py` maps requests onto it.

Every refusal PROTOCOLS.md §8 lists is an `OAuthRefusal` carrying the error the real Keycloak answers.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from joserfc import jwt
from joserfc.jwk import KeySet, OctKey, RSAKey

from services.sandbox.psc.clients import CLIENTS, RegisteredClient
from services.sandbox.psc.people import BY_NATIONAL_ID, Professional

CODE_LIFETIME = 60  # §8: single-use and short-lived
CIBA_LIFETIME = 120  # §5.4
CIBA_INTERVAL = 1  # seconds between polls (kept short for tests and the demo)
ACR = "eidas1"


class OAuthRefusal(Exception):
    """An OAuth error answer: `error` (RFC 6749 §5.2, CIBA §11), HTTP `status`."""

    def __init__(self, error: str, description: str = "", status: int = 400) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description
        self.status = status


@dataclass
class Grant:
    """One sign-in: who, for which client, with which nonce; its tokens die with it."""

    client: RegisteredClient
    person: Professional
    nonce: str | None
    sid: str = field(default_factory=lambda: secrets.token_hex(8))
    auth_time: int = field(default_factory=lambda: int(time.time()))
    ended: bool = False


@dataclass
class IssuedCode:
    grant: Grant
    redirect_uri: str
    challenge: str | None
    challenge_method: str | None
    expires_at: float
    used: bool = False
    tokens: list[str] = field(default_factory=list)  # revoked if the code is replayed (RFC 6749 §4.1.2)


@dataclass
class IssuedToken:
    grant: Grant
    kind: str  # "access" | "refresh"
    expires_at: float
    revoked: bool = False

    def active(self, now: float) -> bool:
        return not (self.revoked or self.grant.ended) and now < self.expires_at


@dataclass
class CibaAuth:
    client: RegisteredClient
    person: Professional
    binding_message: str
    channel: str
    expires_at: float
    answer: bool | None = None  # None: the professional has not answered yet
    last_poll: float = 0.0
    done: bool = False


class Realm:
    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self.keys: list[RSAKey] = [self._new_key()]
        self.codes: dict[str, IssuedCode] = {}
        self.tokens: dict[str, IssuedToken] = {}
        self.ciba: dict[str, CibaAuth] = {}
        self.id_tokens: dict[str, str] = {}  # id_token -> sid, for end-session's id_token_hint

    # keys
    @staticmethod
    def _new_key() -> RSAKey:
        return RSAKey.generate_key(2048, parameters={"kid": secrets.token_hex(6), "use": "sig", "alg": "RS256"})

    def jwks(self) -> dict[str, Any]:
        return dict(KeySet(list(self.keys)).as_dict(private=False))

    def rotate_keys(self, *, retire_old: bool) -> str:
        """A new signing key; the old ones stay published unless `retire_old`."""
        key = self._new_key()
        self.keys = [key] if retire_old else [key, *self.keys]
        return str(key.kid)

    def sign(self, claims: dict[str, Any], client: RegisteredClient, *, alg: str | None = None) -> str:
        alg = alg or client.id_token_alg
        if alg == "HS256":
            return jwt.encode({"alg": "HS256"}, claims, OctKey.import_key(client.secret))
        key = self.keys[0]
        return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)

    # clients
    def authenticate(self, client_id: str | None, secret: str | None) -> RegisteredClient:
        client = CLIENTS.get(client_id or "")
        if client is None or secret is None or not secrets.compare_digest(secret, client.secret):
            raise OAuthRefusal("invalid_client", "authentification du client refusée", 401)
        return client

    # authorization code
    def issue_code(self, grant: Grant, redirect_uri: str, challenge: str | None, method: str | None) -> str:
        code = secrets.token_urlsafe(24)
        self.codes[code] = IssuedCode(grant, redirect_uri, challenge, method, self.clock() + CODE_LIFETIME)
        return code

    def redeem_code(self, client: RegisteredClient, code: str, redirect_uri: str, verifier: str | None,
                    issuer: str) -> dict[str, Any]:
        issued = self.codes.get(code)
        if issued is None:
            raise OAuthRefusal("invalid_grant", "code inconnu")
        if issued.used:
            for token in issued.tokens:
                self.tokens[token].revoked = True
            raise OAuthRefusal("invalid_grant", "code déjà utilisé")
        issued.used = True
        if issued.grant.client.client_id != client.client_id:
            raise OAuthRefusal("invalid_grant", "code d'un autre client")
        if self.clock() >= issued.expires_at:
            raise OAuthRefusal("invalid_grant", "code expiré")
        if redirect_uri != issued.redirect_uri:
            raise OAuthRefusal("invalid_grant", "redirect_uri différente")
        if issued.challenge is not None and not _pkce_matches(issued.challenge, issued.challenge_method, verifier):
            raise OAuthRefusal("invalid_grant", "vérification PKCE en échec")
        answer = self.token_answer(issued.grant, issuer)
        issued.tokens = [answer["access_token"], answer["refresh_token"]]
        return answer

    # tokens
    def token_answer(self, grant: Grant, issuer: str) -> dict[str, Any]:
        now = self.clock()
        client = grant.client
        access = secrets.token_urlsafe(32)
        refresh = secrets.token_urlsafe(32)
        self.tokens[access] = IssuedToken(grant, "access", now + client.access_lifetime)
        self.tokens[refresh] = IssuedToken(grant, "refresh", now + client.refresh_lifetime)
        claims: dict[str, Any] = {
            "iss": issuer, "sub": grant.person.subject, "aud": client.client_id, "azp": client.client_id,
            "exp": int(now) + client.access_lifetime, "iat": int(now), "auth_time": grant.auth_time, "acr": ACR,
            "sid": grant.sid, "SubjectNameID": grant.person.national_id,
            "preferred_username": grant.person.national_id, "given_name": grant.person.given_name,
            "family_name": grant.person.family_name}
        if grant.nonce is not None:
            claims["nonce"] = grant.nonce
        id_token = self.sign(claims, client)
        self.id_tokens[id_token] = grant.sid
        return {"access_token": access, "expires_in": client.access_lifetime, "refresh_token": refresh,
                "refresh_expires_in": client.refresh_lifetime, "token_type": "Bearer", "id_token": id_token,
                "not-before-policy": 0, "session_state": grant.sid,
                "scope": "openid scope_all"}

    def refresh(self, client: RegisteredClient, refresh_token: str, issuer: str) -> dict[str, Any]:
        issued = self.tokens.get(refresh_token)
        if issued is None or issued.kind != "refresh" or not issued.active(self.clock()):
            raise OAuthRefusal("invalid_grant", "jeton de rafraîchissement invalide ou expiré")
        if issued.grant.client.client_id != client.client_id:
            raise OAuthRefusal("invalid_grant", "jeton d'un autre client")
        issued.revoked = True  # rotated, as Keycloak's "revoke refresh token" setting does
        return self.token_answer(issued.grant, issuer)

    def active_token(self, token: str, kind: str = "access") -> IssuedToken | None:
        issued = self.tokens.get(token)
        return issued if issued is not None and issued.kind == kind and issued.active(self.clock()) else None

    def revoke(self, client: RegisteredClient, token: str) -> None:
        """RFC 7009: an unknown token is not an error; a refresh token takes its whole session down."""
        issued = self.tokens.get(token)
        if issued is None or issued.grant.client.client_id != client.client_id:
            return
        issued.revoked = True
        if issued.kind == "refresh":
            issued.grant.ended = True

    def session_of(self, id_token: str) -> str | None:
        return self.id_tokens.get(id_token)

    def end_session(self, sid: str) -> bool:
        found = False
        for issued in self.tokens.values():
            if issued.grant.sid == sid:
                issued.grant.ended = found = True
        return found

    # CIBA
    def start_ciba(self, client: RegisteredClient, login_hint: str, binding_message: str, channel: str,
                   requested_expiry: int | None) -> dict[str, Any]:
        person = BY_NATIONAL_ID.get(login_hint)
        if person is None:
            raise OAuthRefusal("unknown_user_id", "professionnel inconnu")
        if len(binding_message) != 2 or not binding_message.isdigit():
            raise OAuthRefusal("invalid_binding_message", "deux chiffres attendus")
        if channel not in ("CARD", "MOBILE"):
            raise OAuthRefusal("invalid_request", "channel CARD ou MOBILE attendu")
        lifetime = min(requested_expiry or CIBA_LIFETIME, CIBA_LIFETIME)
        auth_req_id = secrets.token_urlsafe(24)
        now = self.clock()  # the first poll, too, waits `interval` after the request (CIBA Core §7.3)
        self.ciba[auth_req_id] = CibaAuth(client, person, binding_message, channel, now + lifetime, last_poll=now)
        return {"auth_req_id": auth_req_id, "expires_in": lifetime, "interval": CIBA_INTERVAL}

    def poll_ciba(self, client: RegisteredClient, auth_req_id: str, issuer: str) -> dict[str, Any]:
        auth = self.ciba.get(auth_req_id)
        if auth is None or auth.done or auth.client.client_id != client.client_id:
            raise OAuthRefusal("invalid_grant", "auth_req_id inconnu")
        now = self.clock()
        if now >= auth.expires_at:
            raise OAuthRefusal("expired_token", "demande expirée")
        too_soon = now - auth.last_poll < CIBA_INTERVAL
        auth.last_poll = now
        if auth.answer is False:
            auth.done = True
            raise OAuthRefusal("access_denied", "refusé par le professionnel")
        if auth.answer is None:
            raise OAuthRefusal("slow_down" if too_soon else "authorization_pending")
        auth.done = True
        return self.token_answer(Grant(client, auth.person, None), issuer)

    def answer_ciba(self, login_hint: str, binding_message: str, approve: bool) -> bool:
        """The professional's answer in the simulated e-CPS app; False when no such request is waiting."""
        for auth in self.ciba.values():
            if (auth.person.national_id, auth.binding_message) == (login_hint, binding_message) and \
                    auth.answer is None and not auth.done:
                auth.answer = approve
                return True
        return False

    def pending_ciba(self) -> list[dict[str, str]]:
        now = self.clock()
        return [{"login_hint": a.person.national_id, "binding_message": a.binding_message, "channel": a.channel}
                for a in self.ciba.values() if a.answer is None and not a.done and now < a.expires_at]


def _pkce_matches(challenge: str, method: str | None, verifier: str | None) -> bool:
    if verifier is None:
        return False
    if method == "S256":
        digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
        computed = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    else:  # "plain" (§5.0 lists it)
        computed = verifier
    return secrets.compare_digest(computed, challenge)
