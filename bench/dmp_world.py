"""What the DMP feeding benchmarks share: the sandbox in its own process (as `lgc --demo` runs it), a scratch
PostgreSQL database, patients registered in the DMP simulator, documents validated through the core use
case, and the CPU time of a process (this one or the simulator) read from /proc.
"""

from __future__ import annotations

import asyncio
import functools
import os
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from lgc_app.config import Settings
from lgc_app.demo import DemoSandbox
from lgc_app.persistence.database import Database
from services.sandbox.dmp import control
from services.transport import TlsMaterial, make_async_client
from tests.helpers.composition import DMP_PLANNERS
from tests.helpers.dmp import random_ins
from tests.helpers.dmp_feed import CABINET, Cabinetry, add_qualified_patient, validated

PG_ADMIN_URL = os.environ.get("LGC_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` (all its threads) so far, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime, stime (fields 14 and 15 of stat(5))


def postgres_seconds() -> float:
    """CPU time so far of the local PostgreSQL server's processes (its backends included; Linux, as root or as the
    server's user: others' /proc entries are not readable)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    total += cpu_seconds(int(entry.name))
            except OSError:  # ended meanwhile, or not ours to read
                continue
    return total


class CpuMeter:
    """Wall time and the CPU time of several processes (by pid, or a group read by a function) over one measured
    interval."""

    def __init__(self, pids: dict[str, int], groups: dict[str, Callable[[], float]] | None = None) -> None:
        self._readers: dict[str, Callable[[], float]] = {
            **{name: functools.partial(cpu_seconds, pid) for name, pid in pids.items()}, **(groups or {})}
        self._wall = time.perf_counter()
        self._start = {name: read() for name, read in self._readers.items()}
        self.wall = 0.0
        self.cpu: dict[str, float] = {}

    def stop(self) -> CpuMeter:
        self.wall = time.perf_counter() - self._wall
        self.cpu = {name: read() - self._start[name] for name, read in self._readers.items()}
        return self

    def share(self, name: str) -> float:
        """The share of one core the process used over the interval (1.0 = a whole core)."""
        return self.cpu[name] / self.wall


@contextmanager
def dmp_sandbox(folder: Path, workstation: str = "BANC") -> Iterator[tuple[DemoSandbox, Settings]]:
    """The sandbox child process with zero latency, and this workstation's settings pointing at it."""
    sandbox = DemoSandbox.spawn(folder / "sandbox")
    try:
        sandbox.wait_ready()
        yield sandbox, sandbox.overlay(Settings({
            "cabinet.structure_id": CABINET.structure_id, "cabinet.name": CABINET.name,
            "workstation.name": workstation}))
    finally:
        sandbox.stop()


@contextmanager
def scratch_pg(name: str, admin_url: str = PG_ADMIN_URL) -> Iterator[str | None]:
    """A new PostgreSQL database on the server of `admin_url` (dropped after), or None when it is unreachable.
    Its name ends with this process's id: two runs side by side never drop each other's database."""
    name = f"{name}_{os.getpid()}"
    try:
        admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        yield None
        return
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield admin_url.rsplit("/", 1)[0] + f"/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def scratch_sqlite(name: str) -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{Path(folder) / name}.sqlite3"


async def _register(settings: Settings, ins_list: list[str]) -> None:
    tls = TlsMaterial(settings["tls.ca_file"], settings["tls.client_cert"], settings["tls.client_key"])
    async with make_async_client(tls) as http:
        for ins in ins_list:
            await control.register_patient(http, settings["services.dmp_url"], ins)


def dmp_patients(db: Database, settings: Settings, count: int, seed: int = 14) -> dict[int, str]:
    """`count` qualified patients, each with an open DMP in the simulator: INS by patient id."""
    rng = random.Random(seed)
    ins_list = list(dict.fromkeys(random_ins(rng) for _ in range(count * 2)))[:count]
    asyncio.run(_register(settings, ins_list))
    return {add_qualified_patient(db, ins): ins for ins in ins_list}


def validate_documents(db: Database, cabinet: Cabinetry, patients: list[int], count: int) -> float:
    """Validate `count` documents spread over `patients` in turn (each plans its DMP order, the cabinet has no
    MSSanté mailbox); returns the validations per second."""
    start = time.perf_counter()
    for n in range(count):
        validated(db, patients[n % len(patients)], cabinet.author, text=f"Consultation de contrôle n° {n}.",
                  planners=DMP_PLANNERS)
    return count / (time.perf_counter() - start)


async def simulator_entries(settings: Settings, ins_list: list[str]) -> dict[str, dict[str, object]]:
    """What the simulator's registry holds for each patient (`control.patient_state`)."""
    tls = TlsMaterial(settings["tls.ca_file"], settings["tls.client_cert"], settings["tls.client_key"])
    async with make_async_client(tls) as http:
        return {ins: await control.patient_state(http, settings["services.dmp_url"], ins) for ins in ins_list}
