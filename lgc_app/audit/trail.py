"""Appending to the audit journal, inside the transaction of the use case that did the audited thing: the
event is recorded if and only if the change is committed.

Appends take turns on the chain head row (issue 11: concurrent writers must not fork the chain): the first
statement is an UPDATE of that row, which on PostgreSQL locks it until the transaction ends (like SELECT …
FOR UPDATE) and on SQLite takes the database's single write lock.

Core statements on the tables, built once: every document the worker sends is journaled, and building and
caching a statement per call, or the ORM's bulk path, would cost more than the writes themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import TYPE_CHECKING, cast

from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy.orm import Session

from lgc_app.audit.chain import ChainFields
from lgc_app.audit.events import AuditEvent
from lgc_app.audit.models import AuditChainHead, AuditEntry
from lgc_app.outbox.clock import database_now
from lgc_app.persistence.database import Database

if TYPE_CHECKING:  # the session module reads the database; the journal must not depend on it at import time
    from lgc_app.session import Session as UserSession

_HEAD = cast(Table, AuditChainHead.__table__)
_TAKE_RANKS = (update(_HEAD).where(_HEAD.c.id == 1).values(last_id=_HEAD.c.last_id + bindparam("count"))
               .returning(_HEAD.c.last_id, _HEAD.c.last_hash))
_APPEND = insert(cast(Table, AuditEntry.__table__))
_MOVE_HEAD = update(_HEAD).where(_HEAD.c.id == 1).values(last_hash=bindparam("digest"))
_BATCH = "lgc.audit.batch"  # Session.info key: the events recorded inside `together`


def record(session: Session, event: AuditEvent, who: str, workstation: str, subject: str, detail: str = "", *,
           patient_id: int | None = None) -> None:
    """Append one event to the journal in the caller's transaction (inside `together`: when it ends).

    Args:
        who: the acting user as histories name them (`Session.who`, `Actor.login`).
        workstation: the name of the workstation the action was made from.
        subject: what was read or changed, e.g. "patient 12", "document 7", "envoi <id>".
        detail: what happened, in French (never a secret: the journal is exported).
        patient_id: the patient concerned, for the journal's patient filter.
    """
    # Ranked, timestamped and chained when appended.
    recorded = partial(ChainFields, event=event.value, who=who, workstation=workstation, patient_id=patient_id,
                       subject=subject, detail=detail)
    batch: list[partial[ChainFields]] | None = session.info.get(_BATCH)
    if batch is None:
        _append(session, [recorded])
    else:
        batch.append(recorded)


@contextmanager
def together(session: Session) -> Iterator[None]:
    """The events recorded in the block are appended when it ends, in the order recorded, with one turn on the
    chain head and one insert for all (the worker's group commit journals every document it records). A block
    that raises appends nothing: its transaction is to be rolled back."""
    if _BATCH in session.info:
        raise RuntimeError("journal batches do not nest")
    batch: list[partial[ChainFields]] = []
    session.info[_BATCH] = batch
    try:
        yield
    finally:
        del session.info[_BATCH]
    _append(session, batch)


def _append(session: Session, events: list[partial[ChainFields]]) -> None:
    if not events:
        return
    connection = session.connection()
    last, previous = connection.execute(_TAKE_RANKS, {"count": len(events)}).one()
    at = database_now(session)
    rows = []
    for rank, event in enumerate(events, start=last - len(events) + 1):
        fields = event(id=rank, at=at, previous_hash=previous)
        previous = fields.hash()
        rows.append({**fields.columns(), "hash": previous})
    connection.execute(_APPEND, rows)
    connection.execute(_MOVE_HEAD, {"digest": previous})


def record_login(db: Database, session: UserSession, success: bool, login: str) -> None:
    """A sign-in attempt naming the account `login`, in its own transaction (a failure changes nothing else).

    Who is the signed-in user on success; on failure nobody is proven, so the journal names the login typed.
    """
    event = AuditEvent.LOGIN if success else AuditEvent.LOGIN_FAILED
    who = session.who if success else login
    detail = f"{'Connexion réussie' if success else 'Connexion refusée'} ({session.authentication.label})"
    with db.unit_of_work() as orm:
        record(orm, event, who, session.workstation.name, f"compte {login}", detail)
