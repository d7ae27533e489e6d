"""Reading an MSSanté mailbox over IMAP (RFC 3501/9051) with aioimaplib, as an operator's Dovecot expects.

aioimaplib has no STARTTLS and only XOAUTH2 among the SASL mechanisms, so `_Protocol` adds both: STARTTLS
upgrades the same transport with `loop.start_tls` (then capabilities are asked again, RFC 3501 §6.2.1: those
before TLS are not trusted), and AUTHENTICATE sends any mechanism's initial response (SASL-IR, RFC 4959, or
after the first continuation), answering a server's error challenge with an empty line so that the command
ends with its tagged NO instead of hanging. A server without STARTTLS is refused: credentials never travel in
clear (§4.0).

A message is read by partial fetches (`BODY.PEEK[]<offset.length>`) into a sink given by the caller, so a
100 MB message never sits whole in memory; `\\Seen` is set only when the caller says the bytes are stored
durably. UIDs are valid within one UIDVALIDITY, which `select` returns for the caller to keep.
"""

from __future__ import annotations

import asyncio
import logging
import re
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import aioimaplib

from services.errors import ServiceError
from services.mss.connection import Endpoint, MailboxAccess, Mechanism, TlsMode, oauthbearer_response, xoauth2_response

log = logging.getLogger("lgc.mss.imap")

CHUNK_BYTES = 1024 * 1024
_STOP_SECONDS = 5.0  # ending an IDLE, LOGOUT: what stopping the reception may wait for each
_UIDVALIDITY = re.compile(rb"UIDVALIDITY (\d+)")
_UID = re.compile(rb"UID (\d+)")
_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")


class ImapError(ServiceError):
    """Reading the mailbox failed; `text` is French."""


def _unreachable(detail: str) -> ImapError:
    return ImapError("MSS-IMAP-CONNECT", "Le serveur de réception MSSanté est injoignable.", transient=True,
                     detail=detail)


def _protocol_error(detail: str) -> ImapError:
    return ImapError("MSS-IMAP-PROTOCOL", "Le serveur de réception MSSanté a répondu de façon inattendue.",
                     transient=True, detail=detail[:300])


@dataclass(frozen=True)
class MessageRef:
    uid: int
    size: int


