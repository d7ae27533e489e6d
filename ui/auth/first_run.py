"""First start (no account yet): the dialog that creates the cabinet's administrator account."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from lgc_app.auth.accounts import AccountDraft
from lgc_app.auth.passwords import PasswordPolicy
from lgc_app.errors import explain
from lgc_app.session import UserRole

CreateAdministrator = Callable[[AccountDraft, str], Awaitable[None]]


class FirstRunDialog(QDialog):
    def __init__(self, create: CreateAdministrator, policy: PasswordPolicy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._create = create
        self._task: asyncio.Task[Any] | None = None
        self.created_login = ""
        self.setWindowTitle(self.tr("Premier démarrage : compte administrateur"))
        self.login = QLineEdit(self)
        self.family_name = QLineEdit(self)
        self.given_name = QLineEdit(self)
        self.profession = QLineEdit(self)
        self.rpps = QLineEdit(self)
        self.rpps.setPlaceholderText(self.tr("11 chiffres, si vous en avez un"))
        self.password = QLineEdit(self)
        self.confirm = QLineEdit(self)
        for field in (self.password, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        for label, field in ((self.tr("Identifiant"), self.login), (self.tr("Nom d'exercice"), self.family_name),
                             (self.tr("Prénom"), self.given_name), (self.tr("Profession"), self.profession),
                             (self.tr("RPPS"), self.rpps), (self.tr("Mot de passe"), self.password),
                             (self.tr("Confirmation"), self.confirm)):
            form.addRow(label, field)
        self.error = QLabel(self, wordWrap=True)
        self.error.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton(self.tr("Créer le compte"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Quitter"), QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(self.reject)
        self.ok.clicked.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Aucun compte n'existe encore sur ce cabinet. Créez le compte de "
                                        "l'administrateur : il créera ensuite ceux des praticiens et du "
                                        "secrétariat."), self, wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Mot de passe : %1.").replace("%1", policy.rule_text), self,
                                wordWrap=True))
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def submit(self) -> None:
        if self._task is not None:
            return
        if self.password.text() != self.confirm.text():
            self.error.setText(self.tr("Les deux mots de passe diffèrent."))
            return
        draft = AccountDraft(self.login.text(), self.family_name.text(), self.given_name.text(),
                             UserRole.ADMINISTRATOR, self.profession.text(), self.rpps.text() or None)
        self.ok.setEnabled(False)
        self.error.clear()
        self._task = asyncio.get_running_loop().create_task(self._create(draft, self.password.text()))
        self._task.add_done_callback(self._created)

    def _created(self, task: asyncio.Task[Any]) -> None:
        self._task = None
        self.ok.setEnabled(True)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None:
            self.error.setText(explain(exc).text)
            return
        self.created_login = self.login.text().strip()
        self.accept()
