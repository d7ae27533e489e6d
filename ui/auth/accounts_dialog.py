"""Outils → Comptes utilisateurs…: an administrator lists the accounts, creates one (with the password
policy), edits names, profession, RPPS and role, unlocks a locked account, forces the renewal of a TOTP
factor or switches off a lost one (IE.34/35), and deactivates or reactivates an account.

Every change is a core use case (`lgc_app.auth.administration`, `accounts`) that checks the role and journals
the change in its transaction; the dialog only shows the outcome. Nothing blocks the window: each call runs on
the database thread through the task bridge.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lgc_app.auth.accounts import AccountDraft, AccountView
from lgc_app.auth.administration import AccountEdit
from lgc_app.auth.permissions import Permission, allows
from lgc_app.bootstrap import AppContext
from lgc_app.errors import explain
from lgc_app.persistence.base import utcnow
from lgc_app.session import UserRole
from ui.actions import accounts as actions
from ui.tasks import TaskManager

COLUMNS = ("Identifiant", "Nom", "Rôle", "RPPS", "État", "Second facteur")


def may_open(context: AppContext) -> bool:
    return allows(context.session, Permission.MANAGE_ACCOUNTS)


class AccountsDialog(QDialog):
    """The accounts of the cabinet on the left, the selected (or new) account's form on the right."""

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Comptes utilisateurs"))
        self._context, self._tasks = context, tasks
        self.accounts: list[AccountView] = []
        self.current: AccountView | None = None  # None: the form creates a new account
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(title) for title in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._selected)
        self.login, self.family, self.given, self.profession, self.rpps, self.password = (
            QLineEdit(self) for _ in range(6))
        self.rpps.setMaxLength(11)
        self.rpps.setPlaceholderText(self.tr("11 chiffres, si le titulaire en a un"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setToolTip(self.tr("Il faut %1.").replace("%1", actions.policy(context).rule_text))
        self.role = QComboBox(self)
        for role in UserRole:
            self.role.addItem(role.label, role.value)
        self.form_title = QLabel(self)
        self.form_title.setStyleSheet("font-weight: bold;")
        form = QFormLayout()
        form.addRow(self.tr("Identifiant"), self.login)
        form.addRow(self.tr("Nom d'exercice"), self.family)
        form.addRow(self.tr("Prénom"), self.given)
        form.addRow(self.tr("Profession"), self.profession)
        form.addRow(self.tr("RPPS"), self.rpps)
        form.addRow(self.tr("Rôle"), self.role)
        form.addRow(self.tr("Mot de passe"), self.password)
        self.new_button = QPushButton(self.tr("Nouveau compte"), self)
        self.save_button = QPushButton(self.tr("Enregistrer"), self)
        self.reset_button = QPushButton(self.tr("Réinitialiser le mot de passe"), self)
        self.unlock_button = QPushButton(self.tr("Déverrouiller"), self)
        self.renew_button = QPushButton(self.tr("Imposer le renouvellement du TOTP"), self)
        self.totp_off_button = QPushButton(self.tr("Désactiver le TOTP (perte)"), self)
        self.active_button = QPushButton(self.tr("Désactiver le compte"), self)
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(self.reset_password)
        self.unlock_button.clicked.connect(lambda: self._run(actions.unlock(context, self._login()),
                                                             self.tr("Compte déverrouillé.")))
        self.renew_button.clicked.connect(lambda: self._run(actions.force_totp_renewal(context, self._login()), self.tr(
            "Le titulaire devra renouveler son second facteur à sa prochaine connexion.")))
        self.totp_off_button.clicked.connect(lambda: self._run(actions.deactivate_totp(context, self._login()),
                                                               self.tr("Second facteur désactivé.")))
        self.active_button.clicked.connect(self.toggle_active)
        self.status = QLabel(self, wordWrap=True)
        self.status.setObjectName("accountsStatus")
        account_box = QGroupBox(self.tr("Compte"), self)
        box_layout = QVBoxLayout(account_box)
        box_layout.addWidget(self.form_title)
        box_layout.addLayout(form)
        buttons = QGridLayout()
        for index, button in enumerate((self.save_button, self.reset_button, self.unlock_button,
                                        self.active_button, self.renew_button, self.totp_off_button)):
            buttons.addWidget(button, index // 2, index % 2)
        box_layout.addLayout(buttons)
        box_layout.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.new_button)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addWidget(account_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.status)
        self.resize(1100, 520)
        self.start_new()
        self.refresh()

    # -- the list ---------------------------------------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        task = self._tasks.run(actions.list_accounts(self._context), label_fr=self.tr("Comptes utilisateurs"))
        task.on_success(lambda rows: self._listed(rows, select))
        task.on_failure(self._failed)

    def _listed(self, rows: list[AccountView], select: str | None) -> None:
        self.accounts = rows
        now = utcnow()
        self.table.blockSignals(True)
        self.table.clearSelection()  # selecting the same row again must show its new state
        self.table.setRowCount(len(rows))
        for number, view in enumerate(rows):
            for column, text in enumerate((view.login, view.display_name, view.role.label, view.rpps or "",
                                           self._state(view, now), self._factor(view))):
                self.table.setItem(number, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        wanted = select or (self.current.login if self.current is not None else None)
        for number, view in enumerate(rows):
            if view.login == wanted:
                self.table.selectRow(number)
                return
        self.start_new()

    def _state(self, view: AccountView, now: Any) -> str:
        if not view.active:
            return self.tr("Désactivé")
        return self.tr("Verrouillé") if view.is_locked(now) else self.tr("Actif")

    def _factor(self, view: AccountView) -> str:
        if not view.totp_enabled:
            return self.tr("Aucun")
        return self.tr("TOTP (renouvellement imposé)") if view.totp_renewal_forced else self.tr("TOTP")

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        view = self.accounts[rows[0].row()]
        self.current = view
        self.form_title.setText(self.tr("Compte « %1 »").replace("%1", view.login))
        self.login.setText(view.login)
        self.login.setReadOnly(True)  # the private identifier never changes (IE.33)
        self.family.setText(view.family_name)
        self.given.setText(view.given_name)
        self.profession.setText(view.profession)
        self.rpps.setText(view.rpps or "")
        self.role.setCurrentIndex(self.role.findData(view.role.value))
        self.password.clear()
        self.password.setPlaceholderText(self.tr("nouveau mot de passe, pour le réinitialiser"))
        self._buttons()

    def start_new(self) -> None:
        """An empty form that creates an account."""
        self.current = None
        self.table.clearSelection()
        self.form_title.setText(self.tr("Nouveau compte"))
        self.login.setReadOnly(False)
        for edit in (self.login, self.family, self.given, self.profession, self.rpps, self.password):
            edit.clear()
        self.password.setPlaceholderText(self.tr("mot de passe initial"))
        self.role.setCurrentIndex(self.role.findData(UserRole.PRACTITIONER.value))
        self._buttons()
        self.login.setFocus()

    def _buttons(self) -> None:
        view = self.current
        existing = view is not None
        for button in (self.reset_button, self.unlock_button, self.renew_button, self.totp_off_button,
                       self.active_button):
            button.setVisible(existing)
        self.save_button.setText(self.tr("Enregistrer") if existing else self.tr("Créer le compte"))
        if view is None:
            return
        self.unlock_button.setEnabled(view.is_locked(utcnow()))
        self.renew_button.setEnabled(view.totp_enabled and not view.totp_renewal_forced)
        self.totp_off_button.setEnabled(view.totp_enabled)
        self.active_button.setText(self.tr("Désactiver le compte") if view.active else self.tr("Réactiver le compte"))
        self.active_button.setEnabled(view.login != self._context.session.user.login or not view.active)

    # -- changes ----------------------------------------------------------------------------------------------

    def _login(self) -> str:
        return self.current.login if self.current is not None else ""

    def _role(self) -> UserRole:
        return UserRole(self.role.currentData())

    def save(self) -> None:
        if self.current is None:
            draft = AccountDraft(self.login.text().strip(), self.family.text(), self.given.text(), self._role(),
                                 self.profession.text(), self.rpps.text())
            self._run(actions.create(self._context, draft, self.password.text()),
                      self.tr("Compte « %1 » créé.").replace("%1", draft.login), select=draft.login)
            return
        edit = AccountEdit(self.family.text(), self.given.text(), self.profession.text(), self._role(),
                           self.rpps.text())
        self._run(actions.update(self._context, self._login(), edit), self.tr("Compte enregistré."))

    def reset_password(self) -> None:
        if not self.password.text():
            self.status.setText(self.tr("Saisissez le nouveau mot de passe dans le champ « Mot de passe »."))
            return
        self._run(actions.reset_password(self._context, self._login(), self.password.text()),
                  self.tr("Mot de passe réinitialisé : communiquez-le au titulaire, qui le changera."))

    def toggle_active(self) -> None:
        if self.current is not None:
            active = not self.current.active
            self._run(actions.set_active(self._context, self._login(), active),
                      self.tr("Compte réactivé.") if active else self.tr("Compte désactivé."))

    def _run(self, call: Coroutine[Any, Any, None], done: str, *, select: str | None = None) -> None:
        self.status.setText(self.tr("Enregistrement…"))
        task = self._tasks.run(call, label_fr=self.tr("Comptes utilisateurs"), cancellable=False)

        def succeeded(_result: None) -> None:
            self.password.clear()
            self.status.setText(done)
            self.refresh(select)
        task.on_success(succeeded)
        task.on_failure(self._failed)

    def _failed(self, error: BaseException) -> None:
        self.password.clear()
        self.status.setText(explain(error).text)
