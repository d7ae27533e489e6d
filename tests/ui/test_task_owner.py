"""Tasks owned by a window (issue 13 item 1): closing or destroying the owner cancels its requests, and a
handler whose owner is gone is never called."""

from __future__ import annotations

import asyncio

import pytest
import shiboken6
from PySide6.QtWidgets import QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from ui.messages import MessageLevel
from ui.tasks import TaskManager, TaskState

pytestmark = pytest.mark.usefixtures("qloop")


async def _value(value: object, delay: float = 0.01) -> object:
    await asyncio.sleep(delay)
    return value


async def _fail(delay: float) -> None:
    await asyncio.sleep(delay)
    raise ValueError("x")


def test_closing_a_dialog_cancels_its_tasks_and_skips_handlers(qtbot: QtBot, message_log: list) -> None:
    manager = TaskManager()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    called: list[object] = []
    task = manager.run(_value(1, delay=5), label_fr="Requête", owner=dialog)
    task.on_success(called.append).on_failure(called.append)
    dialog.close()
    qtbot.waitUntil(lambda: task.state is not TaskState.RUNNING, timeout=2000)
    assert task.state is TaskState.CANCELLED
    assert called == [] and message_log == [] and manager.running() == []


def test_destroying_the_owner_cancels_its_tasks(qtbot: QtBot, message_log: list) -> None:
    manager = TaskManager()
    widget = QWidget()
    label = QLabel(widget)
    task = manager.run(_value("texte", delay=5), label_fr="Lecture", owner=widget)
    task.on_success(label.setText)
    shiboken6.delete(widget)
    qtbot.waitUntil(lambda: task.state is TaskState.CANCELLED, timeout=2000)
    assert message_log == []


def test_a_non_cancellable_task_ends_but_its_handlers_do_not_run(qtbot: QtBot, message_log: list) -> None:
    """A write that must complete (cancellable=False) completes; its handler would touch the closed window."""
    manager = TaskManager()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    called: list[object] = []
    task = manager.run(_value(7, delay=0.2), label_fr="Écriture", cancellable=False, owner=dialog)
    task.on_success(called.append)
    dialog.reject()
    qtbot.waitUntil(lambda: task.state is TaskState.SUCCEEDED, timeout=2000)
    assert called == [] and task.result == 7 and message_log == []


def test_a_failure_whose_owner_is_gone_reaches_the_message_bridge(qtbot: QtBot, message_log: list) -> None:
    manager = TaskManager()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    handled: list[BaseException] = []
    task = manager.run(_fail(0.2), label_fr="Écriture", cancellable=False, owner=dialog)
    task.on_failure(handled.append)
    dialog.close()
    qtbot.waitUntil(lambda: task.state is TaskState.FAILED, timeout=2000)
    assert handled == []
    assert [m.level for m in message_log] == [MessageLevel.ERROR] and message_log[0].text.startswith("Écriture")


def test_the_owner_still_open_gets_its_result_and_other_tasks_survive(qtbot: QtBot) -> None:
    manager = TaskManager()
    dialog, other = QDialog(), QDialog()
    for widget in (dialog, other):
        qtbot.addWidget(widget)
        widget.show()
    results: list[object] = []
    mine = manager.run(_value("a", delay=0.2), label_fr="A", owner=dialog).on_success(results.append)
    theirs = manager.run(_value("b", delay=0.2), label_fr="B", owner=other).on_success(results.append)
    free = manager.run(_value("c", delay=0.2), label_fr="C").on_success(results.append)
    other.close()
    qtbot.waitUntil(lambda: not manager.running(), timeout=2000)
    assert (mine.state, theirs.state, free.state) == (TaskState.SUCCEEDED, TaskState.CANCELLED,
                                                      TaskState.SUCCEEDED)
    assert sorted(results) == ["a", "c"]  # type: ignore[type-var]
    dialog.close()  # a finished task no longer follows its owner: closing later cancels nothing
    assert mine.state is TaskState.SUCCEEDED
