"""The client's token bucket (§6.0: 17 calls/s): a fake clock shows the busiest second stays within it."""

from __future__ import annotations

from services.annuaire import TokenBucket
from services.annuaire.constants import MAX_CALLS_PER_SECOND


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


async def test_no_second_sees_more_than_the_limit() -> None:
    fake = FakeTime()
    bucket = TokenBucket.for_calls_per_second(MAX_CALLS_PER_SECOND)
    bucket = TokenBucket(bucket.rate, capacity=bucket.capacity, clock=fake.clock, sleep=fake.sleep)
    stamps = []
    for _ in range(100):
        await bucket.acquire()
        stamps.append(fake.now)
    busiest = max(sum(1 for other in stamps if start <= other < start + 1.0) for start in stamps)
    assert busiest <= MAX_CALLS_PER_SECOND
    assert stamps[-1] < 100 / bucket.rate, "waits only as long as the rate requires"


async def test_a_burst_up_to_the_capacity_does_not_wait_and_refills_over_time() -> None:
    fake = FakeTime()
    bucket = TokenBucket(10, capacity=3, clock=fake.clock, sleep=fake.sleep)
    for _ in range(3):
        await bucket.acquire()
    assert fake.sleeps == []
    await bucket.acquire()
    assert fake.sleeps == [0.1]
    fake.now += 10.0  # idle: the bucket is full again, never fuller than its capacity
    for _ in range(3):
        await bucket.acquire()
    assert len(fake.sleeps) == 1
    await bucket.acquire()
    assert len(fake.sleeps) == 2
