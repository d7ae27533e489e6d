"""Two workstations on one PostgreSQL database (SC.DMP/ALI/PROG.02): the consulting room (slave, no CPS)
validates documents while the secretariat (master, holding the CPS) is down; the orders wait, targeted at
the master; the master's headless worker (`lgc worker`) starts, wakes and sends everything; its trace shows
who ordered each send, from which workstation, when, what was sent and the DMP's answer."""

from __future__ import annotations

import asyncio
import contextlib
import io
import multiprocessing
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from lgc_app import config
from lgc_app.bootstrap import trace_describers
from lgc_app.cli import main as lgc
from lgc_app.dmp.models import DmpState
from lgc_app.dmp.state import document_states
from lgc_app.outbox.models import EventKind, OrderStatus, SendOrder
from lgc_app.outbox.trace import read_order
from lgc_app.persistence.database import Database
from services.sandbox.dmp import control
from services.sandbox.server import RunningSandbox
from tests.helpers.dmp import dmp_wire, patient_id, random_ins
from tests.helpers.dmp_feed import CABINET, add_author, add_qualified_patient, draft, feed_values
from tests.helpers.outbox import proof_facts

MASTER, SLAVE = "SECRETARIAT", "CONSULTATION"
ROOT = Path(__file__).resolve().parents[2]


def _slave_validates(config_path: str, document_ids: list[int], author: tuple[str, int],
                     results: multiprocessing.Queue) -> None:
    """The slave workstation's process: bootstrap from its settings, validate through the core use case."""
    from lgc_app.bootstrap import bootstrap
    from lgc_app.documents import lifecycle
    from lgc_app.documents.actors import Actor
    from lgc_app.documents.cabinet import Cabinet

    settings = config.load(Path(config_path))
    context = bootstrap(settings, config_path=Path(config_path))
    try:
        actor = Actor(*author, workstation=context.workstation)
        planned = [lifecycle.validate(context.database, document_id, actor, Cabinet.from_settings(settings),
                                      planners=context.planners)
                   for document_id in document_ids]
        results.put((planned, context.start_worker()))
    finally:
        context.stop()


def _run_slave(config_path: Path, document_ids: list[int], author: tuple[str, int]) -> list[list[str]]:
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    process = context.Process(target=_slave_validates, args=(str(config_path), document_ids, author, results))
    process.start()
    planned, worker_started = results.get(timeout=120)
    process.join(30)
    assert process.exitcode == 0
    assert worker_started is False, "a slave must never execute orders"
    return planned


def _write_settings(path: Path, values: dict[str, object]) -> Path:
    config.save(config.Settings(values), path)
    return path


def _wait(condition: Callable[[], bool], timeout: float, what: str) -> float:
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < timeout, f"{what}: not after {timeout} s"
        time.sleep(0.05)
    return time.monotonic() - start


async def _register(sandbox: RunningSandbox, ins: str) -> None:
    async with dmp_wire(sandbox) as wire:
        await control.register_patient(wire.http, wire.url, ins)


async def _unique_ids_in_dmp(sandbox: RunningSandbox, ins: str) -> list[str]:
    async with dmp_wire(sandbox) as wire:
        return sorted(entry.unique_id for entry in await wire.client.find_documents(patient_id(ins)))


@pytest.mark.slow
def test_slave_orders_wait_for_the_master_which_sends_them_with_a_full_trace(
        pg_url: str, pg_db: Database, sandbox: RunningSandbox, tmp_path: Path) -> None:
    cabinet = add_author(pg_db)
    ins = random_ins()
    asyncio.run(_register(sandbox, ins))
    patient = add_qualified_patient(pg_db, ins)
    common = {"database.url": pg_url, "cabinet.structure_id": CABINET.structure_id, "cabinet.name": CABINET.name}
    slave = _write_settings(tmp_path / "slave.toml", {**common, "workstation.role": "slave",
                                                      "workstation.name": SLAVE, "workstation.master": MASTER})
    master = _write_settings(tmp_path / "master.toml", {**feed_values(sandbox), **common,
                                                        "workstation.role": "master", "workstation.name": MASTER})
    author = (cabinet.author.login, cabinet.author.practitioner_id or 0)

    # 1. The master is down: the slave validates; the orders wait, targeted at the master.
    first = [draft(pg_db, patient, cabinet.author, text=f"Consultation {n}.") for n in range(3)]
    planned = _run_slave(slave, first, author)
    assert all(len(ids) == 1 for ids in planned)  # its DMP feed (no MSSanté mailbox configured)
    with pg_db.reading() as session:
        waiting = session.scalars(select(SendOrder)).all()
    assert {(o.status, o.origin_workstation, o.target_workstation, o.attempts) for o in waiting} == {
        (OrderStatus.PENDING, SLAVE, MASTER, 0)}
    refused = subprocess.run([sys.executable, "-m", "lgc_app", "--config", str(slave), "worker", "--once"],
                             cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "esclave" in refused.stderr

    # 2. The master starts (headless `lgc worker`), wakes and sends everything.
    worker = subprocess.Popen([sys.executable, "-m", "lgc_app", "--config", str(master), "worker"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        def all_sent(ids: list[int]) -> Callable[[], bool]:
            return lambda: {s.state for s in document_states(pg_db, ids).values()} == {DmpState.SENT}

        _wait(all_sent(first), 60, "orders waiting for the master")
        # 3. With the master up, a new validation on the slave goes at once (LISTEN/NOTIFY wake-up).
        [second] = [draft(pg_db, patient, cabinet.author, text="Consultation du soir.")]
        _run_slave(slave, [second], author)
        _wait(all_sent([second]), 30, "order written while the master runs")
    finally:
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
    assert worker.returncode == 0, output

    # 4. The master's trace: who, from where, when, what was sent, the DMP's answer.
    states = document_states(pg_db, [*first, second])
    assert asyncio.run(_unique_ids_in_dmp(sandbox, ins)) == sorted(s.unique_id or "" for s in states.values())
    for state in states.values():
        trace = read_order(pg_db, state.order_id or "", trace_describers())
        assert trace is not None and trace.status is OrderStatus.DONE
        assert (trace.ordered_by, trace.origin_workstation, trace.target_workstation) == ("pmedecin", SLAVE, MASTER)
        created, *_, succeeded = trace.events
        assert (created.kind, created.workstation) == (EventKind.CREATED, SLAVE)
        assert (succeeded.kind, succeeded.workstation) == (EventKind.SUCCEEDED, MASTER)
        assert f"uniqueId {state.unique_id}" in succeeded.detail and "ResponseStatusType:Success" in succeeded.detail
    woken = read_order(pg_db, states[second].order_id or "", trace_describers())
    assert woken is not None and woken.done_at is not None
    print(f"order sent {(woken.done_at - woken.created_at).total_seconds():.2f} s after the slave's commit")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert lgc(["--config", str(master), "dmp", "trace", states[second].order_id or ""]) == 0
    facts = proof_facts(printed.getvalue())
    assert (facts["Demandé par"], facts["Depuis le poste"], facts["Poste d'exécution"]) == ("pmedecin", SLAVE, MASTER)
    assert facts["Identifiant (uniqueId)"] == states[second].unique_id
