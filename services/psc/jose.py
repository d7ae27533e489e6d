"""Signed JWTs from the provider (ID tokens, userinfo as `application/jwt`): checked with joserfc, never by hand.

Keys (PROTOCOLS.md §5.0): RS256/PS256/ES256 with a key of the provider's JWKS, named by `kid`; HS256 with the
client secret (OpenID Connect Core §10.1). The JWKS is fetched on first use and fetched again once when a
token names a `kid` it does not hold (the provider rotated its keys, Core §10.1.1); a `kid` still unknown
after that is refused. The algorithm decides the key, so an HS256 token cannot be checked against a public
RSA key (algorithm confusion).

Claims (Core §3.1.3.7): `iss` is the issuer, `aud` holds the client id (and `azp` is the client when
there are several audiences), `exp` is in the future and `iat` not, `nonce` is the one sent with the
request, `acr` the level the configuration requires.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import Key, KeySet, OctKey
from joserfc.jwt import ClaimsOption

from services.psc.errors import ACR, BAD_RESPONSE, ID_TOKEN, PscError, network_error

ASYMMETRIC_ALGORITHMS = ("RS256", "PS256", "ES256")
HMAC_ALGORITHM = "HS256"
LEEWAY_SECONDS = 60  # clock skew between the workstation and the provider


class ProviderKeys:
    """The provider's JWKS, held in memory."""

    def __init__(self, http: httpx.AsyncClient, jwks_uri: str) -> None:
        self._http = http
        self._jwks_uri = jwks_uri
        self._keys: KeySet | None = None

    async def key(self, kid: str | None) -> Key:
        """Raises: PscError(ID_TOKEN) when `kid` is unknown even after refetching the JWKS."""
        if self._keys is not None:
            try:
                return self._keys.get_by_kid(kid)
            except JoseError:
                pass  # rotated: refetch once
        self._keys = await self._fetch()
        try:
            return self._keys.get_by_kid(kid)
        except JoseError:
            raise PscError(ID_TOKEN, detail=f"clé {kid!r} absente du JWKS") from None

    async def _fetch(self) -> KeySet:
        try:
            response = await self._http.get(self._jwks_uri, headers={"Accept": "application/json"})
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise network_error(exc) from None
        try:
            return KeySet.import_key_set(response.json())
        except (ValueError, KeyError, TypeError, JoseError) as exc:
            raise PscError(BAD_RESPONSE, detail=f"JWKS illisible : {type(exc).__name__}") from None


class JwtChecker:
    """Checks the signature and claims of what the provider signs for this client."""

    def __init__(self, keys: ProviderKeys, *, issuer: str, client_id: str, client_secret: str | None,
                 required_acr: str | None, now: Callable[[], int] | None = None) -> None:
        self._keys = keys
        self._issuer = issuer
        self._client_id = client_id
        self._client_secret = client_secret
        self._required_acr = required_acr or None
        self._now = now or (lambda: int(time.time()))

    async def id_token(self, token: str, *, nonce: str | None) -> dict[str, Any]:
        """The claims of a valid ID token. `nonce` None: a grant that sent none (CIBA, refresh: the caller
        compares it with the original one).

        Raises: PscError(ID_TOKEN) for a bad signature or claim, PscError(ACR) for a weaker authentication.
        """
        claims = await self._verified(token, code=ID_TOKEN)
        required: ClaimsOption = {"essential": True}
        options: dict[str, ClaimsOption] = {"iss": {"essential": True, "value": self._issuer},
                                            "aud": {"essential": True, "value": self._client_id},
                                            "sub": required, "exp": required, "iat": required}
        if nonce is not None:
            options["nonce"] = {"essential": True, "value": nonce}
        registry = jwt.JWTClaimsRegistry(now=self._now, leeway=LEEWAY_SECONDS, **options)
        try:
            registry.validate(claims)
        except JoseError as exc:
            raise PscError(ID_TOKEN, detail=f"{type(exc).__name__}: {exc}") from None
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != self._client_id:  # Core §3.1.3.7 steps 4-5
            raise PscError(ID_TOKEN, detail="azp absent ou d'un autre client")
        if self._required_acr and claims.get("acr") != self._required_acr:
            raise PscError(ACR, detail=f"acr {claims.get('acr')!r}")
        return claims

    async def userinfo(self, token: str) -> dict[str, Any]:
        """Claims of a signed userinfo answer (Core §5.3.2: `iss` and `aud` must be ours)."""
        claims = await self._verified(token, code=BAD_RESPONSE)
        registry = jwt.JWTClaimsRegistry(now=self._now, leeway=LEEWAY_SECONDS,
                                         iss={"essential": True, "value": self._issuer},
                                         aud={"essential": True, "value": self._client_id})
        try:
            registry.validate(claims)
        except JoseError as exc:
            raise PscError(BAD_RESPONSE, detail=f"userinfo JWT : {type(exc).__name__}: {exc}") from None
        return claims

    async def _verified(self, token: str, *, code: str) -> dict[str, Any]:
        try:
            header = jws.extract_compact(token.encode("ascii")).headers()
        except (JoseError, ValueError, UnicodeError) as exc:
            raise PscError(code, detail=f"JWT illisible : {type(exc).__name__}") from None
        algorithm = header.get("alg")
        key: Key
        if algorithm == HMAC_ALGORITHM and self._client_secret:
            key = OctKey.import_key(self._client_secret)
        elif algorithm in ASYMMETRIC_ALGORITHMS:
            key = await self._keys.key(header.get("kid"))
        else:
            raise PscError(code, detail=f"algorithme {algorithm!r} refusé")
        try:
            return dict(jwt.decode(token, key, algorithms=[str(algorithm)]).claims)
        except (JoseError, ValueError) as exc:
            raise PscError(code, detail=f"signature : {type(exc).__name__}") from None
