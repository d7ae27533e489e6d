"""The GUI shows its window once its worker process is ready (SC.DMP/UX.10): the child started as
`lgc --config … worker --supervised`, with the settings in force, and built its DMP connection behind the
splash screen, never while the user works. The stall itself is measured by bench/bench_worker_stall.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lgc_app import config
from lgc_app.config import Settings
from lgc_app.outbox.process import WorkerState
from services.sandbox.server import RunningSandbox
from tests.helpers.dmp_feed import feed_values
from ui import app as gui_app
from ui import tasks as taskbridge
from ui.app import GuiOptions, open_context


@pytest.fixture(autouse=True)
def _executors() -> Iterator[None]:
    yield
    taskbridge.shutdown_executors()


async def test_start_up_waits_for_the_worker_process(sandbox: RunningSandbox, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    settings_file = tmp_path / "lgc.toml"
    config.save(Settings(feed_values(sandbox, **{"database.url": f"sqlite:///{tmp_path / 'poste.sqlite3'}"})),
                settings_file)
    monkeypatch.setattr(gui_app, "WORKER_PREPARE_WAIT", 120.0)  # a cold interpreter on a loaded machine
    context = await open_context(GuiOptions(config=settings_file))
    try:
        worker = context.worker
        assert worker is not None and worker.is_alive()
        assert worker.state is WorkerState.RUNNING  # it said "ready": its DMP connection is built
        assert worker.command[-4:] == ["--config", str(settings_file), "worker", "--supervised"]
    finally:
        context.stop()
    assert not worker.is_alive()
