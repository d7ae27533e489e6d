"""The CPS PIN dialog and the status bar's card indicator (pytest-qt, offscreen), with the PKCS#12 test card
and the SoftHSM2 token: the card's counter shown, the PIN forgotten, a blocked card refused."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from pytestqt.qtbot import QtBot

from services.card.pkcs11_card import Pkcs11Card
from services.card.pkcs12_card import Pkcs12Card
from services.sandbox.ca import TEST_CPS_PIN, Pki, ensure_pki
from tests.helpers import softhsm
from ui.auth.card_status import CardStatus
from ui.auth.pin_dialog import PinDialog
from ui.tasks import TaskManager

SHOTS = Path("/tmp")


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return ensure_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def hsm(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> Iterator[softhsm.SoftHsm]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield from softhsm.provision(tmp_path_factory.mktemp("softhsm"), pki.cps_cert.read_bytes(),
                                     pki.cps_key.read_bytes(), monkeypatch)


def _dialog(qtbot: QtBot, card: Pkcs11Card | Pkcs12Card) -> PinDialog:
    dialog = PinDialog(card, TaskManager())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.tries_label.text() != "", timeout=5000)
    return dialog


def test_wrong_then_right_pin_on_the_pkcs11_card(qloop: qasync.QEventLoop, qtbot: QtBot,
                                                 hsm: softhsm.SoftHsm) -> None:
    card = Pkcs11Card(hsm.library, token_label=softhsm.CPS_LABEL)
    dialog = _dialog(qtbot, card)
    assert dialog.holder_label.text() == "Carte de Paul MEDECIN-TEST (n° 899700366240)"
    assert dialog.tries_label.text() == "3 essais avant blocage de la carte."

    dialog.pin.setText("0000")
    dialog.submit()
    assert dialog.pin.text() == ""  # not kept in the widget either
    qtbot.waitUntil(lambda: dialog.error_label.text() != "", timeout=5000)
    assert dialog.error_label.text().startswith("Code PIN incorrect.")
    assert "au plus 2 essais" in dialog.error_label.text() and dialog.pin.isEnabled()
    qtbot.wait(50)
    dialog.grab().save(str(SHOTS / "card_pin_dialog_wrong.png"))

    dialog.pin.setText(softhsm.PIN)
    with qtbot.waitSignal(dialog.unlocked, timeout=5000):
        dialog.submit()
    assert card.unlocked
    card.logout()


def test_a_blocked_card_cannot_be_tried(qloop: qasync.QEventLoop, qtbot: QtBot, hsm: softhsm.SoftHsm) -> None:
    dialog = _dialog(qtbot, Pkcs11Card(hsm.library, token_label=softhsm.LOCKED_LABEL))
    assert dialog.tries_label.text() == "Carte bloquée : aucun essai restant."
    assert not dialog.pin.isEnabled()
    dialog.grab().save(str(SHOTS / "card_pin_dialog_locked.png"))


def test_the_status_bar_says_whose_card_is_present(qloop: qasync.QEventLoop, qtbot: QtBot, pki: Pki,
                                                   hsm: softhsm.SoftHsm, tmp_path: Path) -> None:
    status = CardStatus(Pkcs11Card(hsm.library, token_label=softhsm.CPS_LABEL), TaskManager())
    qtbot.addWidget(status)
    status.show()
    qtbot.waitUntil(lambda: status.text() == "CPS : Paul MEDECIN-TEST (PIN non saisi)", timeout=5000)
    status.adjustSize()
    status.grab().save(str(SHOTS / "card_status.png"))

    absent = CardStatus(Pkcs12Card(tmp_path / "absente.p12"), TaskManager())
    qtbot.addWidget(absent)
    qtbot.waitUntil(lambda: absent.text() == "CPS : aucune carte", timeout=5000)

    software = Pkcs12Card(pki.cps_pkcs12)
    dialog = _dialog(qtbot, software)
    assert dialog.holder_label.text() == "Carte CPS"
    dialog.pin.setText(TEST_CPS_PIN)
    with qtbot.waitSignal(dialog.unlocked, timeout=5000):
        dialog.submit()
    unlocked = CardStatus(software, TaskManager())
    qtbot.addWidget(unlocked)
    qtbot.waitUntil(lambda: unlocked.text() == "CPS : Paul MEDECIN-TEST (déverrouillée)", timeout=5000)


def test_the_card_status_is_built_before_the_event_loop_runs(qloop: qasync.QEventLoop, qtbot: QtBot,
                                                            pki: Pki) -> None:
    """ui/app.py builds the main window (and its card status) before starting the loop: reading the card then
    crashed the application after sign-in."""
    asyncio.events._set_running_loop(None)  # as in ui/app.py before `loop.run_forever()`
    try:
        status = CardStatus(Pkcs12Card(pki.cps_pkcs12), TaskManager())
    finally:
        asyncio.events._set_running_loop(qloop)
    qtbot.addWidget(status)
    qtbot.waitUntil(lambda: status.text() != "CPS : lecture…", timeout=5000)  # read once the loop runs
