"""SMTP submission of the simulated operator (aiosmtpd, on the sandbox's loop).

STARTTLS before anything else (TLS 1.2+, the sandbox's server certificate; an optional client certificate
checked against the sandbox CA), then AUTH (sasl.py): XOAUTH2, OAUTHBEARER, and EXTERNAL/LOGIN once a client
certificate was presented. MAIL FROM only for a mailbox of the authenticated identity (5.7.1); RCPT TO only
inside the trust space (550 5.1.1); the content is checked at the end of DATA (message_check.py) and
refused with a 5xx saying why. DSN (RFC 3461): `RET`/`ENVID` on MAIL and `NOTIFY`/`ORCPT` on RCPT.

The sandbox's fault plan applies once at the greeting and once at the end of DATA: its latency, and a
dropped connection (`drop`, `timeout`) or a temporary failure (`error`, `soap_fault` → 421/451).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import logging
import re
import ssl
import unicodedata
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope
from aiosmtpd.smtp import Session as SmtpSession

from services.sandbox.faults import FaultKind, FaultSettings
from services.sandbox.mss.message_check import MessageRefused, check_message
from services.sandbox.mss.post_office import PostOffice, Recipient, Submission
from services.sandbox.mss.sasl import (
    Authenticated,
    Authenticator,
    Refusal,
    SaslError,
    bearer_failure,
    parse_oauthbearer,
    parse_xoauth2,
)
from services.sandbox.mss.trust_space import RecipientRefused

log = logging.getLogger("lgc.sandbox.mss")

HOSTNAME = "smtp.operateur.mssante.fr"
DATA_SIZE_LIMIT = 40 * 1024 * 1024  # above Mon espace santé's 25 MB, so that limit is a bounce, not a refusal
_PARAM = re.compile(r"\s+([A-Za-z]+)=(\S*)")
_XTEXT = re.compile(r"\+([0-9A-F]{2})")
DROPPING = (FaultKind.DROP, FaultKind.TIMEOUT)


def ascii_text(text: str) -> str:
    return unicodedata.normalize("NFKD", text).replace("’", "'").encode("ascii", "ignore").decode("ascii")


def decode_xtext(value: str) -> str:
    """RFC 3461 §4: `+XX` stands for the byte XX."""
    return _XTEXT.sub(lambda found: chr(int(found.group(1), 16)), value)


def peer_certificate(session: SmtpSession) -> bytes | None:
    ssl_object = (session.ssl or {}).get("ssl_object")
    return ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None


def _split_params(arg: str, names: tuple[str, ...]) -> tuple[str, dict[str, str]]:
    """`arg` without the ESMTP parameters `names` (their values keep their case), and those values."""
    found: dict[str, str] = {}

    def take(match: re.Match[str]) -> str:
        if match.group(1).upper() in names:
            found[match.group(1).upper()] = match.group(2)
            return ""
        return match.group(0)

    return _PARAM.sub(take, arg or ""), found


class OperatorSmtp(SMTP):
    """aiosmtpd with RFC 3461 parameters and the sandbox's faults."""

    def __init__(self, handler: OperatorHandler, faults: FaultSettings, tls: ssl.SSLContext) -> None:
        super().__init__(handler, hostname=HOSTNAME, ident="Operateur MSSante (sandbox)", tls_context=tls,
                         require_starttls=True, auth_required=True, auth_require_tls=True,
                         auth_exclude_mechanism=["PLAIN"], data_size_limit=DATA_SIZE_LIMIT)
        self.faults = faults
        self.submission = Submission(sender="")

    async def _handle_client(self) -> None:
        kind = await self.delay_and_draw()
        if kind in DROPPING:
            self.transport.abort()  # type: ignore[union-attr]
        elif kind is not None:
            await self.push("421 4.3.2 Service temporairement indisponible (panne simulée)")
            self.transport.close()  # type: ignore[union-attr]
        else:
            await super()._handle_client()

    async def delay_and_draw(self) -> FaultKind | None:
        """The sandbox's latency, then the fault drawn for this step (None: carry on)."""
        kind = self.faults.draw()
        if self.faults.latency:
            await asyncio.sleep(self.faults.latency)
        return kind

    async def push(self, status: str | bytes) -> None:
        """Replies in ASCII (RFC 5321 §4.2): French texts lose their accents, not their meaning."""
        await super().push(ascii_text(status).encode("ascii") if isinstance(status, str) else status)

    def _set_rset_state(self) -> None:
        super()._set_rset_state()  # type: ignore[no-untyped-call]
        self.submission = Submission(sender="")

    async def smtp_MAIL(self, arg: str | None) -> None:
        stripped, params = _split_params(arg or "", ("RET", "ENVID"))
        ret = params.get("RET", "FULL").upper()
        if ret not in ("FULL", "HDRS"):
            await self.push("501 5.5.4 RET=FULL ou RET=HDRS attendu")
            return
        await super().smtp_MAIL(stripped if arg is not None else None)
        if self.envelope is not None and self.envelope.mail_from:
            self.submission = Submission(sender=self.envelope.mail_from, envid=decode_xtext(params.get("ENVID", "")),
                                         headers_only=ret == "HDRS")

    async def smtp_RCPT(self, arg: str | None) -> None:
        stripped, params = _split_params(arg or "", ("NOTIFY", "ORCPT"))
        notify = frozenset(params.get("NOTIFY", "FAILURE").upper().split(","))
        if ("NEVER" in notify and len(notify) > 1) or not notify <= {"NEVER", "SUCCESS", "FAILURE", "DELAY"}:
            await self.push("501 5.5.4 NOTIFY=NEVER ou une liste de SUCCESS, FAILURE, DELAY attendu")
            return
        before = len(self.envelope.rcpt_tos) if self.envelope else 0
        await super().smtp_RCPT(stripped if arg is not None else None)
        if self.envelope is not None and len(self.envelope.rcpt_tos) > before:
            self.submission.recipients.append(Recipient(self.envelope.rcpt_tos[-1], notify,
                                                        decode_xtext(params.get("ORCPT", ""))))


