"""SASL as the operator checks it, for SMTP and IMAP alike (PROTOCOLS §4.0 CONF.07/CONF.27).

- XOAUTH2 (`user=<addr>^Aauth=Bearer <token>^A^A`) and OAUTHBEARER (RFC 7628, `n,a=<addr>,^Aauth=Bearer
  <token>^A^A`): the bearer is checked at the PSC simulator's introspection endpoint over HTTPS, with the
  operator's own resource-server credentials; the token's SubjectNameID must own the mailbox.
- EXTERNAL: the TLS client certificate (issued by the sandbox CA) names a structure that owns the
  applicative mailbox given as authorization identity (or its only one).
- LOGIN: only after client-certificate TLS, for a mailbox of that certificate, with the applicative password.
"""

from __future__ import annotations

import json
import logging
import re
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from cryptography import x509
from cryptography.x509.oid import NameOID

from services.sandbox.manifest import Manifest, ManifestError
from services.sandbox.mss.trust_space import TrustSpace

log = logging.getLogger("lgc.sandbox.mss")

# The operator's credentials at the PSC simulator (services/sandbox/psc/clients.py): a public test value.
INTROSPECTION_CLIENT_ID = "mss-operator"
INTROSPECTION_SECRET = "mss-operator-sandbox-secret"
# LOGIN's password for an applicative mailbox, on top of its certificate (a public test value).
APPLICATIVE_PASSWORD = "bal-applicative-sandbox"
_INTROSPECT = "/protocol/openid-connect/token/introspect"
_BEARER = re.compile(r"^auth=Bearer +(\S+)$", re.IGNORECASE)


class SaslError(ValueError):
    """A client response that does not follow its mechanism's syntax."""


@dataclass(frozen=True)
class Authenticated:
    identity: str  # "ps:<8+RPPS>" or "structure:<id>"
    mailbox: str  # the mailbox the session opened (IMAP reads it; SMTP sends as any mailbox of `identity`)


@dataclass(frozen=True)
class Refusal:
    text: str  # French, shown to the user by the client
    status: str = "invalid_token"  # the bearer error answered to XOAUTH2/OAUTHBEARER clients


def parse_xoauth2(blob: bytes) -> tuple[str, str]:
    """(user, bearer token) of an XOAUTH2 initial response."""
    fields = _fields(blob)
    user = next((item[5:] for item in fields if item.lower().startswith("user=")), "")
    return user, _bearer(fields)


def parse_oauthbearer(blob: bytes) -> tuple[str, str]:
    """(authorization identity, bearer token) of an OAUTHBEARER (RFC 7628 §3.1) initial response."""
    header, sep, rest = blob.partition(b"\x01")
    parts = header.decode("utf-8", "replace").split(",")
    if not sep or len(parts) < 3 or (parts[0] not in ("n", "y") and not parts[0].startswith("p=")):
        raise SaslError("en-tête GS2 OAUTHBEARER invalide")
    user = parts[1][2:] if parts[1].startswith("a=") else ""
    return user.replace("=2C", ",").replace("=3D", "="), _bearer(_fields(b"\x01" + rest))


def _fields(blob: bytes) -> list[str]:
    text = blob.decode("utf-8", "replace")
    if not text.endswith("\x01\x01"):
        raise SaslError("réponse SASL mal terminée (^A^A attendu)")
    return [item for item in text.split("\x01") if item]


def _bearer(fields: list[str]) -> str:
    for item in fields:
        found = _BEARER.match(item)
        if found:
            return found.group(1)
    raise SaslError("aucun jeton « auth=Bearer » dans la réponse SASL")


def bearer_failure(refusal: Refusal) -> bytes:
    """The JSON error of a failed bearer exchange (XOAUTH2 and RFC 7628 §3.2.2)."""
    return json.dumps({"status": refusal.status, "schemes": "bearer", "scope": "openid scope_all"}).encode()


def certificate_identity(der: bytes | None) -> str | None:
    """`structure:<id>` for a structure certificate, `ps:<national id>` for a CPS, None without a certificate."""
    if not der:
        return None
    subject = x509.load_der_x509_certificate(der).subject
    serial = subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    if not serial:
        return None
    kind = "ps" if subject.get_attributes_for_oid(NameOID.GIVEN_NAME) else "structure"
    value = serial[0].value
    return f"{kind}:{value.decode() if isinstance(value, bytes) else value}"


class Authenticator:
    """The decisions; the protocols only frame the exchanges."""

    def __init__(self, trust: TrustSpace, manifest_path: Path, ca_file: Path) -> None:
        self.trust = trust
        self.manifest_path = manifest_path
        self._tls = ssl.create_default_context(cafile=str(ca_file))

    async def bearer(self, user: str, token: str) -> Authenticated | Refusal:
        answer = await self._introspect(token)
        if answer is None:
            return Refusal("service d'introspection Pro Santé Connect injoignable", "temporarily_unavailable")
        if not answer.get("active") or answer.get("token_type", "Bearer") != "Bearer":
            return Refusal("jeton Pro Santé Connect invalide ou expiré")
        identity = f"ps:{answer.get('SubjectNameID', '')}"
        mailbox = user.strip().lower()
        if not mailbox or not self.trust.owns(identity, mailbox):
            return Refusal(f"la boîte {mailbox or '(non précisée)'} n'appartient pas au titulaire du jeton",
                           "insufficient_scope")
        return Authenticated(identity, mailbox)

    def external(self, certificate: bytes | None, authzid: str) -> Authenticated | Refusal:
        identity = certificate_identity(certificate)
        if identity is None:
            return Refusal("EXTERNAL exige un certificat client de l'IGC de test présenté pendant TLS")
        boxes = self.trust.mailboxes_of(identity)
        mailbox = authzid.strip().lower() or (boxes[0] if len(boxes) == 1 else "")
        if mailbox not in boxes:
            return Refusal(f"le certificat présenté ne détient pas la boîte {mailbox or '(non précisée)'}")
        return Authenticated(identity, mailbox)

    def login(self, certificate: bytes | None, user: str, password: str) -> Authenticated | Refusal:
        granted = self.external(certificate, user)
        if isinstance(granted, Refusal):
            return granted
        if password != APPLICATIVE_PASSWORD:
            return Refusal("mot de passe refusé")
        return granted

    async def _introspect(self, token: str) -> dict[str, Any] | None:
        try:
            url = Manifest.load(self.manifest_path).url("psc") + _INTROSPECT
        except ManifestError as exc:
            log.warning("no PSC simulator to introspect tokens: %s", exc)
            return None
        try:
            async with httpx.AsyncClient(verify=self._tls, timeout=10.0) as http:
                response = await http.post(url, data={"token": token},
                                           auth=(INTROSPECTION_CLIENT_ID, INTROSPECTION_SECRET))
        except httpx.HTTPError as exc:
            log.warning("PSC introspection failed: %s", exc)
            return None
        if response.status_code != 200:
            log.warning("PSC introspection answered %s", response.status_code)
            return None
        data: dict[str, Any] = response.json()
        return data
