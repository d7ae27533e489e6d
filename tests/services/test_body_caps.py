"""Bodies are capped while they stream (issue 15): clients stop reading a huge answer, simulators refuse a
huge request with 413 and a SOAP fault. Caps are made small here: nothing allocates gigabytes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from lxml import etree

from services.dmp.client import DmpClient
from services.dmp.errors import DmpError
from services.dmp.vihf import VihfSigner
from services.insi import InsiClient, InsiError, TraitsQuery
from services.sandbox.body_limit import BodyLimitMiddleware
from services.sandbox.server import RunningSandbox, run_in_thread
from services.transport import ResponseTooLargeError, make_async_client, make_ssl_context, post_capped
from tests.helpers.dmp import CONTEXT, SOURCE_ID, patient_id
from tests.helpers.dmp_consultation import DUPONT_INS
from tests.helpers.insi import EMITTER, LPS
from tests.helpers.sandbox import tls_material

CHUNK = 64 * 1024
SOAP_ENV = "http://www.w3.org/2003/05/soap-envelope"
DUPONT = TraitsQuery("DUPONT", ("ELODIE",), "F", "1985-03-14")


def _endless(produced: list[int], *, declare: bool) -> httpx.MockTransport:
    """An answer of 1000 chunks of 64 kB (64 MB if read to the end), generated lazily and counted."""

    async def body() -> AsyncIterator[bytes]:
        for _ in range(1000):
            produced.append(CHUNK)
            yield b"x" * CHUNK

    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"content-length": str(1000 * CHUNK)} if declare else {}
        return httpx.Response(200, headers=headers, content=body())

    return httpx.MockTransport(handler)


@pytest.mark.parametrize("declare", [True, False])
async def test_post_capped_stops_reading_past_the_cap(declare: bool) -> None:
    produced: list[int] = []
    async with httpx.AsyncClient(transport=_endless(produced, declare=declare)) as http:
        with pytest.raises(ResponseTooLargeError, match="lecture interrompue"):
            await post_capped(http, "https://dmp.test/", max_bytes=4 * CHUNK, content=b"<x/>")
    assert sum(produced) <= 5 * CHUNK  # stopped right after the cap, not after 64 MB


async def test_post_capped_returns_a_read_response_under_the_cap() -> None:
    async with httpx.AsyncClient(transport=httpx.MockTransport(
            lambda request: httpx.Response(201, headers={"x-a": "1"}, content=request.content * 2))) as http:
        response = await post_capped(http, "https://dmp.test/", max_bytes=100, content=b"abc")
    assert (response.status_code, response.content, response.headers["x-a"]) == (201, b"abcabc", "1")


async def test_dmp_client_refuses_an_answer_over_its_cap(sandbox: RunningSandbox) -> None:
    manifest = sandbox.manifest
    vihf = VihfSigner(manifest.structure_sign_cert.read_bytes(), manifest.structure_sign_key.read_bytes())
    async with make_async_client(tls_material(manifest, "structure"), timeout=10.0) as http:
        client = DmpClient(http, base_url=manifest.urls["dmp"], vihf=vihf, context=CONTEXT, source_id=SOURCE_ID,
                           max_response_bytes=1000)
        with pytest.raises(DmpError) as caught:
            await client.find_documents(patient_id(DUPONT_INS))
        assert not caught.value.transient and "1000 octets" in caught.value.detail
        assert caught.value.text == "La réponse du DMP est illisible."


async def test_insi_client_refuses_an_answer_over_its_cap(sandbox: RunningSandbox) -> None:
    async with make_async_client(tls_material(sandbox.manifest, "cps"), timeout=10.0) as http:
        client = InsiClient(http, url=sandbox.manifest.url("insi"), lps=LPS, emitter=EMITTER, max_response_bytes=200)
        with pytest.raises(InsiError) as caught:
            await client.search_by_traits(DUPONT)
    assert caught.value.is_transport and not caught.value.transient
    assert caught.value.text == "Le téléservice INSi a renvoyé une réponse illisible."


# --- simulators ----------------------------------------------------------------------------------------

async def _ok(scope: object, receive: object, send: object) -> None:  # an app that reads its body
    message = await receive()  # type: ignore[operator]
    await send({"type": "http.response.start", "status": 200, "headers": []})  # type: ignore[operator]
    await send({"type": "http.response.body", "body": str(len(message["body"])).encode()})  # type: ignore[operator]


def _fault_reason(response: httpx.Response) -> str:
    assert response.headers["content-type"].startswith("application/soap+xml")
    root = etree.fromstring(response.content)
    assert root.find(f"{{{SOAP_ENV}}}Body/{{{SOAP_ENV}}}Fault") is not None
    return root.findtext(f".//{{{SOAP_ENV}}}Text") or ""


async def test_body_limit_counts_declared_and_streamed_bytes() -> None:
    sent: list[int] = []

    async def chunked() -> AsyncIterator[bytes]:  # no Content-Length: only counting can stop it
        for _ in range(1000):
            sent.append(CHUNK)
            yield b"x" * CHUNK

    app = BodyLimitMiddleware(_ok, max_bytes=2 * CHUNK)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://sim") as http:
        small = await http.post("/", content=b"a" * CHUNK)
        declared = await http.post("/", content=b"a" * (3 * CHUNK))
        streamed = await http.post("/", content=chunked())
    assert (small.status_code, small.text) == (200, str(CHUNK))
    assert declared.status_code == streamed.status_code == 413
    assert sum(sent) <= 3 * CHUNK  # the refused body was not read to its end
    assert "trop volumineuse" in _fault_reason(declared) and "trop volumineuse" in _fault_reason(streamed)


def test_the_sandbox_answers_413_past_its_request_cap(tmp_path: Path) -> None:
    with run_in_thread(tmp_path, simulators=("insi",), max_request_bytes=4096) as running:
        verify = make_ssl_context(tls_material(running.manifest, "cps"))
        with httpx.Client(verify=verify, timeout=10.0) as http:
            response = http.post(running.manifest.url("insi"), content=b"<x/>" * 2000,
                                 headers={"content-type": "application/soap+xml"})
    assert response.status_code == 413
    assert "4096 octets" in _fault_reason(response)
