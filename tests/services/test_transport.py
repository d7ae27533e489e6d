"""The client TLS transport: one verified context, clear French errors, stable error codes."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from pathlib import Path

import httpx
import pytest

from services.http11_transport import HandshakeClosedError, Http11Transport
from services.sandbox.ca import Pki, ensure_pki
from services.sandbox.server import RunningSandbox
from services.transport import (
    TlsMaterial,
    TransportConfigError,
    TransportErrorCode,
    classify,
    make_async_client,
    make_ssl_context,
)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return ensure_pki(tmp_path_factory.mktemp("state"))


def test_context_verifies_and_requires_tls_1_2(pki: Pki) -> None:
    material = TlsMaterial(ca_file=pki.ca_cert, client_cert=pki.cps_cert, client_key=pki.cps_key)
    context = make_ssl_context(material)
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname
    assert context.minimum_version == ssl.TLSVersion.TLSv1_2
    assert context.cert_store_stats()["x509_ca"] == 1  # only the given CA, not the system's


async def test_client_carries_base_url_and_timeout(pki: Pki) -> None:
    async with make_async_client(TlsMaterial(ca_file=pki.ca_cert), base_url="https://127.0.0.1:1/lps",
                                 timeout=4.0) as client:
        assert str(client.base_url) == "https://127.0.0.1:1/lps/"
        assert client.timeout.read == 4.0


async def test_requests_go_through_the_http11_transport_unless_a_proxy_applies(
        sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    handled: list[str] = []
    handle = Http11Transport.handle_async_request

    async def counted(self: Http11Transport, request: httpx.Request) -> httpx.Response:
        handled.append(str(request.url))
        return await handle(self, request)

    monkeypatch.setattr(Http11Transport, "handle_async_request", counted)
    url = sandbox.manifest.urls["health"]
    async with make_async_client(TlsMaterial(ca_file=sandbox.manifest.ca_file)) as client:
        assert [(await client.get(url)).status_code for _ in range(3)] == [200] * 3
    assert handled == [url] * 3
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:1")
    async with make_async_client(TlsMaterial(ca_file=sandbox.manifest.ca_file)) as client:
        with pytest.raises(httpx.ConnectError):  # the sandbox answers directly; nothing listens at the proxy
            await client.get(url)
    assert len(handled) == 3


@pytest.mark.parametrize("field", ["ca_file", "client_cert", "client_key"])
def test_missing_file_is_named_in_french(pki: Pki, tmp_path: Path, field: str) -> None:
    material = {"ca_file": pki.ca_cert, "client_cert": pki.cps_cert, "client_key": pki.cps_key}
    missing = tmp_path / "absent.pem"
    material[field] = missing
    with pytest.raises(TransportConfigError, match="introuvable") as caught:
        make_ssl_context(TlsMaterial(**material))
    assert str(missing) in str(caught.value)
    assert classify(caught.value) is TransportErrorCode.CONFIG


def test_unreadable_ca_file(tmp_path: Path) -> None:
    garbage = tmp_path / "ca.pem"
    garbage.write_text("pas un certificat")
    with pytest.raises(TransportConfigError, match="autorités de certification illisible"):
        make_ssl_context(TlsMaterial(ca_file=garbage))


def test_key_not_matching_certificate(pki: Pki) -> None:
    with pytest.raises(TransportConfigError, match="discordant") as caught:
        make_ssl_context(TlsMaterial(ca_file=pki.ca_cert, client_cert=pki.cps_cert,
                                     client_key=pki.structure_key))
    assert str(pki.cps_cert) in str(caught.value)


def test_key_without_certificate(pki: Pki) -> None:
    with pytest.raises(TransportConfigError, match="sans certificat client"):
        make_ssl_context(TlsMaterial(ca_file=pki.ca_cert, client_key=pki.cps_key))


def _with_cause(error: httpx.HTTPError, cause: BaseException) -> httpx.HTTPError:
    error.__cause__ = cause
    return error


def _status_error(status: int) -> httpx.HTTPStatusError:
    request = httpx.Request("POST", "https://127.0.0.1/lps")
    return httpx.HTTPStatusError("x", request=request, response=httpx.Response(status, request=request))


@pytest.mark.parametrize(("error", "code"), [
    (httpx.ConnectTimeout("x"), TransportErrorCode.TIMEOUT),
    (httpx.ReadTimeout("x"), TransportErrorCode.TIMEOUT),
    (httpx.PoolTimeout("x"), TransportErrorCode.TIMEOUT),
    (_with_cause(httpx.ConnectError("x"), ssl.SSLCertVerificationError("bad")), TransportErrorCode.TLS),
    (_with_cause(httpx.ConnectError("x"), HandshakeClosedError("closed")), TransportErrorCode.TLS),
    (httpx.ConnectError("refused"), TransportErrorCode.CONNECTION),
    (httpx.ReadError("reset"), TransportErrorCode.CONNECTION),
    (httpx.RemoteProtocolError("closed"), TransportErrorCode.CONNECTION),
    (_status_error(503), TransportErrorCode.HTTP_5XX),
    (_status_error(404), TransportErrorCode.HTTP_4XX),
    (httpx.UnsupportedProtocol("ftp"), TransportErrorCode.CONFIG),
    (ValueError("x"), TransportErrorCode.OTHER),
])
def test_classify(error: BaseException, code: TransportErrorCode) -> None:
    assert classify(error) is code



async def _http_server(*, announce_close: bool = False,
                       per_connection: int | None = None) -> tuple[asyncio.Server, str, list[int]]:
    """A plain HTTP/1.1 server answering `ok`: it closes each connection after an answer saying so
    (`announce_close`), or silently after `per_connection` answers; the list counts answers per connection."""
    served: list[int] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        served.append(0)
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError):
            while served[-1] != per_connection and (await reader.readuntil(b"\r\n\r\n")).startswith(b"GET"):
                served[-1] += 1
                closing = b"connection: close\r\n" if announce_close else b""
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n" + closing + b"\r\nok")
                await writer.drain()
                if announce_close:
                    break
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    return server, f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/", served


@pytest.mark.parametrize(("announce_close", "expected"), [(False, [3]), (True, [1, 1, 1])])
async def test_connections_are_kept_alive_unless_the_server_closes_them(announce_close: bool,
                                                                        expected: list[int]) -> None:
    server, url, served = await _http_server(announce_close=announce_close)
    async with server, make_async_client(TlsMaterial()) as client:
        assert [(await client.get(url)).text for _ in range(3)] == ["ok"] * 3
    assert served == expected


async def test_a_connection_the_server_closed_while_idle_is_not_reused() -> None:
    server, url, served = await _http_server(per_connection=1)
    async with server, make_async_client(TlsMaterial()) as client:
        assert (await client.get(url)).text == "ok"
        await asyncio.sleep(0.1)  # the server's end of the first connection arrives
        assert (await client.get(url)).text == "ok"  # on a new connection, not a failure on the old one
    assert served == [1, 1]
