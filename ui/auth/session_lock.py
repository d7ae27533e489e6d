"""Signing in at start, and locking the running session (idle or "Verrouiller / changer d'utilisateur")."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QDialog

from lgc_app.auth import accounts
from lgc_app.auth.accounts import AccountDraft
from lgc_app.auth.demo_accounts import DEMO_ACCOUNTS
from lgc_app.auth.passwords import PasswordPolicy
from lgc_app.auth.sign_in import SignedIn, sign_in
from lgc_app.bootstrap import AppContext
from lgc_app.session import Session
from ui import messages
from ui.auth.first_run import FirstRunDialog
from ui.auth.idle_lock import IdleWatch
from ui.auth.login_dialog import CardLogin, LoginDialog, PscLogin, SignInCall
from ui.tasks import run_db

if TYPE_CHECKING:
    from ui.main_window import MainWindow

TOTP_RENEWAL_TEXT = ("Votre second facteur d'authentification doit être renouvelé : Fichier → Mon compte…, "
                     "« Renouveler le second facteur ».")


def sign_in_call(context: AppContext) -> SignInCall:
    async def call(login: str, password: str, code: str) -> SignedIn:
        return await run_db(sign_in, context.database, context.workstation, context.settings, login, password, code)
    return call


def card_login(context: AppContext) -> CardLogin | None:
    """The "Carte CPS" option when this workstation has a card (`AppContext.cps_card`)."""
    card = context.cps_card()
    if card is None:
        return None

    async def call() -> Session:
        from lgc_app.auth.card_sign_in import card_sign_in  # its X.509 checks: imported when a card signs in

        return await run_db(card_sign_in, context.database, context.workstation, context.settings, card)
    return CardLogin(card, call)


async def _dialog_result(dialog: QDialog) -> bool:
    """Show `dialog` (never `exec()` in a coroutine, STYLE.md §2) and wait until it closes."""
    done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
    dialog.finished.connect(lambda result: done.done() or done.set_result(result == QDialog.DialogCode.Accepted))
    dialog.open()
    return await done


async def open_session(context: AppContext, psc_login: PscLogin | None = None) -> SignedIn | None:
    """The start-up sign-in: the first-run administrator dialog when no account exists, then the login dialog.
    None when the user quits."""
    login = ""
    if not await run_db(accounts.has_accounts, context.database):
        policy = PasswordPolicy.from_settings(context.settings)

        async def create(draft: AccountDraft, password: str) -> None:
            await run_db(accounts.create_first_administrator, context.database, draft, password, policy,
                         workstation=context.workstation.name)
        first_run = FirstRunDialog(create, policy)
        if not await _dialog_result(first_run):
            return None
        login = first_run.created_login
    hint = ""
    card = card_login(context)
    if context.sandbox is not None:  # the demonstration: its accounts are public (README, demo guide)
        from lgc_app.demo import DEMO_CPS_PIN  # the demonstration's modules: in demo mode only

        login = login or DEMO_ACCOUNTS[0][0].login
        hint = QCoreApplication.translate("LoginDialog", "Démonstration : %1").replace("%1", " ; ".join(
            f"{draft.login} / {password}" for draft, password in DEMO_ACCOUNTS))
        if card is not None:
            hint += QCoreApplication.translate("LoginDialog", " ; carte CPS : code PIN %1").replace("%1",
                                                                                                  DEMO_CPS_PIN)
    dialog = LoginDialog(sign_in_call(context), psc_login=psc_login, card_login=card, login=login, hint=hint)
    return dialog.outcome if await _dialog_result(dialog) else None


class SessionLock(QObject):
    """Locks `window` after the idle delay or on request; the one who signs in again owns the session."""

    def __init__(self, window: MainWindow, psc_login: PscLogin | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.psc_login = psc_login
        self.dialog: LoginDialog | None = None
        self.watch = IdleWatch(window.context.settings["accounts.idle_minutes"] * 60_000, self)
        self.watch.idle.connect(self.lock)
        window.lock_requested.connect(self.lock)

    def lock(self) -> None:
        if self.dialog is not None:
            return
        self.watch.pause()
        context = self.window.context
        self.dialog = LoginDialog(sign_in_call(context), psc_login=self.psc_login, card_login=card_login(context),
                                  login=context.session.user.login, locked=True, parent=self.window)
        self.dialog.signed_in.connect(self._unlocked)
        self.dialog.rejected.connect(self.window.close)  # closing asks about unsaved work, as a normal quit
        self.dialog.open()  # window-modal: everything underneath stays as it was

    def _unlocked(self, outcome: SignedIn) -> None:
        self.dialog = None
        previous = self.window.context.session
        self.window.set_session(outcome.session)
        if outcome.session.user.login != previous.user.login:
            messages.info(self.tr("Session ouverte pour %1.").replace("%1", outcome.session.user.display_name))
        if outcome.totp_renewal_due:
            messages.info(TOTP_RENEWAL_TEXT)
        self.watch.resume()
