"""Fichier → Mon compte…: the signed-in user changes their password (current one first, then the policy),
enrols or renews their TOTP factor (the `otpauth://` URI as text and as a QR code, confirmed by a first code)
or switches it off, and changes the e-mail or phone used for sign-in and recovery with the code sent to the new
contact (IE.31/32). Every change is a core use case that journals it; nothing blocks the window.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lgc_app.auth.accounts import AccountView
from lgc_app.auth.channels import ContactChannel
from lgc_app.auth.my_account import Enrolment, new_enrolment
from lgc_app.auth.qr import qr_png
from lgc_app.bootstrap import AppContext
from lgc_app.errors import explain
from ui.actions import accounts as actions
from ui.mss.compose_preferences import SendingPreferencesDialog
from ui.tasks import TaskManager


class ContactRow(QWidget):
    """The new contact, "Envoyer le code", the code received, "Valider"."""

    def __init__(self, channel: ContactChannel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.channel = channel
        self.value = QLineEdit(self)
        self.value.setPlaceholderText(self.tr("nouvelle adresse") if channel is ContactChannel.EMAIL
                                      else self.tr("nouveau numéro"))
        self.send = QPushButton(self.tr("Envoyer un code"), self)
        self.code = QLineEdit(self)
        self.code.setPlaceholderText(self.tr("code reçu"))
        self.code.setMaxLength(6)
        self.code.setFixedWidth(90)
        self.confirm = QPushButton(self.tr("Valider"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.value, self.send, self.code, self.confirm):
            layout.addWidget(widget)


class MyAccountDialog(QDialog):
    """The user's own security settings."""

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mon compte"))
        self._context, self._tasks = context, tasks
        self.view: AccountView | None = None
        self.enrolment: Enrolment | None = None
        self.identity = QLabel(self, wordWrap=True)
        self.identity.setObjectName("myIdentity")

        self.current, self.new, self.again = (QLineEdit(self) for _ in range(3))
        for edit in (self.current, self.new, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.new.setToolTip(self.tr("Il faut %1.").replace("%1", actions.policy(context).rule_text))
        self.change_button = QPushButton(self.tr("Changer le mot de passe"), self)
        self.change_button.clicked.connect(self.change_password)
        password_box = QGroupBox(self.tr("Mot de passe"), self)
        password_form = QFormLayout(password_box)
        password_form.addRow(self.tr("Mot de passe actuel"), self.current)
        password_form.addRow(self.tr("Nouveau mot de passe"), self.new)
        password_form.addRow(self.tr("Confirmation"), self.again)
        password_form.addRow("", self.change_button)

        self.factor_state = QLabel(self, wordWrap=True)
        self.enrol_button = QPushButton(self, text=self.tr("Activer le second facteur…"))
        self.enrol_button.clicked.connect(self.start_enrolment)
        self.factor_off_button = QPushButton(self.tr("Désactiver le second facteur"), self)
        self.factor_off_button.clicked.connect(lambda: self._run(actions.deactivate_my_totp(context), self.tr(
            "Second facteur désactivé.")))
        self.qr = QLabel(self)
        self.qr.setObjectName("totpQr")
        self.uri = QLineEdit(self)
        self.uri.setReadOnly(True)
        self.uri.setObjectName("totpUri")
        self.first_code = QLineEdit(self)
        self.first_code.setMaxLength(6)
        self.first_code.setPlaceholderText(self.tr("6 chiffres"))
        self.confirm_factor = QPushButton(self.tr("Confirmer"), self)
        self.confirm_factor.clicked.connect(self.confirm_enrolment)
        self.enrol_area = QWidget(self)
        enrol_layout = QHBoxLayout(self.enrol_area)
        enrol_layout.setContentsMargins(0, 0, 0, 0)
        enrol_layout.addWidget(self.qr)
        enrol_text = QVBoxLayout()
        enrol_text.addWidget(QLabel(self.tr("Scannez ce code avec votre application d'authentification, ou "
                                            "saisissez-y ce lien :"), self, wordWrap=True))
        enrol_text.addWidget(self.uri)
        enrol_text.addWidget(QLabel(self.tr("Puis saisissez le code qu'elle affiche :"), self, wordWrap=True))
        code_row = QHBoxLayout()
        code_row.addWidget(self.first_code)
        code_row.addWidget(self.confirm_factor)
        code_row.addStretch(1)
        enrol_text.addLayout(code_row)
        enrol_text.addStretch(1)
        enrol_layout.addLayout(enrol_text, 1)
        self.enrol_area.hide()
        factor_box = QGroupBox(self.tr("Second facteur (application d'authentification)"), self)
        factor_layout = QVBoxLayout(factor_box)
        factor_layout.addWidget(self.factor_state)
        factor_buttons = QHBoxLayout()
        factor_buttons.addWidget(self.enrol_button)
        factor_buttons.addWidget(self.factor_off_button)
        factor_buttons.addStretch(1)
        factor_layout.addLayout(factor_buttons)
        factor_layout.addWidget(self.enrol_area)

        self.contacts = {channel: ContactRow(channel, self) for channel in ContactChannel}
        self.contact_values = {channel: QLabel(self) for channel in ContactChannel}
        contact_box = QGroupBox(self.tr("Coordonnées de connexion et de récupération"), self)
        contact_form = QFormLayout(contact_box)
        for channel, row in self.contacts.items():
            label = self.tr("Adresse électronique") if channel is ContactChannel.EMAIL else self.tr("Téléphone")
            contact_form.addRow(label, self.contact_values[channel])
            contact_form.addRow("", row)
            row.send.clicked.connect(lambda _checked=False, r=row: self.send_code(r))
            row.confirm.clicked.connect(lambda _checked=False, r=row: self.confirm_code(r))

        self.mss_button = QPushButton(self.tr("Mes envois par messagerie sécurisée…"), self)
        self.mss_button.setVisible(context.session.practitioner_id is not None)
        self.mss_button.clicked.connect(lambda: SendingPreferencesDialog(context, tasks, self).open())

        self.status = QLabel(self, wordWrap=True)
        self.status.setObjectName("myAccountStatus")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.identity)
        layout.addWidget(password_box)
        layout.addWidget(factor_box)
        layout.addWidget(contact_box)
        layout.addWidget(self.mss_button)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.setMinimumWidth(640)
        self.refresh()

    def refresh(self) -> None:
        task = self._tasks.run(actions.mine(self._context), label_fr=self.tr("Mon compte"))
        task.on_success(self._show)
        task.on_failure(self._no_account)

    def _no_account(self, error: BaseException) -> None:
        """A session without a local account (Pro Santé Connect, the workstation): nothing to manage here."""
        self.status.setText(explain(error).text)
        for box in self.findChildren(QGroupBox):
            box.setEnabled(False)

    def _show(self, view: AccountView) -> None:
        self.view = view
        self.identity.setText(self.tr("%1 — identifiant « %2 » — %3").replace("%1", view.display_name)
                              .replace("%2", view.login).replace("%3", view.role.label))
        if not view.totp_enabled:
            state, enrol = self.tr("Aucun second facteur : la connexion ne demande que le mot de passe."), \
                self.tr("Activer le second facteur…")
        elif view.totp_renewal_forced:
            state, enrol = self.tr("Le renouvellement de votre second facteur est demandé."), \
                self.tr("Renouveler le second facteur…")
        else:
            enrolled = view.totp_enrolled_at.astimezone().strftime("%d/%m/%Y") if view.totp_enrolled_at else "?"
            state, enrol = self.tr("Second facteur actif depuis le %1.").replace("%1", enrolled), \
                self.tr("Renouveler le second facteur…")
        self.factor_state.setText(state)
        self.enrol_button.setText(enrol)
        self.factor_off_button.setEnabled(view.totp_enabled)
        for channel, value in ((ContactChannel.EMAIL, view.email), (ContactChannel.PHONE, view.phone)):
            self.contact_values[channel].setText(value or self.tr("non renseigné"))

    # -- password -----------------------------------------------------------------------------------------

    def change_password(self) -> None:
        if self.new.text() != self.again.text():
            self.status.setText(self.tr("Les deux saisies du nouveau mot de passe diffèrent."))
            return
        call = actions.change_password(self._context, self.current.text(), self.new.text())
        for edit in (self.current, self.new, self.again):
            edit.clear()
        self._run(call, self.tr("Mot de passe changé."))

    # -- TOTP ---------------------------------------------------------------------------------------------

    def start_enrolment(self) -> None:
        """A new seed, shown; nothing is stored until the first code confirms it."""
        self.enrolment = new_enrolment(self._context.session)
        pixmap = QPixmap()
        pixmap.loadFromData(qr_png(self.enrolment.uri, module_pixels=4))
        self.qr.setPixmap(pixmap)
        self.uri.setText(self.enrolment.uri)
        self.uri.setCursorPosition(0)
        self.first_code.clear()
        self.enrol_area.show()
        self.first_code.setFocus()

    def confirm_enrolment(self) -> None:
        if self.enrolment is None:
            return
        seed = self.enrolment.seed

        def done() -> None:
            self.enrolment = None
            self.enrol_area.hide()
            self.uri.clear()
            self.qr.clear()
        self._run(actions.enrol_totp(self._context, seed, self.first_code.text()),
                  self.tr("Second facteur enregistré : il sera demandé à chaque connexion."), then=done)

    # -- contacts -----------------------------------------------------------------------------------------

    def send_code(self, row: ContactRow) -> None:
        self._run(actions.request_contact_change(self._context, row.channel, row.value.text()), self.tr(
            "Code envoyé : saisissez-le pour valider le changement."), then=row.code.setFocus, refresh=False)

    def confirm_code(self, row: ContactRow) -> None:
        call = actions.confirm_contact_change(self._context, row.channel, row.code.text())
        row.code.clear()

        async def confirmed() -> None:
            await call

        def done() -> None:
            row.value.clear()
        self._run(confirmed(), self.tr("Coordonnée modifiée ; l'ancienne a été prévenue."), then=done)

    # -- running ------------------------------------------------------------------------------------------

    def _run(self, call: Coroutine[Any, Any, None], done: str, *, then: Callable[[], object] | None = None,
             refresh: bool = True) -> None:
        self.status.setText(self.tr("Enregistrement…"))
        task = self._tasks.run(call, label_fr=self.tr("Mon compte"), cancellable=False)

        def succeeded(_result: None) -> None:
            self.status.setText(done)
            if then is not None:
                then()
            if refresh:
                self.refresh()
        task.on_success(succeeded)
        task.on_failure(lambda error: self.status.setText(explain(error).text))
