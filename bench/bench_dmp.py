"""DMP feed throughput: ITI-41 (MTOM, signed VIHF) documents per second through the DMP simulator over
loopback mutual TLS with zero latency, sequential and concurrent, for small and large documents; plus the
client-side cost of building and signing one request. `ms/req` is the mean latency of one request.
Prints a table; asserts nothing.

Run: .venv/bin/python -m bench.bench_dmp [--seconds 3] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

from bench.table import print_rows
from services.dmp import metadata, mtom
from services.dmp.client import DmpClient
from services.dmp.soap import build_envelope, serialize
from services.dmp.vihf import VihfSigner
from services.sandbox.dmp import control
from services.sandbox.server import run_in_thread
from services.transport import make_async_client
from tests.helpers.dmp import CONTEXT, SOURCE_ID, make_entry, make_submission, patient_id, random_ins
from tests.helpers.sandbox import tls_material


async def feed(client: DmpClient, ins: str, size: int, concurrency: int, seconds: float) -> tuple[int, float]:
    patient = patient_id(ins)
    content = os.urandom(size)
    sent = 0
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal sent
        while time.perf_counter() < deadline:
            await client.provide_and_register(make_submission(patient, make_entry(patient, content)))
            sent += 1

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return sent, time.perf_counter() - start


def build_cost(signer: VihfSigner, rounds: int = 200) -> float:
    patient = patient_id(random_ins())
    submission = make_submission(patient, make_entry(patient, os.urandom(20_000)))
    start = time.perf_counter()
    for _ in range(rounds):
        ids = {entry.entry_uuid: mtom.new_content_id() for entry in submission.documents}
        body = metadata.provide_and_register(submission, ids)
        envelope = serialize(
            build_envelope(action="a", to="https://x", body=body, assertion=signer.sign(CONTEXT, patient))
        )
        mtom.build_multipart(
            envelope, {ids[e.entry_uuid]: e.content for e in submission.documents}, action="a"
        )
    return (time.perf_counter() - start) / rounds * 1000


async def _measure(seconds: float) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as state, run_in_thread(Path(state), simulators=("dmp",)) as sandbox:
        manifest = sandbox.manifest
        signer = VihfSigner(manifest.structure_sign_cert.read_bytes(), manifest.structure_sign_key.read_bytes())
        rows = [("construire et signer une requête ITI-41 (20 ko)", f"{build_cost(signer):.2f} ms")]
        async with make_async_client(tls_material(manifest, "structure"), timeout=60) as http:
            client = DmpClient(
                http, base_url=manifest.urls["dmp"], vihf=signer, context=CONTEXT, source_id=SOURCE_ID
            )
            for size in (10_000, 500_000):
                for concurrency in (1, 4, 16):
                    ins = random_ins()
                    await control.register_patient(http, manifest.urls["dmp"], ins)
                    sent, elapsed = await feed(client, ins, size, concurrency, seconds)
                    rows.append((f"ITI-41 de {size // 1000} ko, {concurrency} en parallèle",
                                 f"{sent / elapsed:.1f} documents/s, {elapsed / sent * 1000 * concurrency:.1f} "
                                 f"ms par requête ({sent} documents)"))
    return rows


def run(seconds: float = 3.0, quick: bool = False) -> list[tuple[str, str]]:
    return asyncio.run(_measure(1.0 if quick else seconds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0, help="duration of each measurement")
    parser.add_argument("--quick", action="store_true", help="one second per measurement")
    args = parser.parse_args()
    print_rows(run(args.seconds, quick=args.quick))


if __name__ == "__main__":
    main()
