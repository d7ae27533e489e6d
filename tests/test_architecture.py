"""Import contract of ARCHITECTURE.md: ui → lgc_app → services, the sandbox stands apart.

- `lgc_app/` imports no Qt, except QtCore/QtGui in the PDF renderer (`lgc_app/documents/rendering/`), and never `ui`;
- `services/` imports nothing of ours but `services` itself (no `lgc_app`, no `ui`, no Qt);
- nothing outside `services/sandbox/` (and tests/bench) imports `services.sandbox`;
- a simulator never imports the client it stands in front of (only its `constants` module);
- `ui/` never imports SQLAlchemy nor an ORM model module (`lgc_app.*.models`), and never opens a session
  (`db.reading()`, `db.unit_of_work()`): views call use cases, which own their transactions and return frozen
  snapshots; views never build SQL nor hold a session's objects.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SIMULATED_CLIENTS = ("insi", "dmp", "mss", "psc", "annuaire")
SESSION_OPENERS = ("reading", "unit_of_work")


def _imports(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _files(room: str) -> list[Path]:
    return sorted((ROOT / room).rglob("*.py"))


def _violations(room: str, forbidden: tuple[str, ...], allowed_in: tuple[str, ...] = ()) -> list[str]:
    found = []
    for path in _files(room):
        rel = path.relative_to(ROOT).as_posix()
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden) and not rel.startswith(allowed_in):
                found.append(f"{rel}: {name}")
    return found


def test_core_has_no_widgets_and_no_ui() -> None:
    assert _violations("lgc_app", ("ui", "PySide6.QtWidgets", "qasync")) == []
    assert _violations("lgc_app", ("PySide6",), allowed_in=("lgc_app/documents/rendering/",)) == []


def test_services_import_nothing_of_the_app() -> None:
    assert _violations("services", ("lgc_app", "ui", "PySide6", "qasync")) == []


def _is_orm_models(name: str) -> bool:
    parts = name.split(".")
    return parts[0] == "lgc_app" and "models" in parts[1:]


def _session_openings(path: Path) -> Iterator[int]:
    """Lines where path calls `<anything>.reading()` or `<anything>.unit_of_work()`."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in SESSION_OPENERS:
            yield node.lineno


def test_views_build_no_sql() -> None:
    assert _violations("ui", ("sqlalchemy",)) == []


def test_views_import_no_orm_model() -> None:
    found = [f"{path.relative_to(ROOT).as_posix()}: {name}" for path in _files("ui") for name in _imports(path)
             if _is_orm_models(name)]
    assert found == []


def test_views_open_no_session() -> None:
    found = [f"{path.relative_to(ROOT).as_posix()}:{line}" for path in _files("ui")
             for line in _session_openings(path)]
    assert found == []


def test_the_contract_checks_see_a_violation(tmp_path: Path) -> None:
    """The checks above find what they look for (a check that cannot fail proves nothing)."""
    view = tmp_path / "view.py"
    view.write_text("from lgc_app.patients.models import Patient\nfrom lgc_app.patients import models\n\n"
                    "def read(db):\n    with db.reading() as session:\n        return session\n\n"
                    "def write(context):\n    with context.database.unit_of_work():\n        pass\n",
                    encoding="utf-8")
    assert [name for name in _imports(view) if _is_orm_models(name)] == ["lgc_app.patients.models.Patient",
                                                                         "lgc_app.patients.models"]
    assert list(_session_openings(view)) == [5, 9]


@pytest.mark.parametrize("room", ["lgc_app", "ui", "services"])
def test_only_the_sandbox_imports_the_sandbox(room: str) -> None:
    assert _violations(room, ("services.sandbox",), allowed_in=("services/sandbox/",)) == []


@pytest.mark.parametrize("client", SIMULATED_CLIENTS)
def test_simulators_do_not_reuse_their_client(client: str) -> None:
    if not (ROOT / "services" / "sandbox").is_dir():
        pytest.skip("no sandbox")
    found = [v for v in _violations("services/sandbox", (f"services.{client}",))
             if not v.split(": ")[1].startswith(f"services.{client}.constants")]
    assert found == []
