"""Simulator discovery: packages not written yet are skipped, broken or non-conforming ones are refused."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import services.sandbox
from services.sandbox.registry import SimulatorError, available_simulators


@pytest.fixture
def extra_packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder searched for `services.sandbox.<name>` packages, for throw-away simulators."""
    monkeypatch.setattr(services.sandbox, "__path__", [*services.sandbox.__path__, str(tmp_path)])
    yield tmp_path
    for name in [n for n in sys.modules if n.startswith("services.sandbox.zz_")]:
        del sys.modules[name]


def _package(root: Path, name: str, body: str | None) -> None:
    (root / name).mkdir()
    if body is not None:
        (root / name / "__init__.py").write_text(textwrap.dedent(body))


_VALID = """
    NAME = "{name}"
    MOUNT = "{mount}"
    MUTUAL_TLS = {mutual}
    def create_app(ctx):
        raise NotImplementedError
"""


def test_missing_and_unfinished_packages_are_skipped(extra_packages: Path) -> None:
    _package(extra_packages, "zz_unfinished", None)  # a folder without __init__.py yet
    names = [s.name for s in available_simulators(("echo", "zz_absent", "zz_unfinished"))]
    assert names == ["echo"]


def test_a_broken_import_is_raised(extra_packages: Path) -> None:
    _package(extra_packages, "zz_broken", "import zz_no_such_dependency\n")
    with pytest.raises(ModuleNotFoundError, match="zz_no_such_dependency"):
        available_simulators(("zz_broken",))


def test_a_package_without_the_interface_is_refused(extra_packages: Path) -> None:
    _package(extra_packages, "zz_partial", 'NAME = "partial"\n')
    with pytest.raises(SimulatorError, match="MOUNT"):
        available_simulators(("zz_partial",))


@pytest.mark.parametrize("mount", ["/health", "/_control/x", "noslash", "/trailing/"])
def test_reserved_or_malformed_mounts_are_refused(extra_packages: Path, mount: str) -> None:
    _package(extra_packages, "zz_bad", _VALID.format(name="bad", mount=mount, mutual=False))
    with pytest.raises(SimulatorError, match="invalide"):
        available_simulators(("zz_bad",))


def test_nested_mounts_on_one_listener_conflict(extra_packages: Path) -> None:
    _package(extra_packages, "zz_a", _VALID.format(name="a", mount="/svc", mutual=True))
    _package(extra_packages, "zz_b", _VALID.format(name="b", mount="/svc/v2", mutual=True))
    _package(extra_packages, "zz_c", _VALID.format(name="c", mount="/svc", mutual=False))
    assert [s.name for s in available_simulators(("zz_a", "zz_c"))] == ["a", "c"]  # other listener: fine
    with pytest.raises(SimulatorError, match="conflit"):
        available_simulators(("zz_a", "zz_b"))
