"""The client TLS transport: one verified context, clear French errors, stable error codes."""

from __future__ import annotations

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

