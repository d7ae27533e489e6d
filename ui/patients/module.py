"""Plugs the patient screens into the main window: the list replaces the side-panel placeholder, the form
and the INSq dashboard become panels, the "Patients" menu gets its actions, and the pieces are wired.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog

from lgc_app.patients.datamatrix import DatamatrixTraits
from lgc_app.patients.views import PatientView
from ui.actions import patients as actions
from ui.patients.datamatrix import DatamatrixDialog
from ui.patients.indicators_view import IndicatorsView
from ui.patients.insi_dialog import InsiDialog
from ui.patients.patient_form import PatientForm
from ui.patients.patient_list import PatientListPanel

if TYPE_CHECKING:
    from ui.main_window import MainWindow

D = TypeVar("D", bound=QDialog)


class PatientsModule(QObject):
    """The patient screens of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        context, tasks = window.context, window.tasks
        self.list = PatientListPanel(context, tasks)
        self.form = PatientForm(context, tasks)
        self.indicators = IndicatorsView(context, tasks)
        self.form_title = self.tr("Patient")
        self.indicators_title = self.tr("Indicateurs INSq")
        window.set_side_panel(self.list)
        window.add_panel(self.form_title, self.form)
        window.add_panel(self.indicators_title, self.indicators)
        self.insi_dialog: InsiDialog | None = None  # the last one opened (tests)
        self.insi_dialogs: dict[int, InsiDialog] = {}  # open ones, by patient id
        self.datamatrix_dialog: DatamatrixDialog | None = None
        self.list.patient_activated.connect(self.open_patient)
        self.list.new_patient_requested.connect(self.new_patient)
        self.form.saved.connect(lambda _patient_id: self.list.refresh())
        self.form.insi_requested.connect(self.open_insi)
        self.form.datamatrix_requested.connect(self.show_datamatrix)
        menu = window.menu("Patients")
        menu.addAction(self.tr("Nouveau patient"), QKeySequence.StandardKey.New, self.new_patient)
        menu.addAction(self.tr("Téléservice INSi…"), self.form.open_insi)
        menu.addAction(self.tr("Importer un datamatrix INS…"), self._import_datamatrix)
        menu.addAction(self.tr("Indicateurs INSq"), lambda: window.show_panel(self.indicators_title))

    def open_patient(self, patient_id: int) -> None:
        self.window.show_panel(self.form_title)
        self.form.request_open(patient_id)

    def new_patient(self) -> None:
        self.window.show_panel(self.form_title)
        self.form.request_new()

    def _import_datamatrix(self) -> None:
        self.window.show_panel(self.form_title)
        self.form.choose_datamatrix_file()

    def open_insi(self, patient: PatientView, pending_ins: tuple[str, str] | None) -> None:
        """Non-modal (issue 13 item 7): the user keeps working during the call. Each dialog holds its patient's
        id, so an accepted identity goes to that patient and the form refreshes only if it shows it. One
        dialog per patient: asking again raises it (unless a datamatrix INS is to be verified)."""
        shown = self.insi_dialogs.get(patient.id)
        if shown is not None and pending_ins is None:
            shown.raise_()
            shown.activateWindow()
            return
        if shown is not None:
            shown.close()  # its own requests are cancelled with it (TaskManager owner)
        dialog = InsiDialog(self.window.context, self.window.tasks, patient, pending_ins, self.window)
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.applied.connect(self.form.apply_patient)
        dialog.vitale_saved.connect(self.form.apply_patient)
        self.insi_dialogs[patient.id] = self.insi_dialog = self._keep(dialog, "insi_dialog")
        dialog.finished.connect(lambda _result: self._insi_closed(patient.id, dialog))
        dialog.show()

    def _insi_closed(self, patient_id: int, dialog: InsiDialog) -> None:
        if self.insi_dialogs.get(patient_id) is dialog:
            del self.insi_dialogs[patient_id]

    def show_datamatrix(self, patient_id: int) -> None:
        task = self.window.tasks.run(actions.datamatrix_png(self.window.context.database, patient_id),
                                     label_fr=self.tr("Datamatrix INS"))
        task.on_success(lambda result: self._show_datamatrix(*result))

    def _show_datamatrix(self, png: bytes, traits: DatamatrixTraits) -> None:
        dialog = DatamatrixDialog(png, traits, self.window)
        self.datamatrix_dialog = self._keep(dialog, "datamatrix_dialog")
        dialog.show()

    def _keep(self, dialog: D, attribute: str) -> D:
        """Delete the dialog when closed and forget it (the attribute is for tests and raising it again)."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._forget(dialog, attribute))
        return dialog

    def _forget(self, dialog: QDialog, attribute: str) -> None:
        if getattr(self, attribute) is dialog:  # not a newer one opened since
            setattr(self, attribute, None)


def install_patients(window: MainWindow) -> PatientsModule:
    return PatientsModule(window)
