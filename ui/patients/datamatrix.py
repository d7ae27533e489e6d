"""The datamatrix INS of a qualified identity (PROTOCOLS §1.4): shown, printed, saved as PNG.

The symbol is built by the core (`lgc_app.patients.datamatrix`, refused unless the identity is qualified);
reading one back from an image is `PatientForm.import_datamatrix`. Printing and saving use non-modal
dialogs (`open()`), never `exec()`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from lgc_app.patients.birth_date import display_birth_date
from lgc_app.patients.datamatrix import DatamatrixTraits
from lgc_app.patients.naming import born
from ui import messages
from ui.patients.wording import fill, format_matricule


class DatamatrixDialog(QDialog):
    """The symbol with the traits it carries, and "Imprimer…", "Enregistrer en PNG…"."""

    def __init__(self, png: bytes, traits: DatamatrixTraits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("datamatrixDialog")
        self.setWindowTitle(self.tr("Datamatrix INS"))
        self.png = png
        self.traits = traits
        self.pixmap = QPixmap()
        self.pixmap.loadFromData(png, "PNG")
        layout = QVBoxLayout(self)
        symbol = QLabel(self)
        symbol.setPixmap(self.pixmap)
        symbol.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(symbol)
        self.caption = QLabel(self.caption_text(), self)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.caption)
        buttons = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Imprimer…"), self)
        self.print_button.clicked.connect(self.choose_printer)
        self.save_button = QPushButton(self.tr("Enregistrer en PNG…"), self)
        self.save_button.clicked.connect(self.choose_file)
        close = QPushButton(self.tr("Fermer"), self)
        close.clicked.connect(self.close)
        for button in (self.print_button, self.save_button, close):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self._printer: QPrinter | None = None

    def caption_text(self) -> str:
        traits = self.traits
        return fill(self.tr("%1 %2 — %3 le %4\nINS %5"), traits.birth_name, traits.given_names, born(traits.sex),
                    display_birth_date(traits.birth_date), format_matricule(traits.matricule))

    def choose_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Enregistrer le datamatrix INS"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("png")
        dialog.setNameFilter(self.tr("Image PNG (*.png)"))
        dialog.selectFile(f"datamatrix-ins-{self.traits.matricule}.png")
        dialog.fileSelected.connect(lambda path: self.save_png(Path(path)))
        dialog.open()

    def save_png(self, path: Path) -> None:
        try:
            path.write_bytes(self.png)
        except OSError as exc:
            messages.error(fill(self.tr("Datamatrix non enregistré dans %1 : %2"), path, exc.strerror))
            return
        messages.info(fill(self.tr("Datamatrix INS enregistré dans %1."), path))

    def choose_printer(self) -> None:
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(self._printer, self)
        dialog.accepted.connect(lambda: self.print_to(self._printer))
        dialog.open()

    def print_to(self, printer: QPrinter | None) -> None:
        """Draw the symbol (about 2 cm wide) and its caption at the top left of the page."""
        if printer is None:
            return
        painter = QPainter(printer)
        try:
            dpi = printer.resolution()
            side = int(dpi * 2 / 2.54)
            painter.drawPixmap(QRect(0, 0, side, side), self.pixmap)
            painter.drawText(QRect(0, side + dpi // 10, side * 6, dpi), Qt.AlignmentFlag.AlignLeft,
                             self.caption_text())
        finally:
            painter.end()
