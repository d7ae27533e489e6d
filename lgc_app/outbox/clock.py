"""One clock for every outbox timestamp: the database's.

Master and slave workstations share a PostgreSQL database but not their system clocks; if a slave's clock
ran ahead, the orders it writes would look "not yet due" to the master. Reading `now()` from the server
gives every workstation the same time. SQLite is local to one machine: its clock is the machine's.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, SessionTransaction

from lgc_app.persistence.base import utcnow

_CACHE_KEY = "lgc.outbox.database_now"
_NOW = select(func.now())  # built once: every write transaction of the worker reads it


def database_now(session: Session) -> datetime:
    if session.get_bind().dialect.name != "postgresql":
        return utcnow()
    # PostgreSQL's now() is the start of the transaction: read it once per transaction.
    transaction = session.get_transaction()
    cached: tuple[SessionTransaction | None, datetime] | None = session.info.get(_CACHE_KEY)
    if transaction is not None and cached is not None and cached[0] is transaction:
        return cached[1]
    value: datetime | None = session.scalar(_NOW)
    assert value is not None
    value = value.astimezone(UTC)
    session.info[_CACHE_KEY] = (session.get_transaction(), value)
    return value
