"""HTTPS transport shared by every service client: one verified TLS context, and stable error codes.

Creating an `httpx.AsyncClient` builds an SSL context (loading CA files and the client key): 20–40 ms
on the calling thread per ARCHITECTURE.md; measured here ~8 ms with a CA file and a client key, but ~115 ms
with the system CA store — either way more than a GUI frame ("event loop is sacred"). Callers create ONE
client per service at start-up (or in a thread) and reuse it for every request. Its requests go through
`services.http11_transport` (asyncio's own streams and TLS), unless a proxy from the environment applies.
httpx (~40 ms of imports) and that transport are imported by the first client built, not with the modules
that only name these errors.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from services.errors import ServiceError

if TYPE_CHECKING:
    import httpx


class TransportConfigError(ServiceError, ValueError):
    """A TLS file named in the settings is missing or unreadable; `message` (French) names it."""

    def __init__(self, message: str) -> None:
        super().__init__("TLS-CONFIG", f"Certificats à corriger dans les réglages : {message}.", transient=False,
                         detail=message)


@dataclass(frozen=True)
class TlsMaterial:
    """Args:
    ca_file: PEM bundle of the CAs to trust; None trusts the system's CAs.
    client_cert: PEM certificate (chain) presented for mutual TLS; None for server-only TLS.
    client_key: PEM private key of `client_cert`; None when the key is inside `client_cert`.
    """

    ca_file: Path | None = None
    client_cert: Path | None = None
    client_key: Path | None = None


def make_ssl_context(tls: TlsMaterial) -> ssl.SSLContext:
    """A client context with verification on, TLS 1.2 or later, and the client certificate if any.

    Raises:
        TransportConfigError: a file is missing, unreadable, or the key does not match the certificate.
    """
    _check_file(tls.ca_file, "le fichier des autorités de certification")
    _check_file(tls.client_cert, "le certificat client")
    _check_file(tls.client_key, "la clé privée du certificat client")
    if tls.client_key is not None and tls.client_cert is None:
        raise TransportConfigError(f"clé privée {tls.client_key} fournie sans certificat client")
    try:
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH,
                                             cafile=str(tls.ca_file) if tls.ca_file else None)
    except ssl.SSLError as exc:
        raise TransportConfigError(f"fichier des autorités de certification illisible : {tls.ca_file} "
                                   f"({exc.reason or exc})") from None
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if tls.client_cert is not None:
        try:
            context.load_cert_chain(tls.client_cert, tls.client_key)
        except ssl.SSLError as exc:
            raise TransportConfigError(f"certificat client {tls.client_cert} ou sa clé "
                                       f"{tls.client_key or '(dans le même fichier)'} illisible ou "
                                       f"discordant ({exc.reason or exc})") from None
    return context


def make_async_client(tls: TlsMaterial, *, base_url: str = "", timeout: float = 30.0,
                      **kwargs: Any) -> httpx.AsyncClient:
    """One AsyncClient for one service; create it once at start-up (see module docstring)."""
    import httpx

    from services.http11_transport import Http11Transport

    context = make_ssl_context(tls)
    # Mounted for every URL rather than given as `transport`, which would turn off the proxies of the
    # environment: those (more specific patterns) still take their URLs.
    return httpx.AsyncClient(verify=context, base_url=base_url, timeout=timeout,
                             mounts={"all://": Http11Transport(context)}, **kwargs)


class ResponseTooLargeError(Exception):
    """An answer longer than the caller's cap: reading stopped there (message in French)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"réponse de plus de {limit} octets : lecture interrompue")
        self.limit = limit


# Headers describing the bytes on the wire, not the decoded body the capped answer carries.
_WIRE_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


async def post_capped(http: httpx.AsyncClient, url: httpx.URL | str, *, max_bytes: int,
                      **kwargs: Any) -> httpx.Response:
    """POST and read the answer while streaming, stopping past `max_bytes` of decoded body.

    `client.post()` reads the whole body first: a 1.5 GB answer (or a gzip bomb) would cost gigabytes before
    any size check. Here memory stays under `max_bytes` plus one chunk. The returned response is already read.

    Raises:
        ResponseTooLargeError: the announced or received body exceeds `max_bytes`.
        httpx.HTTPError: as `client.post()`.
    """
    import httpx

    async with http.stream("POST", url, **kwargs) as streamed:
        declared = streamed.headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and len(declared) < 20 and int(declared) > max_bytes:
            raise ResponseTooLargeError(max_bytes)
        chunks: list[bytes] = []
        size = 0
        async for chunk in streamed.aiter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise ResponseTooLargeError(max_bytes)
            chunks.append(chunk)
    headers = [(name, value) for name, value in streamed.headers.multi_items() if name.lower() not in _WIRE_HEADERS]
    return httpx.Response(streamed.status_code, headers=headers, content=b"".join(chunks),
                          request=streamed.request, extensions=streamed.extensions)


def _check_file(path: Path | None, what: str) -> None:
    if path is None:
        return
    if not Path(path).is_file():
        raise TransportConfigError(f"{what} est introuvable : {path}")
    try:
        with open(path, "rb") as handle:
            handle.read(1)
    except OSError as exc:
        raise TransportConfigError(f"{what} est illisible : {path} ({exc.strerror})") from None


class TransportErrorCode(StrEnum):
    """Stable codes for transport failures, used for retry decisions and French messages."""

    TIMEOUT = "timeout"  # no answer in time (connect, read, write or pool)
    TLS = "tls"  # handshake refused: certificate not trusted or client certificate refused
    CONNECTION = "connection"  # refused, reset or closed before a complete answer
    HTTP_4XX = "http_4xx"
    HTTP_5XX = "http_5xx"
    CONFIG = "config"  # bad URL, missing TLS file
    OTHER = "other"


# Worth retrying with backoff: the same request may succeed later. TLS and 4xx will not.
RETRYABLE = frozenset({TransportErrorCode.TIMEOUT, TransportErrorCode.CONNECTION,
                       TransportErrorCode.HTTP_5XX})


def classify(exc: BaseException) -> TransportErrorCode:
    """Map an httpx (or configuration) exception to a `TransportErrorCode`."""
    import httpx

    if isinstance(exc, httpx.TimeoutException):
        return TransportErrorCode.TIMEOUT
    if isinstance(exc, httpx.HTTPStatusError):
        status = exc.response.status_code
        if status >= 500:
            return TransportErrorCode.HTTP_5XX
        return TransportErrorCode.HTTP_4XX if status >= 400 else TransportErrorCode.OTHER
    if isinstance(exc, httpx.TransportError) and _caused_by_ssl(exc):
        return TransportErrorCode.TLS
    if isinstance(exc, httpx.NetworkError | httpx.RemoteProtocolError):
        return TransportErrorCode.CONNECTION
    if isinstance(exc, TransportConfigError | httpx.InvalidURL | httpx.UnsupportedProtocol):
        return TransportErrorCode.CONFIG
    return TransportErrorCode.OTHER


def _caused_by_ssl(exc: BaseException) -> bool:
    from services.http11_transport import HandshakeClosedError  # loaded with httpx, which raised `exc`

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLError | HandshakeClosedError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False
