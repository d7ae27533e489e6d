"""Exponential backoff with full jitter."""

from __future__ import annotations

import random

import pytest

from lgc_app.outbox.backoff import Backoff


class HighestDraw(random.Random):
    def uniform(self, a: float, b: float) -> float:
        return b


def test_ceiling_doubles_from_base_up_to_cap() -> None:
    backoff = Backoff(base=5.0, cap=60.0)
    assert [backoff.ceiling(n) for n in range(1, 7)] == [5.0, 10.0, 20.0, 40.0, 60.0, 60.0]
    assert backoff.ceiling(10_000) == 60.0


@pytest.mark.parametrize("seed", range(20))
def test_every_delay_lies_between_zero_and_the_ceiling(seed: int) -> None:
    backoff = Backoff(base=2.0, cap=300.0, rng=random.Random(seed))
    for attempt in range(1, 30):
        assert 0.0 <= backoff.delay(attempt).total_seconds() <= backoff.ceiling(attempt)


def test_delays_are_jittered() -> None:
    backoff = Backoff(base=10.0, cap=1000.0, rng=random.Random(1))
    assert len({backoff.delay(5).total_seconds() for _ in range(10)}) == 10


def test_injected_rng_makes_the_delay_deterministic() -> None:
    backoff = Backoff(base=3.0, cap=100.0, rng=HighestDraw())
    assert [backoff.delay(n).total_seconds() for n in (1, 2, 3, 7)] == [3.0, 6.0, 12.0, 100.0]
