"""Rejecting a received document: a reason, then the reply its sender receives (editable), both asked together."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lgc_app.mss.inbox.worklist import InboxEntry

# (reason, the reply it suggests); the last one lets the user write their own
REASONS: tuple[tuple[str, str], ...] = (
    (QT_TRANSLATE_NOOP("RejectDialog", "Patient inconnu du cabinet"),
     QT_TRANSLATE_NOOP("RejectDialog", "Le patient concerné par ce document n'est pas suivi par notre cabinet : "
                                       "le document n'a pas été intégré.")),
    (QT_TRANSLATE_NOOP("RejectDialog", "Identité du patient incohérente"),
     QT_TRANSLATE_NOOP("RejectDialog", "L'identité du patient indiquée dans ce document ne correspond pas à celle "
                                       "que nous connaissons : merci de vérifier et de nous le renvoyer.")),
    (QT_TRANSLATE_NOOP("RejectDialog", "Document illisible ou incomplet"),
     QT_TRANSLATE_NOOP("RejectDialog", "Le document transmis est illisible ou incomplet : merci de nous le "
                                       "renvoyer.")),
    (QT_TRANSLATE_NOOP("RejectDialog", "Autre motif"), ""),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("RejectDialog", text)


class RejectDialog(QDialog):
    """Asks why the document is rejected and what its sender is answered; reject needs a reply text.

    Signals:
        confirmed(str): the reply text (the reason first), to reject with.
    """

    confirmed = Signal(str)

    def __init__(self, entry: InboxEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rejeter le document reçu"))
        about = QLabel(self.tr("« %1 » reçu de %2. Le document ne sera pas intégré ; son expéditeur reçoit la "
                               "réponse ci-dessous.").replace("%1", entry.title).replace("%2", entry.sender), self)
        about.setWordWrap(True)
        self.reason = QComboBox(self)
        self.reason.addItems([_tr(reason) for reason, _reply in REASONS])
        self.reply = QPlainTextEdit(self)
        self.reply.setPlaceholderText(self.tr("Réponse à l'expéditeur (obligatoire)"))
        self.reply.setMinimumHeight(90)
        form = QFormLayout()
        form.addRow(self.tr("Motif"), self.reason)
        form.addRow(self.tr("Réponse"), self.reply)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(self.tr("Rejeter et répondre"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.reason.currentIndexChanged.connect(self._suggest)
        self.reply.textChanged.connect(lambda: self.ok_button.setEnabled(bool(self.reply_text())))
        self._suggest(0)
        self.accepted.connect(lambda: self.confirmed.emit(self.text()))

    def _suggest(self, index: int) -> None:
        """The reply the reason suggests, unless the user already wrote their own."""
        suggestions = {_tr(reply) for _reason, reply in REASONS if reply}
        if not self.reply_text() or self.reply_text() in suggestions:
            reply = REASONS[index][1]
            self.reply.setPlainText(_tr(reply) if reply else "")
        self.ok_button.setEnabled(bool(self.reply_text()))

    def reply_text(self) -> str:
        return self.reply.toPlainText().strip()

    def text(self) -> str:
        return f"{self.reason.currentText()} : {self.reply_text()}"
