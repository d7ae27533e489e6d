"""A coroutine run on a private event loop in a thread of its own: for long network work (an IMAP session parsing
megabytes of literals) that must not share the GUI's loop, where every parse step would be a stall.

`LoopThread` runs one coroutine until it ends or `stop()` cancels it; `on_own_thread` awaits such a run from
another loop, and cancelling the awaiting task cancels the run.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Coroutine
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class LoopThread(Generic[T]):
    """Runs `coroutine` on a new loop in a daemon thread; its outcome lands in `result` (a thread-safe future)."""

    def __init__(self, coroutine: Coroutine[Any, Any, T], name: str) -> None:
        self._coroutine = coroutine
        self.result: concurrent.futures.Future[T] = concurrent.futures.Future()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[T] | None = None
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()
        self._started.wait()

    def is_alive(self) -> bool:
        return self._thread.is_alive()

    def stop(self, timeout: float = 10.0) -> bool:
        """Cancel the coroutine and wait for the thread; False if it did not end within `timeout`."""
        if self._loop is not None and self._task is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._task.cancel)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._task = loop.create_task(self._coroutine)
        self._started.set()
        outcome: tuple[T] | BaseException
        try:
            outcome = (loop.run_until_complete(self._task),)
        except BaseException as exc:  # handed to whoever awaits `result`, cancellation included
            outcome = exc
        finally:
            _cancel_leftovers(loop)
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
            loop.close()
        # Told once the loop is closed: whoever awaits the result finds every connection of the run closed.
        if self.result.cancelled():  # the awaiting side gave up (`asyncio.wrap_future` cancels it): nobody reads it
            return
        if isinstance(outcome, BaseException):
            self.result.set_exception(outcome)
        else:
            self.result.set_result(outcome[0])


async def on_own_thread(coroutine: Coroutine[Any, Any, T], name: str) -> T:
    """Run `coroutine` on its own loop and thread and return its result; cancelled, it cancels the run and waits
    for it to end (its connections closed) before re-raising."""
    thread = LoopThread(coroutine, name)
    thread.start()
    try:
        return await asyncio.wrap_future(thread.result)
    except asyncio.CancelledError:
        await asyncio.to_thread(thread.stop)
        raise


def _cancel_leftovers(loop: asyncio.AbstractEventLoop) -> None:
    """Cancel and await what the coroutine left on its loop (as `asyncio.run` does): a task destroyed pending is
    a connection never closed."""
    leftovers = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in leftovers:
        task.cancel()
    if leftovers:
        loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))
