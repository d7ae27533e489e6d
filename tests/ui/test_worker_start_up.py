"""The GUI shows its window once the worker has built its DMP connection (SC.DMP/UX.10): that CPU work happens
behind the splash screen, never while the user works. The stall itself is measured by bench/bench_stall.py."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lgc_app import config
from lgc_app.config import Settings
from lgc_app.dmp import client_factory
from lgc_app.dmp.client_factory import DmpConnection, connect
from services.sandbox.server import RunningSandbox
from tests.helpers.dmp_feed import feed_values
from ui import tasks as taskbridge
from ui.app import GuiOptions, open_context


@pytest.fixture(autouse=True)
def _executors() -> Iterator[None]:
    yield
    taskbridge.shutdown_executors()


async def test_start_up_waits_for_the_workers_dmp_connection(sandbox: RunningSandbox, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    settings_file = tmp_path / "lgc.toml"
    config.save(Settings(feed_values(sandbox, **{"database.url": f"sqlite:///{tmp_path / 'poste.sqlite3'}"})),
                settings_file)
    built: list[str] = []  # the threads that built a DMP connection

    def slow_connect(settings: Settings, **options: float) -> DmpConnection:
        time.sleep(0.3)  # a slow disk or keyring: still behind the splash screen
        connection = connect(settings, **options)
        built.append(threading.current_thread().name)
        return connection

    monkeypatch.setattr(client_factory, "connect", slow_connect)
    context = await open_context(GuiOptions(config=settings_file))
    try:
        assert context.worker is not None
        # the worker's own connection is ready; the window's (consultations) is being built in the background
        assert [name for name in built if name.startswith("lgc-outbox-worker")] != []
    finally:
        context.stop()
