"""Delay before the next attempt: exponential backoff with "full jitter".

Full jitter (uniform between 0 and the exponential ceiling) spreads the retries of many orders that failed
together (service outage), so they do not hit the service again all at the same instant.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta


@dataclass(frozen=True)
class Backoff:
    """base * 2**(attempt-1) seconds capped at `cap`, then a uniform draw in [0, ceiling]."""

    base: float = 10.0
    cap: float = 3600.0
    rng: random.Random = field(default_factory=random.Random, compare=False)

    def ceiling(self, attempt: int) -> float:
        """Largest delay (seconds) after the `attempt`-th failed attempt (1-based)."""
        exponent = min(max(attempt - 1, 0), 62)  # beyond that the cap applies anyway; avoids huge floats
        return min(self.cap, self.base * 2.0**exponent)

    def delay(self, attempt: int) -> timedelta:
        return timedelta(seconds=self.rng.uniform(0.0, self.ceiling(attempt)))
