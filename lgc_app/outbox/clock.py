"""One clock for every outbox timestamp: the database's.

Master and slave workstations share a PostgreSQL database but not their system clocks; if a slave's clock
ran ahead, the orders it writes would look "not yet due" to the master. Reading `now()` from the server
gives every workstation the same time. SQLite is local to one machine: its clock is the machine's.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lgc_app.persistence.base import utcnow


def database_now(session: Session) -> datetime:
    if session.get_bind().dialect.name == "postgresql":
        value = session.scalar(select(func.now()))
        assert value is not None
        return value.astimezone(UTC)
    return utcnow()
