"""Bring a database to the schema this version expects, at start-up and with `lgc db upgrade`.

A SQLite file is copied aside (online backup API, consistent even in WAL mode) before any migration step.
A database that holds tables but no Alembic version is someone else's: it is refused, untouched.

Alembic (and mako with it: ~150 ms of imports) is imported only when the schema is not at head: the
stored revision is read with one query and compared with `HEAD_REVISION`, which a test keeps equal to the head
of the versions folder.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from lgc_app.paths import private_file
from lgc_app.persistence.engine import DatabaseError, is_sqlite, sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config

SCRIPT_LOCATION = Path(__file__).with_name("alembic")
HEAD_REVISION = "0011_ssi_totp_renewal"  # the newest file of alembic/versions (tests/core/test_fast_start.py)


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    """The head of the versions folder, read by Alembic (what `HEAD_REVISION` must say)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(SCRIPT_LOCATION)).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision stored in the database (Alembic's version table), None for a database without one."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        revisions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(revisions) > 1:
        raise DatabaseError(f"La base porte plusieurs révisions de schéma ({', '.join(revisions)}) : "
                            "elle n'a pas été modifiée.")
    return revisions[0] if revisions else None


def backup_sqlite(engine: Engine) -> Path | None:
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if path is None or not path.exists() or path.stat().st_size == 0:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = private_file(path.with_name(f"{path.stem}.avant-migration-{stamp}{path.suffix}"))  # health data
    with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


def upgrade(engine: Engine) -> str | None:
    """Migrate to head. Returns the backup path when a SQLite file was copied, else None.

    Raises:
        DatabaseError: a foreign database, or one written by a newer version of the software.
    """
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return None
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(SCRIPT_LOCATION))
    if current is None and inspect(engine).get_table_names():
        raise DatabaseError("Cette base contient des tables qui ne viennent pas du logiciel : elle n'a pas été "
                            "modifiée. Choisissez une autre base dans les paramètres.")
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise DatabaseError(f"La base a été créée par une version plus récente du logiciel (révision {current}). "
                            "Mettez le logiciel à jour.")
    backup = backup_sqlite(engine) if is_sqlite(engine.url.render_as_string()) and current else None
    command.upgrade(alembic_config(engine), "head")
    return str(backup) if backup else None
