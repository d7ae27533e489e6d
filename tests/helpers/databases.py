"""Test databases: migrated once per test session, then copied (SQLite) or truncated (PostgreSQL) per test."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
from sqlalchemy import text, update

from lgc_app.audit.models import GENESIS_HASH, AuditChainHead
from lgc_app.persistence import migrations
from lgc_app.persistence.base import Base
from lgc_app.persistence.database import Database
from lgc_app.persistence.engine import make_engine

PG_ADMIN_URL = os.environ.get("LGC_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def sqlite_template(folder: Path) -> Path:
    path = folder / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrations.upgrade(engine)
    engine.dispose()
    return path


def sqlite_copy(template: Path, folder: Path) -> str:
    target = folder / f"{uuid.uuid4().hex}.sqlite3"
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


def _admin() -> psycopg.Connection:
    return psycopg.connect(PG_ADMIN_URL.replace("postgresql+psycopg", "postgresql"), autocommit=True)


def pg_create(name: str) -> str:
    """Create (or recreate) a database and migrate it; returns its URL."""
    with _admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    engine = make_engine(url)
    migrations.upgrade(engine)
    engine.dispose()
    return url


def pg_drop(name: str) -> None:
    with _admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_truncate(db: Database) -> None:
    """Empty every table but the audit chain head, which goes back to the empty chain. The audit journal's
    triggers refuse this to anyone: the test harness bypasses them as replication does (superuser)."""
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables if t.name != AuditChainHead.__tablename__)
    with db.engine.begin() as conn:
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        conn.execute(update(AuditChainHead).values(last_id=0, last_hash=GENESIS_HASH))


def pg_available() -> bool:
    try:
        with _admin():
            return True
    except psycopg.OperationalError:
        return False


def fresh_pg(name: str) -> Iterator[str]:
    url = pg_create(name)
    try:
        yield url
    finally:
        pg_drop(name)
