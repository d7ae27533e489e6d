"""« Connexion Pro Santé Connect »: a non-modal dialog that signs a professional in without freezing the window.

Two ways (PROTOCOLS.md §5): the system browser (authorization code, the page opens outside the software), or
the e-CPS app (CIBA: the two digits shown here are the ones the app must show). While waiting, a busy bar
moves and « Annuler » stops the sign-in; a refusal, a timeout or a cancellation leaves the application as it
was, with the catalogue's French sentence. On success `signed_in(PscLogin)` carries the user and the
in-memory tokens; nothing is written.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lgc_app.auth.psc_login import PscLogin, make_psc_client, psc_login, sign_in_with_app, sign_in_with_browser
from lgc_app.config import Settings
from lgc_app.errors import explain
from lgc_app.session import User
from services.psc import PscClient, PscIdentity, PscSignIn
from ui.tasks import Task, TaskManager, TaskState, run_in_thread


class PscDialog(QDialog):
    """Signals: signed_in(object): the `PscLogin`."""

    signed_in = Signal(object)

    def __init__(self, settings: Settings, tasks: TaskManager, user_for: Callable[[PscIdentity], Awaitable[User]],
                 *, open_browser: Callable[[str], object] = webbrowser.open, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pscDialog")
        self.setWindowTitle(self.tr("Connexion Pro Santé Connect"))
        self.setModal(False)
        self._settings = settings
        self._tasks = tasks
        self._user_for = user_for
        self._open_browser = open_browser
        self._task: Task[Any] | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Connectez-vous avec votre carte CPS ou l'application e-CPS."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.browser_button = QPushButton(self.tr("Se connecter dans le navigateur"))
        self.browser_button.clicked.connect(self.start_browser)
        layout.addWidget(self.browser_button)
        row = QHBoxLayout()
        self.login_hint = QLineEdit()
        self.login_hint.setPlaceholderText(self.tr("Identifiant national (8 + RPPS)"))
        row.addWidget(self.login_hint, 1)
        self.app_button = QPushButton(self.tr("Application e-CPS"))
        self.app_button.clicked.connect(self.start_app)
        row.addWidget(self.app_button)
        layout.addLayout(row)
        self.binding = QLabel()
        self.binding.setObjectName("pscBinding")
        self.binding.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.binding.hide()
        layout.addWidget(self.binding)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: how long the professional takes is unknown
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setObjectName("pscStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Annuler"))
        self.cancel_button.clicked.connect(self.cancel)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.resize(440, 0)

    @property
    def busy(self) -> bool:
        return self._task is not None and self._task.state is TaskState.RUNNING

    def start_browser(self) -> None:
        self._start(self.tr("Terminez la connexion dans le navigateur…"),
                    lambda client: sign_in_with_browser(client, self._settings, self._open_browser))

    def start_app(self) -> None:
        hint = self.login_hint.text()
        self._start(self.tr("Demande envoyée à l'application e-CPS…"),
                    lambda client: sign_in_with_app(client, self._settings, hint, self._show_binding))

    def cancel(self) -> None:
        """Stop a sign-in in progress (the dialog stays), or close the dialog."""
        if self.busy and self._task is not None:
            self._task.cancel()
            self._idle(self.tr("Connexion Pro Santé Connect annulée."))
        else:
            self.reject()

    def _start(self, waiting: str, sign_in: Callable[[PscClient], Awaitable[PscSignIn]]) -> None:
        if self.busy:
            return
        self.binding.hide()
        self.status.setText(waiting)
        self.progress.show()
        self.browser_button.setEnabled(False)
        self.app_button.setEnabled(False)
        self._task = self._tasks.run(self._run(sign_in), label_fr=self.tr("Connexion Pro Santé Connect"))
        self._task.on_success(self._done).on_failure(self._failed)

    async def _run(self, sign_in: Callable[[PscClient], Awaitable[PscSignIn]]) -> PscLogin:
        client = await run_in_thread(make_psc_client, self._settings)  # TLS context: off the loop
        try:
            return await psc_login(await sign_in(client), self._user_for)
        except BaseException:
            await client.aclose()
            raise

    def _show_binding(self, digits: str) -> None:
        self.binding.setText(self.tr("Vérifiez que l'application e-CPS affiche le code :") +
                             f'<br><span style="font-size: 28px; font-weight: bold;">{digits}</span>')
        self.binding.show()

    def _done(self, login: PscLogin) -> None:
        self._idle(self.tr("Connecté : {0}").format(login.user.display_name))
        self.signed_in.emit(login)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._idle(explain(error).text)

    def _idle(self, text: str) -> None:
        self.progress.hide()
        self.binding.hide()
        self.status.setText(text)
        self.browser_button.setEnabled(True)
        self.app_button.setEnabled(True)
