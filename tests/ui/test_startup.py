"""Start-up without Qt widgets: bootstrap, demo mode with a real sandbox child process, and its clean-up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lgc_app import demo
from lgc_app.bootstrap import bootstrap
from lgc_app.config import Role, Settings
from lgc_app.persistence.engine import DatabaseError
from services.transport import TlsMaterial, make_async_client
from ui import tasks as taskbridge
from ui.app import GuiOptions, open_context


@pytest.fixture(autouse=True)
def _executors() -> Iterator[None]:
    yield
    taskbridge.shutdown_executors()


def test_bootstrap_migrates_and_runs_worker_by_role(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'poste.sqlite3'}"
    context = bootstrap(Settings({"database.url": url, "workstation.name": "P1"}))
    try:
        assert context.role is Role.STANDALONE and context.workstation_name == "P1"
        assert "send_orders" in context.database.engine.dialect.get_table_names(context.database.engine.connect())
        assert context.start_worker()
        assert context.worker is not None and context.worker.is_alive()
        assert context.start_worker()  # idempotent: still the same worker
    finally:
        worker = context.worker
        context.stop()
    assert worker is not None and not worker.is_alive()


async def test_demo_refuses_corrupt_database_before_starting_anything() -> None:
    database = demo.demo_folder() / "lgc-demo.sqlite3"
    database.write_bytes(b"\x00garbage" * 64)
    with pytest.raises(DatabaseError, match="n'est pas une base de données SQLite"):
        await open_context(GuiOptions(demo=True))
    assert database.read_bytes() == b"\x00garbage" * 64
    assert not (demo.demo_folder() / "sandbox").exists()


@pytest.mark.slow
async def test_demo_mode_starts_and_stops_a_sandbox_child() -> None:
    context = await open_context(GuiOptions(demo=True, latency=0.5))
    sandbox = context.sandbox
    assert sandbox is not None
    try:
        assert sandbox.running and sandbox.process.pid != os.getpid()
        settings = context.settings
        assert settings["demo.sandbox"] and settings["demo.latency"] == 0.5
        assert settings["cabinet.name"] == "Cabinet de démonstration"
        assert settings.database_url.endswith("demo/lgc-demo.sqlite3")
        assert settings["services.insi_url"] == sandbox.urls["insi"]
        assert settings["tls.client_cert"].is_file()
        tls = TlsMaterial(settings["tls.ca_file"], settings["tls.client_cert"], settings["tls.client_key"])
        async with make_async_client(tls, timeout=10) as client:
            health = (await client.get(sandbox.urls["health"])).json()
            assert health["status"] == "ok" and health["latency"] == 0.5
            start = time.monotonic()
            echo = (await client.get(sandbox.urls["echo"])).json()
            assert time.monotonic() - start >= 0.5
            assert echo["peer_from_test_ca"] is True
        assert context.worker is not None and context.worker.is_alive()
    finally:
        context.stop()
    assert not sandbox.running
    assert sandbox.process.returncode == 0  # SIGTERM → clean exit
    assert not (sandbox.state_dir / demo.MANIFEST_NAME).exists()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="parent-death signal is Linux-only")
def test_sandbox_child_dies_with_a_killed_parent(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import time
        from pathlib import Path
        from lgc_app.demo import DemoSandbox
        sandbox = DemoSandbox.spawn(Path({str(tmp_path / 'state')!r}))
        sandbox.wait_ready()
        print(sandbox.process.pid, flush=True)
        time.sleep(60)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    child_pid = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)  # no atexit, no cleanup: only the parent-death signal is left
    parent.wait(10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(child_pid):
        time.sleep(0.05)
    survived = _alive(child_pid)
    if survived:
        os.kill(child_pid, signal.SIGKILL)
    assert not survived


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


async def test_the_demo_starts_on_a_machine_without_a_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """A minimal Linux has no Secret Service: the demo still starts, its PSC test secret kept in memory only."""
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    from lgc_app.auth.psc_login import CLIENT_SECRET_ENV, client_secret

    monkeypatch.delenv(CLIENT_SECRET_ENV, raising=False)
    keyring.set_keyring(NoKeyring())  # the autouse fixture puts the test keyring back afterwards
    context = await open_context(GuiOptions(demo=True))
    try:
        assert context.settings["services.psc_client_id"]
        assert client_secret(context.settings) == os.environ[CLIENT_SECRET_ENV]
    finally:
        context.stop()
