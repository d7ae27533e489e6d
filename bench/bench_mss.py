"""MSSanté throughput against the operator simulator (its own process, as in the demo), zero latency:

- sending: validated documents → `mss.send` orders → the worker builds each message (XDM archive, MIME) and
  submits it over STARTTLS + SASL EXTERNAL to the patient's box: messages built and sent per second;
- reading: a practice mailbox holding N distinct CI-SIS documents (delivered beforehand over SMTP) fetched over
  IMAP, stored, parsed, matched and integrated (`fetch_once` with the application's hooks): messages per second;
- for each, the CPU seconds of this process (the client, every thread) and of the simulator's (Linux: /proc),
  to tell which side is the bottleneck;
- the memory peak of a fetch (tracemalloc, Python allocations), measured on a separate, smaller fetch: tracing
  allocations slows Python several times, so the throughput is measured without it.

N = 100 by default (what `python -m bench.run` runs, within its per-benchmark timeout); `--full` or
LGC_BENCH_MSS_FULL=1: 1,000 (several minutes: validating 1,000 documents first renders 1,000 PDFs). Asserts nothing.

Run: .venv/bin/python -m bench.bench_mss [--full]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import smtplib
import ssl
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit

from lgc_app.bootstrap import inbox_hooks, outbox_handlers
from lgc_app.config import Settings
from lgc_app.demo import DemoSandbox
from lgc_app.documents import lifecycle
from lgc_app.mss.inbox.reception import fetch_once, mailbox_opener
from lgc_app.mss.planning import KIND, plan_mss_sends
from lgc_app.outbox.worker import Worker
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database
from services.sandbox.server import default_shared_dir
from tests.helpers import mss_messages as mm
from tests.helpers.cisis import add_patient
from tests.helpers.dmp_feed import CABINET, add_author, draft, drain
from tests.helpers.mss_sim import APPLICATIVE, DUPONT_TRAITS

FULL_ENV = "LGC_BENCH_MSS_FULL"
MEMORY_SAMPLE = 20  # messages of the traced fetch


def _database(folder: Path, name: str) -> Database:
    return Database.open(f"sqlite:///{folder / name}")


def _send(settings: Settings, folder: Path, count: int, cpu: _Cpu) -> float:
    """Messages built and submitted per second (validation excluded: the orders are queued first)."""
    db = _database(folder, "send.sqlite3")
    try:
        cabinet = add_author(db)
        with db.unit_of_work() as session:
            patient_id = add_patient(session, status=IdentityStatus.QUAL, **DUPONT_TRAITS).id
        for n in range(count):
            lifecycle.validate(db, draft(db, patient_id, cabinet.author, text=f"Contrôle n° {n}."), cabinet.author,
                               CABINET, planners=(plan_mss_sends,))
        worker = Worker(db, {KIND: outbox_handlers(settings)[KIND]}, workstation="POSTE-1", listen=False)

        async def send_all() -> None:
            await drain(db, worker, within=600)
            await worker.aclose()  # the kept submission session
        start = time.perf_counter()
        with cpu:
            asyncio.run(send_all())
        return count / (time.perf_counter() - start)
    finally:
        db.close()


def _fill_mailbox(manifest: dict[str, object], count: int, first: int = 0) -> None:
    """`count` distinct documents for the CI-SIS examples' patient, sent by the practice's box to itself."""
    cda = mm.example(default_shared_dir() or Path("../shared"), "VSM_1.4_2022.01.xml")
    address = urlsplit(str(dict(manifest["urls"])["mss_smtp"]))  # type: ignore[call-overload]
    context = ssl.create_default_context(cafile=str(manifest["ca_file"]))
    context.load_cert_chain(str(manifest["structure_cert"]), str(manifest["structure_key"]))
    with smtplib.SMTP(address.hostname or "127.0.0.1", address.port or 587, timeout=60) as client:
        client.starttls(context=context)
        client.ehlo()
        code, text = client.docmd("AUTH", "EXTERNAL =")
        assert code == 235, text
        for n in range(first, first + count):
            document = mm.with_unique_id(cda, f"1.2.250.1.999.7.{n}")
            raw = mm.mss_message(mm.xdm_archive([document]), sender=APPLICATIVE, to=APPLICATIVE) \
                .replace(b"X-MSS-CODECDA: 11488-4", b"X-MSS-CODECDA: SYNTH")  # the VSM's code, the operator checks it
            client.sendmail(APPLICATIVE, [APPLICATIVE], raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))


def _fetch(settings: Settings, db: Database, *, traced: bool = False) -> tuple[int, float, float]:
    """(messages integrated, per second, peak MiB if `traced`)."""
    if traced:
        tracemalloc.start()
    start = time.perf_counter()
    summary = asyncio.run(fetch_once(db, mailbox_opener(settings, lambda: None), inbox_hooks(settings)))
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / (1024 * 1024) if traced else 0.0
    tracemalloc.stop()
    return summary.integrated, summary.fetched / elapsed, peak


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class _Cpu:
    """CPU seconds of this process and of the simulator's during a phase."""

    def __init__(self, simulator_pid: int) -> None:
        self._pid = simulator_pid

    def __enter__(self) -> _Cpu:
        self._client, self._simulator = time.process_time(), _cpu_seconds(self._pid)
        return self

    def __exit__(self, *exc: object) -> None:
        self.client = time.process_time() - self._client
        self.simulator = _cpu_seconds(self._pid) - self._simulator

    def text(self, count: int) -> str:
        return (f"client {1000 * self.client / count:.0f} ms/message, simulateur "
                f"{1000 * self.simulator / count:.0f} ms/message")


