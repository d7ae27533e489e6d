"""A small IMAP4rev1 server for the MSSanté reading tests, until the sandbox's operator (mss-sim) lands.

Kept in this one place so the end-to-end tests switch to the sandbox by changing a fixture. It runs on its own
loop in a thread (the reception worker under test has its own loop too) and speaks what an MSSanté operator's
Dovecot does for a client: STARTTLS (and nothing sensitive before it), AUTHENTICATE XOAUTH2/OAUTHBEARER with
known bearer tokens, EXTERNAL with a client certificate, LOGIN, SELECT with UIDVALIDITY, UID SEARCH UNSEEN,
UID FETCH (RFC822.SIZE, partial BODY.PEEK[]), UID STORE \\Seen, IDLE, LOGOUT. Options turn off SASL-IR, IDLE
or STARTTLS to test the client's other paths.
"""

from __future__ import annotations

import asyncio
import re
import ssl
import threading
from dataclasses import dataclass, field
from pathlib import Path

from services.mss.connection import parse_bearer_response

_PARTIAL = re.compile(r"BODY\.PEEK\[\]<(\d+)\.(\d+)>", re.IGNORECASE)


@dataclass
class StoredMessage:
    uid: int
    data: bytes
    seen: bool = False


@dataclass
class ImapOptions:
    starttls: bool = True
    sasl_ir: bool = True
    idle: bool = True
    tokens: set[str] = field(default_factory=lambda: {"good-token"})
    passwords: dict[str, str] = field(default_factory=dict)


