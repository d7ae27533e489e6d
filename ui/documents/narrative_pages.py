"""An N3 narrative laid out and painted entirely off the GUI thread (issue 10: "any CDA up to the size cap must
display with under 50 ms of event-loop stall").

Qt lays rich text out on the calling thread and PySide6 keeps Python's GIL held during most calls, so a long
`setHtml` or layout in a worker thread would still freeze the GUI thread's Python code. Hence:
- the sanitised HTML is fed to a QTextDocument in pieces cut between top-level blocks (`NarrativeBody.breaks`),
  each a short call; with no page size set, Qt only parses, it does not lay out yet;
- layout and painting happen in `QTextDocument.print_` to a PDF in memory: the one QTextDocument call that
  PySide6 runs with the GIL released (typesystem_gui_common.xml, `allow-thread`), whatever the document's size;
- the GUI thread then shows page images rasterised from that PDF on demand (PDFium, called through ctypes,
  also releases the GIL), through the same page strip as an N1 document's PDF pages.
The document never loads a resource (`SafeTextDocument`); the HTML has none anyway (narrative.py).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QEventLoop, QIODevice, QMarginsF, QObject, QSizeF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextCursor, QTextDocument, QTextOption

from ui.documents.pdf_pages import page_count, render_page

NARRATIVE_CSS = "h2 { font-size: large; } h3, h4 { font-size: medium; } table { border-collapse: collapse; }"
PAGE_HEIGHT_PX = 1500
PIECE_CHARS = 32_000  # one insertHtml of this size holds the GIL for about 10 ms
MIN_WIDTH_PX = 320


class SafeTextDocument(QTextDocument):
    """A QTextDocument that never loads a resource (image, style sheet, file:, http:), and wraps lines only
    between words: Qt's default would cut a table heading mid-word ("Renouvelle/ments") to squeeze a column."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        option = QTextOption(self.defaultTextOption())
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        self.setDefaultTextOption(option)

    def loadResource(self, kind: int, name: QUrl) -> object:
        return None


@dataclass(frozen=True)
class NarrativePages:
    """A narrative laid out `width` logical pixels wide, as a PDF of `count` pages of `width` × PAGE_HEIGHT_PX."""

    pdf: bytes
    count: int
    width: int

    def render(self, index: int, scale: float = 1.0) -> QImage:
        """Page `index` as an image (`scale`: device pixel ratio); blocking, for a worker thread."""
        image = render_page(self.pdf, index, round(self.width * scale))
        image.setDevicePixelRatio(scale)
        return image


def pieces(html: str, breaks: list[int], size: int = PIECE_CHARS) -> list[str]:
    """`html` cut at some of `breaks` into well-formed pieces of about `size` characters (one piece when a
    block is longer, e.g. a big table)."""
    cuts = [0]
    for offset in breaks:
        if offset - cuts[-1] >= size and offset < len(html):
            cuts.append(offset)
    cuts.append(len(html))
    return [html[start:end] for start, end in itertools.pairwise(cuts) if end > start]


def lay_out(html: str, breaks: list[int], width: int) -> NarrativePages:
    """Lay the narrative out `width` pixels wide and paint it to PDF pages; for a worker thread."""
    width = max(width, MIN_WIDTH_PX)
    # Qt's rich-text layout starts timers: a Python worker thread needs an event dispatcher for them, which
    # creating an event loop gives it (the loop never runs; the timers die with the document).
    dispatcher = QEventLoop()
    document = SafeTextDocument()
    document.setUndoRedoEnabled(False)
    document.setDefaultStyleSheet(NARRATIVE_CSS)
    cursor = QTextCursor(document)
    for piece in pieces(html, breaks):
        cursor.insertHtml(piece)
    document.setPageSize(QSizeF(width, PAGE_HEIGHT_PX))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(72)  # one PDF point per logical pixel: pages come out at the document's page size
    writer.setPageLayout(QPageLayout(QPageSize(QSizeF(width, PAGE_HEIGHT_PX), QPageSize.Unit.Point),
                                     QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    document.print_(writer)
    del writer  # finishes the PDF
    pdf = bytes(buffer.data().data())
    del document, dispatcher
    return NarrativePages(pdf, page_count(pdf), width)
