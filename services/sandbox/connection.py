"""Connection-level facts that uvicorn does not put in the ASGI scope: the TLS peer and a way to hang up.

`TlsAwareHttpProtocol` fills the standard ASGI TLS extension (`scope["extensions"]["tls"]`, with the
client certificate as PEM in `client_cert_chain`) once per connection, after the handshake, and adds
`ABORT_EXTENSION`, the transport's `abort`, which the `drop` fault uses to cut the TCP connection.
It is uvicorn's httptools protocol (HTTP parsed in C, where h11 parses in Python), pinned rather than left to
uvicorn's "auto".
"""

from __future__ import annotations

import asyncio
import functools
import ssl
from typing import Any

from cryptography import x509
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from services.sandbox.faults import ABORT_EXTENSION

_TLS_VERSIONS = {"TLSv1.2": 0x0303, "TLSv1.3": 0x0304}


class TlsAwareHttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, adding the TLS peer and an abort hook to every request scope."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        extensions: dict[str, Any] = {ABORT_EXTENSION: transport.abort}
        ssl_object: ssl.SSLObject | None = transport.get_extra_info("ssl_object")
        if ssl_object is not None:
            extensions["tls"] = _tls_extension(ssl_object)
        self.app = _WithExtensions(self.app, extensions)


class _WithExtensions:
    def __init__(self, app: ASGIApp, extensions: dict[str, Any]) -> None:
        self.app = app
        self.extensions = extensions

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope["extensions"] = {**scope.get("extensions", {}), **self.extensions}
        await self.app(scope, receive, send)


def _tls_extension(ssl_object: ssl.SSLObject) -> dict[str, Any]:
    """The ASGI TLS extension (asgiref "TLS Extension"), computed once per connection."""
    der = ssl_object.getpeercert(binary_form=True)
    chain: list[str] = []
    name: str | None = None
    if der:
        cert = x509.load_der_x509_certificate(der)
        chain = [ssl.DER_cert_to_PEM_cert(der)]
        name = cert.subject.rfc4514_string()
    return {"server_cert": None, "client_cert_chain": chain, "client_cert_name": name,
            "client_cert_error": None, "tls_version": _TLS_VERSIONS.get(ssl_object.version() or ""),
            "cipher_suite": None}


def peer_certificate(request: Any) -> x509.Certificate | None:
    """The client's certificate on the mutual-TLS listener, else None (a Starlette Request or a scope)."""
    scope = getattr(request, "scope", request)
    chain = scope.get("extensions", {}).get("tls", {}).get("client_cert_chain") or []
    return _certificate(chain[0]) if chain else None


@functools.lru_cache(maxsize=64)
def _certificate(pem: str) -> x509.Certificate:
    """Parsed once per client certificate, not once per request: clients keep few, and reconnect with them."""
    return x509.load_pem_x509_certificate(pem.encode("ascii"))
