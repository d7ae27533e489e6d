"""What keeps the start fast: the full SQLite check only after a session that did not end cleanly, and the
modules the first screen does not need left unimported."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lgc_app.auth.passwords import needs_rehash, verify_secret
from lgc_app.auth.sign_in import DUMMY_HASH
from lgc_app.persistence import engine, migrations, open_marker
from lgc_app.persistence.database import Database
from lgc_app.persistence.engine import DatabaseError

ROOT = Path(__file__).resolve().parents[2]


def test_the_head_revision_constant_is_the_head_of_the_versions_folder() -> None:
    assert migrations.head_revision() == migrations.HEAD_REVISION


def test_the_dummy_hash_is_that_of_the_dummy_login_with_the_current_parameters() -> None:
    assert verify_secret(DUMMY_HASH, "identifiant inconnu")
    assert not needs_rehash(DUMMY_HASH)


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False, env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env})


def _die_holding(path: Path) -> None:
    """Open the database in another process that ends without closing it (a crash, a killed process)."""
    result = _python(f"""
        import os
        from lgc_app.persistence.database import Database
        Database.open({f"sqlite:///{path}"!r}, migrate=False)
        os._exit(0)
        """)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the full integrity check was run on."""
    ran: list[Path] = []
    real = engine.check_sqlite_integrity

    def recorded(path: Path) -> None:
        ran.append(path)
        real(path)

    monkeypatch.setattr(engine, "check_sqlite_integrity", recorded)
    return ran


def test_a_clean_close_spares_the_next_start_the_full_check(tmp_path: Path, checks: list[Path]) -> None:
    path = tmp_path / "lgc.sqlite3"
    Database.open(f"sqlite:///{path}").close()
    assert open_marker.markers(path) == []
    Database.open(f"sqlite:///{path}").close()
    assert checks == []


def test_a_session_that_did_not_end_makes_the_next_start_check_the_file(tmp_path: Path, checks: list[Path]) -> None:
    path = tmp_path / "lgc.sqlite3"
    Database.open(f"sqlite:///{path}").close()
    _die_holding(path)
    assert len(open_marker.leftovers(path)) == 1
    db = Database.open(f"sqlite:///{path}")
    assert checks == [path]
    assert open_marker.leftovers(path) == []  # checked: the next start is quick again
    db.close()
    Database.open(f"sqlite:///{path}").close()
    assert checks == [path]


def test_a_database_held_open_elsewhere_is_not_taken_for_a_crash(tmp_path: Path, checks: list[Path]) -> None:
    path = tmp_path / "lgc.sqlite3"
    first = Database.open(f"sqlite:///{path}")  # the GUI, say; the worker or a command opens it next
    second = Database.open(f"sqlite:///{path}")
    assert checks == []
    assert len(open_marker.markers(path)) == 2
    second.close()
    first.close()
    assert open_marker.markers(path) == []


def test_a_corrupt_file_left_by_a_crash_is_refused_untouched_with_the_french_message(tmp_path: Path) -> None:
    path = tmp_path / "lgc.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    _die_holding(path)
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # the second page, smashed while nobody closed the file
    path.write_bytes(bytes(data))
    for _ in range(2):  # refused again at the next start: the leftover stays until the file passes the check
        with pytest.raises(DatabaseError, match=r"corrompue|illisible") as refused:
            Database.open(f"sqlite:///{path}")
        assert "Elle n'a pas été modifiée" in str(refused.value)
    assert path.read_bytes() == bytes(data)


def test_the_gui_start_path_on_sqlite_at_head_leaves_migration_and_other_tools_unimported(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'lgc.sqlite3'}"
    Database.open(url).close()  # at head
    result = _python(f"""
        import json, sys
        import ui.app, ui.main_window
        from lgc_app.bootstrap import bootstrap
        from lgc_app.config import Settings
        context = bootstrap(Settings({{"database.url": {url!r}}}))
        context.stop()
        print(json.dumps(sorted(sys.modules)))
        """, LGC_HOME=str(tmp_path / "home"))
    assert result.returncode == 0, result.stderr
    modules = set(json.loads(result.stdout.splitlines()[-1]))
    loaded = modules | {name.split(".")[0] for name in modules}  # packages and the modules named
    unneeded = {"alembic", "mako", "psycopg", "fhir", "pkcs11", "lgc_app.demo_seed",
                "ui.demo_data", "services.annuaire.client",
                # imported by what first uses them (issue 14 item 2): a request, a PSC or card sign-in, a PDF page,
                # a datamatrix image, the keyring, a menu's dialog, a PostgreSQL base, the demonstration
                "httpx", "signxml", "joserfc", "services.insi.client", "lgc_app.dmp.client_factory",
                "lgc_app.dmp.handler", "services.psc.client", "lgc_app.auth.card_sign_in", "pypdfium2", "PIL",
                "keyring", "cryptography", "ui.settings_dialog", "ui.help", "sqlalchemy.dialects.postgresql",
                "lgc_app.demo"}
    assert loaded & unneeded == set()


def test_a_folder_without_locks_still_opens_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(open_marker, "_lock", lambda handle: False)
    path = tmp_path / "lgc.sqlite3"
    db = Database.open(f"sqlite:///{path}")
    assert open_marker.markers(path) == []
    db.close()
