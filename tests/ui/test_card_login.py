"""The "Carte CPS" sign-in (pytest-qt, offscreen): the button beside Pro Santé Connect when the workstation has a
card, the PIN dialog, then the holder's session; and the status bar's card indicator on a standalone
workstation, absent without a card."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from lgc_app.auth.demo_accounts import DEMO_RPPS, ensure_demo_accounts
from lgc_app.bootstrap import AppContext, bootstrap
from lgc_app.config import Settings
from lgc_app.demo import DEMO_CPS_PIN
from lgc_app.documents.practitioners import add_practitioner
from lgc_app.session import Authentication
from services.sandbox.ca import Pki, ensure_pki
from ui import tasks as taskbridge
from ui.auth.login_dialog import LoginDialog
from ui.auth.session_lock import card_login, sign_in_call
from ui.main_window import MainWindow
from ui.stall_monitor import StallMonitor

SHOTS = Path("/tmp")


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return ensure_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def card_context(ui_db_url: str, pki: Pki) -> Iterator[AppContext]:
    context = bootstrap(Settings({"database.url": ui_db_url, "workstation.name": "POSTE-TEST",
                                  "cabinet.name": "Cabinet Test", "tls.ca_file": str(pki.ca_cert),
                                  "card.pkcs12_file": str(pki.cps_pkcs12)}))
    add_practitioner(context.database, rpps=DEMO_RPPS, given_name="Paul", family_name="MEDECIN-TEST")
    ensure_demo_accounts(context.database)
    yield context
    context.stop()


def test_the_card_button_asks_the_pin_then_opens_the_holders_session(
        qloop: qasync.QEventLoop, qtbot: QtBot, card_context: AppContext) -> None:
    dialog = LoginDialog(sign_in_call(card_context), card_login=card_login(card_context))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.card.isVisible() and dialog.card.text() == "Se connecter avec la carte CPS"
    qtbot.wait(50)
    dialog.grab().save(str(SHOTS / "card_login_dialog.png"))
    qtbot.mouseClick(dialog.card, Qt.MouseButton.LeftButton)
    pin = dialog.pin_dialog
    assert pin is not None
    qtbot.waitUntil(lambda: pin.pin.isEnabled(), timeout=5000)
    pin.pin.setText("0000")
    pin.submit()
    qtbot.waitUntil(lambda: pin.error_label.text().startswith("Code PIN incorrect."), timeout=5000)
    assert dialog.outcome is None
    pin.pin.setText(DEMO_CPS_PIN)
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000):
        pin.submit()
    assert dialog.outcome is not None
    session = dialog.outcome.session
    assert session.authentication is Authentication.CPS and session.card is card_context.cps_card()
    assert session.user.login == "praticien"


def test_the_standalone_status_bar_shows_whose_card_is_in(qloop: qasync.QEventLoop, qtbot: QtBot,
                                                          card_context: AppContext) -> None:
    window = MainWindow(card_context, taskbridge.TaskManager(), StallMonitor())
    qtbot.addWidget(window)
    window.show()
    try:
        status = window.card_status
        assert status is not None and status.isVisible()
        # a software card names its holder once unlocked
        qtbot.waitUntil(lambda: status.text() == "CPS : carte logicielle, PIN non saisi", timeout=5000)
        card = card_context.cps_card()
        assert card is not None
        card.login(DEMO_CPS_PIN)
        status.poll()
        qtbot.waitUntil(lambda: status.text() == "CPS : Paul MEDECIN-TEST (déverrouillée)", timeout=5000)
        window.statusBar().grab().save(str(SHOTS / "card_status_bar.png"))
    finally:
        window.monitor.stop()


def test_no_card_configured_no_card_option(qloop: qasync.QEventLoop, qtbot: QtBot, window: MainWindow) -> None:
    assert window.card_status is None and card_login(window.context) is None
    dialog = LoginDialog(sign_in_call(window.context), card_login=None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.card.isVisible()
