"""Files private to the user (issue 16): data, config and log folders 0700; database (with its -wal, -shm and
-journal files), migration backups and logs 0600, whatever the umask."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from lgc_app import logs, paths
from lgc_app.persistence.engine import make_engine
from lgc_app.persistence.migrations import backup_sqlite

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes; Windows profiles are per user")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A permissive umask (files 0666, folders 0777 by default) and LGC_HOME in a fresh folder."""
    monkeypatch.setenv("LGC_HOME", str(tmp_path / "home"))
    previous = os.umask(0)
    yield tmp_path
    os.umask(previous)


def test_application_folders_are_private(loose_umask: Path) -> None:
    existing = loose_umask / "home" / "logs"
    existing.mkdir(parents=True, mode=0o755)
    existing.chmod(0o755)
    for folder in (paths.data_dir(), paths.config_dir(), paths.log_dir()):
        assert mode(folder) == 0o700, folder


def test_database_and_its_companion_files_are_private(loose_umask: Path) -> None:
    database = loose_umask / "new" / "lgc.sqlite3"
    engine = make_engine(f"sqlite:///{database}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
        conn.execute(text("INSERT INTO t VALUES (1)"))
        wal_files = [database.with_name(database.name + suffix) for suffix in ("-wal", "-shm")]
        assert all(path.exists() for path in wal_files)
        assert {path.name: mode(path) for path in [database, *wal_files]} == {
            path.name: 0o600 for path in [database, *wal_files]}
    assert mode(database.parent) == 0o700
    assert mode(backup_sqlite(engine) or database.parent) == 0o600
    engine.dispose()


def test_a_rollback_journal_inherits_the_private_mode(loose_umask: Path) -> None:
    """What make_engine relies on: SQLite creates its companion files with the database file's mode."""
    database = paths.private_file(loose_umask / "journal.sqlite3")
    conn = sqlite3.connect(database, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("CREATE TABLE t (x INTEGER)")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES (2)")
        assert mode(database.with_name(database.name + "-journal")) == 0o600
        conn.execute("COMMIT")
    finally:
        conn.close()


def test_an_existing_database_is_made_private(loose_umask: Path) -> None:
    chosen = loose_umask / "chosen"
    chosen.mkdir(mode=0o755)
    database = chosen / "lgc.sqlite3"
    sqlite3.connect(database).close()
    database.chmod(0o644)
    make_engine(f"sqlite:///{database}").dispose()
    assert mode(database) == 0o600
    assert mode(chosen) == 0o755  # a folder the user chose is left alone


def test_log_files_are_private_after_rollover(loose_umask: Path) -> None:
    handler = logs.setup()
    try:
        assert isinstance(handler, logging.handlers.RotatingFileHandler)
        logging.getLogger("lgc.test").info("patient 42")
        current = Path(handler.baseFilename)
        assert mode(current) == 0o600
        handler.doRollover()
        logging.getLogger("lgc.test").info("patient 43")
        assert mode(current) == mode(current.with_name(current.name + ".1")) == 0o600
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
