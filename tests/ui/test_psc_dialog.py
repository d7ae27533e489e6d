"""The « Connexion Pro Santé Connect » dialog while the simulator answers in 3 s: the window stays usable,
progress and the two CIBA digits are shown, « Annuler » leaves the application as it was."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from lgc_app import secrets
from lgc_app.auth.psc_login import PscLogin
from lgc_app.config import Settings
from lgc_app.session import User, UserRole
from services.psc import PscIdentity
from services.sandbox.server import RunningSandbox
from tests.helpers.psc import PAUL, SECRETS, approve_waiting
from tests.helpers.stall import GUI_STALL_LIMIT_MS
from ui.auth.psc_dialog import PscDialog
from ui.stall_monitor import StallMonitor
from ui.tasks import TaskManager

pytestmark = pytest.mark.usefixtures("qloop")


async def _user(identity: PscIdentity) -> User:
    return User(f"psc:{identity.national_id}", identity.display_name, UserRole.PRACTITIONER)


@pytest.fixture
def dialog(qtbot: QtBot, sandbox: RunningSandbox) -> PscDialog:
    secrets.store("psc.client_secret", SECRETS["lgc-segur"])
    settings = Settings().replace(services__psc_issuer=sandbox.manifest.url("psc"), services__psc_client_id="lgc-segur",
                                  tls__ca_file=str(sandbox.manifest.ca_file))
    dialog = PscDialog(settings, TaskManager(), _user)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_ciba_sign_in_with_a_slow_provider_keeps_the_window_usable(qtbot: QtBot, qloop, sandbox: RunningSandbox,
                                                                   dialog: PscDialog) -> None:
    qloop.set_debug(False)  # measured as in production (see test_responsiveness.py)
    sandbox.set_faults(latency=3)
    monitor = StallMonitor()
    monitor.start()
    dialog.login_hint.setText(PAUL)
    approval = qloop.create_task(approve_waiting(sandbox))
    with qtbot.waitSignal(dialog.signed_in, timeout=60_000) as signed:
        dialog.app_button.click()
        assert dialog.progress.isVisible() and not dialog.app_button.isEnabled()
        qtbot.waitUntil(dialog.binding.isVisible, timeout=5000)
        dialog.grab().save("/tmp/psc_dialog_ciba.png")
        qtbot.waitUntil(approval.done, timeout=30_000)
        digits = approval.result()
        assert f">{digits}<" in dialog.binding.text()
    monitor.stop()
    login = signed.args[0]
    assert isinstance(login, PscLogin) and login.sign_in.identity.rpps == "99700366240"
    assert monitor.samples > 100
    assert monitor.max_stall_ms < GUI_STALL_LIMIT_MS, f"boucle bloquée {monitor.max_stall_ms:.0f} ms"


def test_cancel_stops_the_sign_in_and_says_so(qtbot: QtBot, sandbox: RunningSandbox, dialog: PscDialog) -> None:
    sandbox.set_faults(latency=3)
    dialog.login_hint.setText(PAUL)
    dialog.app_button.click()
    qtbot.wait(300)
    dialog.cancel_button.click()
    assert dialog.status.text() == "Connexion Pro Santé Connect annulée."
    assert not dialog.progress.isVisible() and dialog.app_button.isEnabled() and dialog.isVisible()
    dialog.grab().save("/tmp/psc_dialog_cancelled.png")


def test_without_identifier_the_app_sign_in_explains_what_to_type(qtbot: QtBot, dialog: PscDialog) -> None:
    dialog.app_button.click()
    qtbot.waitUntil(lambda: dialog.app_button.isEnabled(), timeout=10_000)
    assert "identifiant national" in dialog.status.text()
