"""What the main window offers each role (IE.33): the secretariat sees the patient, the documents list
(titles, statuses) and the sends, but no DMP tab, no consultation, no timeline, and opens no document; when a
practitioner signs in at the same window, everything comes back — and the other way round, the open editor
closes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import qasync
from pytestqt.qtbot import QtBot

from lgc_app.documents.kinds import DocumentType
from lgc_app.session import SECRETARIAT, Authentication, Session
from tests.helpers.document_editors import DocWorld, make_world
from ui import tasks as taskbridge
from ui.main_window import MainWindow
from ui.stall_monitor import StallMonitor


@pytest.fixture
def world(qloop: qasync.QEventLoop, ui_db_url: str) -> Iterator[DocWorld]:
    built = make_world(ui_db_url)
    yield built
    built.context.stop()


def _window(qtbot: QtBot, world: DocWorld) -> MainWindow:
    win = MainWindow(world.context, taskbridge.TaskManager(), StallMonitor())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _visible_tabs(window: MainWindow) -> list[str]:
    return [window.panels.tabText(i) for i in range(window.panels.count()) if window.panels.isTabVisible(i)]


def _menu_enabled(window: MainWindow, menu: str, text: str) -> bool:
    [action] = [action for action in window.menu(menu).actions() if action.text() == text]
    return action.isEnabled()


def test_the_secretariat_sees_the_list_but_no_clinical_screen(qtbot: QtBot, world: DocWorld) -> None:
    practitioner = world.context.session
    window = _window(qtbot, world)
    with qtbot.waitSignal(window.documents.panel.editor_opened, timeout=5000) as opened:
        window.patients.form.loaded.emit(world.patient_id)
        qtbot.waitUntil(lambda: window.documents.panel.author_id == world.author_id, timeout=5000)
        window.documents.panel.create_document(DocumentType.LETTER)
    editor = opened.args[0]
    assert {"DMP", "Consultation", "Chronologie"} <= set(_visible_tabs(window))

    window.set_session(Session(SECRETARIAT, world.context.workstation, Authentication.LOCAL_ACCOUNT))
    panel = window.documents.panel
    qtbot.waitUntil(lambda: panel.editor is None, timeout=5000)  # the letter was saved and closed
    assert not {"DMP", "Consultation", "Chronologie"} & set(_visible_tabs(window))
    assert {"Envois", "Documents"} <= set(_visible_tabs(window))
    assert not _menu_enabled(window, "Patients", "DMP du patient")
    assert not _menu_enabled(window, "Patients", "Nouvelle consultation")
    assert not _menu_enabled(window, "Documents", "Nouveau : Lettre à un confrère")
    qtbot.waitUntil(lambda: panel.list.model.rowCount() == 1, timeout=5000)
    assert panel.list.model.index(0, 2).data() == "Brouillon"  # title and status stay listed
    assert not panel.list.new_button.isEnabled()
    assert "pas leur contenu" in panel.placeholder.text()
    window.show_panel("Documents")
    window.grab().save("/tmp/secretariat_documents.png")
    panel.list._activated(panel.list.model.index(0, 0))  # a double-click opens nothing
    panel.open_document(editor.detail.id)
    qtbot.wait(200)
    assert panel.editor is None

    window.set_session(practitioner)
    assert {"DMP", "Consultation", "Chronologie"} <= set(_visible_tabs(window))
    assert panel.list.new_button.isEnabled() and _menu_enabled(window, "Documents", "Nouveau : Lettre à un confrère")
    with qtbot.waitSignal(panel.editor_opened, timeout=5000):
        panel.open_document(editor.detail.id)
