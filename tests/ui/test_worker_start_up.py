"""The GUI starts its worker process and does not wait for it (issue 14 items 1-2): the child, started as
`lgc --config … worker --supervised` with the settings in force, imports and builds its DMP connection in its
own process, then says it is ready. The stall while it sends is measured by bench/bench_worker_stall.py."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from lgc_app import config
from lgc_app.config import Settings
from lgc_app.outbox.process import WorkerState
from services.sandbox.server import RunningSandbox
from tests.helpers.dmp_feed import feed_values
from ui import tasks as taskbridge
from ui.app import GuiOptions, open_context

START_UP = 120.0  # a cold interpreter on a loaded 2-core machine


@pytest.fixture(autouse=True)
def _executors() -> Iterator[None]:
    yield
    taskbridge.shutdown_executors()


async def test_start_up_starts_the_worker_process_without_waiting_for_it(sandbox: RunningSandbox,
                                                                         tmp_path: Path) -> None:
    settings_file = tmp_path / "lgc.toml"
    config.save(Settings(feed_values(sandbox, **{"database.url": f"sqlite:///{tmp_path / 'poste.sqlite3'}"})),
                settings_file)
    context = await open_context(GuiOptions(config=settings_file))
    try:
        worker = context.worker
        assert worker is not None and worker.is_alive()
        assert worker.state is WorkerState.STARTING  # still importing: the window does not wait for it
        assert worker.command[-4:] == ["--config", str(settings_file), "worker", "--supervised"]
        assert await asyncio.to_thread(worker.wait_prepared, START_UP)  # it said "ready": DMP connection built
        assert worker.state is WorkerState.RUNNING
    finally:
        context.stop()
    assert not worker.is_alive()
