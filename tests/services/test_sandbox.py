"""The sandbox framework, exercised by real HTTPS traffic on loopback (echo simulator)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest

from services.sandbox.ca import TEST_PRACTITIONER_ID, TEST_STRUCTURE_NAME
from services.sandbox.server import RunningSandbox, run_in_thread
from services.transport import TlsMaterial, TransportErrorCode, classify, make_async_client, make_ssl_context
from tests.helpers.sandbox import tls_material


async def _get(sandbox: RunningSandbox, url: str, which: str | None = "cps", **kw: object) -> httpx.Response:
    async with make_async_client(tls_material(sandbox.manifest, which)) as client:  # type: ignore[arg-type]
        return await client.get(url, **kw)  # type: ignore[arg-type]


async def _refused(sandbox: RunningSandbox, url: str, tls: TlsMaterial) -> httpx.HTTPError:
    async with make_async_client(tls) as client:
        with pytest.raises(httpx.HTTPError) as caught:
            await client.get(url)
    return caught.value


async def test_health_on_both_listeners_with_the_test_ca(sandbox: RunningSandbox) -> None:
    manifest = sandbox.manifest
    tls_only = await _get(sandbox, manifest.urls["health"], None)
    mutual = await _get(sandbox, manifest.base_mtls + "/health")
    for response in (tls_only, mutual):
        assert response.status_code == 200
        assert response.json()["status"] == "ok"
        assert "echo" in response.json()["simulators"]
    assert response.url.scheme == "https"


async def test_system_cas_do_not_trust_the_sandbox(sandbox: RunningSandbox) -> None:
    error = await _refused(sandbox, sandbox.manifest.urls["health"], TlsMaterial())
    assert isinstance(error, httpx.ConnectError)
    assert classify(error) is TransportErrorCode.TLS


async def test_mutual_tls_listener_refuses_a_client_without_certificate(sandbox: RunningSandbox) -> None:
    manifest = sandbox.manifest
    error = await _refused(sandbox, manifest.urls["echo"], tls_material(manifest))
    assert isinstance(error, httpx.ConnectError)
    assert classify(error) is TransportErrorCode.TLS
    # The same client is welcome on the server-TLS listener.
    assert (await _get(sandbox, manifest.urls["health"], None)).status_code == 200


async def test_mutual_tls_listener_refuses_a_certificate_from_an_unknown_ca(sandbox: RunningSandbox) -> None:
    manifest = sandbox.manifest
    error = await _refused(sandbox, manifest.urls["echo"], tls_material(manifest, "unknown"))
    assert isinstance(error, httpx.ConnectError)
    assert classify(error) is TransportErrorCode.TLS


@pytest.mark.parametrize(("which", "expected_cn"),
                         [("cps", TEST_PRACTITIONER_ID), ("structure", TEST_STRUCTURE_NAME)])
async def test_peer_certificate_reaches_the_simulator(sandbox: RunningSandbox, which: str,
                                                      expected_cn: str) -> None:
    body = (await _get(sandbox, sandbox.manifest.urls["echo"] + "/who", which)).json()
    assert body["peer_subject"].startswith(f"CN={expected_cn},")
    assert body["peer_from_test_ca"] is True
    assert body["path"] == "/echo/who"


async def test_bare_mount_is_served_without_redirect(sandbox: RunningSandbox) -> None:
    async with make_async_client(tls_material(sandbox.manifest, "cps")) as client:
        response = await client.post(sandbox.manifest.urls["echo"], content=b"<soap/>")
    assert response.status_code == 200
    assert response.json() == {**response.json(), "method": "POST", "body_length": 7, "path": "/echo/"}


async def test_latency_delays_simulators_but_not_health(sandbox: RunningSandbox) -> None:
    sandbox.set_faults(latency=0.4)
    async with make_async_client(tls_material(sandbox.manifest, "cps")) as client:
        await client.get(sandbox.manifest.base_mtls + "/health")  # connection set up outside the timing
        start = time.perf_counter()
        await client.get(sandbox.manifest.base_mtls + "/health")
        health_time = time.perf_counter() - start
        start = time.perf_counter()
        response = await client.get(sandbox.manifest.urls["echo"])
        echo_time = time.perf_counter() - start
    assert response.status_code == 200
    assert echo_time >= 0.4
    assert health_time < 0.4
    assert (await _get(sandbox, sandbox.manifest.urls["health"], None)).json()["latency"] == 0.4


async def test_drop_closes_the_connection_without_a_response(sandbox: RunningSandbox) -> None:
    sandbox.set_faults(fail_next=["drop", "drop"])
    async with make_async_client(tls_material(sandbox.manifest, "cps")) as client:
        for _ in range(2):  # first on a fresh connection, then on a new one after the drop
            with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)) as caught:
                await client.get(sandbox.manifest.urls["echo"])
            assert classify(caught.value) is TransportErrorCode.CONNECTION
        assert (await client.get(sandbox.manifest.urls["echo"])).status_code == 200


async def test_error_fault_answers_500(sandbox: RunningSandbox) -> None:
    sandbox.set_faults(fail_next=["error"])
    response = await _get(sandbox, sandbox.manifest.urls["echo"])
    assert response.status_code == 500
    with pytest.raises(httpx.HTTPStatusError) as caught:
        response.raise_for_status()
    assert classify(caught.value) is TransportErrorCode.HTTP_5XX


async def test_timeout_fault_never_answers(sandbox: RunningSandbox) -> None:
    sandbox.set_faults(fail_next=["timeout"])
    with pytest.raises(httpx.ReadTimeout) as caught:
        await _get(sandbox, sandbox.manifest.urls["echo"], timeout=0.5)
    assert classify(caught.value) is TransportErrorCode.TIMEOUT
    assert (await _get(sandbox, sandbox.manifest.urls["echo"])).status_code == 200


async def test_soap_fault_flag_reaches_the_simulator(sandbox: RunningSandbox) -> None:
    sandbox.set_faults(fail_next=["soap_fault"])
    response = await _get(sandbox, sandbox.manifest.urls["echo"])
    assert response.status_code == 500
    assert b"env:Fault" in response.content


async def test_fail_next_is_consumed_in_order(sandbox: RunningSandbox) -> None:
    sandbox.set_faults(fail_next=["error", "soap_fault"])
    async with make_async_client(tls_material(sandbox.manifest, "cps")) as client:
        first, second, third = [await client.get(sandbox.manifest.urls["echo"]) for _ in range(3)]
    assert first.text == "Erreur interne simulée par la sandbox"
    assert b"env:Fault" in second.content
    assert third.status_code == 200
    assert sandbox.faults.plan.fail_next == ()


async def test_rates_are_reproducible_with_a_seed(sandbox: RunningSandbox) -> None:
    async def statuses() -> list[int]:
        sandbox.set_faults(rates={"error": 0.5}, seed=7)
        async with make_async_client(tls_material(sandbox.manifest, "cps")) as client:
            return [(await client.get(sandbox.manifest.urls["echo"])).status_code for _ in range(16)]

    first = await statuses()
    assert set(first) == {200, 500}
    assert await statuses() == first


async def test_control_endpoint_changes_faults_at_run_time(sandbox: RunningSandbox) -> None:
    manifest = sandbox.manifest
    async with make_async_client(tls_material(manifest)) as control:
        response = await control.put(manifest.urls["control"], json={"fail_next": ["error"], "latency": 0.05})
        assert response.json() == {"latency": 0.05, "rates": {}, "fail_next": ["error"], "seed": None}
        assert (await _get(sandbox, manifest.urls["echo"])).status_code == 500
        assert (await control.get(manifest.urls["control"])).json()["fail_next"] == []

        refused = await control.put(manifest.urls["control"], json={"rates": {"explode": 0.5}})
        assert refused.status_code == 400
        assert "type de panne inconnu" in refused.json()["error"]
        assert (await control.put(manifest.urls["control"], content=b"{")).status_code == 400
    # Control lives only on the server-TLS listener.
    assert (await _get(sandbox, manifest.base_mtls + "/_control/faults")).status_code == 404


async def test_faults_spare_health(sandbox: RunningSandbox) -> None:
    sandbox.set_faults(fail_next=["drop"])
    assert (await _get(sandbox, sandbox.manifest.urls["health"], None)).status_code == 200
    assert sandbox.faults.plan.fail_next == ("drop",)


async def test_stop_releases_a_held_request_and_removes_the_manifest(tmp_path: Path) -> None:
    running = run_in_thread(tmp_path, simulators=("echo",), faults={"timeout": 1.0}, latency=0.0)
    assert running.manifest_path.is_file()
    async with make_async_client(tls_material(running.manifest, "cps"), timeout=30.0) as client:
        pending = asyncio.create_task(client.get(running.manifest.urls["echo"]))
        await asyncio.sleep(0.3)
        start = time.perf_counter()
        await asyncio.to_thread(running.stop)
        with pytest.raises(httpx.TransportError):
            await pending
    assert time.perf_counter() - start < 5
    assert not running.manifest_path.exists()


def test_start_options_reach_health_and_manifest(tmp_path: Path) -> None:
    with run_in_thread(tmp_path, simulators=("echo",), latency=0.25) as running:
        with httpx.Client(verify=make_ssl_context(tls_material(running.manifest))) as client:
            health = client.get(running.manifest.urls["health"]).json()
        assert health == {"status": "ok", "simulators": ["echo"], "latency": 0.25}
        assert set(running.manifest.urls) == {"health", "control", "echo"}
        assert running.manifest.urls["echo"] == running.manifest.base_mtls + "/echo"
