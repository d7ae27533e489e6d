"""A worker process killed (SIGKILL) while DMP sends are in flight: after a restart nothing is lost and
nothing is registered twice in the DMP."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import time
from collections import Counter

from sqlalchemy import select

from lgc_app.dmp.models import DmpState
from lgc_app.dmp.state import document_states
from lgc_app.outbox.models import EventKind, OrderStatus, SendOrder, SendOrderEvent
from lgc_app.persistence.database import Database
from services.sandbox.dmp import control
from services.sandbox.server import RunningSandbox
from tests.helpers.dmp import dmp_wire, patient_id, random_ins
from tests.helpers.dmp_feed import (
    add_author,
    add_qualified_patient,
    drain,
    fast_handler,
    fast_worker,
    feed_settings,
    feed_values,
    validated,
)

LEASE = 3.0  # seconds: the restarted worker takes the dead one's orders over once their lease expired
LATENCY = 1.5  # seconds the simulator holds each request: the kill lands while requests are in flight



def _worker_process(url: str, settings: dict[str, object]) -> None:
    """The child: a worker executing DMP orders until killed."""
    from lgc_app.config import Settings

    db = Database.open(url, migrate=False)
    worker = fast_worker(db, fast_handler(Settings(settings), timeout=10), lease_seconds=LEASE, concurrency=3)
    asyncio.run(worker.run_forever())


def _in_progress(db: Database) -> int:
    with db.reading() as session:
        return len(list(session.scalars(select(SendOrder.id).where(SendOrder.status == OrderStatus.IN_PROGRESS))))


async def test_a_worker_killed_mid_send_loses_nothing_and_duplicates_nothing(
        db: Database, db_url: str, sandbox: RunningSandbox) -> None:
    cabinet = add_author(db)
    ins = random_ins()
    settings = feed_settings(sandbox)
    async with dmp_wire(sandbox) as wire:
        await control.register_patient(wire.http, wire.url, ins)
        patient = add_qualified_patient(db, ins)
        documents = [validated(db, patient, cabinet.author, text=f"Visite {n}.") for n in range(6)]
        sandbox.set_faults(latency=LATENCY)
        process = multiprocessing.get_context("spawn").Process(target=_worker_process,
                                                               args=(db_url, feed_values(sandbox)))
        process.start()
        try:
            deadline = time.monotonic() + 30
            while await asyncio.to_thread(_in_progress, db) == 0:
                assert time.monotonic() < deadline, "the worker process never claimed an order"
                await asyncio.sleep(0.05)
            await asyncio.sleep(LATENCY / 2)  # requests are on the wire, held by the simulator
            in_flight = await asyncio.to_thread(_in_progress, db)
            os.kill(process.pid or 0, signal.SIGKILL)
        finally:
            process.join(10)
        assert process.exitcode == -signal.SIGKILL and in_flight > 0

        sandbox.set_faults()
        handler = fast_handler(settings)
        await drain(db, fast_worker(db, handler, lease_seconds=LEASE), within=60)
        await (await handler.connection()).aclose()

        states = document_states(db, documents)
        assert {state.state for state in states.values()} == {DmpState.SENT}
        entries = await wire.client.find_documents(patient_id(ins))
        assert Counter(entry.unique_id for entry in entries) == Counter(
            {state.unique_id: 1 for state in states.values()})
    with db.reading() as session:
        taken_over = session.scalars(select(SendOrderEvent.order_id)
                                     .where(SendOrderEvent.kind == EventKind.LEASE_EXPIRED)).all()
    assert len(set(taken_over)) == in_flight  # each order in flight at the kill was resumed, not lost
