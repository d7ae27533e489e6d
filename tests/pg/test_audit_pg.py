"""The audit journal under concurrent writers on PostgreSQL (issue 11, item 6): processes appending at the same
time take turns on the chain head, so the chain stays linear (ranks 1…n without gap, each row linked to the
one before) and `verify` passes."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from itertools import pairwise
from multiprocessing.synchronize import Barrier

from sqlalchemy import select

from lgc_app.audit import chain
from lgc_app.audit.events import AuditEvent
from lgc_app.audit.models import AuditEntry
from lgc_app.audit.trail import record
from lgc_app.persistence.database import Database

WRITERS = ("poste-a", "poste-b", "poste-c")
APPENDS = 60


def _writer(url: str, name: str, barrier: Barrier) -> None:
    db = Database.open(url, migrate=False)
    try:
        barrier.wait()
        for rank in range(APPENDS):
            with db.unit_of_work() as session:
                record(session, AuditEvent.PATIENT_READ, name, name, f"patient {rank}", patient_id=rank)
    finally:
        db.close()


def test_concurrent_writers_keep_one_linear_chain(pg_url: str, pg_db: Database) -> None:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(WRITERS))
    processes = [context.Process(target=_writer, args=(pg_url, name, barrier)) for name in WRITERS]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
        assert process.exitcode == 0
    report = chain.verify(pg_db)
    assert report.intact, report.text
    assert report.checked == len(WRITERS) * APPENDS
    with pg_db.reading() as session:
        writers = list(session.scalars(select(AuditEntry.who).order_by(AuditEntry.id)))
    assert Counter(writers) == {name: APPENDS for name in WRITERS}
    turns = sum(1 for before, after in pairwise(writers) if before != after)
    assert turns > len(WRITERS), "the writers ran one after the other: no concurrency was tested"
