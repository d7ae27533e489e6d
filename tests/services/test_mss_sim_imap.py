"""The MSSanté simulator's IMAP server with stdlib imaplib and aioimaplib as clients: STARTTLS first, SASL
(XOAUTH2 with a real PSC token, EXTERNAL, LOGIN after a client certificate), UID SEARCH/FETCH/STORE, EXPUNGE,
IDLE woken by a delivery."""

from __future__ import annotations

import asyncio
import imaplib
import ssl
import time

import aioimaplib
import pytest

from services.sandbox.server import RunningSandbox
from tests.helpers.mss_sim import (
    APPLICATIVE,
    LAB_REPORT,
    PRACTITIONER,
    imap,
    inject,
    messages,
    port,
    psc_token,
    tls,
)


@pytest.fixture(scope="module")
def token(sandbox: RunningSandbox) -> str:
    return psc_token(sandbox, "61")


def _applicative(sandbox: RunningSandbox) -> imaplib.IMAP4:
    client = imap(sandbox, "structure")
    client.authenticate("EXTERNAL", lambda _challenge: b"")
    return client


def test_only_starttls_in_clear(sandbox: RunningSandbox) -> None:
    client = imaplib.IMAP4("127.0.0.1", port(sandbox, "mss_imap"), timeout=30)
    try:
        assert {"STARTTLS", "LOGINDISABLED", "AUTH=XOAUTH2", "AUTH=OAUTHBEARER", "AUTH=EXTERNAL", "IDLE",
                "UIDPLUS"} <= set(client.capabilities)
        assert client.noop()[0] == "OK"
        with pytest.raises(imaplib.IMAP4.error, match="PRIVACYREQUIRED"):
            client.login(APPLICATIVE, "x")
        client.send(b"a1 SELECT INBOX\r\n")  # imaplib itself refuses SELECT before authentication
        assert client.readline().startswith(b"a1 NO [PRIVACYREQUIRED]")
    finally:
        client.logout()


def test_login_needs_a_client_certificate(sandbox: RunningSandbox) -> None:
    client = imap(sandbox)
    assert "LOGINDISABLED" in client.capabilities and "STARTTLS" not in client.capabilities
    with pytest.raises(imaplib.IMAP4.error, match="certificat"):
        client.login(APPLICATIVE, "bal-applicative-sandbox")
    with pytest.raises(imaplib.IMAP4.error, match="AUTHENTICATIONFAILED"):
        client.authenticate("EXTERNAL", lambda _challenge: b"")
    client.logout()
    client = imap(sandbox, "structure")
    assert "LOGINDISABLED" not in client.capabilities
    with pytest.raises(imaplib.IMAP4.error):
        client.login(APPLICATIVE, "mauvais")
    assert client.login(APPLICATIVE, "bal-applicative-sandbox")[0] == "OK"
    client.logout()


def test_unknown_ca_certificate_is_refused(sandbox: RunningSandbox) -> None:
    with pytest.raises((ssl.SSLError, imaplib.IMAP4.abort, ConnectionError, OSError)):
        client = imap(sandbox, "unknown")
        client.authenticate("EXTERNAL", lambda _challenge: b"")


def test_xoauth2_reads_the_practitioners_box(sandbox: RunningSandbox, token: str) -> None:
    sent = inject(sandbox, PRACTITIONER)
    client = imap(sandbox)
    client.authenticate("XOAUTH2", lambda _challenge: f"user={PRACTITIONER}\x01auth=Bearer {token}\x01\x01".encode())
    assert client.select("INBOX")[0] == "OK"
    status, data = client.uid("SEARCH", "UNSEEN")
    assert status == "OK" and str(sent["uid"]).encode() in data[0].split()
    status, data = client.uid("FETCH", str(sent["uid"]), "(UID FLAGS RFC822.SIZE INTERNALDATE BODY.PEEK[])")
    assert status == "OK"
    envelope, body = data[0]
    assert b"RFC822.SIZE %d" % len(body) in envelope and b"INTERNALDATE" in envelope
    assert sent["message_id"].encode() in body and body.endswith(b"\r\n")
    assert not next(m for m in messages(sandbox, PRACTITIONER) if m["uid"] == sent["uid"])["seen"]  # PEEK
    status, data = client.uid("FETCH", str(sent["uid"]), "(BODY.PEEK[]<10.20>)")  # by chunks, as the client reads
    assert status == "OK" and data[0][0].endswith(b"BODY[]<10> {20}") and data[0][1] == body[10:30]
    client.uid("FETCH", str(sent["uid"]), "(BODY[])")
    assert next(m for m in messages(sandbox, PRACTITIONER) if m["uid"] == sent["uid"])["seen"]
    client.logout()


def test_bearer_refused_for_a_forged_token_or_another_box(sandbox: RunningSandbox, token: str) -> None:
    for user, value in ((PRACTITIONER, token[:-4] + "AAAA"), (APPLICATIVE, token)):
        client = imap(sandbox)
        with pytest.raises(imaplib.IMAP4.error, match="AUTHENTICATIONFAILED"):
            client.authenticate("XOAUTH2", lambda _c, u=user, v=value: f"user={u}\x01auth=Bearer {v}\x01\x01".encode())
        client.logout()