class _Protocol(aioimaplib.IMAP4ClientProtocol):  # type: ignore[misc]  # aioimaplib is untyped
    """aioimaplib's protocol with the SASL continuations answered (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sasl_responses: list[str] = []

    def _continuation(self, line: bytes) -> None:
        command = self.pending_sync_command
        if command is not None and command.name == "AUTHENTICATE":
            # the initial response if it was not sent with the command, then "" (ends a failed exchange)
            self.send(self.sasl_responses.pop(0) if self.sasl_responses else "", scrub="x" * 8)
            return
        super()._continuation(line)


class _Client(aioimaplib.IMAP4):  # type: ignore[misc]  # aioimaplib is untyped
    def create_client(self, host: str, port: int, loop: asyncio.AbstractEventLoop | None,
                      conn_lost_cb: Callable[[Exception | None], None] | None = None,
                      ssl_context: ssl.SSLContext | None = None) -> None:
        local_loop = loop if loop is not None else asyncio.get_running_loop()
        self.protocol = _Protocol(local_loop, conn_lost_cb)
        self._client_task = local_loop.create_task(
            local_loop.create_connection(lambda: self.protocol, host, port, ssl=ssl_context))


class ImapSession:
    """One authenticated session on the mailbox's INBOX. Use `async with await ImapSession.open(...)`."""

    def __init__(self, client: _Client, timeout: float) -> None:
        self._client = client
        self._protocol: _Protocol = client.protocol
        self._timeout = timeout

    @classmethod
    async def open(cls, endpoint: Endpoint, access: MailboxAccess, context: ssl.SSLContext, *,
                   timeout: float = 30.0) -> ImapSession:  # noqa: ASYNC109 - per-command timeout, not a deadline
        """Connect, secure (STARTTLS or implicit TLS, certificate verified by `context`) and authenticate.

        Raises:
            ImapError: unreachable, no STARTTLS, TLS failure, authentication refused.
        """
        implicit = endpoint.tls is TlsMode.IMPLICIT
        try:
            client = _Client(endpoint.host, endpoint.port, timeout=timeout,
                             ssl_context=context if implicit else None)
            await client.wait_hello_from_server()
        except ssl.SSLError as exc:
            raise _tls_error(str(exc)) from None
        except (OSError, TimeoutError, aioimaplib.AioImapException) as exc:
            raise _unreachable(f"{endpoint.host}:{endpoint.port} {type(exc).__name__}") from None
        session = cls(client, timeout)
        try:
            if not implicit:
                await session._starttls(endpoint.host, context)
            await session._authenticate(endpoint, access)
        except BaseException:
            await session.close()
            raise
        return session

    async def __aenter__(self) -> ImapSession:
        return self

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                        traceback: TracebackType | None) -> None:
        await self.close()

    async def _run(self, coroutine: Any) -> Any:
        """A command bounded by the timeout; transport failures become `ImapError`."""
        try:
            return await asyncio.wait_for(coroutine, self._timeout)
        except ssl.SSLError as exc:
            raise _tls_error(str(exc)) from None
        except (OSError, TimeoutError) as exc:
            raise _unreachable(type(exc).__name__) from None
        except aioimaplib.AioImapException as exc:
            raise _protocol_error(str(exc)) from None

    async def _starttls(self, host: str, context: ssl.SSLContext) -> None:
        if "STARTTLS" not in self._protocol.capabilities:
            raise ImapError("MSS-IMAP-NO-TLS", "Le serveur de réception MSSanté ne propose pas de connexion "
                                               "chiffrée (STARTTLS) : la connexion a été refusée.", transient=False)
        command = aioimaplib.Command("STARTTLS", self._protocol.new_tag(), loop=self._protocol.loop)
        response = await self._run(self._protocol.execute(command))
        if response.result != "OK":
            raise _tls_error(repr(response.lines[-1:]))
        loop = asyncio.get_running_loop()
        try:
            transport = await asyncio.wait_for(
                loop.start_tls(self._protocol.transport, self._protocol, context, server_hostname=host),
                self._timeout)
        except ssl.SSLError as exc:
            raise _tls_error(str(exc)) from None
        except (OSError, TimeoutError) as exc:
            raise _unreachable(type(exc).__name__) from None
        self._protocol.transport = transport
        await self._run(self._protocol.capability())

    async def _authenticate(self, endpoint: Endpoint, access: MailboxAccess) -> None:
        mechanism = access.mechanism
        if mechanism is Mechanism.LOGIN:
            response = await self._run(self._protocol.login(access.address, access.password))
        else:
            if mechanism.uses_token:
                if access.token is None:
                    raise ImapError("MSS-IMAP-NO-TOKEN", "Aucun jeton Pro Santé Connect : connectez-vous avec Pro "
                                                         "Santé Connect pour lire la messagerie.", transient=False)
                token = await access.token()
                initial = (xoauth2_response(access.address, token) if mechanism is Mechanism.XOAUTH2
                           else oauthbearer_response(access.address, endpoint.host, endpoint.port, token))
            else:  # EXTERNAL: the identity is the TLS client certificate; "=" is an empty authorization id
                initial = "="
            response = await self._sasl(mechanism.value.upper(), initial)
        if response.result != "OK":
            raise ImapError("MSS-IMAP-AUTH", "Le serveur de réception MSSanté a refusé l'authentification (jeton "
                                             "Pro Santé Connect, certificat ou mot de passe).", transient=False,
                            detail=repr(response.lines[-1:])[:200])
        self._protocol.state = aioimaplib.AUTH

    async def _sasl(self, mechanism: str, initial: str) -> Any:
        protocol = self._protocol
        if "SASL-IR" in protocol.capabilities:
            args: tuple[str, ...] = (mechanism, initial)
            protocol.sasl_responses = []
        else:
            args = (mechanism,)
            protocol.sasl_responses = [initial]
        command = aioimaplib.Command("AUTHENTICATE", protocol.new_tag(), *args, loop=protocol.loop)
        return await self._run(protocol.execute(command, scrub=initial))

    async def select(self, mailbox: str = "INBOX") -> int:
        """Open `mailbox`; returns its UIDVALIDITY (UIDs of another UIDVALIDITY mean nothing here)."""
        response = await self._run(self._protocol.select(mailbox))
        _expect_ok(response, "SELECT")
        for line in response.lines:
            if isinstance(line, bytes | bytearray) and (found := _UIDVALIDITY.search(bytes(line))):
                return int(found.group(1))
        raise _protocol_error("SELECT without UIDVALIDITY")

    async def unseen(self) -> list[MessageRef]:
        """Messages not yet flagged \\Seen, oldest first, with their size (RFC822.SIZE)."""
        response = await self._run(self._protocol.search("UNSEEN", charset=None, by_uid=True))
        _expect_ok(response, "UID SEARCH")
        # the untagged "* SEARCH 3 4" lines (aioimaplib may strip the word); the last line is the tagged text
        uids = sorted({int(token) for line in response.lines[:-1] if isinstance(line, bytes | bytearray)
                       for token in bytes(line).split() if token.isdigit()})
        if not uids:
            return []
        sizes: dict[int, int] = {}
        for start in range(0, len(uids), 200):
            batch = ",".join(str(uid) for uid in uids[start:start + 200])
            fetched = await self._run(self._protocol.fetch(batch, "(UID RFC822.SIZE)", by_uid=True))
            _expect_ok(fetched, "UID FETCH")
            for line in fetched.lines:
                if isinstance(line, bytes | bytearray):
                    uid, size = _UID.search(bytes(line)), _SIZE.search(bytes(line))
                    if uid and size:
                        sizes[int(uid.group(1))] = int(size.group(1))
        return [MessageRef(uid, sizes[uid]) for uid in uids if uid in sizes]

    async def fetch(self, message: MessageRef, sink: Callable[[bytes], None], *,
                    chunk: int = CHUNK_BYTES) -> int:
        """Pass the message's bytes to `sink` by chunks (without setting \\Seen); returns the bytes read."""
        offset = 0
        while True:
            response = await self._run(self._protocol.fetch(str(message.uid), f"(BODY.PEEK[]<{offset}.{chunk}>)",
                                                            by_uid=True))
            _expect_ok(response, "UID FETCH")
            data = _literal(response.lines)
            if data is None:
                raise _protocol_error(f"no body for UID {message.uid}")
            if data:
                sink(data)
                offset += len(data)
            if len(data) < chunk:
                return offset

    async def mark_seen(self, *uids: int) -> None:
        """Flag the messages \\Seen (one command): only once their bytes are stored durably (never read again)."""
        if not uids:
            return
        response = await self._run(self._protocol.store(",".join(map(str, uids)), "+FLAGS.SILENT", r"(\Seen)",
                                                        by_uid=True))
        _expect_ok(response, "UID STORE")

    @property
    def supports_idle(self) -> bool:
        return "IDLE" in self._protocol.capabilities

    @property
    def idling(self) -> bool:
        """An IDLE command is in progress (the server may push news)."""
        return bool(self._client.has_pending_idle())

    @property
    def logged_out(self) -> bool:
        return bool(self._protocol.state == aioimaplib.LOGOUT)

    async def wait_for_news(self, seconds: float) -> bool:
        """IDLE up to `seconds` (RFC 2177); True when the server announced a change. Without IDLE, sleep.

        Cancelled (reception stopped), it still ends the IDLE (DONE, its tagged answer awaited briefly), so that
        the session can LOGOUT and no command is left pending."""
        if not self.supports_idle:
            await asyncio.sleep(seconds)
            return False
        try:
            idle = await self._client.idle_start(timeout=seconds)
            try:
                pushed = await self._client.wait_server_push(timeout=seconds + 1.0)
            except TimeoutError:
                pushed = []
            except asyncio.CancelledError:
                await self._end_idle(idle, _STOP_SECONDS)
                raise
            await self._end_idle(idle, self._timeout)
        except (OSError, TimeoutError, aioimaplib.AioImapException) as exc:
            raise _unreachable(f"IDLE {type(exc).__name__}") from None
        lines = pushed if isinstance(pushed, list) else []
        return any(b"EXISTS" in bytes(line) or b"RECENT" in bytes(line) for line in lines
                   if isinstance(line, bytes | bytearray))

    async def _end_idle(self, idle: asyncio.Future[Any], seconds: float) -> None:
        if self._client.has_pending_idle():
            self._client.idle_done()
        await asyncio.wait_for(idle, seconds)

    async def close(self) -> None:
        """LOGOUT if possible, then drop the connection and end the client's tasks (never raises; bounded)."""
        try:
            if self._protocol.state in (aioimaplib.AUTH, aioimaplib.SELECTED, aioimaplib.NONAUTH) and \
                    not self._client.has_pending_idle():
                await asyncio.wait_for(self._protocol.logout(), _STOP_SECONDS)
        except Exception as exc:
            log.debug("IMAP logout failed: %s", type(exc).__name__)
        transport = self._protocol.transport
        if transport is not None:
            transport.close()
        leftovers = [task for task in self._client.tasks if not task.done()]  # an IDLE cut short, its watchers
        for task in leftovers:
            task.cancel()
        await asyncio.gather(*leftovers, return_exceptions=True)


def _tls_error(detail: str) -> ImapError:
    return ImapError("MSS-IMAP-TLS", "La connexion sécurisée au serveur de réception MSSanté a échoué : vérifiez le "
                                     "certificat et l'autorité de certification configurés.", transient=False,
                     detail=detail[:300])


def _expect_ok(response: Any, command: str) -> None:
    if response.result != "OK":
        raise _protocol_error(f"{command} {response.result} {response.lines[-1:]!r}")


def _literal(lines: list[Any]) -> bytes | None:
    """The literal of a one-message FETCH answer (aioimaplib puts it as a bytearray line)."""
    for line in lines:
        if isinstance(line, bytearray):
            return bytes(line)
    for line in lines:  # an empty literal `{0}` or a NIL body
        if isinstance(line, bytes) and (line.endswith(b"{0}") or b"NIL" in line):
            return b""
    return None
