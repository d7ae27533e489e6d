"""Aide: a French guide per screen opened on the screen in use (F1), local pages only; demo data reset."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence, QTextDocument
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from lgc_app import demo
from ui import app as gui_app
from ui.help import HELP_DIR, PAGES, HelpDialog, LocalHelpBrowser
from ui.main_window import MainWindow


def test_every_page_exists_is_french_and_links_only_to_help_pages() -> None:
    assert sorted(path.stem for path in HELP_DIR.glob("*.html")) == sorted(PAGES)
    for name in PAGES:
        text = (HELP_DIR / f"{name}.html").read_text(encoding="utf-8")
        assert 'charset="utf-8"' in text and re.search(r"\b(le|la|les|du|des)\b", text), name
        for target in re.findall(r'(?:href|src)="([^"]+)"', text):
            assert (HELP_DIR / target).is_file(), f"{name}: broken link {target}"


def test_browser_loads_no_resource_from_outside_the_help_folder(qtbot: QtBot) -> None:
    browser = LocalHelpBrowser()
    qtbot.addWidget(browser)
    browser.setSource(QUrl.fromLocalFile(str(HELP_DIR / "patients.html")))
    assert "Patients" in browser.toPlainText()
    image = QTextDocument.ResourceType.ImageResource
    assert browser.loadResource(image, QUrl("https://exemple.fr/pixel.png")) is None
    assert browser.loadResource(image, QUrl.fromLocalFile("/etc/hostname")) is None
    assert browser.loadResource(QTextDocument.ResourceType.HtmlResource, QUrl("dmp.html")) is not None


def test_f1_opens_the_guide_on_the_page_of_the_panel_shown(window: MainWindow, qtbot: QtBot) -> None:
    guide = next(action for action in window.menu("Aide").actions() if action.text() == "Guide d'utilisation")
    assert guide.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    window.show_panel(window.documents.title)
    guide.trigger()
    dialog = window.findChild(HelpDialog)
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert dialog.page == "documents"
    assert "Imprimer" in dialog.browser.toPlainText()
    assert dialog.contents.currentItem().text() == "Documents"
    window.show_panel(window.dmp.orders_title)
    guide.trigger()
    assert window.findChildren(HelpDialog) == [dialog]  # one guide, now on the page of "Envois"
    assert dialog.page == "envois"
    dialog.browser.setSource(dialog.browser.source().resolved(QUrl("parametres.html")))  # a link followed
    assert dialog.contents.currentItem().text() == "Paramètres"


def test_demo_reset_is_offered_only_in_demo(window: MainWindow) -> None:
    assert not window.reset_demo_action.isVisible()


def test_demo_reset_asks_then_closes_for_a_restart(window: MainWindow, qtbot: QtBot,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    window.reset_demo_action.trigger()
    box = window.findChild(QMessageBox)
    assert box is not None and "conservée en copie" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.isVisible() and not window.demo_reset_requested
    window.reset_demo_action.trigger()
    box = next(found for found in window.findChildren(QMessageBox) if found.isVisible())
    confirm = next(button for button in box.buttons() if button.text() == "Réinitialiser et redémarrer")
    confirm.click()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.demo_reset_requested


def test_demo_database_is_set_aside_with_its_companions() -> None:
    assert demo.set_aside_demo_database() is None  # nothing to set aside
    database = demo.demo_database()
    database.write_bytes(b"\x00garbage")
    database.with_name(database.name + "-wal").write_bytes(b"wal")
    backup = demo.set_aside_demo_database(datetime(2026, 3, 15, 9, 30))
    assert backup is not None and backup.name == "lgc-demo-20260315-093000.sqlite3.bak"
    assert backup.read_bytes() == b"\x00garbage"
    assert backup.with_name(backup.name + "-wal").read_bytes() == b"wal"
    assert not database.exists() and not database.with_name(database.name + "-wal").exists()


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])
def test_a_corrupt_demo_database_at_start_can_be_reset(qapp: object, monkeypatch: pytest.MonkeyPatch,
                                                       answer: QMessageBox.StandardButton) -> None:
    database = demo.demo_database()
    database.write_bytes(b"\x00garbage")
    shown: list[str] = []

    def ask(_parent: object, _title: str, text: str, *_buttons: object) -> QMessageBox.StandardButton:
        shown.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", ask)
    reset = answer is QMessageBox.StandardButton.Yes
    assert gui_app._reset_demo_asked("Base illisible.") is reset
    assert "Base illisible." in shown[0] and "Réinitialiser les données de démonstration" in shown[0]
    assert database.exists() is not reset
    assert len(list(demo.demo_folder().glob("*.bak"))) == int(reset)


def test_the_gui_starts_again_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    codes = iter([gui_app.RESTART, gui_app.RESTART, 0])
    runs: list[int] = []

    def fake_run(*_args: object) -> int:
        runs.append(1)
        return next(codes)

    monkeypatch.setattr(gui_app, "_run", fake_run)
    monkeypatch.setattr(gui_app, "install_event_loop", lambda _app: _Loop())
    monkeypatch.setattr(gui_app.logs, "setup", lambda: None)
    assert gui_app.run(gui_app.GuiOptions(demo=True)) == 0
    assert len(runs) == 3


class _Loop:
    def run_until_complete(self, coro: object) -> None:
        coro.close()  # type: ignore[attr-defined]

    def shutdown_asyncgens(self) -> object:
        async def nothing() -> None:
            return None
        return nothing()

    def close(self) -> None:
        pass
