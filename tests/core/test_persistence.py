import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from lgc_app.persistence import migrations
from lgc_app.persistence.database import Database
from lgc_app.persistence.engine import DatabaseError, make_engine


def test_fresh_sqlite_is_migrated_to_head(tmp_path: Path) -> None:
    db = Database.open(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    assert migrations.current_revision(db.engine) == migrations.head_revision()
    db.close()


def test_migration_of_an_existing_file_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    command.upgrade(migrations.alembic_config(engine), "0001_outbox")
    engine.dispose()
    engine = make_engine(f"sqlite:///{path}")
    backup = migrations.upgrade(engine)
    engine.dispose()
    assert backup is not None and Path(backup).exists()
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001_outbox",)


def test_foreign_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"these are not the droids" * 100)
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="n'est pas une base"):
        Database.open(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_corrupt_sqlite_is_refused_untouched_after_an_unclean_session(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.sqlite3"
    (tmp_path / "corrupt.sqlite3.ouverte-1-dead").touch()  # the marker of a session that never closed the file
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # smash the second page
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError, match=r"corrompue|illisible"):
        Database.open(f"sqlite:///{path}")
    assert path.read_bytes() == bytes(data)


def test_someone_elses_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(DatabaseError, match="ne viennent pas du logiciel"):
        Database.open(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("invoices",)]


def test_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    db = Database.open(f"sqlite:///{tmp_path / 'n.sqlite3'}")
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(DatabaseError, match="plus récente"):
        migrations.upgrade(db.engine)
    db.close()


def test_unreachable_postgresql_gives_a_clear_error() -> None:
    with pytest.raises(DatabaseError, match="injoignable"):
        make_engine("postgresql://postgres@127.0.0.1:1/nothing")


def test_unit_of_work_rolls_back_on_error(db: Database) -> None:
    with pytest.raises(RuntimeError), db.unit_of_work() as session:
        session.execute(text("CREATE TABLE IF NOT EXISTS uow_probe (x INTEGER)"))
        session.execute(text("INSERT INTO uow_probe VALUES (1)"))
        raise RuntimeError("boom")
    if "uow_probe" in inspect(db.engine).get_table_names():
        with db.reading() as session:
            assert session.execute(text("SELECT count(*) FROM uow_probe")).scalar() == 0
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE uow_probe"))
