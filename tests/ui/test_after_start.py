"""After start-up: the start's objects frozen out of the garbage collector's reach, the ORM mappers configured
on the database thread before the first user action."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import configure_mappers

import ui.app
from lgc_app.bootstrap import AppContext
from lgc_app.patients import birth_place
from lgc_app.persistence import database
from ui import launcher
from ui.app import after_start
from ui.tasks import TaskManager, TaskState


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the other tests' objects stay collectable


def test_after_start_freezes_the_start_and_configures_the_mappers_off_the_gui_thread(
        qloop: object, qtbot: QtBot, context: AppContext, unfrozen: None, monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[threading.Thread] = []

    def configure() -> None:
        threads.append(threading.current_thread())
        configure_mappers()

    monkeypatch.setattr(database, "configure_mappers", configure)
    assert gc.get_freeze_count() == 0
    task = after_start(context, TaskManager())
    assert gc.get_freeze_count() > 10_000  # the modules, classes and widgets of the start
    qtbot.waitUntil(lambda: task.state is not TaskState.RUNNING, timeout=5000)
    assert task.state is TaskState.SUCCEEDED
    assert threads and threads[0] is not threading.main_thread()


@pytest.fixture
def collecting() -> Iterator[None]:
    """Automatic collection on, as in a process that just started (the GUI tests run with it off)."""
    gc.enable()
    yield
    gc.disable()


def test_the_start_runs_without_automatic_collection_and_gives_it_back(monkeypatch: pytest.MonkeyPatch,
                                                                       collecting: None) -> None:
    during: list[bool] = []

    def run(options: object) -> int:
        during.append(gc.isenabled())
        return 0

    monkeypatch.setattr(ui.app, "run", run)
    assert gc.isenabled()
    assert launcher.main([]) == 0
    assert during == [False]
    assert gc.isenabled()


def test_after_start_loads_the_birth_places_off_the_gui_thread(
        qloop: object, qtbot: QtBot, context: AppContext, unfrozen: None, monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[threading.Thread] = []
    load = birth_place.load_places

    def loading() -> None:
        threads.append(threading.current_thread())
        load()

    monkeypatch.setattr(birth_place, "load_places", loading)
    task = after_start(context, TaskManager())
    qtbot.waitUntil(lambda: task.state is not TaskState.RUNNING, timeout=30_000)
    assert task.state is TaskState.SUCCEEDED, task.error
    assert threads and threads[0] is not threading.main_thread()
    assert birth_place.place_for_code("75056") is not None  # the table is loaded
