"""Appending to the audit journal, inside the transaction of the use case that did the audited thing: the
event is recorded if and only if the change is committed.

Appends take turns on the chain head row (issue 11: concurrent writers must not fork the chain): the first
statement is an UPDATE of that row, which on PostgreSQL locks it until the transaction ends (like SELECT …
FOR UPDATE) and on SQLite takes the database's single write lock.

Core statements on the tables, built once: every document the worker sends is journaled, and building and
caching a statement per call, or the ORM's bulk path, would cost more than the writes themselves.
"""

from __future__ import annotations

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
_TAKE_RANK = (update(_HEAD).where(_HEAD.c.id == 1).values(last_id=_HEAD.c.last_id + 1)
              .returning(_HEAD.c.last_id, _HEAD.c.last_hash))
_APPEND = insert(cast(Table, AuditEntry.__table__))
_MOVE_HEAD = update(_HEAD).where(_HEAD.c.id == 1).values(last_hash=bindparam("digest"))


def record(session: Session, event: AuditEvent, who: str, workstation: str, subject: str, detail: str = "", *,
           patient_id: int | None = None) -> int:
    """Append one event to the journal in the caller's transaction; returns its rank in the chain.

    Args:
        who: the acting user as histories name them (`Session.who`, `Actor.login`).
        workstation: the name of the workstation the action was made from.
        subject: what was read or changed, e.g. "patient 12", "document 7", "envoi <id>".
        detail: what happened, in French (never a secret: the journal is exported).
        patient_id: the patient concerned, for the journal's patient filter.
    """
    rank, previous = session.execute(_TAKE_RANK).one()
    fields = ChainFields(rank, database_now(session), event.value, who, workstation, patient_id, subject, detail,
                         previous)
    digest = fields.hash()
    session.execute(_APPEND, {**fields.columns(), "hash": digest})
    session.execute(_MOVE_HEAD, {"digest": digest})
    return int(rank)


def record_login(db: Database, session: UserSession, success: bool, login: str) -> None:
    """A sign-in attempt naming the account `login`, in its own transaction (a failure changes nothing else).

    Who is the signed-in user on success; on failure nobody is proven, so the journal names the login typed.
    """
    event = AuditEvent.LOGIN if success else AuditEvent.LOGIN_FAILED
    who = session.who if success else login
    detail = f"{'Connexion réussie' if success else 'Connexion refusée'} ({session.authentication.label})"
    with db.unit_of_work() as orm:
        record(orm, event, who, session.workstation.name, f"compte {login}", detail)
