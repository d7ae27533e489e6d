"""PDF pages as images, for the N1 body of a CDA (QtPdf is in PySide6-Addons, not installed: pypdfium2).

Called from a worker thread: QImage is safe off the GUI thread (QPixmap is not). PDFium itself is not
thread-safe, hence one lock for every call into it. Page count and bitmap size are capped so that a hostile
PDF (thousands of pages, a page of 200 × 200 inches) cannot exhaust memory. pypdfium2 is imported by the first
call (a document's pages are drawn in a thread), not with the window at start-up.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QImage

from lgc_app.errors import UserError

if TYPE_CHECKING:
    import pypdfium2

MAX_PAGES = 50
TARGET_WIDTH_PX = 1100  # about 130 dpi on A4: readable on screen, 4.5 MB per page
MAX_PAGE_PIXELS = 1100 * 1600 * 2
PRINT_DPI = 200  # sharp text on paper; an A4 page is then 1654 × 2339 px (15 MB)
MAX_PRINT_PIXELS = 1700 * 2400 * 2

_pdfium_lock = threading.Lock()


class PdfPagesError(UserError, ValueError):
    """The PDF cannot be opened (message in French, for the user)."""

    code = "DOC-PDF-PAGES"
    summary = "Le PDF joint ne peut pas être affiché."


@dataclass(frozen=True)
class PdfPages:
    images: list[QImage]
    total: int  # pages in the file; more than len(images) when capped at MAX_PAGES


def rasterise(data: bytes, *, max_pages: int | None = None, dpi: float | None = None) -> PdfPages:
    """Render the first `max_pages` (default MAX_PAGES) pages of a PDF at screen resolution, or at `dpi`
    (printing: ui/print.py).

    Raises:
        PdfPagesError: PDFium cannot open the file (damaged, encrypted, not a PDF).
    """
    import pypdfium2

    with _pdfium_lock:
        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError:
            raise PdfPagesError("Le PDF joint est illisible ou protégé.") from None
        try:
            total = len(document)
            shown = min(total, MAX_PAGES if max_pages is None else max_pages)
            images = [_render(document[index], dpi=dpi) for index in range(shown)]
        except pypdfium2.PdfiumError:
            raise PdfPagesError("Une page du PDF joint ne peut pas être affichée.") from None
        finally:
            document.close()
    return PdfPages(images, total)


def page_count(data: bytes) -> int:
    """Number of pages of a PDF we made ourselves.

    Raises:
        PdfPagesError: PDFium cannot open the file.
    """
    import pypdfium2

    with _pdfium_lock:
        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError:
            raise PdfPagesError("Le document mis en page est illisible.") from None
        try:
            return len(document)
        finally:
            document.close()


def render_page(data: bytes, index: int, width_px: int) -> QImage:
    """Page `index` of a PDF we made ourselves (ui/documents/narrative_pages.py), `width_px` pixels wide.

    Raises:
        PdfPagesError: PDFium cannot open the file or render the page.
    """
    import pypdfium2

    with _pdfium_lock:
        try:
            document = pypdfium2.PdfDocument(data)
            try:
                return _render(document[index], width_px=width_px)
            finally:
                document.close()
        except pypdfium2.PdfiumError:
            raise PdfPagesError("Une page du document ne peut pas être affichée.") from None


def _render(page: pypdfium2.PdfPage, *, width_px: int = TARGET_WIDTH_PX, dpi: float | None = None) -> QImage:
    import pypdfium2

    width, height = page.get_size()  # PDF points
    if width <= 0 or height <= 0:
        raise pypdfium2.PdfiumError("empty page")
    if dpi is None:
        scale = min(width_px / width, math.sqrt(MAX_PAGE_PIXELS / (width * height)))
    else:  # 72 points an inch
        scale = min(dpi / 72, math.sqrt(MAX_PRINT_PIXELS / (width * height)))
    bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True, may_draw_forms=False)
    try:
        rgbx = QImage.Format.Format_RGBX8888
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, rgbx)
        return image.copy()  # own the pixels: the bitmap's buffer is freed when it is closed
    finally:
        bitmap.close()
        page.close()
