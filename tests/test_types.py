"""The core and the services are kept mypy-clean in strict mode: the type checker runs as part of the test suite.

What is checked, and how strictly, is the `[tool.mypy]` section of pyproject.toml (the same one a developer's
`mypy` reads). Marked slow (deselect with `-m "not slow"`); it runs in the default test command.
"""

import hashlib
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_config_is_strict_on_the_core_and_the_services() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["strict"] is True
    assert set(config["files"]) == {"lgc_app", "services"}
    assert "ignore_missing_imports" not in config, "name the untyped libraries in an override instead"


@pytest.mark.slow
def test_mypy_is_clean() -> None:
    # A cache kept between runs of this worktree (keyed by its path) makes the check incremental (~1 s
    # instead of ~10 s); mypy validates every cached module against its source, so a stale cache is harmless.
    key = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
    cache = Path(tempfile.gettempdir()) / f"lgc-mypy-cache-{key}"
    result = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(cache)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
