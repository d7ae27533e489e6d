"""The "Enregistrer" / cancel button row of the settings-like dialogs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox


def save_buttons(dialog: QDialog, save: Callable[[], None], cancel_text: str) -> QDialogButtonBox:
    """"Enregistrer" calls `save` (the dialog closes itself once saved); the other button, `cancel_text`,
    rejects the dialog."""
    standard = QDialogButtonBox.StandardButton
    buttons = QDialogButtonBox(standard.Save | standard.Cancel, dialog)
    buttons.button(standard.Save).setText(QCoreApplication.translate("DialogButtons", "Enregistrer"))
    buttons.button(standard.Cancel).setText(cancel_text)
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    return buttons
