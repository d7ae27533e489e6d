"""Import contract of ARCHITECTURE.md: ui → lgc_app → services, the sandbox stands apart.

- `lgc_app/` imports no Qt, except QtCore/QtGui in the PDF renderer (`lgc_app/documents/rendering/`), and never `ui`;
- `services/` imports nothing of ours but `services` itself (no `lgc_app`, no `ui`, no Qt);
- nothing outside `services/sandbox/` (and tests/bench) imports `services.sandbox`;
- a simulator never imports the client it stands in front of (only its `constants` module);
- `ui/` never imports SQLAlchemy: views call use cases, they never build SQL nor hold a session's objects.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SIMULATED_CLIENTS = ("insi", "dmp", "mss", "psc", "annuaire")


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


def test_views_build_no_sql() -> None:
    assert _violations("ui", ("sqlalchemy",)) == []


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
