"""A worker beside the GUI leaves the screen the GIL (SC.DMP/UX.10): its DMP connection is built when it starts,
not with the first orders; its handlers' CPU steps take turns in one thread; lazily imported modules are
imported before its thread starts. The stall itself is measured by bench/bench_stall.py; the GUI's start-up
order by tests/ui/test_worker_start_up.py."""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
import time

import pytest

from lgc_app.bootstrap import outbox_handlers
from lgc_app.config import Role, Settings
from lgc_app.dmp.client_factory import DmpConnection, connect
from lgc_app.dmp.feeding import KIND
from lgc_app.dmp.handler import FeedHandler
from lgc_app.outbox.handler import HandlerResult, OrderContext
from lgc_app.outbox.runner import LAZY_MODULES, WorkerThread, start_worker_thread
from lgc_app.outbox.worker import Worker
from lgc_app.persistence.database import Database
from lgc_app.workstation import Workstation
from services.sandbox.server import RunningSandbox
from tests.helpers.dmp_feed import feed_settings
from tests.helpers.outbox import enqueue_orders


def _wait_for(condition: threading.Event, seconds: float = 10.0) -> None:
    assert condition.wait(seconds), "délai dépassé"


def test_the_dmp_connection_is_built_when_the_worker_starts(db: Database, sandbox: RunningSandbox) -> None:
    built: list[tuple[str, DmpConnection]] = []

    def spying_connect() -> DmpConnection:
        connection = connect(feed_settings(sandbox))
        built.append((threading.current_thread().name, connection))
        return connection

    handler = FeedHandler(feed_settings(sandbox), connect=spying_connect)
    thread = WorkerThread(Worker(db, {KIND: handler}, workstation="POSTE-1", listen=False, poll_interval=0.05))
    thread.start()
    try:
        assert thread.wait_prepared(10)
        assert len(built) == 1  # no order queued: the worker's start alone built it
    finally:
        assert thread.stop(timeout=5)
    [(builder, connection)] = built
    assert builder.startswith("lgc-outbox-worker-cpu")  # off the worker's loop and off the GUI thread
    assert connection.http.is_closed  # released when the worker stopped


def test_a_worker_that_cannot_connect_still_runs_and_says_why(db: Database,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    served = threading.Event()

    async def other(ctx: OrderContext) -> HandlerResult:
        served.set()
        return HandlerResult()

    unconfigured = FeedHandler(Settings({"workstation.name": "POSTE-1"}))
    thread = WorkerThread(Worker(db, {KIND: unconfigured, "k": other}, workstation="POSTE-1", listen=False,
                                 poll_interval=0.05))
    with caplog.at_level(logging.WARNING, logger="lgc.outbox.worker"):
        thread.start()
        try:
            enqueue_orders(db, kind="k")
            _wait_for(served)
        finally:
            assert thread.stop(timeout=5)
    assert "Accès au DMP non configuré" in caplog.text


def test_the_handlers_cpu_steps_take_turns_in_one_thread(db: Database) -> None:
    """Four orders wait for the network together, but their `to_thread` steps never overlap: several
    CPU-bound threads would each take the GIL from the GUI thread in turn."""
    lock = threading.Lock()
    running, overlap, threads = [0], [0], set()
    finished = threading.Event()

    def cpu_step() -> None:
        with lock:
            running[0] += 1
            overlap[0] = max(overlap[0], running[0])
            threads.add(threading.current_thread().name)
        time.sleep(0.05)
        with lock:
            running[0] -= 1

    done = [0]

    async def handler(ctx: OrderContext) -> HandlerResult:
        await asyncio.sleep(0.05)  # "network": concurrent
        await asyncio.to_thread(cpu_step)
        done[0] += 1
        if done[0] == 4:
            finished.set()
        return HandlerResult()

    thread = WorkerThread(Worker(db, {"k": handler}, workstation="POSTE-1", listen=False, poll_interval=0.05,
                                 concurrency=4))
    thread.start()
    try:
        enqueue_orders(db, 4, kind="k")
        _wait_for(finished)
    finally:
        assert thread.stop(timeout=5)
    assert overlap[0] == 1
    assert len(threads) == 1


def test_lazily_imported_modules_are_imported_before_the_worker_thread(db: Database,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    for module in LAZY_MODULES:
        monkeypatch.delitem(sys.modules, module, raising=False)
    started: list[bool] = []
    original_start = WorkerThread.start

    def checking_start(self: WorkerThread) -> None:
        started.append(all(module in sys.modules for module in LAZY_MODULES))
        original_start(self)

    monkeypatch.setattr(WorkerThread, "start", checking_start)
    thread = start_worker_thread(Workstation("POSTE-1", Role.STANDALONE), db, outbox_handlers(Settings()))
    assert thread is not None
    assert thread.stop(timeout=5)
    assert started == [True]

