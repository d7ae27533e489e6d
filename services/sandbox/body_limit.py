"""Request bodies counted while they arrive: past the cap a simulator answers 413 with a SOAP 1.2 fault.

Starlette's `request.body()` buffers everything it is sent; without this middleware a 1.5 GB POST would
exhaust the sandbox's memory before any handler could look at its size. The declared Content-Length is
checked first, then the bytes actually received (a chunked body declares nothing).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Larger than any legitimate request: an ITI-41 with a 30 MB CDA (services.xml cap) in MTOM, plus metadata.
DEFAULT_MAX_REQUEST_BYTES = 64 * 1024 * 1024
_MEDIA_TYPE = b"application/soap+xml; charset=utf-8"


def _fault(limit: int) -> bytes:
    reason = escape(f"Requête trop volumineuse (maximum {limit} octets).")
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault>'
            "<env:Code><env:Value>env:Sender</env:Value></env:Code>"
            f'<env:Reason><env:Text xml:lang="fr">{reason}</env:Text></env:Reason>'
            "</env:Fault></env:Body></env:Envelope>").encode()


class BodyLimitMiddleware:
    """Reads each HTTP request body up to `max_bytes`, then hands it whole to `app` (memory ≤ the cap)."""

    def __init__(self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_REQUEST_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        if declared.isdigit() and (len(declared) > 18 or int(declared) > self.max_bytes):
            await self._refuse(send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body: Message | None = {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        async def replay() -> Message:
            nonlocal body
            if body is not None:
                message, body = body, None
                return message
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send) -> None:
        payload = _fault(self.max_bytes)
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", _MEDIA_TYPE), (b"content-length", str(len(payload)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": payload})
