"""The IMAP reading client against the in-test IMAP server: STARTTLS, SASL, UIDs, partial fetch, \\Seen, IDLE."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from services.mss.connection import Endpoint, MailboxAccess, Mechanism
from services.mss.imap import ImapError, ImapSession
from services.sandbox.ca import Pki, ensure_pki
from services.transport import TlsMaterial
from tests.helpers.imap_server import ImapOptions, ImapTestServer

MAILBOX = "cabinet@test-ci-sis.mssante.fr"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return ensure_pki(tmp_path_factory.mktemp("state"))


@pytest.fixture
def server(pki: Pki, request: pytest.FixtureRequest) -> Iterator[ImapTestServer]:
    options = getattr(request, "param", None) or ImapOptions()
    with ImapTestServer(pki.server_cert, pki.server_key, pki.ca_cert, options) as running:
        yield running


def _access(pki: Pki, mechanism: Mechanism, token: str = "good-token") -> MailboxAccess:
    async def source() -> str:
        return token
    if mechanism is Mechanism.EXTERNAL:
        return MailboxAccess(MAILBOX, mechanism, TlsMaterial(pki.ca_cert, pki.structure_cert, pki.structure_key))
    return MailboxAccess(MAILBOX, mechanism, TlsMaterial(pki.ca_cert), token=source)


async def _open(server: ImapTestServer, access: MailboxAccess) -> ImapSession:
    context = await asyncio.to_thread(access.ssl_context)
    return await ImapSession.open(Endpoint.from_url(server.url), access, context, timeout=10)


@pytest.mark.parametrize("mechanism", [Mechanism.XOAUTH2, Mechanism.OAUTHBEARER, Mechanism.EXTERNAL])
async def test_reads_new_messages_by_chunks_and_flags_them_seen_only_when_asked(
        server: ImapTestServer, pki: Pki, mechanism: Mechanism) -> None:
    big = b"Subject: gros\r\n\r\n" + b"x" * 250_000
    first, second = server.deliver(b"Subject: un\r\n\r\nbonjour"), server.deliver(big)
    async with await _open(server, _access(pki, mechanism)) as session:
        assert await session.select() == server.uidvalidity
        refs = await session.unseen()
        assert [(ref.uid, ref.size) for ref in refs] == [(first, 22), (second, len(big))]
        chunks: list[bytes] = []
        assert await session.fetch(refs[1], chunks.append, chunk=100_000) == len(big)
        assert b"".join(chunks) == big and len(chunks) == 3  # never the whole message in one answer
        assert server.seen() == []  # reading does not set \Seen (BODY.PEEK)
        await session.mark_seen(first)
        assert [ref.uid for ref in await session.unseen()] == [second]
    assert server.seen() == [first]
    assert server.logins == ["certificate" if mechanism is Mechanism.EXTERNAL else MAILBOX]


@pytest.mark.parametrize("server", [ImapOptions(sasl_ir=False)], indirect=True)
async def test_sends_the_initial_response_after_the_continuation_without_sasl_ir(
        server: ImapTestServer, pki: Pki) -> None:
    async with await _open(server, _access(pki, Mechanism.XOAUTH2)) as session:
        assert await session.select() == server.uidvalidity


async def test_a_refused_token_is_an_authentication_error_not_a_hang(server: ImapTestServer, pki: Pki) -> None:
    with pytest.raises(ImapError) as raised:
        await asyncio.wait_for(_open(server, _access(pki, Mechanism.XOAUTH2, token="expired")), 20)
    assert raised.value.code == "MSS-IMAP-AUTH" and not raised.value.transient
    assert "authentification" in raised.value.text


@pytest.mark.parametrize("server", [ImapOptions(starttls=False)], indirect=True)
async def test_a_server_without_starttls_is_refused_before_any_credential(server: ImapTestServer, pki: Pki) -> None:
    with pytest.raises(ImapError) as raised:
        await _open(server, _access(pki, Mechanism.XOAUTH2))
    assert raised.value.code == "MSS-IMAP-NO-TLS"
    assert server.logins == []


async def test_a_server_certificate_of_another_ca_is_refused(server: ImapTestServer, pki: Pki) -> None:
    access = MailboxAccess(MAILBOX, Mechanism.XOAUTH2, TlsMaterial(pki.unknown_ca_cert))
    with pytest.raises(ImapError) as raised:
        await _open(server, access)
    assert raised.value.code == "MSS-IMAP-TLS"


async def test_unreachable_server_is_a_transient_error(pki: Pki) -> None:
    access = _access(pki, Mechanism.XOAUTH2)
    context = await asyncio.to_thread(access.ssl_context)
    with pytest.raises(ImapError) as raised:
        await ImapSession.open(Endpoint("127.0.0.1", 1, Endpoint.from_url("imap://x").tls), access, context,
                               timeout=5)
    assert raised.value.code == "MSS-IMAP-CONNECT" and raised.value.transient


async def test_idle_returns_when_a_message_arrives(server: ImapTestServer, pki: Pki) -> None:
    async with await _open(server, _access(pki, Mechanism.XOAUTH2)) as session:
        await session.select()
        assert session.supports_idle
        loop = asyncio.get_running_loop()
        loop.call_later(0.3, server.deliver, b"Subject: nouveau\r\n\r\n.")
        started = loop.time()
        assert await session.wait_for_news(20) is True
        assert loop.time() - started < 15
        assert len(await session.unseen()) == 1
        assert await session.wait_for_news(0.5) is False  # nothing new: back after the timeout
