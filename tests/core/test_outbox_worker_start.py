"""A worker builds its DMP connection when it starts, not with the first orders (its process tells the GUI it
is ready only then, tests/ui/test_worker_start_up.py), off its event loop, and releases it when it stops; a
handler that cannot connect does not stop the others."""

from __future__ import annotations

import asyncio
import logging
import threading

import pytest

from lgc_app.config import Settings
from lgc_app.dmp.client_factory import DmpConnection, connect
from lgc_app.dmp.feeding import KIND
from lgc_app.dmp.handler import FeedHandler
from lgc_app.outbox.handler import HandlerResult, OrderContext
from lgc_app.outbox.worker import Worker
from lgc_app.persistence.database import Database
from services.sandbox.server import RunningSandbox
from tests.helpers.dmp_feed import feed_settings
from tests.helpers.outbox import enqueue_orders


async def test_the_dmp_connection_is_built_when_the_worker_starts(db: Database, sandbox: RunningSandbox) -> None:
    built: list[tuple[str, DmpConnection]] = []

    def spying_connect() -> DmpConnection:
        connection = connect(feed_settings(sandbox))
        built.append((threading.current_thread().name, connection))
        return connection

    handler = FeedHandler(feed_settings(sandbox), connect=spying_connect)
    worker = Worker(db, {KIND: handler}, workstation="POSTE-1", listen=False, poll_interval=0.05)
    await worker.prepare()
    assert len(built) == 1  # no order queued: the worker's start alone built it
    running = asyncio.create_task(worker.run_forever())
    await asyncio.sleep(0.1)
    worker.stop()
    await asyncio.wait_for(running, 5)
    [(builder, connection)] = built  # not built again by run_forever
    assert builder != threading.main_thread().name  # off the worker's loop
    assert connection.http.is_closed  # released when the worker stopped


async def test_a_worker_that_cannot_connect_still_runs_and_says_why(db: Database,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    served = asyncio.Event()

    async def other(ctx: OrderContext) -> HandlerResult:
        served.set()
        return HandlerResult()

    unconfigured = FeedHandler(Settings({"workstation.name": "POSTE-1"}))
    worker = Worker(db, {KIND: unconfigured, "k": other}, workstation="POSTE-1", listen=False, poll_interval=0.05)
    with caplog.at_level(logging.WARNING, logger="lgc.outbox.worker"):
        running = asyncio.create_task(worker.run_forever())
        enqueue_orders(db, kind="k")
        await asyncio.wait_for(served.wait(), 10)
        worker.stop()
        await asyncio.wait_for(running, 5)
    assert "Accès au DMP non configuré" in caplog.text
