"""Plugs the DMP screens into the main window: the "DMP" and "Envois" panels, the new-documents badge on
the patient list, their menu entries, and the offer to send what waited for an identity's qualification.

The DMP panel follows the patient opened in the patient file; opening a patient also asks the DMP, in the
background, whether documents arrived since its last consultation (badge on the patient list).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QIcon

from lgc_app.auth.permissions import Permission, allows
from ui.dmp.badge import BadgedPatientModel, NewDocumentsWatcher, badge_icon, badge_text
from ui.dmp.dmp_panel import DmpPanel
from ui.dmp.document_state import DmpPreferencesDialog, ask_withhold
from ui.dmp.qualification_offer import QualificationOffer
from ui.outbox.orders_panel import OrdersPanel

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class DmpModule(QObject):
    """The DMP screens of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        context, tasks = window.context, window.tasks
        self.panel = DmpPanel(context, tasks)
        self.orders = OrdersPanel(context, tasks)
        self.watcher = NewDocumentsWatcher(context, tasks, self)
        self.panel_title = self.tr("DMP")
        self.orders_title = self.tr("Envois")
        window.add_panel(self.panel_title, self.panel)
        window.add_panel(self.orders_title, self.orders)
        self.panel.consulted.connect(self.watcher.consulted)
        self.watcher.changed.connect(self._badge_changed)
        self.show_action = window.menu("Patients").addAction(self.tr("DMP du patient"), self.show_dmp)
        window.menu("Envois").addAction(self.tr("Suivi des envois"), self.show_orders)
        window.menu("Outils").addAction(self.tr("Envoi au DMP par type de document…"), self.open_preferences)
        self.preferences_dialog: DmpPreferencesDialog | None = None
        # the patient screens are installed first (MainWindow.__init__)
        window.patients.form.loaded.connect(self.patient_opened)
        window.patients.form.saved.connect(self.patient_opened)
        self.qualification_offer = QualificationOffer(context, tasks, window)
        window.patients.form.status.qualified.connect(self.qualification_offer.identity_qualified)
        patient_list = window.patients.list
        self.badged_model = BadgedPatientModel(self.watcher, self)
        self.badged_model.setSourceModel(patient_list.model)
        patient_list.view.setModel(self.badged_model)  # the list's own signals read patient ids from column 0
        patient_list.searched.connect(lambda _text: self.watcher.load(self.badged_model.patient_ids()))
        window.session_changed.connect(self.apply_role)
        self.apply_role()

    def apply_role(self) -> None:
        """The DMP tab lists and shows documents: only for a role that reads clinical content (IE.33). The
        badge still counts new documents, and "Envois" stays: the secretariat follows the sends."""
        reads = allows(self.window.context.session, Permission.READ_CLINICAL)
        self.window.panels.setTabVisible(self.window.panels.indexOf(self.panel), reads)
        self.show_action.setEnabled(reads)

    def patient_opened(self, patient_id: int) -> None:
        self.panel.set_patient(patient_id)
        self._badge_changed(patient_id)  # what is known until the check answers
        self.watcher.check(patient_id)

    def _badge_changed(self, patient_id: int) -> None:
        """The DMP tab carries the badge of the patient it follows."""
        if patient_id != self.panel.patient_id:
            return
        count = self.watcher.count(patient_id)
        index = self.window.panels.indexOf(self.panel)
        self.window.panels.setTabIcon(index, badge_icon(count) if count else QIcon())
        self.window.panels.setTabToolTip(index, badge_text(count) if count else "")

    def show_dmp(self) -> None:
        if self.show_action.isEnabled():
            self.window.show_panel(self.panel_title)

    def show_orders(self) -> None:
        self.window.show_panel(self.orders_title)

    def open_preferences(self) -> None:
        if self.preferences_dialog is None:
            dialog = DmpPreferencesDialog(self.window.context, self.window.tasks, self.window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(lambda _result: setattr(self, "preferences_dialog", None))
            self.preferences_dialog = dialog
        self.preferences_dialog.open()

    def ask_withhold(self, document_id: int) -> None:
        """For the document screens: keep this document out of the DMP, asking the reason first."""
        ask_withhold(self.window, self.window.context, self.window.tasks, document_id)


def install_dmp(window: MainWindow) -> DmpModule:
    return DmpModule(window)
