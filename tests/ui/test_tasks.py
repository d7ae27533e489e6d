"""Task bridge: success, failure and cancellation routing; strong references; database thread."""

from __future__ import annotations

import asyncio
import threading

import pytest
import shiboken6
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from lgc_app.persistence.engine import DatabaseError
from ui import tasks as taskbridge
from ui.messages import MessageLevel
from ui.tasks import TaskManager, TaskState

pytestmark = pytest.mark.usefixtures("qloop")


async def _value(value: object, delay: float = 0.01) -> object:
    await asyncio.sleep(delay)
    return value


async def _fail(error: BaseException) -> None:
    await asyncio.sleep(0.01)
    raise error


def test_success_reaches_handler_and_signals(qtbot: QtBot, message_log: list) -> None:
    manager = TaskManager()
    results: list[object] = []
    with qtbot.waitSignals([manager.task_started, manager.task_finished], order="strict", timeout=5000):
        task = manager.run(_value(42), label_fr="Calcul").on_success(results.append)
    assert task.state is TaskState.SUCCEEDED
    assert results == [42]
    assert task.result == 42
    assert manager.running() == []
    assert message_log == []


def test_failure_without_handler_goes_to_message_bridge(qtbot: QtBot, message_log: list) -> None:
    manager = TaskManager()
    with qtbot.waitSignal(manager.task_finished, timeout=5000):
        task = manager.run(_fail(DatabaseError("La base est verrouillée.")), label_fr="Lecture du dossier")
    assert task.state is TaskState.FAILED
    assert [m.level for m in message_log] == [MessageLevel.ERROR]
    assert message_log[0].text == "Lecture du dossier : La base est verrouillée."


def test_failure_handler_replaces_message(qtbot: QtBot, message_log: list) -> None:
    manager = TaskManager()
    errors: list[BaseException] = []
    with qtbot.waitSignal(manager.task_finished, timeout=5000):
        manager.run(_fail(ValueError("x")), label_fr="Envoi").on_failure(errors.append)
    assert [type(e) for e in errors] == [ValueError]
    assert message_log == []


def test_unexpected_error_is_not_shown_raw(qtbot: QtBot, message_log: list) -> None:
    manager = TaskManager()
    with qtbot.waitSignal(manager.task_finished, timeout=5000):
        manager.run(_fail(KeyError("secret interne")), label_fr="Import")
    assert len(message_log) == 1
    assert "secret interne" not in message_log[0].text
    assert message_log[0].text.startswith("Import : Erreur inattendue du logiciel (référence ")


def test_cancel_is_silent(qtbot: QtBot, message_log: list) -> None:
    manager = TaskManager()
    called: list[object] = []
    task = manager.run(_value(1, delay=30), label_fr="Attente")
    task.on_success(called.append).on_failure(called.append)
    assert [t.id for t in manager.running()] == [task.id]
    with qtbot.waitSignal(manager.task_finished, timeout=5000):
        assert task.cancel()
    assert task.state is TaskState.CANCELLED
    assert called == []
    assert message_log == []
    assert manager.running() == []


def test_not_cancellable_task_refuses_cancel(qtbot: QtBot) -> None:
    manager = TaskManager()
    task = manager.run(_value(1, delay=0.05), label_fr="Écriture", cancellable=False)
    assert not task.cancel()
    qtbot.waitUntil(lambda: task.state is TaskState.SUCCEEDED, timeout=5000)


def test_handler_bug_is_reported_not_raised(qtbot: QtBot, message_log: list) -> None:
    manager = TaskManager()

    def broken(_value: object) -> None:
        raise RuntimeError("bug")

    with qtbot.waitSignal(manager.task_finished, timeout=5000):
        manager.run(_value(1), label_fr="Affichage").on_success(broken)
    assert len(message_log) == 1 and message_log[0].text.startswith("Affichage : Erreur inattendue du logiciel")


def test_a_handler_of_a_destroyed_widget_is_not_called(qtbot: QtBot, message_log: list) -> None:
    """The widget a handler updates may be destroyed while its task runs (its window closed): no bug shown."""
    manager = TaskManager()
    label = QLabel()
    task = manager.run(_value("fini", delay=0.2), label_fr="Affichage").on_success(label.setText)
    shiboken6.delete(label)
    qtbot.waitUntil(lambda: task.state is TaskState.SUCCEEDED, timeout=5000)
    assert message_log == []


def test_invisible_task_is_not_listed(qtbot: QtBot) -> None:
    manager = TaskManager()
    changes: list[None] = []
    manager.tasks_changed.connect(lambda: changes.append(None))
    task = manager.run(_value(1, delay=0.05), label_fr="Santé", visible=False)
    assert manager.running() == []
    qtbot.waitUntil(lambda: task.state is TaskState.SUCCEEDED, timeout=5000)
    assert changes == []


def test_shutdown_cancels_everything(qtbot: QtBot) -> None:
    from tests.ui.conftest import run_coro

    manager = TaskManager()
    tasks = [manager.run(_value(i, delay=30), label_fr=f"T{i}") for i in range(3)]
    run_coro(qtbot, manager.shutdown())
    assert {t.state for t in tasks} == {TaskState.CANCELLED}


def test_database_work_is_serialised_on_one_thread(qtbot: QtBot) -> None:
    from tests.ui.conftest import run_coro

    async def names() -> set[str]:
        found = await asyncio.gather(*(taskbridge.run_db(lambda: threading.current_thread().name)
                                       for _ in range(5)))
        return set(found)

    result = run_coro(qtbot, names())
    assert len(result) == 1
    assert next(iter(result)).startswith("lgc-db")
    assert threading.current_thread().name not in result
