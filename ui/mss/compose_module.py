"""The sending side of MSSanté in the main window: the Messagerie menu's "Nouveau message sécurisé…" (about the
patient open in the "Patient" panel, if any) and "Mes envois par messagerie sécurisée…"; `open_compose` also
serves the patient's "Écrire à un correspondant…"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from lgc_app.bootstrap import AppContext
from ui.mss.compose_dialog import ComposeDialog
from ui.mss.compose_preferences import SendingPreferencesDialog
from ui.tasks import TaskManager

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.main_window import MainWindow


def open_compose(context: AppContext, tasks: TaskManager, parent: QWidget, *, patient_id: int | None = None,
                 preselect: str = "") -> ComposeDialog:
    """A new compose dialog, non-modal, deleted when closed."""
    dialog = ComposeDialog(context, tasks, patient_id=patient_id, preselect=preselect, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


class ComposeModule(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ComposeDialog | None = None  # the last one opened (tests)
        self.preferences_dialog: SendingPreferencesDialog | None = None
        menu = window.menu("Messagerie")
        self.compose_action = menu.addAction(self.tr("Nouveau message sécurisé…"), self.compose)
        self.preferences_action = menu.addAction(self.tr("Mes envois par messagerie sécurisée…"),
                                                 self.open_preferences)

    def compose(self) -> None:
        patient = self.window.patients.form.patient
        self.dialog = open_compose(self.window.context, self.window.tasks, self.window,
                                   patient_id=patient.id if patient is not None else None)

    def open_preferences(self) -> None:
        dialog = SendingPreferencesDialog(self.window.context, self.window.tasks, self.window)
        self.preferences_dialog = dialog
        dialog.open()


def install_compose(window: MainWindow) -> ComposeModule:
    return ComposeModule(window)
