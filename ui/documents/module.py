"""Plugs the documents screens into the main window: the "Documents" panel follows the patient shown in
the patient form, the "Documents" menu offers a new document of each type, and the open draft is saved
when the window closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from lgc_app.auth.permissions import Permission, allows
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.types import registered_types
from ui.documents.workspace import DocumentsPanel

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class DocumentsModule(QObject):
    """The documents screens of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = DocumentsPanel(window.context, window.tasks)
        self.title = self.tr("Documents")
        window.add_panel(self.title, self.panel)
        patients = getattr(window, "patients", None)
        if patients is not None:  # the patient form tells which patient is the current one
            patients.form.loaded.connect(self.panel.set_patient)
        menu = window.menu("Documents")
        self.new_actions = [menu.addAction(self.tr("Nouveau : %1").replace("%1", document_type.label),
                                           lambda t=document_type: self.new_document(t))
                            for document_type in registered_types()]
        window.closing.connect(self.panel.flush_sync)
        window.session_changed.connect(self.session_changed)
        self.apply_role()

    def session_changed(self) -> None:
        self.panel.session_changed()
        self.apply_role()

    def apply_role(self) -> None:
        """Only a role that reads clinical content writes documents (IE.33)."""
        for action in self.new_actions:
            action.setEnabled(allows(self.window.context.session, Permission.READ_CLINICAL))

    def new_document(self, document_type: DocumentType) -> None:
        self.window.show_panel(self.title)
        self.panel.create_document(document_type)


def install_documents(window: MainWindow) -> DocumentsModule:
    return DocumentsModule(window)
