"""The question asked before archiving or deleting a document: the transition is recorded with its reason."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class ReasonDialog(QDialog):
    """Asks why a document is archived or deleted; the action stays disabled until a reason is typed.

    Signals:
        confirmed(str): the user confirmed, with the reason.
    """

    confirmed = Signal(str)

    def __init__(self, title: str, explanation: str, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        text = QLabel(explanation, self)
        text.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(self.tr("Motif (obligatoire)"))
        self.reason.setFixedHeight(70)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setEnabled(False)
        self.reason.textChanged.connect(lambda: self.ok_button.setEnabled(bool(self.text())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.accepted.connect(lambda: self.confirmed.emit(self.text()))

    def text(self) -> str:
        return self.reason.toPlainText().strip()
