"""Named chains of the task bridge: the writes of one editor run one after the other, each starting after the
previous one's handlers ran (autosave ordering), a failure does not block the chain, chains are independent."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from ui.tasks import Task, TaskManager

pytestmark = pytest.mark.usefixtures("qloop")


async def _write(version: int, release: asyncio.Event | None = None, fail: bool = False) -> int:
    if release is not None:
        await release.wait()
    await asyncio.sleep(0.01)
    if fail:
        raise RuntimeError("refused")
    return version + 1


def test_each_write_starts_with_what_the_previous_one_left(qtbot: QtBot, message_log: list) -> None:
    manager = TaskManager()
    state = {"version": 1}
    started: list[int] = []
    idle: list[bool] = []

    def write(fail: bool = False) -> Callable[[], Task[Any] | None]:
        def start() -> Task[int]:
            started.append(state["version"])  # read when it starts, not when it was queued
            task = manager.run(_write(state["version"], fail=fail), label_fr="Enregistrement")
            task.on_success(lambda version: state.update(version=version)).on_failure(lambda _error: None)
            return task
        return start

    manager.enqueue("doc:1", write())
    manager.enqueue("doc:1", lambda: None)  # nothing to do: skipped
    manager.enqueue("doc:1", write(fail=True))
    manager.enqueue("doc:1", write())
    manager.when_idle("doc:1", lambda: idle.append(True))
    assert manager.chain_busy("doc:1") and idle == []
    qtbot.waitUntil(lambda: idle == [True], timeout=5000)
    assert started == [1, 2, 2] and state["version"] == 3
    assert not manager.chain_busy("doc:1")
    done: list[bool] = []
    manager.when_idle("doc:1", lambda: done.append(True))  # an idle chain answers at once
    assert done == [True] and message_log == []


def test_chains_do_not_wait_for_each_other(qtbot: QtBot) -> None:
    manager = TaskManager()
    release = asyncio.Event()
    finished: list[str] = []

    def write(name: str, gate: asyncio.Event | None) -> Callable[[], Task[Any] | None]:
        def start() -> Task[int]:
            return manager.run(_write(0, gate), label_fr=name).on_success(lambda _v: finished.append(name))
        return start

    manager.enqueue("doc:1", write("first", release))
    manager.enqueue("doc:2", write("second", None))
    qtbot.waitUntil(lambda: finished == ["second"], timeout=5000)
    assert manager.chain_busy("doc:1")
    release.set()
    qtbot.waitUntil(lambda: finished == ["second", "first"], timeout=5000)
