"""One client of a national service, built once off the event loop, shared by every caller, closed at exit.

Building a client loads certificates and creates an SSL context (20–40 ms, ARCHITECTURE "the event loop is
sacred"): the build runs in a thread of the composition root's executor, concurrent callers share it, a failed
build is reported to its callers and tried again by the next one (the settings may have been fixed meanwhile).
The slot is loop-agnostic (a `concurrent.futures.Future`), so the GUI loop and a command's `asyncio.run` use
it alike.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor, Future
from typing import Generic, Protocol, TypeVar

log = logging.getLogger("lgc.services")


class Closable(Protocol):
    def aclose(self) -> Awaitable[None]: ...


T = TypeVar("T", bound=Closable)


class ServiceSlot(Generic[T]):
    """The client of one service; `await slot.get()` builds it on first use."""

    def __init__(self, name: str, build: Callable[[], T], executor: Executor) -> None:
        self.name = name
        self._build = build
        self._executor = executor
        self._lock = threading.Lock()
        self._future: Future[T] | None = None

    def start(self) -> Future[T]:
        """Start building (if not built or building): warms the client up before the first request."""
        with self._lock:
            if self._future is None or (self._future.done() and self._future.exception() is not None):
                self._future = self._executor.submit(self._build)
            return self._future

    async def get(self) -> T:
        """The client; raises what its build raised (ConfigError, TransportConfigError…)."""
        # shield: a cancelled caller must not cancel the build the others wait for
        return await asyncio.shield(asyncio.wrap_future(self.start()))

    def built(self) -> T | None:
        """The client if it is built, else None (no build started)."""
        future = self._future
        if future is None or not future.done() or future.exception() is not None:
            return None
        return future.result()

    async def aclose(self) -> None:
        """Close the client (a build in flight is awaited first); the slot can build a new one afterwards."""
        with self._lock:
            future, self._future = self._future, None
        if future is None:
            return
        try:
            client = await asyncio.wrap_future(future)
        except Exception:
            return  # a failed build left nothing to close
        try:
            await client.aclose()
        except Exception:
            log.exception("fermeture du client %s impossible", self.name)
