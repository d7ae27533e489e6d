"""OpenID provider metadata (OpenID Connect Discovery 1.0): every endpoint is read from here, never built.

PSC publishes `/.well-known/wallet-openid-configuration` (PROTOCOLS.md §5.0, as the ANS proxy reads it);
any other standards-compliant provider only the standard document, which is the fall-back. The document's
`issuer` must be the configured one exactly (Discovery §4.3), or tokens could come from another realm.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from services.psc.constants import STANDARD_DISCOVERY_PATH, WALLET_DISCOVERY_PATH
from services.psc.errors import DISCOVERY, PscError, network_error


@dataclass(frozen=True)
class ProviderMetadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str | None = None
    revocation_endpoint: str | None = None
    end_session_endpoint: str | None = None
    introspection_endpoint: str | None = None
    backchannel_authentication_endpoint: str | None = None  # CIBA Core §4

    @classmethod
    def parse(cls, document: Any, issuer: str) -> ProviderMetadata:
        """Raises: PscError(DISCOVERY) for a document without the required endpoints or of another issuer."""
        if not isinstance(document, dict):
            raise PscError(DISCOVERY, detail="document de découverte non JSON")
        if document.get("issuer") != issuer:
            raise PscError(DISCOVERY, detail=f"émetteur annoncé {document.get('issuer')!r}, attendu {issuer!r}")
        values = {name: document.get(name) for name in cls.__dataclass_fields__}
        for name, value in values.items():
            if value is not None and not (isinstance(value, str) and value.startswith("https://")):
                raise PscError(DISCOVERY, detail=f"{name} : adresse https attendue")
        missing = [name for name in ("authorization_endpoint", "token_endpoint", "jwks_uri") if not values[name]]
        if missing:
            raise PscError(DISCOVERY, detail=f"points d'accès absents : {', '.join(missing)}")
        return cls(**values)  # type: ignore[arg-type]  # each value checked above: str or None


async def discover(http: httpx.AsyncClient, issuer: str) -> ProviderMetadata:
    """The provider's metadata: the PSC wallet document, else the standard one.

    Raises:
        PscError: DISCOVERY (no usable document), NETWORK (provider unreachable).
    """
    issuer = issuer.rstrip("/")
    for path in (WALLET_DISCOVERY_PATH, STANDARD_DISCOVERY_PATH):
        try:
            response = await http.get(issuer + path, headers={"Accept": "application/json"})
        except httpx.HTTPError as exc:
            raise network_error(exc) from None
        if response.status_code == 404:
            continue
        if response.status_code != 200:
            raise PscError(DISCOVERY, detail=f"HTTP {response.status_code} sur {path}",
                           transient=response.status_code >= 500)
        try:
            document = response.json()
        except ValueError:
            raise PscError(DISCOVERY, detail=f"{path} : JSON illisible") from None
        return ProviderMetadata.parse(document, issuer)
    raise PscError(DISCOVERY, detail="aucun document de découverte (wallet-openid-configuration, "
                                     "openid-configuration)")
