"""The loopback redirect of a native app (RFC 8252 §7.3): `http://127.0.0.1:<port>/callback`.

The system browser, not an embedded view, shows the provider's pages (RFC 8252 §8.12); the provider then
redirects it to this one-shot listener, bound on 127.0.0.1 only (§8.3), on the configured port or any free
one. The first request to `/callback` gives the authorization response; anything else gets 404.
"""

from __future__ import annotations

import asyncio
import contextlib
from types import TracebackType
from urllib.parse import parse_qsl, urlsplit

from services.psc.constants import CALLBACK_PATH

_HEADER_LIMIT = 16 * 1024
_READ_TIMEOUT = 10.0
_DONE_PAGE = ("<!doctype html><html lang=\"fr\"><meta charset=\"utf-8\"><title>LGC Ségur</title>"
              "<p>Connexion Pro Santé Connect reçue : vous pouvez fermer cette fenêtre et revenir au logiciel.</p>"
              "</html>")


class LoopbackRedirect:
    """`async with LoopbackRedirect(port) as redirect:` … `await redirect.response()`."""

    def __init__(self, port: int = 0) -> None:
        self._port = port
        self._server: asyncio.Server | None = None
        self._response: asyncio.Future[dict[str, str]] | None = None
        self.redirect_uri = ""

    async def __aenter__(self) -> LoopbackRedirect:
        self._response = asyncio.get_running_loop().create_future()
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self._port, limit=_HEADER_LIMIT)
        port = self._server.sockets[0].getsockname()[1]
        self.redirect_uri = f"http://127.0.0.1:{port}{CALLBACK_PATH}"
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        if self._response is not None and not self._response.done():
            self._response.cancel()

    async def response(self) -> dict[str, str]:
        """The query parameters of the redirect (`code`, `state`, or `error`…)."""
        assert self._response is not None, "use LoopbackRedirect as an async context manager"
        return await asyncio.shield(self._response)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), _READ_TIMEOUT)
            method, target, _version = head.split(b"\r\n", 1)[0].decode("ascii").split(" ", 2)
            parts = urlsplit(target)
            if method != "GET" or parts.path != CALLBACK_PATH:
                writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            else:
                if self._response is not None and not self._response.done():
                    self._response.set_result(dict(parse_qsl(parts.query)))
                body = _DONE_PAGE.encode("utf-8")
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                             b"Cache-Control: no-store\r\nConnection: close\r\n"
                             + f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
            await writer.drain()
        except (TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError, UnicodeError,
                ConnectionError):
            pass  # a broken or foreign request: the listener keeps waiting for the real redirect
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()
