"""The HTTP/1.1 transport of the service clients: httpx's API over asyncio's own streams and TLS, with h11.

httpx's default transport (httpcore on anyio) cost the DMP feed about as much CPU per request as building and
signing the request: anyio's TLS stream runs the SSL object from Python and enters a cancel scope at every read
and write, and the pool, at each request start and end, checks every idle connection through anyio's whole
dictionary of socket attributes (a getpeername call each). Here a request is one write of its head and body and
reads until the end of its answer, parsed by h11 (httpcore's own HTTP/1.1 parser); asyncio's SSL transport does
the TLS. Kept from httpx's transport: verified TLS, keep-alive connections per origin (at most
`max_connections` open, idle ones closed after `keepalive_expiry`), the connect/read/write/pool timeouts of
each request, streamed answers (`services.transport.post_capped` stops reading past its cap), and httpx's
exceptions, so that `services.transport.classify` reads them as before.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator

import h11
import httpx

READ_SIZE = 64 * 1024
DEFAULT_PORTS = {"https": 443, "http": 80}
Origin = tuple[str, str, int]


class HandshakeClosedError(httpx.ConnectError):
    """The peer closed the connection during the TLS handshake, as a server refusing the client certificate
    may do without an alert: a TLS failure for `services.transport.classify` (OpenSSL reading that end itself
    reports a TLS error; asyncio reports a bare ConnectionResetError)."""


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.protocol = h11.Connection(h11.CLIENT)
        self.idle_since = 0.0

    def reusable(self, now: float, expiry: float) -> bool:
        """Still open and not idle too long: asyncio reads the socket as data comes, so a server that closed
        it shows as the end of the stream (or a transport already closing)."""
        return now - self.idle_since < expiry and not self.reader.at_eof() and not self.writer.is_closing()

    async def send(self, *events: h11.Event, within: float | None) -> None:
        try:
            data = b"".join(self.protocol.send(event) or b"" for event in events)
        except h11.LocalProtocolError as exc:
            raise httpx.LocalProtocolError(str(exc)) from exc
        try:
            async with asyncio.timeout(within):
                self.writer.write(data)
                await self.writer.drain()
        except TimeoutError as exc:  # before OSError: TimeoutError is one
            raise httpx.WriteTimeout(str(exc)) from exc
        except OSError as exc:
            raise httpx.WriteError(str(exc)) from exc

    async def receive(self, within: float | None) -> h11.Event:
        while True:
            try:
                event = self.protocol.next_event()
            except h11.RemoteProtocolError as exc:
                raise httpx.RemoteProtocolError(str(exc)) from exc
            if event is not h11.NEED_DATA:
                return event  # type: ignore[return-value]
            try:
                async with asyncio.timeout(within):
                    data = await self.reader.read(READ_SIZE)
            except TimeoutError as exc:
                raise httpx.ReadTimeout(str(exc)) from exc
            except OSError as exc:
                raise httpx.ReadError(str(exc)) from exc
            if not data and self.protocol.their_state is h11.SEND_RESPONSE:
                raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
            self.protocol.receive_data(data)


class _Body(httpx.AsyncByteStream):
    """An answer's body as it is read; its connection goes back to the pool once the body is read and closed."""

    def __init__(self, transport: Http11Transport, origin: Origin, connection: _Connection,
                 timeout: float | None) -> None:
        self._transport = transport
        self._origin = origin
        self._connection: _Connection | None = connection
        self._timeout = timeout
        self._complete = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        assert self._connection is not None, "body already closed"
        while True:
            event = await self._connection.receive(within=self._timeout)
            if isinstance(event, h11.Data):
                yield bytes(event.data)
            elif isinstance(event, h11.EndOfMessage):
                self._complete = True
                return

    async def aclose(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            self._transport.release(self._origin, connection, complete=self._complete)


class Http11Transport(httpx.AsyncBaseTransport):
    """Connections of one event loop (as any asyncio stream's), keep-alive per origin."""

    def __init__(self, ssl_context: ssl.SSLContext, *, max_connections: int = 100, max_idle: int = 20,
                 keepalive_expiry: float = 5.0) -> None:
        self._ssl_context = ssl_context
        self._slots = asyncio.Semaphore(max_connections)  # one per open connection
        self._max_idle = max_idle
        self._expiry = keepalive_expiry
        self._idle: dict[Origin, list[_Connection]] = {}
        self._closed = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.scheme not in DEFAULT_PORTS or not url.raw_host:
            raise httpx.UnsupportedProtocol(f"URL sans http:// ni https:// ou sans hôte : {url}")
        # The host as sent (IDNA-encoded; an IPv6 address without brackets), for the connection and SNI.
        origin = (url.scheme, url.raw_host.decode("ascii"), url.port or DEFAULT_PORTS[url.scheme])
        timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
        connection = await self._acquire(origin, timeouts)
        try:
            assert isinstance(request.stream, httpx.AsyncByteStream)
            body = b"".join([chunk async for chunk in request.stream])
            head = h11.Request(method=request.method, target=url.raw_path, headers=request.headers.raw)
            await connection.send(head, *([h11.Data(data=body)] if body else []), h11.EndOfMessage(),
                                  within=timeouts.get("write"))
            event = await connection.receive(within=timeouts.get("read"))
            while isinstance(event, h11.InformationalResponse):  # 100 Continue and the like
                event = await connection.receive(within=timeouts.get("read"))
        except BaseException:
            self.release(origin, connection, complete=False)
            raise
        assert isinstance(event, h11.Response)
        return httpx.Response(
            event.status_code, headers=event.headers.raw_items(),
            stream=_Body(self, origin, connection, timeouts.get("read")),
            extensions={"http_version": b"HTTP/" + event.http_version, "reason_phrase": event.reason})

    async def _acquire(self, origin: Origin, timeouts: dict[str, float | None]) -> _Connection:
        idle = self._idle.get(origin, [])
        now = asyncio.get_running_loop().time()
        while idle:
            connection = idle.pop()
            if connection.reusable(now, self._expiry):
                return connection
            self._close(connection)
        try:
            async with asyncio.timeout(timeouts.get("pool")):
                await self._slots.acquire()
        except TimeoutError as exc:
            raise httpx.PoolTimeout(str(exc)) from exc
        try:
            return await self._connect(origin, within=timeouts.get("connect"))
        except BaseException:
            self._slots.release()
            raise

    async def _connect(self, origin: Origin, within: float | None) -> _Connection:
        scheme, host, port = origin
        tls = scheme == "https"
        try:
            async with asyncio.timeout(within):
                reader, writer = await asyncio.open_connection(
                    host, port, ssl=self._ssl_context if tls else None, server_hostname=host if tls else None)
        except TimeoutError as exc:
            raise httpx.ConnectTimeout(str(exc)) from exc
        except ConnectionResetError as exc:
            if tls and exc.errno is None:  # asyncio's report of the peer closing mid-handshake
                raise HandshakeClosedError("connection closed during the TLS handshake") from exc
            raise httpx.ConnectError(str(exc)) from exc
        except OSError as exc:  # ssl.SSLError (a refused certificate) included: `classify` finds it
            raise httpx.ConnectError(str(exc)) from exc
        return _Connection(reader, writer)

    def release(self, origin: Origin, connection: _Connection, *, complete: bool) -> None:
        """Keep `connection` for the next request to `origin` if its exchange ended cleanly, else close it."""
        protocol = connection.protocol
        if self._closed or not (complete and protocol.our_state is h11.DONE and protocol.their_state is h11.DONE):
            self._close(connection)
            return
        protocol.start_next_cycle()
        connection.idle_since = asyncio.get_running_loop().time()
        idle = self._idle.setdefault(origin, [])
        idle.append(connection)
        if len(idle) > self._max_idle:
            self._close(idle.pop(0))

    def _close(self, connection: _Connection) -> None:
        # No wait for the peer's TLS close_notify (nor did httpcore wait for it).
        connection.writer.close()
        self._slots.release()

    async def aclose(self) -> None:
        self._closed = True  # answers still being read close their connection when done
        for idle in self._idle.values():
            for connection in idle:
                self._close(connection)
        self._idle.clear()
