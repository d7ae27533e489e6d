"""Activity indicator: appears only for tasks lasting over 300 ms, lists them, cancels them."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui import activity
from ui.activity import ActivityIndicator
from ui.tasks import TaskManager, TaskState

pytestmark = pytest.mark.usefixtures("qloop")


@pytest.fixture
def indicator(qtbot: QtBot) -> tuple[ActivityIndicator, TaskManager]:
    manager = TaskManager()
    widget = ActivityIndicator(manager)
    qtbot.addWidget(widget)
    return widget, manager


def test_quick_task_never_shows_the_indicator(qtbot: QtBot,
                                              indicator: tuple[ActivityIndicator, TaskManager]) -> None:
    widget, manager = indicator
    seen: list[bool] = []
    manager.tasks_changed.connect(lambda: seen.append(widget.isVisible()))
    task = manager.run(asyncio.sleep(0.05), label_fr="Rapide")
    qtbot.waitUntil(lambda: task.state is TaskState.SUCCEEDED, timeout=3000)
    qtbot.wait(activity.SHOW_DELAY_MS + 100)
    assert not widget.isVisible()
    assert seen == [False, False]


def test_long_task_is_shown_listed_and_cancelled(qtbot: QtBot,
                                                 indicator: tuple[ActivityIndicator, TaskManager]) -> None:
    widget, manager = indicator
    task = manager.run(asyncio.sleep(30), label_fr="Consultation du DMP")
    writing = manager.run(asyncio.sleep(30), label_fr="Écriture", cancellable=False)
    assert not widget.isVisible()  # not before 300 ms
    qtbot.waitUntil(widget.isVisible, timeout=2000)
    assert widget.count.text() == "2 requêtes en cours"

    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    popup = widget.list
    assert popup.isVisible()
    rows = [popup.tree.topLevelItem(i).text(0) for i in range(popup.tree.topLevelItemCount())]
    assert rows == ["Consultation du DMP", "Écriture"]
    assert popup.tree.topLevelItem(0).text(1) == "0 s"
    assert popup.cancel_button(1) is None  # not cancellable: no button
    button = popup.cancel_button(0)
    assert button is not None and button.text() == "Annuler"

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: task.state is TaskState.CANCELLED, timeout=2000)
    qtbot.waitUntil(lambda: popup.tree.topLevelItemCount() == 1, timeout=2000)
    assert widget.count.text() == "1 requête en cours"

    writing.future.cancel()
    qtbot.waitUntil(lambda: not widget.isVisible(), timeout=2000)
    assert not popup.isVisible()


def test_elapsed_time_is_polled(qtbot: QtBot, indicator: tuple[ActivityIndicator, TaskManager]) -> None:
    widget, manager = indicator
    manager.run(asyncio.sleep(30), label_fr="Lent")
    qtbot.waitUntil(widget.isVisible, timeout=2000)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: widget.list.tree.topLevelItem(0).text(1) == "1 s", timeout=3000)
