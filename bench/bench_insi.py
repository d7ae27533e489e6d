"""INSi client and simulator figures: envelope building and parsing on the loop, and round trips to the
sandbox over loopback mutual TLS (sequential and concurrent). Prints a table; asserts nothing.

Run: .venv/bin/python -m bench.bench_insi
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.table import print_rows
from services.insi import InsiClient, LpsIdentity, TraitsQuery
from services.insi.envelope import EnvelopeBuilder
from services.insi.response import parse_response
from services.sandbox.insi.app import answer
from services.sandbox.insi.population import build_population
from services.sandbox.server import run_in_thread
from services.transport import TlsMaterial, make_async_client

LPS = LpsIdentity(idam="LGC-BENCH", name="LGC-SEGUR", version="0.1.0",
                  instance="00000000-0000-4000-8000-000000000000")
DUPONT = TraitsQuery("DUPONT", ("ELODIE", "MARIE"), "F", "1985-03-14")
CONTENT_TYPE = "application/soap+xml; charset=utf-8"


def _micro(label: str, action: Callable[[], object], repeat: int = 2000) -> tuple[str, str]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return label, f"median {statistics.median(samples) * 1e6:7.1f} µs, p99 {_p99(samples) * 1e6:7.1f} µs"


def _p99(samples: list[float]) -> float:
    return sorted(samples)[int(len(samples) * 0.99) - 1]


async def _round_trips(url: str, tls: TlsMaterial, sequential: int, concurrent: int) -> list[tuple[str, str]]:
    async with make_async_client(tls, timeout=30) as http:
        client = InsiClient(http, url=url, lps=LPS, emitter="899700366240")
        await client.search_by_traits(DUPONT)  # handshake outside the figures
        samples = []
        for _ in range(sequential):
            started = time.perf_counter()
            await client.search_by_traits(DUPONT)
            samples.append(time.perf_counter() - started)
        started = time.perf_counter()
        await asyncio.gather(*(client.search_by_traits(DUPONT) for _ in range(concurrent)))
        wall = time.perf_counter() - started
    return [
        (f"round trip, sequential ×{sequential}",
         f"median {statistics.median(samples) * 1e3:6.2f} ms, p99 {_p99(samples) * 1e3:6.2f} ms"),
        (f"round trips, {concurrent} concurrent", f"{wall:6.2f} s wall, {concurrent / wall:6.0f} calls/s"),
    ]


def run(quick: bool = False) -> list[tuple[str, str]]:
    builder = EnvelopeBuilder(LPS, "899700366240")
    population = build_population()
    request = builder.traits(DUPONT, "ELODIE").body
    _, reply = answer(population, request, CONTENT_TYPE, inject_fault=False)
    rows = [
        _micro("build RECSANSVITALE envelope (client)", lambda: builder.traits(DUPONT, "ELODIE")),
        _micro("parse RESULTAT 00 (client)", lambda: parse_response(reply, "uuid:x")),
        _micro("simulator: read, check, match, answer", lambda: answer(population, request, CONTENT_TYPE,
                                                                      inject_fault=False), repeat=500),
        _micro(f"generate population ({len(population.persons)} persons)", build_population, repeat=20),
    ]
    with tempfile.TemporaryDirectory() as state:
        sandbox = run_in_thread(Path(state))
        try:
            manifest = sandbox.manifest
            tls = TlsMaterial(manifest.ca_file, manifest.cps_cert, manifest.cps_key)
            rows += asyncio.run(_round_trips(manifest.url("insi"), tls, sequential=50 if quick else 200,
                                             concurrent=100))
        finally:
            sandbox.stop()
    return rows


def main() -> None:
    print_rows(run(quick="--quick" in sys.argv[1:]))


if __name__ == "__main__":
    main()
