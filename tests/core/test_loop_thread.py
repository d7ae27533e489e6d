"""A coroutine on a loop and thread of its own (`lgc_app.loop_thread`): the GUI's "Relever la boîte" runs there."""

from __future__ import annotations

import asyncio
import threading

import pytest

from lgc_app.loop_thread import LoopThread, on_own_thread


async def _where() -> tuple[int, asyncio.AbstractEventLoop]:
    await asyncio.sleep(0)
    return threading.get_ident(), asyncio.get_running_loop()


async def test_runs_on_another_thread_and_loop_and_returns_its_result() -> None:
    ident, loop = await on_own_thread(_where(), name="test-loop")
    assert ident != threading.get_ident()
    assert loop is not asyncio.get_running_loop()
    assert loop.is_closed()  # the private loop is closed once the coroutine ended


async def test_an_error_of_the_coroutine_reaches_the_caller() -> None:
    async def fails() -> None:
        raise ValueError("boîte illisible")

    with pytest.raises(ValueError, match="boîte illisible"):
        await on_own_thread(fails(), name="test-loop")


async def test_cancelling_the_caller_cancels_the_run_and_waits_for_its_cleanup() -> None:
    started, cleaned = threading.Event(), threading.Event()

    async def long_session() -> None:
        started.set()
        try:
            await asyncio.sleep(60)
        finally:
            await asyncio.sleep(0.05)  # closing a connection takes a round trip
            cleaned.set()

    task = asyncio.create_task(on_own_thread(long_session(), name="test-loop"))
    await asyncio.to_thread(started.wait, 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert cleaned.is_set()  # done before the caller saw the cancellation


def test_stop_cancels_a_running_loop_thread() -> None:
    thread: LoopThread[None] = LoopThread(asyncio.sleep(60), name="test-loop")
    thread.start()
    assert thread.is_alive()
    assert thread.stop(timeout=5)
    assert not thread.is_alive()
    assert thread.result.cancelled() or isinstance(thread.result.exception(), asyncio.CancelledError)
