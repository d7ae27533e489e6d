"""Pytest plugin: one in-process sandbox per test session (per xdist worker), faults reset after each test.

Registered for every test folder by `pytest_plugins` in tests/conftest.py. Use:

    async def test_x(sandbox):
        async with make_async_client(tls_material(sandbox.manifest, "cps")) as client:
            await client.post(sandbox.manifest.urls["insi"], ...)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import pytest

from services.sandbox.manifest import Manifest
from services.sandbox.server import RunningSandbox, run_in_thread
from services.transport import TlsMaterial


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = run_in_thread(tmp_path_factory.mktemp("sandbox"))
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def _sandbox_faults_reset(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that sets latency or faults never leaks them into the next one."""
    yield
    if "sandbox" in request.fixturenames:
        request.getfixturevalue("sandbox").set_faults()


def tls_material(manifest: Manifest,
                 which: Literal["cps", "structure", "unknown"] | None = None) -> TlsMaterial:
    """TLS files trusting the sandbox CA, with the test CPS, structure or unknown-CA client certificate."""
    if which is None:
        return TlsMaterial(ca_file=manifest.ca_file)
    cert, key = {"cps": (manifest.cps_cert, manifest.cps_key),
                 "structure": (manifest.structure_cert, manifest.structure_key),
                 "unknown": (manifest.unknown_client_cert, manifest.unknown_client_key)}[which]
    return TlsMaterial(ca_file=manifest.ca_file, client_cert=cert, client_key=key)
