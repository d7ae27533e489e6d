"""The application context releases its service clients at exit: pooled connections closed, builds awaited."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from lgc_app.bootstrap import AppContext
from lgc_app.config import Settings
from lgc_app.persistence.database import Database
from services.insi import InsiClient, LpsIdentity
from services.transport import TlsMaterial, make_async_client

LPS = LpsIdentity(idam="LGC-TEST", name="LGC", version="0", instance="test")


def _insi() -> tuple[InsiClient, httpx.AsyncClient]:
    http = make_async_client(TlsMaterial(), timeout=1.0)
    return InsiClient(http, url="https://insi.invalid/", lps=LPS, emitter="POSTE"), http


async def test_every_client_is_closed_even_one_still_being_built(db: Database,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    (ready, ready_http), (built, built_http) = _insi(), _insi()
    building: asyncio.Future[InsiClient] = asyncio.get_running_loop().create_future()
    failed: asyncio.Future[InsiClient] = asyncio.get_running_loop().create_future()
    failed.set_exception(OSError("certificat illisible"))
    context = AppContext(Settings(), db, clients={"insi": ready, "dmp": building, "other": failed,
                                                  "plain": object()})
    closing = asyncio.create_task(context.aclose_clients())
    await asyncio.sleep(0)
    assert not closing.done()  # waits for the build in flight
    building.set_result(built)
    await asyncio.wait_for(closing, 5)
    assert ready_http.is_closed and built_http.is_closed
    assert context.clients == {}
    assert "fermeture" not in caplog.text  # a failed build is not an error of closing
