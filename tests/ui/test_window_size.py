"""The main window fits a laptop screen: every tab usable at 1280×720, opened maximised on a smaller screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize, Qt
from pytestqt.qtbot import QtBot

from lgc_app.documents.kinds import DocumentType
from lgc_app.patients import use_cases
from tests.helpers.demo_window import demo_main_window
from tests.ui.conftest import run_coro
from ui.documents.editor_base import DocumentEditor
from ui.main_window import MainWindow
from ui.tasks import run_db

LAPTOP = QSize(1280, 720)


@pytest.fixture
def demo_window(qloop: object, qtbot: QtBot, ui_db_url: str) -> Iterator[MainWindow]:
    with demo_main_window(qtbot, ui_db_url) as window:
        yield window


def test_every_tab_fits_1280_by_720_with_a_patient_and_an_editor_open(demo_window: MainWindow,
                                                                       qtbot: QtBot) -> None:
    window = demo_window
    rows = run_coro(qtbot, run_db(use_cases.search_rows, window.context.database, "dupont", limit=1))
    with qtbot.waitSignal(window.patients.form.loaded, timeout=10_000):
        window.patients.open_patient(rows[0].patient_id)
    with qtbot.waitSignal(window.documents.panel.editor_opened, timeout=20_000) as opened:
        window.documents.new_document(DocumentType.PRESCRIPTION)  # the widest editor: a table of lines
    assert isinstance(opened.args[0], DocumentEditor)
    for index in range(window.panels.count()):  # each tab laid out with its content shown
        window.panels.setCurrentIndex(index)
        qtbot.wait(20)
        hint = window.minimumSizeHint()
        assert hint.width() <= LAPTOP.width() and hint.height() <= LAPTOP.height(), (
            window.panels.tabText(index), hint)
    too_big = [(window.panels.tabText(index), window.panels.widget(index).minimumSizeHint())
               for index in range(window.panels.count())
               if window.panels.widget(index).minimumSizeHint().width() > LAPTOP.width() - 300]
    assert not too_big  # each tab leaves room for the patient list beside it


def test_a_small_screen_opens_the_window_maximised_never_larger(demo_window: MainWindow) -> None:
    room = demo_window.screen().availableGeometry()
    assert room.width() < 1400 or room.height() < 900  # the offscreen test screen is small (800×600)
    assert demo_window.windowState() & Qt.WindowState.WindowMaximized