class ImapTestServer:
    """`with ImapTestServer(cert, key, ca) as server:` then `server.url`, `server.deliver(raw)`."""

    def __init__(self, server_cert: Path, server_key: Path, ca_cert: Path,
                 options: ImapOptions | None = None) -> None:
        self.options = options or ImapOptions()
        self.uidvalidity = 1234
        self.messages: list[StoredMessage] = []
        self.fetch_commands = 0
        self.logins: list[str] = []
        self._next_uid = 1
        self._lock = threading.Lock()
        self._context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self._context.load_cert_chain(server_cert, server_key)
        self._context.load_verify_locations(ca_cert)
        self._context.verify_mode = ssl.CERT_OPTIONAL
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="imap-test-server", daemon=True)
        self._server: asyncio.Server | None = None
        self._idlers: set[asyncio.Event] = set()
        self.port = 0

    @property
    def url(self) -> str:
        return f"imap://localhost:{self.port}"

    def __enter__(self) -> ImapTestServer:
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._serve, "127.0.0.1", 0), self._loop).result(10)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def __exit__(self, *exc: object) -> None:
        async def stop() -> None:
            assert self._server is not None
            self._server.close()
        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def deliver(self, raw: bytes) -> int:
        """Put a message in the INBOX (any thread); IDLE sessions are told."""
        with self._lock:
            uid = self._next_uid
            self._next_uid += 1
            self.messages.append(StoredMessage(uid, raw))
        self._loop.call_soon_threadsafe(lambda: [event.set() for event in list(self._idlers)])
        return uid

    def seen(self) -> list[int]:
        with self._lock:
            return [message.uid for message in self.messages if message.seen]

    # --- protocol ------------------------------------------------------------------------------------------

    def _capabilities(self, secure: bool) -> str:
        caps = ["IMAP4rev1"]
        if not secure:
            return " ".join([*caps, "STARTTLS", "LOGINDISABLED"] if self.options.starttls else caps)
        caps += ["AUTH=XOAUTH2", "AUTH=OAUTHBEARER", "AUTH=EXTERNAL"]
        if self.options.sasl_ir:
            caps.append("SASL-IR")
        if self.options.idle:
            caps.append("IDLE")
        return " ".join(caps)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        secure = False
        authenticated = False

        def send(line: str | bytes) -> None:
            writer.write((line.encode() if isinstance(line, str) else line) + b"\r\n")

        send("* OK IMAP test server ready")
        try:
            while line := await reader.readline():
                tag, _, rest = line.decode("utf-8", "replace").strip().partition(" ")
                name, _, args = rest.partition(" ")
                name = name.upper()
                if name == "UID":
                    sub, _, args = args.partition(" ")
                    name = "UID " + sub.upper()
                if name == "CAPABILITY":
                    send(f"* CAPABILITY {self._capabilities(secure)}")
                    send(f"{tag} OK CAPABILITY completed")
                elif name == "STARTTLS" and not secure and self.options.starttls:
                    send(f"{tag} OK Begin TLS negotiation now")
                    await writer.drain()
                    await writer.start_tls(self._context)
                    secure = True
                elif name == "AUTHENTICATE" and secure:
                    authenticated = await self._authenticate(tag, args, reader, writer, send)
                elif name == "LOGIN" and secure:
                    user, _, password = args.partition(" ")
                    authenticated = self.options.passwords.get(user) == password.strip('"')
                    send(f"{tag} OK LOGIN completed" if authenticated else f"{tag} NO [AUTHENTICATIONFAILED] bad")
                elif name == "LOGOUT":
                    send("* BYE logging out")
                    send(f"{tag} OK LOGOUT completed")
                    await writer.drain()
                    break
                elif name == "NOOP":
                    send(f"{tag} OK NOOP completed")
                elif not authenticated:
                    send(f"{tag} BAD not authenticated")
                elif name == "SELECT":
                    with self._lock:
                        count = len(self.messages)
                    send(f"* {count} EXISTS")
                    send(f"* OK [UIDVALIDITY {self.uidvalidity}] UIDs valid")
                    send(f"{tag} OK [READ-WRITE] SELECT completed")
                elif name == "UID SEARCH":
                    with self._lock:
                        uids = [str(m.uid) for m in self.messages if not m.seen]
                    send("* SEARCH" + "".join(" " + uid for uid in uids))
                    send(f"{tag} OK SEARCH completed")
                elif name == "UID FETCH":
                    self._fetch(tag, args, send)
                elif name == "UID STORE":
                    wanted = {int(uid) for uid in args.split(" ", 1)[0].split(",")}
                    with self._lock:
                        for message in self.messages:
                            if message.uid in wanted and "\\SEEN" in args.upper():
                                message.seen = True
                    send(f"{tag} OK STORE completed")
                elif name == "IDLE" and self.options.idle:
                    await self._idle(tag, reader, send, writer)
                else:
                    send(f"{tag} BAD unknown command")
                await writer.drain()
        except (ConnectionError, ssl.SSLError):
            pass
        finally:
            writer.close()

    async def _authenticate(self, tag: str, args: str, reader: asyncio.StreamReader,
                            writer: asyncio.StreamWriter, send: object) -> bool:
        mechanism, _, initial = args.partition(" ")

        def reply(line: str) -> None:
            writer.write(line.encode() + b"\r\n")

        if not initial:
            reply("+ ")
            await writer.drain()
            initial = (await reader.readline()).decode().strip()
        mechanism = mechanism.upper()
        accepted = False
        if mechanism in ("XOAUTH2", "OAUTHBEARER"):
            try:
                user, token = parse_bearer_response(initial)
            except ValueError:
                token = ""
            accepted = token in self.options.tokens
            if accepted:
                self.logins.append(user)
            else:  # XOAUTH2 error challenge: the client must answer with an empty line
                reply("+ eyJzdGF0dXMiOiI0MDEifQ==")
                await writer.drain()
                await reader.readline()
        elif mechanism == "EXTERNAL":
            accepted = bool(writer.get_extra_info("peercert"))
            if accepted:
                self.logins.append("certificate")
        reply(f"{tag} OK AUTHENTICATE completed" if accepted else f"{tag} NO [AUTHENTICATIONFAILED] refused")
        return accepted

    def _fetch(self, tag: str, args: str, send: object) -> None:
        assert callable(send)
        uid_set, _, items = args.partition(" ")
        wanted = {int(uid) for uid in uid_set.split(",") if uid.isdigit()}
        self.fetch_commands += 1
        with self._lock:
            chosen = [(number, message) for number, message in enumerate(self.messages, 1) if message.uid in wanted]
        partial = _PARTIAL.search(items)
        for number, message in chosen:
            if partial:
                start, length = int(partial.group(1)), int(partial.group(2))
                data = message.data[start:start + length]
                send(f"* {number} FETCH (UID {message.uid} BODY[]<{start}> {{{len(data)}}}".encode() + b"\r\n"
                     + data + b")")
            else:
                send(f"* {number} FETCH (UID {message.uid} RFC822.SIZE {len(message.data)})")
        send(f"{tag} OK FETCH completed")

    async def _idle(self, tag: str, reader: asyncio.StreamReader, send: object,
                    writer: asyncio.StreamWriter) -> None:
        assert callable(send)
        event = asyncio.Event()
        self._idlers.add(event)
        send("+ idling")
        await writer.drain()
        done = asyncio.ensure_future(reader.readline())
        try:
            while not done.done():
                news = asyncio.ensure_future(event.wait())
                await asyncio.wait({done, news}, return_when=asyncio.FIRST_COMPLETED)
                if event.is_set():
                    event.clear()
                    with self._lock:
                        send(f"* {len(self.messages)} EXISTS")
                    await writer.drain()
                news.cancel()
        finally:
            self._idlers.discard(event)
        send(f"{tag} OK IDLE terminated")
