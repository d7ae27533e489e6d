"""The clients registered in the PSC simulator's realm, one per way a provider may be configured.

Redirect URIs match exactly, except that a loopback URI (`http://127.0.0.1/callback`) accepts any port,
as RFC 8252 §7.3 asks of an authorization server.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

LOOPBACK_CALLBACK = "http://127.0.0.1/callback"


@dataclass(frozen=True)
class RegisteredClient:
    client_id: str
    secret: str
    redirect_uris: tuple[str, ...] = (LOOPBACK_CALLBACK,)
    id_token_alg: str = "RS256"  # or HS256, keyed with the secret (§5.0)
    userinfo_jwt: bool = False  # answer userinfo as application/jwt (§5.0)
    access_lifetime: int = 120  # §5.2: the ANS mock's values
    refresh_lifetime: int = 350

    def accepts_redirect(self, uri: str) -> bool:
        if uri in self.redirect_uris:
            return True
        parts = urlsplit(uri)
        if parts.scheme != "http" or parts.hostname != "127.0.0.1" or parts.query or parts.fragment:
            return False
        without_port = f"http://127.0.0.1{parts.path}"
        return without_port in self.redirect_uris


CLIENTS: dict[str, RegisteredClient] = {client.client_id: client for client in (
    RegisteredClient("lgc-segur", "lgc-segur-sandbox-secret"),  # the demo's (lgc_app/demo.py)
    RegisteredClient("lgc-segur-hs256", "lgc-segur-hs256-sandbox-secret", id_token_alg="HS256"),
    RegisteredClient("lgc-segur-jwt", "lgc-segur-jwt-sandbox-secret", userinfo_jwt=True),
    RegisteredClient("lgc-segur-short", "lgc-segur-short-sandbox-secret", access_lifetime=2, refresh_lifetime=4),
    # a resource server, not a sign-in client: the MSSanté simulator introspects bearers with it
    RegisteredClient("mss-operator", "mss-operator-sandbox-secret", redirect_uris=()),
)}
