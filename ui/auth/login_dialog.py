"""The login dialog: identifier + password (+ TOTP code when the account has one), Pro Santé Connect, or the
CPS card of the workstation (its PIN dialog, then the core's `card_sign_in`).

The check runs off the GUI thread (Argon2id takes a noticeable fraction of a second, the database may be
remote); the dialog stays responsive and says what it is doing. Refusals are shown in French under the
fields, the lock message with its remaining delay (SSI IE.36). It opens a `Session` with
`Authentication.LOCAL_ACCOUNT` (the core's `sign_in`), or whatever session the injected PSC or card login
returns.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lgc_app.auth.sign_in import SecondFactorNeeded, SignedIn
from lgc_app.errors import explain
from lgc_app.session import Session
from services.card.card import Card
from ui.auth.pin_dialog import PinDialog
from ui.tasks import TaskManager

SignInCall = Callable[[str, str, str], Awaitable[SignedIn]]  # (login, password, TOTP code)
PscLogin = Callable[[], Awaitable[Session]]


@dataclass(frozen=True)
class CardLogin:
    """The "Carte CPS" option: the workstation's card, and the sign-in that runs once its PIN unlocked it."""

    card: Card
    sign_in: PscLogin


class LoginDialog(QDialog):
    """Signals:
    signed_in(object): the `SignedIn` outcome (the dialog is then accepted).
    """

    signed_in = Signal(object)

    def __init__(self, sign_in: SignInCall, *, psc_login: PscLogin | None = None, card_login: CardLogin | None = None,
                 login: str = "", locked: bool = False, hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sign_in = sign_in
        self._psc_login = psc_login
        self._card_login = card_login
        self._card_tasks = TaskManager(self)  # the PIN dialog's card I/O
        self.pin_dialog: PinDialog | None = None
        self._task: asyncio.Task[Any] | None = None
        self.outcome: SignedIn | None = None
        self.setWindowTitle(self.tr("Session verrouillée") if locked else self.tr("Connexion"))
        intro = (self.tr("La session est verrouillée après une période d'inactivité. Saisissez votre mot de "
                         "passe pour reprendre, ou connectez-vous sous un autre identifiant.") if locked
                 else self.tr("Identifiez-vous pour travailler sur ce poste."))
        self.login = QLineEdit(login, self)
        self.login.setObjectName("login")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.code = QLineEdit(self)
        self.code.setObjectName("totp")
        self.code.setMaxLength(8)
        self.code.setPlaceholderText(self.tr("6 chiffres"))
        self.error = QLabel(self, wordWrap=True)
        self.error.setObjectName("loginError")
        self.error.setStyleSheet("color: #b00020;")
        self.progress = QLabel(self)
        form = QFormLayout()
        form.addRow(self.tr("Identifiant"), self.login)
        form.addRow(self.tr("Mot de passe"), self.password)
        form.addRow(self.tr("Code d'authentification"), self.code)
        self._code_row_label = form.labelForField(self.code)
        self._show_code(False)
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton(self.tr("Se connecter"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        cancel = self.buttons.addButton(self.tr("Quitter") if not locked else self.tr("Fermer l'application"),
                                        QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancel")
        self.ok.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        self.psc = QPushButton(self.tr("Se connecter avec Pro Santé Connect"), self)
        self.psc.setVisible(psc_login is not None)
        self.psc.clicked.connect(self.submit_psc)
        self.card = QPushButton(self.tr("Se connecter avec la carte CPS"), self)
        self.card.setObjectName("cardLogin")
        self.card.setVisible(card_login is not None)
        self.card.clicked.connect(self.ask_pin)
        other_ways = QHBoxLayout()
        other_ways.addWidget(self.psc)
        other_ways.addWidget(self.card)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(intro, self, wordWrap=True))
        if hint:  # the demonstration says how to sign in
            self.hint = QLabel(hint, self, wordWrap=True)
            self.hint.setObjectName("loginHint")
            layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addLayout(other_ways)
        layout.addWidget(self.buttons)
        (self.password if login else self.login).setFocus()
        self.setMinimumWidth(440)

    def _show_code(self, visible: bool) -> None:
        self.code.setVisible(visible)
        if self._code_row_label is not None:
            self._code_row_label.setVisible(visible)

    def _busy(self, text: str) -> None:
        self.progress.setText(text)
        self.error.clear()
        for widget in (self.login, self.password, self.code, self.ok, self.psc, self.card):
            widget.setEnabled(not text)

    def submit(self) -> None:
        if self._task is not None:
            return
        if not self.login.text().strip() or not self.password.text():
            self.error.setText(self.tr("Saisissez votre identifiant et votre mot de passe."))
            return
        self._busy(self.tr("Vérification en cours…"))
        self._task = asyncio.get_running_loop().create_task(
            self._sign_in(self.login.text().strip(), self.password.text(), self.code.text()))
        self._task.add_done_callback(self._signed_in)

    def _signed_in(self, task: asyncio.Task[Any]) -> None:
        self._task = None
        self._busy("")
        if task.cancelled():
            return
        exc = task.exception()
        if isinstance(exc, SecondFactorNeeded):
            self._show_code(True)
            self.error.setText(exc.text)
            self.code.setFocus()
            return
        if exc is not None:
            self.password.clear()
            self.code.clear()
            self.error.setText(explain(exc).text)
            self.password.setFocus()
            return
        self.outcome = task.result()
        self.signed_in.emit(self.outcome)
        self.accept()

    def submit_psc(self) -> None:
        if self._task is not None or self._psc_login is None:
            return
        self._busy(self.tr("Connexion Pro Santé Connect en cours : validez dans votre navigateur ou sur votre "
                           "application e-CPS…"))
        self._task = asyncio.get_running_loop().create_task(self._psc_as_signed_in(self._psc_login))
        self._task.add_done_callback(self._signed_in)

    def ask_pin(self) -> None:
        """The card's PIN dialog; once the card accepted the PIN, its holder's session is opened."""
        if self._task is not None or self._card_login is None or self.pin_dialog is not None:
            return
        self.pin_dialog = PinDialog(self._card_login.card, self._card_tasks, self)
        self.pin_dialog.unlocked.connect(self.submit_card)
        self.pin_dialog.finished.connect(self._pin_dialog_closed)
        self.pin_dialog.open()

    def _pin_dialog_closed(self) -> None:
        self.pin_dialog = None

    def submit_card(self) -> None:
        if self._task is not None or self._card_login is None:
            return
        self._busy(self.tr("Connexion par carte CPS en cours…"))
        self._task = asyncio.get_running_loop().create_task(self._psc_as_signed_in(self._card_login.sign_in))
        self._task.add_done_callback(self._signed_in)

    @staticmethod
    async def _psc_as_signed_in(login: PscLogin) -> SignedIn:
        return SignedIn(await login(), totp_renewal_due=False)

    def reject(self) -> None:
        if self._task is not None:  # a cancelled login leaves the application usable
            self._task.cancel()
        super().reject()
