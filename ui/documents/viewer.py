"""CdaViewer: shows any CDA document, ours or received, without trusting it.

Parsing and PDF rasterising run off the GUI thread (`load_bytes`, awaited on the qasync loop); the widget
only receives the finished result. The narrative browser loads nothing: no link is followed and every
resource request (images, style sheets, file:, http:) gets nothing back. Labels are plain text so that a
name containing markup stays text. Any failure is a French message in the viewer, never an exception.
"""

from __future__ import annotations

import asyncio
import html
import logging
from dataclasses import dataclass
from typing import assert_never

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lgc_app.documents.rendering.cda_display import (
    CdaDisplayError,
    CdaHeader,
    NarrativeBody,
    PdfBody,
    TextBody,
    UnreadableBody,
    read_cda,
)
from ui.documents.pdf_pages import PdfPagesError, rasterise

log = logging.getLogger("lgc.ui.documents.viewer")

# The body keeps room to be read however many header rows there are (issue 13: it was squeezed to ~90 px).
MIN_BODY_HEIGHT = 260
NARRATIVE_CSS = "h2 { font-size: large; } h3, h4 { font-size: medium; } table { border-collapse: collapse; }"


@dataclass(frozen=True)
class PreparedView:
    """What the viewer shows, computed off the GUI thread (QImage only, no QPixmap there)."""

    header: CdaHeader | None = None
    html: str | None = None
    pages: list[QImage] | None = None
    message: str | None = None


def prepare(data: bytes) -> PreparedView:
    """Parse and render a CDA for display; CPU-bound, safe in a worker thread, never raises for bad input."""
    try:
        display = read_cda(data)
    except CdaDisplayError as exc:
        return PreparedView(message=exc.text)
    header = display.header
    match display.body:
        case NarrativeBody(html=narrative):
            return PreparedView(header, html=f"<style>{NARRATIVE_CSS}</style>{narrative}")
        case TextBody(text=text):
            return PreparedView(header, html=f"<pre>{html.escape(text)}</pre>")
        case UnreadableBody(message=message):
            return PreparedView(header, message=message)
        case PdfBody(data=pdf):
            return _prepare_pdf(header, pdf)
        case unexpected:
            assert_never(unexpected)


def _prepare_pdf(header: CdaHeader, pdf: bytes) -> PreparedView:
    try:
        pages = rasterise(pdf)
    except PdfPagesError as exc:
        return PreparedView(header, message=exc.text)
    shown = len(pages.images)
    message = None
    if pages.total > shown:
        message = f"Seules les {shown} premières pages sur {pages.total} sont affichées."
    return PreparedView(header, pages=pages.images, message=message)


class SafeTextBrowser(QTextBrowser):
    """A QTextBrowser that never loads a resource nor follows a link."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])

    def loadResource(self, kind: int, name: QUrl) -> object:
        return None


class CdaViewer(QWidget):
    """Displays a CDA R2 document: header summary, then the N3 narrative or the N1 PDF pages.

    Signals:
        loaded(str): a document is displayed; the argument is its title.
        failed(str): the document could not be displayed; the argument is the French message shown.
    """

    loaded = Signal(str)
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._header = QFrame(self)
        self._header.setObjectName("cdaHeader")
        self._header_form = QFormLayout(self._header)
        self._notice = _plain_label("", self)
        self._notice.setObjectName("cdaMessage")
        self._notice.hide()
        self._browser = SafeTextBrowser(self)
        self._browser.setObjectName("cdaNarrative")
        self._pages = QWidget()
        self._pages_layout = QVBoxLayout(self._pages)
        self._pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("cdaPages")
        self._scroll.setWidgetResizable(True)
        self._scroll.setWidget(self._pages)
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._browser)
        self._stack.addWidget(self._scroll)
        self._stack.setMinimumHeight(MIN_BODY_HEIGHT)
        layout = QVBoxLayout(self)
        layout.addWidget(self._header)
        layout.addWidget(self._notice)
        layout.addWidget(self._stack, stretch=1)
        self.clear()

    # --- loading -------------------------------------------------------------------------------

    async def load_bytes(self, data: bytes) -> None:
        """Parse and render `data` in a worker thread, then show it (a later call wins over this one)."""
        self._generation += 1
        generation = self._generation
        self._show_message("Chargement du document…")
        prepared = await asyncio.to_thread(prepare, data)
        if generation == self._generation:
            self.show_prepared(prepared)

    def load_bytes_sync(self, data: bytes) -> None:
        """Same as `load_bytes`, on the calling thread (tests, small documents already in memory)."""
        self._generation += 1
        self.show_prepared(prepare(data))

    def clear(self) -> None:
        self._set_header(None)
        self._browser.clear()
        self._set_pages([])
        self._stack.setCurrentWidget(self._browser)
        self._notice.hide()

    def show_prepared(self, prepared: PreparedView) -> None:
        """Show a result of `prepare` (GUI thread)."""
        self.clear()
        self._set_header(prepared.header)
        if prepared.pages is not None:
            self._set_pages(prepared.pages)
            self._stack.setCurrentWidget(self._scroll)
        elif prepared.html is not None:
            self._browser.setHtml(prepared.html)
        if prepared.message:
            self._show_message(prepared.message)
        if prepared.header is None or (prepared.html is None and prepared.pages is None):
            log.info("CDA not displayed: %s", prepared.message)
            self.failed.emit(prepared.message or "")
        else:
            self.loaded.emit(prepared.header.title)

    # --- what is shown (also read by tests) ----------------------------------------------------

    def message(self) -> str | None:
        """The notice shown above the body (an error, or a remark such as truncated pages), if any."""
        return self._notice.text() if not self._notice.isHidden() else None

    def header_fields(self) -> dict[str, str]:
        fields: dict[str, str] = {}
        for row in range(self._header_form.rowCount()):
            label = self._header_form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            value = self._header_form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is not None and value is not None:
                fields[label.widget().text().removesuffix(" :")] = value.widget().text()
        return fields

    def narrative_text(self) -> str:
        return self._browser.toPlainText()

    def page_count(self) -> int:
        """Number of PDF pages shown."""
        return self._pages_layout.count()

    def page_images(self) -> list[QImage]:
        return [self._pages_layout.itemAt(index).widget().pixmap().toImage()
                for index in range(self._pages_layout.count())]

    # --- internals -----------------------------------------------------------------------------

    def _show_message(self, text: str) -> None:
        self._notice.setText(text)
        self._notice.show()

    def _set_header(self, header: CdaHeader | None) -> None:
        while self._header_form.rowCount():
            self._header_form.removeRow(0)
        self._header.setVisible(header is not None)
        if header is None:
            return
        for label, value in header.rows():
            self._header_form.addRow(_plain_label(f"{label} :", self._header),
                                     _plain_label(value, self._header))

    def _set_pages(self, images: list[QImage]) -> None:
        while self._pages_layout.count():
            item = self._pages_layout.takeAt(0)
            if widget := item.widget():
                widget.deleteLater()
        for number, image in enumerate(images, start=1):
            page = QLabel(self._pages)
            page.setPixmap(QPixmap.fromImage(image))
            page.setAccessibleName(f"Page {number}")
            self._pages_layout.addWidget(page)


def _plain_label(text: str, parent: QWidget) -> QLabel:
    """A label that shows its text as is: received text must never be interpreted as rich text."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    label.setText(text)
    return label
