"""CdaViewer: shows any CDA document, ours or received, without trusting it and without freezing the GUI.

Parsing and PDF rasterising run off the GUI thread (`load_bytes`, awaited on the qasync loop); the widget
only receives the finished result. An N3 narrative is laid out and painted off the GUI thread too, as page
images (narrative_pages.py), again whenever the viewer's width changes (debounced): Qt's rich-text layout of
a big or hostile table used to stall the GUI thread for seconds (issue 10, "no GUI freeze from a small CDA").
Nothing is loaded: no link is followed and no resource requested. Labels are plain text so that a name
containing markup stays text. Any failure is a French message in the viewer, never an exception.
Text selection is not offered (pages are images); "Copier le texte" copies the narrative's text.
"""

from __future__ import annotations

import asyncio
import html
import logging
from dataclasses import dataclass, field
from functools import partial
from typing import assert_never

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QImage, QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
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
from lgc_app.documents.rendering.narrative import plain_text
from lgc_app.errors import UserError
from ui.documents.narrative_pages import PAGE_HEIGHT_PX, NarrativePages, pieces
from ui.documents.narrative_render import lay_out_in_child
from ui.documents.page_strip import PageStrip
from ui.documents.pdf_pages import PdfPagesError, rasterise
from ui.tasks import run_in_thread

log = logging.getLogger("lgc.ui.documents.viewer")

RELAYOUT_DELAY_MS = 250  # a resize lays the narrative out again once the user stops dragging
# The body keeps room to be read however many header rows there are (issue 13: it was squeezed to ~90 px).
MIN_BODY_HEIGHT = 200  # and the DMP tab (list above the reader) still fits a 720-px high screen
MIN_FIT_WIDTH = 200  # narrower, pages keep their size and scroll sideways


@dataclass(frozen=True)
class PreparedView:
    """What the viewer shows, computed off the GUI thread (QImage only, no QPixmap there).

    `html` (sanitised, cut into pieces at `breaks`) is the narrative still to be laid out; `text` its text.
    """

    header: CdaHeader | None = None
    html: str | None = None
    pages: list[QImage] | None = None
    message: str | None = None
    breaks: list[int] = field(default_factory=list)
    text: str = ""


def prepare(data: bytes) -> PreparedView:
    """Parse and render a CDA for display; CPU-bound, safe in a worker thread, never raises for bad input."""
    try:
        display = read_cda(data)
    except CdaDisplayError as exc:
        return PreparedView(message=exc.text)
    header = display.header
    match display.body:
        case NarrativeBody(html=narrative, breaks=breaks):
            # piece by piece: one regex pass over megabytes would hold the GIL (and the GUI thread) too long
            text = "\n".join(plain_text(piece) for piece in pieces(narrative, breaks))
            return PreparedView(header, html=narrative, breaks=breaks, text=text)
        case TextBody(text=text):
            return PreparedView(header, html=f"<pre style='white-space: pre-wrap'>{html.escape(text)}</pre>",
                                text=text)
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


