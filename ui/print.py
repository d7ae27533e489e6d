"""Printing and "Enregistrer en PDF" of a validated document, from the PDF/A stored at validation (issue 13 item 12).

What is printed is exactly what was validated: the stored PDF/A (carrying the INS datamatrix where
lgc_app/documents/printable.py puts it, PROTOCOLS.md §1.4) is rasterised by PDFium in a thread at PRINT_DPI;
the GUI thread only paints the ready images into the printer the user set up (QPrintPreviewDialog: the preview,
whose "Imprimer" opens the system print dialog). "Enregistrer en PDF" copies the stored bytes unchanged, so
the file stays a PDF/A.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QWidget

from lgc_app.errors import UserError
from ui import messages
from ui.documents.pdf_pages import PRINT_DPI, PdfPages, rasterise
from ui.tasks import Task, TaskManager, run_in_thread


class PrinterError(UserError, RuntimeError):
    """The printer (or the PDF file it writes) could not be opened."""

    code = "PRINT-PRINTER"
    summary = "L'imprimante n'a pas pu être ouverte."


PdfSource = Callable[[], Awaitable[bytes]]  # reads the stored PDF/A (on the database thread)


async def printable_pages(pdf: PdfSource) -> PdfPages:
    """The stored PDF, rendered for paper off the GUI loop."""
    data = await pdf()
    return await run_in_thread(rasterise, data, dpi=PRINT_DPI)


def paint_pages(printer: QPrinter, images: Sequence[QImage]) -> None:
    """One image per sheet, as large as the printable area allows without distortion, centred horizontally.

    Raises:
        PrinterError: the printer refused to start (no such printer, unwritable output file).
    """
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterError()
    try:
        for index, image in enumerate(images):
            if index:
                printer.newPage()
            area = painter.window()  # the printable area, in device pixels
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            left = area.x() + (area.width() - size.width()) // 2
            painter.drawImage(QRect(left, area.y(), size.width(), size.height()), image)
    finally:
        painter.end()


def a4_printer(title: str) -> QPrinter:
    """A high-resolution A4 portrait printer named after the document (the system dialog may change it)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    return printer


class PagesPreview(QPrintPreviewDialog):
    """The print preview of rendered pages; its "Imprimer" button opens the system print dialog."""

    def __init__(self, pages: PdfPages, title: str, parent: QWidget | None = None) -> None:
        printer = a4_printer(title)
        super().__init__(printer, parent)
        self.sheet = printer  # kept here: the dialog does not own a printer it is given
        self.pages = pages
        self.setWindowTitle(self.tr("Aperçu avant impression — %1").replace("%1", title))
        self.paintRequested.connect(self._paint)
        self.resize(900, 1000)

    def _paint(self, printer: QPrinter) -> None:
        try:
            paint_pages(printer, self.pages.images)
        except PrinterError as exc:
            messages.failure(self.tr("Impression"), exc)


class DocumentPrinting(QObject):
    """The "Imprimer…" and "Enregistrer en PDF…" of one widget: `print_pdf`, `choose_pdf_file`."""

    def __init__(self, tasks: TaskManager, parent: QWidget) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.window = parent
        self.preview: PagesPreview | None = None
        self.file_dialog: QFileDialog | None = None

    def print_pdf(self, pdf: PdfSource, title: str) -> Task[PdfPages]:
        """Render the pages in a thread, then show the preview (window-modal, `open()`: STYLE.md §2)."""
        label = self.tr("Préparation de l'impression")
        task = self.tasks.run(printable_pages(pdf), label_fr=label)
        task.on_success(lambda pages: self._preview(pages, title))
        task.on_failure(lambda error: messages.failure(label, error))
        return task

    def _preview(self, pages: PdfPages, title: str) -> None:
        if pages.total > len(pages.images):
            messages.warning(self.tr("Seules les %1 premières pages sur %2 sont imprimées.")
                             .replace("%1", str(len(pages.images))).replace("%2", str(pages.total)))
        self.preview = PagesPreview(pages, title, self.window)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.finished.connect(self._preview_closed)
        self.preview.open()

    def _preview_closed(self) -> None:
        self.preview = None

    def choose_pdf_file(self, pdf: PdfSource, title: str) -> QFileDialog:
        """Ask where to save the document, then copy the stored PDF/A there (off the GUI thread)."""
        dialog = QFileDialog(self.window, self.tr("Enregistrer en PDF"),
                             str(Path.home() / f"{file_stem(title)}.pdf"), self.tr("PDF (*.pdf)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.save_pdf(pdf, Path(name)))
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def save_pdf(self, pdf: PdfSource, path: Path) -> Task[None]:
        label = self.tr("Enregistrement en PDF")

        async def copy() -> None:
            data = await pdf()
            await run_in_thread(path.write_bytes, data)

        task = self.tasks.run(copy(), label_fr=label)
        task.on_success(lambda _none: messages.info(self.tr("Document enregistré dans %1.")
                                                    .replace("%1", str(path))))
        task.on_failure(lambda error: messages.failure(label, error))
        return task


def file_stem(title: str) -> str:
    """A file name from a document title: no path separators nor characters Windows refuses."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", title).strip(" .-")
    return stem or "document"
