"""The message banners float over the central area (issue 13 item 11): a message appearing or hiding itself
never moves the screens under the cursor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from pytestqt.qtbot import QtBot

from ui import messages
from ui.main_window import MainWindow


def _geometries(window: MainWindow) -> list[QRect]:
    return [window.centralWidget().geometry(), window.panels.geometry(), window.side_panel.geometry(),
            window.panels.currentWidget().geometry()]


def test_messages_never_move_the_screens(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(messages, "INFO_HIDE_MS", 300)
    qtbot.wait(50)
    before = _geometries(window)
    messages.info("Session ouverte pour Paul MEDECIN-TEST.")
    messages.error("Envoi au DMP : le service est temporairement inaccessible, l'envoi sera retenté "
                   "automatiquement dans quelques minutes.")
    area = window.notifications
    qtbot.waitUntil(lambda: len(area.texts()) == 2 and area.isVisible())
    qtbot.wait(50)  # any deferred layout pass
    assert _geometries(window) == before
    host = window.centralWidget().rect()
    assert host.contains(area.geometry()) and area.geometry().bottom() > host.height() - 20  # bottom corner
    info, error = area.banners()
    for banner in (info, error):  # each tall enough for its wrapped text at its width: nothing cut
        assert banner.height() >= banner.heightForWidth(banner.width()) > 0
    both = area.height()
    qtbot.waitUntil(lambda: area.texts() == [error.message.text], timeout=2000)  # the information hides itself
    assert _geometries(window) == before
    assert area.height() == error.height() < both  # the area shrank to the error alone
    error.dismiss()
    qtbot.waitUntil(lambda: not area.isVisible())  # empty: catches no click over the screens
    assert _geometries(window) == before


def test_the_banners_follow_the_window_size(window: MainWindow, qtbot: QtBot) -> None:
    messages.error("Certificat bientôt expiré")
    area = window.notifications
    qtbot.waitUntil(area.isVisible)
    window.resize(window.width() - 200, window.height() - 100)
    host = window.centralWidget()
    qtbot.waitUntil(lambda: area.geometry().right() == host.width() - 1 - area.MARGIN)
    assert area.geometry().bottom() == host.height() - 1 - area.MARGIN