class OperatorHandler:
    """aiosmtpd hooks and SASL mechanisms (aiosmtpd finds `auth_<NAME>` on the handler)."""

    def __init__(self, authenticator: Authenticator, post_office: PostOffice) -> None:
        self.authenticator = authenticator
        self.post_office = post_office

    async def handle_EHLO(self, server: SMTP, session: SmtpSession, envelope: Envelope, hostname: str,
                          responses: list[str]) -> list[str]:
        session.host_name = hostname
        with_certificate = peer_certificate(session) is not None
        kept = []
        for line in responses:
            if line.startswith("250-AUTH ") and not with_certificate:
                line = " ".join(word for word in line.split(" ") if word not in ("EXTERNAL", "LOGIN"))
            kept.append(line)
        kept.insert(-1, "250-DSN")
        kept.insert(-1, "250-ENHANCEDSTATUSCODES")
        return kept

    async def handle_MAIL(self, server: SMTP, session: SmtpSession, envelope: Envelope, address: str,
                          options: list[str]) -> str:
        granted = _granted(session)
        if not self.authenticator.trust.owns(granted.identity, address):
            return f"553 5.7.1 l'identité authentifiée ne détient pas la boîte {address} (relais refusé)"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 2.1.0 OK"

    async def handle_RCPT(self, server: SMTP, session: SmtpSession, envelope: Envelope, address: str,
                          options: list[str]) -> str:
        try:
            self.authenticator.trust.recipient(address)
        except RecipientRefused as exc:
            return f"{exc.status} {exc}"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(options)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: OperatorSmtp, session: SmtpSession, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        granted = _granted(session)
        try:
            check_message(raw, set(self.authenticator.trust.mailboxes_of(granted.identity)))
        except MessageRefused as exc:
            log.info("message refused: %s", exc)
            return f"{exc.status} {exc}"
        kind = await server.delay_and_draw()
        if kind in DROPPING:
            server.transport.abort()  # type: ignore[union-attr]
            raise asyncio.CancelledError  # aiosmtpd ends the session quietly
        if kind is not None:
            return "451 4.3.0 Erreur temporaire de l'opérateur (panne simulée), réessayez plus tard"
        self.post_office.deliver(raw, server.submission)
        return "250 2.0.0 Message accepté pour remise"

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        return await self._bearer(server, args, parse_xoauth2)

    async def auth_OAUTHBEARER(self, server: SMTP, args: list[str]) -> AuthResult:
        return await self._bearer(server, args, parse_oauthbearer)

    async def auth_EXTERNAL(self, server: SMTP, args: list[str]) -> AuthResult:
        blob = await _initial_response(server, args)
        if blob is None:
            return AuthResult(success=False, handled=True)
        assert server.session is not None
        return _result(self.authenticator.external(peer_certificate(server.session), blob.decode("utf-8", "replace")))

    async def auth_LOGIN(self, server: SMTP, args: list[str]) -> AuthResult:
        assert server.session is not None
        certificate = peer_certificate(server.session)
        if certificate is None:
            return AuthResult(success=False, handled=False,
                              message="538 5.7.11 LOGIN exige un certificat client présenté en TLS")
        user = await _initial_response(server, args, SMTP.AuthLoginUsernameChallenge)
        password = await _challenge(server, SMTP.AuthLoginPasswordChallenge) if user is not None else None
        if user is None or password is None:
            return AuthResult(success=False, handled=True)
        return _result(self.authenticator.login(certificate, user.decode("utf-8", "replace"),
                                                password.decode("utf-8", "replace")))

    async def _bearer(self, server: SMTP, args: list[str], parse: Any) -> AuthResult:
        blob = await _initial_response(server, args)
        if blob is None:
            return AuthResult(success=False, handled=True)
        try:
            user, token = parse(blob)
        except SaslError as exc:
            return AuthResult(success=False, handled=False, message=f"501 5.5.2 {exc}")
        outcome = await self.authenticator.bearer(user, token)
        # XOAUTH2 and RFC 7628: on failure, the error as a challenge, the client's dummy answer, then the refusal.
        if isinstance(outcome, Refusal) and await _challenge(server, bearer_failure(outcome)) is None:
            return AuthResult(success=False, handled=True)
        return _result(outcome)


