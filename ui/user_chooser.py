"""Who works at this workstation: the user is chosen when the application starts, and can be changed.

Until accounts and Pro Santé Connect exist, the session's user is chosen from the cabinet's practitioners and
the secretariat; every attribution (documents, identities, send orders, traces) then names that user.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from lgc_app.session import User


class UserChooser(QDialog):
    """The list of users who may act here.

    Signals:
        chosen(object): the `User` picked (the dialog is accepted).
    """

    chosen = Signal(object)

    def __init__(self, users: list[User], current: User | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Utilisateur du poste"))
        self.users = users
        self.list = QListWidget(self)
        for user in users:
            item = QListWidgetItem(f"{user.display_name} — {user.role.label}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, user.login)
        logins = [user.login for user in users]
        self.list.setCurrentRow(logins.index(current.login) if current and current.login in logins else 0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Ouvrir la session"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Qui travaille sur ce poste ? Les documents, les identités et les envois "
                                        "seront enregistrés à son nom."), self, wordWrap=True))
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(420, 300)

    def selected(self) -> User:
        return self.users[max(self.list.currentRow(), 0)]

    def accept(self) -> None:
        self.chosen.emit(self.selected())
        super().accept()
