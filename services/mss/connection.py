"""How an MSSanté mailbox reaches its operator's servers: endpoints, TLS, SASL (PROTOCOLS §4.0).

Shared by submission (SMTP, RFC 6409) and reading (IMAP, RFC 3501/9051). Both use STARTTLS on 587 and 143 by
default (§4.0 CONF.04: "do not assume 993/465"); implicit TLS where an operator offers it (smtps://, imaps://).
The servers of a mailbox's domain are found by RFC 6186 SRV records; configured hosts are the fallback.

Authentication is chosen per mailbox (§4.0 CONF.07/CONF.27): personal and organisational boxes send the acting
user's Pro Santé Connect access token with SASL XOAUTH2 (or OAUTHBEARER, RFC 7628), never stored (CONF.28);
an applicative box presents its IGC-Santé certificate in TLS and then SASL EXTERNAL (or LOGIN where the
operator asks for it).
"""

from __future__ import annotations

import base64
import logging
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from services.errors import ServiceError
from services.transport import TlsMaterial, make_ssl_context

log = logging.getLogger("lgc.mss")

SUBMISSION_PORT = 587
IMAP_PORT = 143
SUBMISSIONS_PORT = 465
IMAPS_PORT = 993


class MssConnectionError(ServiceError):
    """No server could be found or reached for the mailbox (transient unless the settings are wrong)."""


class TlsMode(StrEnum):
    STARTTLS = "starttls"
    IMPLICIT = "implicit"


class Mechanism(StrEnum):
    """SASL mechanisms an LPS uses against an MSSanté operator (§4.0)."""

    XOAUTH2 = "xoauth2"
    OAUTHBEARER = "oauthbearer"
    EXTERNAL = "external"
    LOGIN = "login"

    @property
    def uses_token(self) -> bool:
        return self in (Mechanism.XOAUTH2, Mechanism.OAUTHBEARER)


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int
    tls: TlsMode

    @classmethod
    def from_url(cls, url: str) -> Endpoint:
        """`smtp://h[:587]`, `smtps://h[:465]`, `imap://h[:143]`, `imaps://h[:993]`."""
        parts = urlsplit(url)
        defaults = {"smtp": (SUBMISSION_PORT, TlsMode.STARTTLS), "smtps": (SUBMISSIONS_PORT, TlsMode.IMPLICIT),
                    "imap": (IMAP_PORT, TlsMode.STARTTLS), "imaps": (IMAPS_PORT, TlsMode.IMPLICIT)}
        if parts.scheme not in defaults or not parts.hostname:
            raise ValueError(f"adresse de serveur MSSanté invalide : {url}")
        port, tls = defaults[parts.scheme]
        return cls(parts.hostname, parts.port or port, tls)


TokenSource = Callable[[], Awaitable[str]]  # the acting user's PSC access token, fresh at each call


@dataclass(frozen=True)
class MailboxAccess:
    """Everything a client needs to open a session for one mailbox.

    `token` is asked at each connection (a refreshed token; a failed refresh ends the session, CONF.10);
    `password` is read from the keyring by the caller, for LOGIN only.
    """

    address: str
    mechanism: Mechanism
    tls: TlsMaterial  # CA of the operator; client certificate for an applicative mailbox
    token: TokenSource | None = None
    password: str = ""

    def ssl_context(self) -> ssl.SSLContext:
        """A verifying TLS 1.2+ client context (blocking: loads files; build it off the GUI thread)."""
        return make_ssl_context(self.tls)

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2]


def xoauth2_response(user: str, token: str) -> str:
    """The SASL XOAUTH2 initial client response (base64), as Google and MSSanté operators define it."""
    return base64.b64encode(f"user={user}\x01auth=Bearer {token}\x01\x01".encode()).decode("ascii")


def oauthbearer_response(user: str, host: str, port: int, token: str) -> str:
    """The SASL OAUTHBEARER initial client response (RFC 7628 §3.1), base64."""
    gs2 = f"n,a={user.replace('=', '=3D').replace(',', '=2C')},"
    return base64.b64encode(f"{gs2}\x01host={host}\x01port={port}\x01auth=Bearer {token}\x01\x01".encode()
                            ).decode("ascii")


def parse_bearer_response(encoded: str) -> tuple[str, str]:
    """(user, token) from an XOAUTH2 or OAUTHBEARER initial response; ValueError if malformed.

    For servers (the sandbox's simulator decodes with its own code; this is for the client's tests and tools).
    """
    text = base64.b64decode(encoded, validate=True).decode("utf-8")
    fields = dict(part.split("=", 1) for part in text.split("\x01") if "=" in part)
    user = fields.get("user", "")
    if text.startswith(("n,", "y,", "p=")):
        gs2_user = text.split(",", 2)[1]
        user = gs2_user.removeprefix("a=").replace("=2C", ",").replace("=3D", "=")
    auth = fields.get("auth", "")
    if not user or not auth.startswith("Bearer "):
        raise ValueError("réponse SASL porteur malformée")
    return user, auth.removeprefix("Bearer ")


async def discover(domain: str, service: str, fallback: str) -> Endpoint:
    """The server of `service` ("submission" or "imap") for `domain`, by RFC 6186 SRV records, else `fallback`.

    RFC 6186 §3: `_submission._tcp` (STARTTLS), `_imap._tcp` (STARTTLS) and, since RFC 8314, `_submissions._tcp`
    and `_imaps._tcp` (implicit TLS); lowest priority first, then highest weight; a target of "." means the
    service is not offered. §4.0 prefers STARTTLS, so those records are tried first.

    Raises:
        MssConnectionError: no record and no configured fallback.
    """
    import dns.asyncresolver  # imported on use: only a workstation that sends or reads mail pays for it
    import dns.exception
    import dns.resolver

    records = {"submission": (("_submission", TlsMode.STARTTLS), ("_submissions", TlsMode.IMPLICIT)),
               "imap": (("_imap", TlsMode.STARTTLS), ("_imaps", TlsMode.IMPLICIT))}[service]
    if domain:
        for label, tls in records:
            try:
                answer = await dns.asyncresolver.resolve(f"{label}._tcp.{domain}", "SRV", lifetime=5.0)
            except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer, dns.resolver.NoNameservers,
                    dns.exception.Timeout) as exc:
                log.info("pas d'enregistrement SRV %s._tcp.%s (%s)", label, domain, type(exc).__name__)
                continue
            usable = sorted((r for r in answer if str(r.target) != "."), key=lambda r: (r.priority, -r.weight))
            if usable:
                return Endpoint(str(usable[0].target).rstrip("."), int(usable[0].port), tls)
    if fallback:
        return Endpoint.from_url(fallback)
    raise MssConnectionError("MSS-NO-SERVER", f"Aucun serveur MSSanté trouvé pour « {domain} » : renseignez les "
                             "serveurs d'envoi et de réception dans les réglages.", transient=False)