async def _initial_response(server: SMTP, args: list[str], challenge: str = "") -> bytes | None:
    """The client's first response: inline after the mechanism (`=` for empty), else after a `334` prompt."""
    if len(args) < 2:
        return await _challenge(server, challenge)
    if args[1] == "=":
        return b""
    try:
        return base64.b64decode(args[1], validate=True)
    except (binascii.Error, ValueError):
        await server.push("501 5.5.2 base64 invalide")
        return None


async def _challenge(server: SMTP, challenge: str | bytes) -> bytes | None:
    answer = await server.challenge_auth(challenge)
    return answer if isinstance(answer, bytes) else None


def _granted(session: SmtpSession) -> Authenticated:
    """Who authenticated (aiosmtpd refuses MAIL and DATA before a successful AUTH)."""
    granted = session.auth_data
    assert isinstance(granted, Authenticated)
    return granted


def _result(outcome: Authenticated | Refusal) -> AuthResult:
    if isinstance(outcome, Refusal):
        return AuthResult(success=False, handled=False, message=f"535 5.7.8 {outcome.text}")
    return AuthResult(success=True, auth_data=outcome)


def tls_context(server_cert: str, server_key: str, ca_file: str) -> ssl.SSLContext:
    """TLS 1.2+, the sandbox's server certificate, an optional client certificate from the sandbox CA."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(server_cert, server_key)
    context.load_verify_locations(cafile=ca_file)
    context.verify_mode = ssl.CERT_OPTIONAL
    return context
