"""httpx's HTTP transport with its connections on asyncio's own streams and TLS, instead of anyio's.

httpcore reaches asyncio through anyio by default, which costs a DMP feed a good part of its CPU per request:
its TLS stream runs the SSL object's reads and writes from Python, every read and write enters a cancel
scope, and the pool's check that an idle connection is still open builds anyio's whole dictionary of socket
attributes (a getpeername call) for each connection, each time a request starts or ends. asyncio's own SSL
transport and streams do the same work with less. The pool, HTTP/1.1 and timeouts stay httpcore's; httpx has
no parameter for a network backend (encode/httpx#3749), hence a transport that replaces its pool with the
same pool on `AsyncioBackend`.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

# httpx's defaults.
LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)


class HandshakeClosedError(httpcore.ConnectError):
    """The peer closed the connection during the TLS handshake, as a server refusing the client certificate
    may do without an alert: a TLS failure for `services.transport.classify` (OpenSSL reading that end itself,
    as under anyio, reports it as a TLS error)."""


class AsyncioStream(httpcore.AsyncNetworkStream):
    """One connection; TLS by asyncio's SSL protocol once `start_tls` has run."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer

    async def read(self, max_bytes: int,
                   timeout: float | None = None) -> bytes:  # noqa: ASYNC109 - httpcore's interface
        try:
            async with asyncio.timeout(timeout):
                return await self._reader.read(max_bytes)  # b"" at the end of the stream
        except TimeoutError as exc:  # before OSError: TimeoutError is one
            raise httpcore.ReadTimeout(str(exc)) from exc
        except OSError as exc:
            raise httpcore.ReadError(str(exc)) from exc

    async def write(self, buffer: bytes,
                    timeout: float | None = None) -> None:  # noqa: ASYNC109 - httpcore's interface
        if not buffer:
            return
        try:
            async with asyncio.timeout(timeout):
                self._writer.write(buffer)
                await self._writer.drain()
        except TimeoutError as exc:
            raise httpcore.WriteTimeout(str(exc)) from exc
        except OSError as exc:
            raise httpcore.WriteError(str(exc)) from exc

    async def aclose(self) -> None:
        # As httpcore's anyio stream (standard_compatible=False): no wait for the peer's TLS close_notify.
        self._writer.close()

    async def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
                        ) -> httpcore.AsyncNetworkStream:
        try:
            await self._writer.start_tls(ssl_context, server_hostname=server_hostname,
                                         ssl_handshake_timeout=timeout)
        except TimeoutError as exc:
            self._writer.close()
            raise httpcore.ConnectTimeout(str(exc)) from exc
        except ConnectionResetError as exc:
            self._writer.close()
            if exc.errno is None:  # asyncio's report of the peer closing mid-handshake
                raise HandshakeClosedError("connection closed during the TLS handshake") from exc
            raise httpcore.ConnectError(str(exc)) from exc
        except OSError as exc:  # ssl.SSLError (a refused certificate) included: `transport.classify` finds it
            self._writer.close()
            raise httpcore.ConnectError(str(exc)) from exc
        return self

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            # Asked of idle connections: asyncio reads the socket as soon as data comes, so a server that
            # closed the connection shows as the end of the stream (or a transport already closing).
            return self._reader.at_eof() or self._writer.is_closing()
        names = {"ssl_object": "ssl_object", "client_addr": "sockname", "server_addr": "peername",
                 "socket": "socket"}
        return self._writer.get_extra_info(names[info]) if info in names else None


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    async def connect_tcp(self, host: str, port: int,
                          timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
                          local_address: str | None = None,
                          socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) -> AsyncioStream:
        try:
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_connection(
                    host, port, local_addr=None if local_address is None else (local_address, 0))
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(str(exc)) from exc
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        connection: socket.socket = writer.get_extra_info("socket")
        for option in socket_options or ():
            connection.setsockopt(*option)
        return AsyncioStream(reader, writer)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class AsyncioTransport(httpx.AsyncHTTPTransport):
    """httpx's transport (request and error mapping) over a connection pool on `AsyncioBackend`."""

    def __init__(self, ssl_context: ssl.SSLContext, limits: httpx.Limits = LIMITS) -> None:
        super().__init__(verify=ssl_context, limits=limits)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl_context, max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections, keepalive_expiry=limits.keepalive_expiry,
            network_backend=AsyncioBackend())
