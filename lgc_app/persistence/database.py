"""The database handle given to use cases: engine + unit of work (rollback unless committed)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, configure_mappers, sessionmaker

from lgc_app.persistence import migrations
from lgc_app.persistence.engine import is_sqlite, make_engine, sqlite_path
from lgc_app.persistence.open_marker import OpenMarker


class Database:
    """One per process. `unit_of_work()` is the only way use cases write."""

    def __init__(self, engine: Engine, marker: OpenMarker | None = None) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._marker = marker

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Database:
        """Open (and by default migrate) the database at url; raises DatabaseError with a French message.

        A SQLite file is checked in full only when a session on it did not end with `close()`
        (`lgc_app.persistence.open_marker`): this one is marked open until it does.
        """
        engine = make_engine(url)
        path = sqlite_path(url) if is_sqlite(url) else None
        marker = OpenMarker.hold(path) if path is not None else None
        try:
            if migrate:
                migrations.upgrade(engine)
        except BaseException:
            engine.dispose()
            if marker is not None:
                marker.release()
            raise
        return cls(engine, marker)

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

    @contextmanager
    def reading_one(self) -> Iterator[Connection]:
        """A Core connection for one query (no ORM session: the worker's per-order read). On PostgreSQL it runs
        in autocommit, saving the BEGIN and ROLLBACK round trips a transaction would add around a single
        statement, which sees one snapshot anyway; SQLite's driver runs a SELECT outside any transaction."""
        connection = self.engine.connect()
        if self.is_postgresql:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        with connection:
            yield connection

    def prepare_orm(self) -> None:
        """Configure the ORM mappers now (25-36 ms, once per process), off the first query a user makes."""
        configure_mappers()

    def close(self) -> None:
        self.engine.dispose()
        if self._marker is not None:
            self._marker.release()
