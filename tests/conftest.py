"""Shared fixtures: isolated folders and keyring for every test, and the database under test.

Every test using `db`/`db_url` runs twice, on SQLite and on PostgreSQL (`--db=sqlite|postgresql` or
LGC_TEST_DB picks one); tests using `pg_db`/`pg_url` always use PostgreSQL. Outside CI an unreachable
PostgreSQL skips those runs; in CI (CI=true) it is an error, never a skip.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from lgc_app.persistence.database import Database
from tests.helpers import databases
from tests.helpers.keyring_backend import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.helpers.sandbox", "tests.helpers.dmp_feed", "tests.helpers.mss_server"]

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--db", choices=("both", "sqlite", "postgresql"), default=os.environ.get("LGC_TEST_DB", "both"),
                     help="back-end(s) for database tests: each runs on SQLite and PostgreSQL by default")


@pytest.fixture(autouse=True)
def _root_log_handlers() -> Iterator[None]:
    """A command run by a test (`logs.setup`) adds handlers to the root logger: they go with the test, or a later
    test's log lines would be written to a stream pytest has closed ("--- Logging error ---")."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in set(root.handlers) - set(handlers):
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """Every test gets its own LGC_HOME and an empty in-memory keyring."""
    monkeypatch.setenv("LGC_HOME", str(tmp_path / "home"))
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True, scope="session")
def _qt_application(qapp: object) -> object:
    """One QApplication, made first: render_pdf would otherwise create a QGuiApplication in a core test, and
    every later widget test in the process would abort (see lgc_app/documents/rendering/qt_runtime.py)."""
    return qapp


@pytest.fixture
def memory_keyring(_isolated_home: MemoryKeyring) -> MemoryKeyring:
    return _isolated_home


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The project's read-only reference material (../shared)."""
    if not SHARED.is_dir():
        pytest.fail(f"../shared not found at {SHARED}")
    return SHARED


def _worker_id(request: pytest.FixtureRequest) -> str:
    return getattr(request.config, "workerinput", {}).get("workerid", "main")


def _require_pg() -> None:
    if not databases.pg_available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not reachable on 127.0.0.1:5432 (CI must start it)")
        pytest.skip("PostgreSQL not reachable")


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return databases.sqlite_template(tmp_path_factory.mktemp("dbtemplate"))


@pytest.fixture(scope="session")
def pg_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A migrated PostgreSQL database for this test session (one per xdist worker)."""
    _require_pg()
    name = f"lgc_test_{_worker_id(request)}_{os.getpid()}"
    yield from databases.fresh_pg(name)


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    db = Database.open(pg_url, migrate=False)
    databases.pg_truncate(db)
    yield db
    db.close()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_backend" in metafunc.fixturenames:
        choice = metafunc.config.getoption("--db")
        backends = ["sqlite", "postgresql"] if choice == "both" else [choice]
        metafunc.parametrize("db_backend", backends, indirect=True)


@pytest.fixture
def db_backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def db_url(request: pytest.FixtureRequest, db_backend: str, _sqlite_template: Path, tmp_path: Path) -> str:
    """URL of an empty migrated database on the back-end of this run (SQLite or PostgreSQL)."""
    if db_backend == "postgresql":
        url = request.getfixturevalue("pg_url")
        db = Database.open(url, migrate=False)
        databases.pg_truncate(db)
        db.close()
        return url
    return databases.sqlite_copy(_sqlite_template, tmp_path)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.open(db_url, migrate=False)
    yield database
    database.close()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "db_backend" in names:
            item.add_marker(pytest.mark.db)
        if "pg_url" in names or (item.get_closest_marker("db") and "[postgresql" in item.nodeid):
            item.add_marker(pytest.mark.pg)
