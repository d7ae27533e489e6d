"""A client-side token bucket: the Annuaire allows 17 calls per second per application (§6.0).

Every request takes one token; the bucket holds at most `capacity` tokens and refills at `rate` per second,
so any one-second window lets through at most `capacity + rate` calls: `for_calls_per_second` splits the
allowance between a small burst and the steady rate so that sum stays within the limit. Waiting callers
sleep (they never spin) and are served in arrival order through the lock.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

_EPSILON = 1e-9


class TokenBucket:
    def __init__(self, rate: float, *, capacity: float | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.capacity = capacity if capacity is not None else rate
        self._clock = clock
        self._sleep = sleep
        self._tokens = self.capacity
        self._stamp = clock()
        self._lock = asyncio.Lock()

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    @classmethod
    def for_calls_per_second(cls, limit: int) -> TokenBucket:
        """A bucket whose busiest second (burst + refill) stays within `limit` calls."""
        burst = max(1, limit // 4)
        return cls(limit - burst, capacity=burst)

    async def acquire(self) -> None:
        """Take one token, sleeping until one is available."""
        async with self._lock:
            self._refill()
            while self._tokens < 1 - _EPSILON:  # float refill may stop a hair short of a whole token
                await self._sleep((1 - self._tokens) / self.rate)
                self._refill()
            self._tokens -= 1
