"""A stand-in MSSanté operator for the sending tests: an aiosmtpd submission server in a thread, STARTTLS required,
AUTH XOAUTH2/OAUTHBEARER (bearer tokens it was told to accept) and EXTERNAL (a client certificate from the test
CA), DSN announced and its MAIL/RCPT parameters recorded, per-recipient refusals on demand.

`mss_operator` is the one fixture the e2e tests use: when the sandbox's MSSanté simulator lands, only this
fixture changes (it will give the sandbox's URL, CA, mailbox and read the received messages from its control
routes).
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope
from aiosmtpd.smtp import Session as SmtpSession

from services.mss.connection import parse_bearer_response
from services.sandbox.ca import Pki, ensure_pki
from services.transport import TlsMaterial
from tests.helpers.imap_server import ImapTestServer

MAILBOX = "cabinet.erables@test-ci-sis.mssante.fr"  # the applicative / personal mailbox of the tests
_DSN_PARAMETERS = ("RET=", "ENVID=", "NOTIFY=", "ORCPT=")


@dataclass
class Received:
    mail_from: str
    recipients: list[str]
    mail_options: list[str]
    rcpt_options: dict[str, list[str]]
    data: bytes
    auth: tuple[str, str]  # (mechanism, identity)
    peer: object = None  # the client's (host, port): one per SMTP connection


@dataclass
class OperatorState:
    tokens: set[str] = field(default_factory=set)
    refused: dict[str, str] = field(default_factory=dict)  # recipient → full SMTP reply, e.g. "550 5.1.1 inconnu"
    received: list[Received] = field(default_factory=list)


class _DsnSmtp(SMTP):
    """aiosmtpd does not know RFC 3461: its parameters are recorded on the session and removed before parsing."""

    async def smtp_MAIL(self, arg: str) -> None:
        kept, dsn = _split(arg)
        self.session.dsn_mail = dsn  # type: ignore[attr-defined]
        self.session.dsn_rcpt = {}  # type: ignore[attr-defined]
        await super().smtp_MAIL(kept)

    async def smtp_RCPT(self, arg: str) -> None:
        kept, dsn = _split(arg)
        address = kept.partition(":")[2].strip().strip("<>")
        getattr(self.session, "dsn_rcpt", {})[address] = dsn
        await super().smtp_RCPT(kept)


def _split(arg: str) -> tuple[str, list[str]]:
    words = arg.split()
    dsn = [word for word in words if word.upper().startswith(_DSN_PARAMETERS)]
    return " ".join(word for word in words if word not in dsn), dsn


class _Handler:
    def __init__(self, state: OperatorState) -> None:
        self.state = state

    async def handle_EHLO(self, server: SMTP, session: SmtpSession, envelope: Envelope, hostname: str,
                          responses: list[str]) -> list[str]:
        session.host_name = hostname
        return [*responses[:-1], "250-DSN", responses[-1]]

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        return self._bearer("XOAUTH2", args)

    async def auth_OAUTHBEARER(self, server: SMTP, args: list[str]) -> AuthResult:
        return self._bearer("OAUTHBEARER", args)

    def _bearer(self, mechanism: str, args: list[str]) -> AuthResult:
        try:
            user, token = parse_bearer_response(args[1])
        except (IndexError, ValueError):
            return AuthResult(success=False, handled=False)
        if token not in self.state.tokens:
            return AuthResult(success=False, handled=False, message="535 5.7.8 jeton refusé")
        return AuthResult(success=True, auth_data=(mechanism, user))

    async def auth_EXTERNAL(self, server: SMTP, args: list[str]) -> AuthResult:
        peer = server.transport.get_extra_info("peercert") if server.transport is not None else None
        if not peer:
            return AuthResult(success=False, handled=False, message="535 5.7.1 certificat client requis")
        subject = dict(item for rdn in peer["subject"] for item in rdn)
        return AuthResult(success=True, auth_data=("EXTERNAL", subject.get("commonName", "")))

    async def handle_RCPT(self, server: SMTP, session: SmtpSession, envelope: Envelope, address: str,
                          rcpt_options: list[str]) -> str:
        if address in self.state.refused:
            return self.state.refused[address]
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: SmtpSession, envelope: Envelope) -> str:
        auth = session.auth_data if isinstance(session.auth_data, tuple) else ("", "")
        self.state.received.append(Received(
            str(envelope.mail_from), list(envelope.rcpt_tos), list(getattr(session, "dsn_mail", [])),
            dict(getattr(session, "dsn_rcpt", {})), envelope.original_content or b"", auth, session.peer))
        return "250 2.0.0 accepté"


@dataclass
class MssOperator:
    """What an e2e test needs from the operator, whichever implements it."""

    smtp_url: str
    ca_file: Path
    client_cert: Path  # the applicative mailbox's certificate (EXTERNAL)
    client_key: Path
    mailbox: str
    state: OperatorState

    def accept_token(self, token: str) -> None:
        self.state.tokens.add(token)

    def refuse(self, address: str, reply: str) -> None:
        self.state.refused[address] = reply

    @property
    def received(self) -> list[Received]:
        return self.state.received

    def tls(self, *, client: bool) -> TlsMaterial:
        if client:
            return TlsMaterial(self.ca_file, self.client_cert, self.client_key)
        return TlsMaterial(self.ca_file)


def _server_context(pki: Pki) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(pki.server_cert, pki.server_key)
    context.load_verify_locations(pki.ca_cert)
    context.verify_mode = ssl.CERT_OPTIONAL  # bearer mailboxes come without a certificate
    return context


class _Controller(Controller):
    def factory(self) -> SMTP:
        return _DsnSmtp(self.handler, **self.SMTP_kwargs)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def mss_pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return ensure_pki(tmp_path_factory.mktemp("mss-pki"))


@pytest.fixture
def imap_server(mss_pki: Pki) -> Iterator[ImapTestServer]:
    """The practice's mailbox on the in-test IMAP server (TLS with the session's MSSanté test PKI)."""
    with ImapTestServer(mss_pki.server_cert, mss_pki.server_key, mss_pki.ca_cert) as running:
        yield running


@pytest.fixture
def mss_operator(mss_pki: Pki) -> Iterator[MssOperator]:
    state = OperatorState()
    kwargs: dict[str, Any] = {"tls_context": _server_context(mss_pki), "require_starttls": True,
                              "auth_require_tls": True, "auth_exclude_mechanism": ["LOGIN", "PLAIN"]}
    port = _free_port()
    controller = _Controller(_Handler(state), hostname="127.0.0.1", port=port,
                             server_hostname="mss.sandbox.localhost", **kwargs)
    controller.start()
    try:
        yield MssOperator(f"smtp://127.0.0.1:{port}", mss_pki.ca_cert, mss_pki.structure_cert,
                          mss_pki.structure_key, MAILBOX, state)
    finally:
        controller.stop()