def _max_rss_mib() -> float:
    """The process's peak resident memory so far (Linux reports kibibytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(full: bool | None = None, quick: bool = False) -> list[tuple[str, str]]:
    """100 messages unless `full` (or LGC_BENCH_MSS_FULL=1): 1,000; `quick` keeps 100."""
    full = os.environ.get(FULL_ENV) == "1" if full is None else full
    full = full and not quick
    count = 1000 if full else 100
    with tempfile.TemporaryDirectory(prefix="bench-mss-") as scratch:
        folder = Path(scratch)
        os.environ["LGC_HOME"] = str(folder / "home")  # the raw store of received messages, not the user's
        sandbox = DemoSandbox.spawn(folder / "sandbox")
        try:
            manifest = sandbox.wait_ready()
            settings = sandbox.overlay(Settings({"workstation.name": "POSTE-1",
                                                 "cabinet.structure_id": CABINET.structure_id,
                                                 "cabinet.name": CABINET.name, "cabinet.sector": CABINET.sector}))
            _fill_mailbox(manifest, count)
            db = _database(folder, "fetch.sqlite3")
            try:
                with db.unit_of_work() as session:
                    add_patient(session, status=IdentityStatus.QUAL)  # the CI-SIS examples' patient
                rss_before = _max_rss_mib()
                with _Cpu(sandbox.process.pid) as fetch_cpu:
                    integrated, fetched_rate, _ = _fetch(settings, db)
                rss_after = _max_rss_mib()
                _fill_mailbox(manifest, MEMORY_SAMPLE, first=count)
                _, _, peak = _fetch(settings, db, traced=True)
            finally:
                db.close()
            send_cpu = _Cpu(sandbox.process.pid)
            sent_rate = _send(settings, folder, count, send_cpu)
        finally:
            sandbox.stop()
    return [(f"messages construits et envoyés ({count})", f"{sent_rate:.1f} /s"),
            ("  CPU de l'envoi", send_cpu.text(count)),
            (f"messages relevés et intégrés ({count} dans la boîte)", f"{fetched_rate:.1f} /s ({integrated} intégrés)"),
            ("  CPU de la relève", fetch_cpu.text(count)),
            (f"RSS maximal du processus : avant la relève | après la relève des {count} messages",
             f"{rss_before:.0f} Mio | {rss_after:.0f} Mio"),
            (f"pic mémoire d'une relève ({MEMORY_SAMPLE} messages, tracemalloc)", f"{peak:.1f} Mio")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="1 000 messages au lieu de 100")
    args = parser.parse_args()
    for metric, value in run(args.full or None):
        print(f"{metric} : {value}")


if __name__ == "__main__":
    main()
