"""Activity indicator: appears only for tasks lasting over 300 ms, lists them, cancels them."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from lgc_app.bootstrap import AppContext
from tests.helpers.dmp import random_ins
from tests.helpers.dmp_feed import add_author, add_qualified_patient, validated
from tests.ui.conftest import run_coro
from ui import activity
from ui.actions import outbox as outbox_actions
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


class _Counts:
    """The outbox count the indicator polls: the next answers, and how many counts ran at once."""

    def __init__(self, *answers: int, delay: float = 0.0) -> None:
        self.answers = list(answers)
        self.delay = delay
        self.calls = 0

    async def __call__(self) -> int:
        self.calls += 1
        await asyncio.sleep(self.delay)
        return self.answers.pop(0)


def test_sends_in_flight_are_shown_with_the_requests(qtbot: QtBot) -> None:
    manager = TaskManager()
    counts = _Counts(2, 2, 0)
    widget = ActivityIndicator(manager, orders=counts)
    qtbot.addWidget(widget)
    widget.count_orders()
    qtbot.waitUntil(widget.isVisible, timeout=2000)
    assert widget.count.text() == "2 envois en cours"
    assert manager.running() == []  # the count itself is housekeeping, not an activity
    manager.run(asyncio.sleep(30), label_fr="Consultation du DMP")
    qtbot.waitUntil(lambda: "requête" in widget.count.text(), timeout=2000)
    assert widget.count.text() == "1 requête en cours · 2 envois en cours"
    assert widget.toolTip() == "Consultation du DMP\n2 envois en cours"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    assert widget.list.sends.text() == "2 envois en cours : détail dans le panneau « Envois »."
    widget.list.hide()
    manager.cancel_all()
    qtbot.waitUntil(lambda: widget.count.text() == "2 envois en cours", timeout=2000)
    widget.count_orders()
    qtbot.waitUntil(lambda: counts.calls == 2 and widget._counting is None, timeout=2000)
    assert widget.isVisible()  # the same count again: nothing changes
    widget.count_orders()
    qtbot.waitUntil(lambda: not widget.isVisible(), timeout=2000)  # all sent


def test_counts_never_pile_up_and_are_periodic(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(activity, "ORDERS_POLL_MS", 100)
    manager = TaskManager()
    counts = _Counts(*([1] * 20), delay=0.35)
    widget = ActivityIndicator(manager, orders=counts)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.count.text() == "1 envoi en cours", timeout=3000)  # started by the timer
    qtbot.wait(300)
    assert counts.calls <= 3  # a 100 ms timer, 350 ms counts: one at a time, not one per tick


def test_orders_in_flight_counts_pending_and_in_progress(qtbot: QtBot, context: AppContext) -> None:
    db = context.database
    author = add_author(db).author
    assert run_coro(qtbot, outbox_actions.orders_in_flight(context)) == 0
    validated(db, add_qualified_patient(db, random_ins()), author)  # its DMP and Mon espace santé orders wait
    assert run_coro(qtbot, outbox_actions.orders_in_flight(context)) == 2
