"""Engine creation for the two supported back-ends, with the checks that turn bad input into clear errors.

SQLite (embedded, default for a standalone workstation) runs in WAL mode with foreign keys on and a busy
timeout, so the GUI reader and the worker writer do not block each other. Its file is created 0600 before
SQLite opens it: SQLite gives the -wal, -shm and -journal files the mode of the database file. PostgreSQL is the shared
cabinet database of master and slave workstations.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from lgc_app.errors import UserError
from lgc_app.paths import private_dir, private_file
from lgc_app.persistence import open_marker


class DatabaseError(UserError, RuntimeError):
    """An expected database problem, with a French message for the user (never a traceback)."""

    code = "DATABASE"
    summary = "La base de données est inaccessible ; voyez le journal pour le détail."


SQLITE_HEADER = b"SQLite format 3\x00"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str) -> Path | None:
    database = make_url(url).database
    if not database or database == ":memory:":
        return None
    return Path(database)


def normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL whatever the URL says."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def display_url(url: str) -> str:
    """The URL as logs and screens show it: the password masked (secrets never leave the keyring)."""
    return make_url(url).render_as_string(hide_password=True)


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not a SQLite database before SQLAlchemy touches (and maybe alters) it, and one that
    is corrupt when a session on it did not end cleanly (`open_marker`: the full check reads the whole file)."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseError(f"Le fichier {path} n'est pas une base de données SQLite (fichier étranger ou corrompu). "
                            "Il n'a pas été modifié.")
    unclean = open_marker.leftovers(path)
    if unclean:
        check_sqlite_integrity(path)
        open_marker.clear(unclean)


def check_sqlite_integrity(path: Path) -> None:
    """`PRAGMA quick_check` of the whole file, read-only. Raises DatabaseError (French) when it is corrupt."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            result = conn.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"La base {path} est illisible ({exc}). Elle n'a pas été modifiée.") from None
    if result is None or result[0] != "ok":
        raise DatabaseError(f"La base {path} est corrompue ({result[0] if result else '?'}). "
                            "Elle n'a pas été modifiée ; restaurez une sauvegarde.")


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str, *, check: bool = True) -> Engine:
    """Create the engine and, with check=True, prove the database is reachable and ours to open."""
    url = normalise_url(url)
    if is_sqlite(url):
        path = sqlite_path(url)
        if path is not None:
            if check:
                check_sqlite_file(path)
            if not path.parent.exists():  # a folder the user chose is left as it is; one we create is private
                private_dir(path.parent)
            private_file(path)
        engine = create_engine(url, connect_args={"timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5,
                               connect_args={"connect_timeout": 5})
    if check:
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except OperationalError as exc:
            engine.dispose()
            raise DatabaseError(f"Base de données injoignable ({display_url(url)}) : {exc.orig}") from None
    return engine
