"""The login dialog, the first-run administrator dialog and the idle lock (SSI IE.36), offscreen."""

from __future__ import annotations

import qasync
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from lgc_app.auth import accounts
from lgc_app.auth.accounts import AccountDraft
from lgc_app.auth.passwords import PasswordPolicy
from lgc_app.bootstrap import AppContext
from lgc_app.session import Authentication, UserRole
from ui.auth.first_run import FirstRunDialog
from ui.auth.login_dialog import LoginDialog
from ui.auth.session_lock import SessionLock, sign_in_call
from ui.main_window import MainWindow

PASSWORD = "Cabinet-Gestion-2024"


def _admin(context: AppContext) -> None:
    accounts.create_first_administrator(context.database, AccountDraft("chef", "Roux", "Anne",
                                                                       UserRole.ADMINISTRATOR), PASSWORD,
                                        PasswordPolicy())


def _type(qtbot: QtBot, dialog: LoginDialog, login: str, password: str) -> None:
    dialog.login.setText(login)
    dialog.password.setText(password)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)


def test_login_shows_errors_then_the_lock_delay_then_opens_the_session(
        qloop: qasync.QEventLoop, qtbot: QtBot, context: AppContext) -> None:
    _admin(context)
    dialog = LoginDialog(sign_in_call(context))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.psc.isVisible()  # no PSC login wired
    for _ in range(4):
        _type(qtbot, dialog, "chef", "mauvais")
        qtbot.waitUntil(lambda: "incorrect" in dialog.error.text() and dialog.ok.isEnabled(), timeout=10_000)
        dialog.error.clear()
    _type(qtbot, dialog, "chef", "mauvais")
    qtbot.waitUntil(lambda: "verrouillé" in dialog.error.text(), timeout=10_000)
    assert "réessayez dans 1 min" in dialog.error.text()
    with context.database.unit_of_work() as orm:  # the administrator unlocks it (new password)
        accounts.account_row(orm, "chef").locked_until = None
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000):
        _type(qtbot, dialog, "chef", PASSWORD)
    assert dialog.outcome is not None
    assert dialog.outcome.session.authentication is Authentication.LOCAL_ACCOUNT
    assert dialog.outcome.session.user.login == "chef"


def test_the_psc_button_calls_the_injected_login(qloop: qasync.QEventLoop, qtbot: QtBot,
                                                  context: AppContext) -> None:
    called: list[bool] = []

    async def psc() -> accounts.Session:
        called.append(True)
        return context.session

    dialog = LoginDialog(sign_in_call(context), psc_login=psc)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.psc.isVisible()
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000):
        qtbot.mouseClick(dialog.psc, Qt.MouseButton.LeftButton)
    assert called


def test_first_run_creates_the_administrator(qloop: qasync.QEventLoop, qtbot: QtBot, context: AppContext) -> None:
    async def create(draft: AccountDraft, password: str) -> None:
        accounts.create_first_administrator(context.database, draft, password, PasswordPolicy())

    dialog = FirstRunDialog(create, PasswordPolicy())
    qtbot.addWidget(dialog)
    dialog.show()
    for field, value in ((dialog.login, "chef"), (dialog.family_name, "Roux"), (dialog.given_name, "Anne"),
                         (dialog.password, "court"), (dialog.confirm, "court")):
        field.setText(value)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "trop simple" in dialog.error.text(), timeout=10_000)
    assert not accounts.has_accounts(context.database)
    dialog.password.setText(PASSWORD)
    dialog.confirm.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert [a.role for a in accounts.list_accounts(context.database)] == [UserRole.ADMINISTRATOR]


def test_an_idle_window_locks_and_the_password_reopens_it(qtbot: QtBot, window: MainWindow,
                                                          context: AppContext) -> None:
    _admin(context)
    lock = SessionLock(window)
    lock.watch.timer.setInterval(200)  # accounts.idle_minutes, shortened for the test
    lock.watch.resume()
    qtbot.waitUntil(lambda: lock.dialog is not None and lock.dialog.isVisible(), timeout=5_000)
    dialog = lock.dialog
    assert dialog is not None and dialog.windowTitle() == "Session verrouillée"
    assert window.isVisible()  # nothing closed underneath
    dialog.login.setText("chef")
    dialog.password.setText(PASSWORD)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lock.dialog is None, timeout=10_000)
    assert context.session.user.login == "chef"
    assert "Anne Roux" in window.user_label.text()
    assert lock.watch.timer.isActive()  # counting again
