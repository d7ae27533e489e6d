"""Aide → Guide d'utilisation (F1): a short French guide per screen, from HTML files in resources/help/.

The guide opens on the page of the screen in use (the dialog in front, else the panel shown) and stays open
beside the window (non-modal). Pages are local files only: the browser refuses anything that is not a file
of the help folder, so a link can never make the application reach the network.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QUrl
from PySide6.QtWidgets import QApplication, QDialog, QHBoxLayout, QListWidget, QTextBrowser, QWidget

from ui.dmp.dmp_panel import DmpPanel
from ui.documents.workspace import DocumentsPanel
from ui.outbox.orders_panel import OrdersPanel
from ui.patients.insi_dialog import InsiDialog
from ui.patients.patient_form import PatientForm
from ui.settings_dialog import SettingsDialog

HELP_DIR = Path(__file__).resolve().parents[1] / "resources" / "help"
# page file stem -> title in the table of contents, in reading order
PAGES = {
    "patients": QT_TRANSLATE_NOOP("HelpDialog", "Patients"),
    "identite": QT_TRANSLATE_NOOP("HelpDialog", "Identité et INSi"),
    "documents": QT_TRANSLATE_NOOP("HelpDialog", "Documents"),
    "dmp": QT_TRANSLATE_NOOP("HelpDialog", "DMP"),
    "envois": QT_TRANSLATE_NOOP("HelpDialog", "Envois"),
    "parametres": QT_TRANSLATE_NOOP("HelpDialog", "Paramètres"),
}
DEFAULT_PAGE = "patients"
# the screen a widget belongs to -> its page (the patient list and the home panel fall back to "patients")
SCREEN_PAGES: tuple[tuple[type[QWidget], str], ...] = (
    (SettingsDialog, "parametres"),
    (InsiDialog, "identite"),
    (PatientForm, "identite"),
    (DocumentsPanel, "documents"),
    (DmpPanel, "dmp"),
    (OrdersPanel, "envois"),
)


def page_for(widget: QWidget | None) -> str:
    """The help page of the screen `widget` is part of (itself or one of its parents)."""
    while widget is not None:
        for screen, page in SCREEN_PAGES:
            if isinstance(widget, screen):
                return page
        widget = widget.parentWidget()
    return DEFAULT_PAGE


def current_page(panel: QWidget | None) -> str:
    """The page of the dialog in front of the main window, else of the panel it shows."""
    front = QApplication.activeModalWidget() or QApplication.activeWindow()
    if front is not None and page_for(front) != DEFAULT_PAGE:
        return page_for(front)
    return page_for(panel)


class LocalHelpBrowser(QTextBrowser):
    """Follows links between help pages; anything outside the help folder is not loaded."""

    def loadResource(self, kind: int, name: QUrl) -> object:
        if name.isRelative():
            name = self.source().resolved(name)
        if not name.isLocalFile() or Path(name.toLocalFile()).resolve().parent != HELP_DIR:
            return None
        return super().loadResource(kind, name)


class HelpDialog(QDialog):
    """The guide: the list of pages at the left, the page at the right; `show_page(name)`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Guide d'utilisation"))
        self.contents = QListWidget(self)
        for title in PAGES.values():
            self.contents.addItem(self.tr(title))
        self.contents.setFixedWidth(170)
        self.contents.currentRowChanged.connect(lambda row: self.show_page(list(PAGES)[row]))
        self.browser = LocalHelpBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.sourceChanged.connect(self._follow)
        layout = QHBoxLayout(self)
        layout.addWidget(self.contents)
        layout.addWidget(self.browser, 1)
        self.resize(760, 560)

    @property
    def page(self) -> str:
        return Path(self.browser.source().toLocalFile()).stem

    def show_page(self, name: str) -> None:
        if name != self.page:
            self.browser.setSource(QUrl.fromLocalFile(str(HELP_DIR / f"{name}.html")))

    def _follow(self, source: QUrl) -> None:
        """A link followed in the page selects its entry in the list."""
        name = Path(source.toLocalFile()).stem
        if name in PAGES:
            self.contents.setCurrentRow(list(PAGES).index(name))