def test_search_store_expunge(sandbox: RunningSandbox) -> None:
    first, second = inject(sandbox, APPLICATIVE), inject(sandbox, APPLICATIVE)
    client = _applicative(sandbox)
    client.select("INBOX")
    status, data = client.uid("SEARCH", "UID", f"{first['uid']}:{second['uid']}")
    assert data[0].split() == [str(first["uid"]).encode(), str(second["uid"]).encode()]
    status, data = client.uid("STORE", str(first["uid"]), "+FLAGS", "(\\Seen \\Deleted)")
    assert status == "OK" and b"\\Deleted" in data[0] and b"\\Seen" in data[0]
    assert client.uid("STORE", str(first["uid"]), "-FLAGS", "(\\Seen)")[0] == "OK"
    status, data = client.expunge()
    assert status == "OK" and data[0] is not None
    uids = [m["uid"] for m in messages(sandbox, APPLICATIVE)]
    assert first["uid"] not in uids and second["uid"] in uids
    assert client.uid("SEARCH", "ALL")[1][0].split()[-1] == str(second["uid"]).encode()
    with pytest.raises(imaplib.IMAP4.error):
        client.uid("STORE", str(second["uid"]), "+FLAGS", "(\\Flagged)")
    client.logout()


def test_examine_is_read_only_and_literals_work(sandbox: RunningSandbox) -> None:
    sent = inject(sandbox, APPLICATIVE)
    client = _applicative(sandbox)
    client.select("INBOX", readonly=True)
    client.literal = f"{sent['uid']}:*".encode()  # sent as {n}, then the bytes after the server's "+"
    assert client.uid("SEARCH", "UID")[1][0].split()[0] == str(sent["uid"]).encode()
    client.uid("FETCH", str(sent["uid"]), "(RFC822)")
    assert not next(m for m in messages(sandbox, APPLICATIVE) if m["uid"] == sent["uid"])["seen"]
    client.logout()


def test_latency_once_per_fetch(sandbox: RunningSandbox) -> None:
    sent = inject(sandbox, APPLICATIVE)
    client = _applicative(sandbox)
    client.select("INBOX")
    sandbox.set_faults(latency=0.5)
    started = time.monotonic()
    client.uid("FETCH", str(sent["uid"]), "(UID RFC822.SIZE)")
    assert time.monotonic() - started >= 0.5
    client.logout()


def test_fault_at_greeting(sandbox: RunningSandbox) -> None:
    sandbox.set_faults(fail_next=["error"])
    with pytest.raises((imaplib.IMAP4.abort, imaplib.IMAP4.error)):
        imaplib.IMAP4("127.0.0.1", port(sandbox, "mss_imap"), timeout=30)


async def _aioimap(sandbox: RunningSandbox) -> aioimaplib.IMAP4:
    """aioimaplib has no STARTTLS: the command, then the protocol's transport upgraded in place."""
    client = aioimaplib.IMAP4(host="127.0.0.1", port=port(sandbox, "mss_imap"), timeout=30)
    await client.wait_hello_from_server()
    protocol = client.protocol
    response = await protocol.execute(aioimaplib.Command("STARTTLS", protocol.new_tag(), loop=protocol.loop))
    assert response.result == "OK"
    loop = asyncio.get_running_loop()
    protocol.transport = await loop.start_tls(protocol.transport, protocol, tls(sandbox, "structure"),
                                              server_hostname="127.0.0.1")
    return client


async def test_aioimaplib_idle_wakes_on_delivery(sandbox: RunningSandbox) -> None:
    client = await _aioimap(sandbox)
    assert (await client.login(APPLICATIVE, "bal-applicative-sandbox")).result == "OK"
    selected = await client.select("INBOX")
    assert selected.result == "OK"
    idle = await client.idle_start(timeout=30)
    delivered = asyncio.get_running_loop().run_in_executor(None, inject, sandbox, APPLICATIVE, LAB_REPORT)
    pushed = await client.wait_server_push(timeout=20)
    sent = await delivered
    assert any(line.endswith(b"EXISTS") for line in pushed)
    client.idle_done()
    await asyncio.wait_for(idle, 10)
    response = await client.uid("fetch", str(sent["uid"]), "(UID BODY.PEEK[])")
    assert response.result == "OK"
    assert any(sent["message_id"].encode() in line for line in response.lines if isinstance(line, bytes | bytearray))
    await client.logout()


async def test_aioimaplib_xoauth2(sandbox: RunningSandbox, token: str) -> None:
    client = await _aioimap(sandbox)
    assert (await client.xoauth2(PRACTITIONER, token)).result == "OK"
    assert (await client.select("INBOX")).result == "OK"
    response = await client.uid_search("ALL")
    assert response.result == "OK"
    await client.logout()


def test_a_sandbox_restart_keeps_the_mailboxes(tmp_path: object) -> None:
    from pathlib import Path

    from services.sandbox.server import run_in_thread
    from tests.helpers.mss_sim import inject as inject_into

    state = Path(str(tmp_path)) / "state"
    first = run_in_thread(state, simulators=("psc", "mss"))
    try:
        sent = inject_into(first, APPLICATIVE)
    finally:
        first.stop()
    second = run_in_thread(state, simulators=("psc", "mss"))
    try:
        assert [m["message_id"] for m in messages(second, APPLICATIVE)] == [sent["message_id"]]
        client = _applicative(second)
        client.select("INBOX")
        assert client.uid("SEARCH", "ALL")[1][0] == str(sent["uid"]).encode()
        client.logout()
    finally:
        second.stop()
