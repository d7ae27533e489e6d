"""The database handle given to use cases: engine + unit of work (rollback unless committed)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from lgc_app.persistence import migrations
from lgc_app.persistence.engine import make_engine


class Database:
    """One per process. `unit_of_work()` is the only way use cases write."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Database:
        """Open (and by default migrate) the database at url; raises DatabaseError with a French message."""
        engine = make_engine(url)
        if migrate:
            migrations.upgrade(engine)
        return cls(engine)

    @property
    def is_postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A session committed when the block ends normally, rolled back otherwise."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries only; never commits. Objects stay readable after the block (close()
        detaches them without expiring their loaded attributes, unlike rollback())."""
        session = self._sessions()
        try:
            yield session
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()