class CdaViewer(QWidget):
    """Displays a CDA R2 document: header summary, then the N3 narrative or the N1 PDF pages.

    Signals:
        loaded(str): a document is displayed; the argument is its title (a narrative's pages may follow).
        failed(str): the document could not be displayed; the argument is the French message shown.
        laid_out(int): the narrative's pages are ready (again after a resize); the argument is their count.
    """

    loaded = Signal(str)
    failed = Signal(str)
    laid_out = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._narrative: PreparedView | None = None
        self._narrative_pages: NarrativePages | None = None
        self._pdf_images: list[QImage] = []
        self._text = ""
        self._layouts: set[asyncio.Task[None]] = set()  # running layouts (their child processes)
        self._header = QFrame(self)
        self._header.setObjectName("cdaHeader")
        self._header_form = QFormLayout(self._header)
        self._notice = _plain_label("", self)
        self._notice.setObjectName("cdaMessage")
        self._notice.hide()
        self._copy = QPushButton(self.tr("Copier le texte"), self)
        self._copy.setToolTip(self.tr("Copie le texte du document dans le presse-papiers"))
        self._copy.clicked.connect(self.copy_text)
        self._copy.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.page_strip = PageStrip()
        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("cdaPages")
        self._scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # always there, so that laying the pages out does not change the width they are laid out for
        self._scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._scroll.setWidget(self.page_strip)
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(RELAYOUT_DELAY_MS)
        self._relayout.timeout.connect(self._start_layout)
        tools = QHBoxLayout()
        tools.addWidget(self._notice, stretch=1)
        tools.addWidget(self._copy, alignment=Qt.AlignmentFlag.AlignTop)
        self._scroll.setMinimumHeight(MIN_BODY_HEIGHT)
        layout = QVBoxLayout(self)
        layout.addWidget(self._header)
        layout.addLayout(tools)
        layout.addWidget(self._scroll, stretch=1)
        self.clear()
        # a viewer closed while its narrative is laid out kills the layout's child process
        self.destroyed.connect(partial(_cancel, self._layouts))

    # --- loading -------------------------------------------------------------------------------

    async def load_bytes(self, data: bytes) -> None:
        """Parse `data` and lay it out in worker threads, then show it (a later call wins over this one)."""
        self._generation += 1
        generation = self._generation
        self._show_message("Chargement du document…")
        prepared = await run_in_thread(prepare, data)
        if generation != self._generation:
            return
        self.show_prepared(prepared, lay_out_now=False)
        task = self._start_layout() if self._narrative is not None else None
        if task is not None:
            await asyncio.wait([task])  # ends also when a newer document or width cancels it

    def load_bytes_sync(self, data: bytes) -> None:
        """Same as `load_bytes`, parsing on the calling thread (tests, small documents already in memory)."""
        self.show_prepared(prepare(data))

    def clear(self) -> None:
        self._generation += 1
        self._relayout.stop()
        self._cancel_layout()
        self._set_header(None)
        self._narrative = self._narrative_pages = None
        self._pdf_images = []
        self._text = ""
        self._copy.setEnabled(False)
        self.page_strip.set_pages([], None)
        self._notice.hide()

    def show_prepared(self, prepared: PreparedView, *, lay_out_now: bool = True) -> None:
        """Show a result of `prepare` (GUI thread); a narrative is then laid out in a worker thread."""
        self.clear()
        self._set_header(prepared.header)
        if prepared.pages is not None:
            self._pdf_images = prepared.pages
            self.page_strip.set_pages([image.size() for image in prepared.pages], prepared.pages.__getitem__,
                                      dict(enumerate(prepared.pages)))
        elif prepared.html is not None:
            self._narrative = prepared
            self._text = prepared.text
            self._copy.setEnabled(bool(prepared.text))
            if lay_out_now:
                self._start_layout()
        if prepared.message:
            self._show_message(prepared.message)
        if prepared.header is None or (prepared.html is None and prepared.pages is None):
            log.info("CDA not displayed: %s", prepared.message)
            self.failed.emit(prepared.message or "")
        else:
            self.loaded.emit(prepared.header.title)

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self._text)

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
        """The text of the narrative shown (what "Copier le texte" copies)."""
        return self._text

    def narrative_pages(self) -> NarrativePages | None:
        """The narrative as laid out for the current width, once ready."""
        return self._narrative_pages

    def page_count(self) -> int:
        """Number of PDF pages shown (an N1 document's own pages)."""
        return len(self._pdf_images)

    def page_images(self) -> list[QImage]:
        return list(self._pdf_images)

    # --- internals -----------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # a PDF page fits the width: no sideways scrolling (not before the viewer has a real width)
        width = self._layout_width()
        self.page_strip.fit_to(width if width >= MIN_FIT_WIDTH else None)
        laid = self._narrative_pages
        if self._narrative is not None and (laid is None or laid.width != self._layout_width()):
            self._relayout.start()

    def _layout_width(self) -> int:
        return max(self._scroll.viewport().width(), 1)

    def _start_layout(self) -> asyncio.Task[None] | None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no asyncio loop (a widget test without qasync): header and text only
            return None
        self._cancel_layout()  # an older width's layout is of no use any more
        task = loop.create_task(self._lay_out(self._generation))
        self._layouts.add(task)
        task.add_done_callback(self._layouts.discard)
        return task

    def _cancel_layout(self) -> None:
        _cancel(self._layouts)

    async def _lay_out(self, generation: int) -> None:
        narrative = self._narrative
        if narrative is None or narrative.html is None:
            return
        width = self._layout_width()
        try:
            pages = await lay_out_in_child(narrative.html, narrative.breaks, width)
        except UserError as exc:
            if shiboken6.isValid(self) and generation == self._generation:
                self._show_message(exc.text)
            return
        if not shiboken6.isValid(self):  # the viewer was closed meanwhile
            return
        if generation != self._generation or width != self._layout_width():
            return  # another document, or another width: a newer layout is on its way
        self._narrative_pages = pages
        size = QSize(pages.width, PAGE_HEIGHT_PX)
        self.page_strip.set_pages([size] * pages.count, partial(pages.render, scale=self.devicePixelRatioF()))
        self.laid_out.emit(pages.count)

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


def _cancel(layouts: set[asyncio.Task[None]], *_destroyed: object) -> None:
    for task in list(layouts):
        task.cancel()


def _plain_label(text: str, parent: QWidget) -> QLabel:
    """A label that shows its text as is: received text must never be interpreted as rich text."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    label.setText(text)
    return label
