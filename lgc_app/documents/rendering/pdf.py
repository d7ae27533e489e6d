"""PDF/A-1b rendering of a `PdfDocument` with Qt's PDF writer (QtGui only, headless, any thread).

Qt's PDF/A-1b mode writes the XMP packet (pdfaid part 1, conformance B, synchronised with the Info
dictionary), an sRGB OutputIntent with its ICC profile, the trailer /ID, and embeds font subsets with a
CIDSet; no transparency is used here (PDF/A-1 forbids it). See qt_runtime for the threading rule.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt, QUuid
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from lgc_app.documents.rendering.layout import GRID, DrawOp, Pager, table
from lgc_app.documents.rendering.qt_runtime import ensure_gui_application
from lgc_app.documents.rendering.spec import PdfDocument
from lgc_app.errors import UserError

RESOLUTION = 600  # dpi of the device units used for layout; text and rules stay vector
MARGINS_MM = QMarginsF(18, 14, 18, 14)
DATAMATRIX_MM = 20.0  # printed side of the INS datamatrix, quiet zone included
CREATOR = "LGC Ségur"
GREY = QColor(85, 85, 85)
FONT_FAMILIES = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"]


class PdfRenderError(UserError, RuntimeError):
    """The PDF could not be produced (message in French, for the user)."""

    code = "DOC-PDF"
    summary = "Le PDF du document n'a pas pu être produit."


def render_pdf(doc: PdfDocument) -> bytes:
    """Render `doc` as a PDF/A-1b file (A4, running header, "Page X / Y" footer).

    Safe to call from any thread and without a QApplication (see qt_runtime); CPU-bound, so async callers
    use `asyncio.to_thread(render_pdf, doc)`.

    Raises:
        PdfRenderError: Qt could not open the PDF writer.
    """
    ensure_gui_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _writer(buffer, doc)
    painter = QPainter()
    if not painter.begin(writer):
        raise PdfRenderError("impossible de créer le document PDF")
    try:
        pager = _layout(writer, doc)  # keeps the text layouts alive while the pages are painted
        _paint(painter, writer, doc, pager.pages)
    finally:
        painter.end()
        buffer.close()
    return bytes(data.data())


def _writer(buffer: QBuffer, doc: PdfDocument) -> QPdfWriter:
    writer = QPdfWriter(buffer)
    writer.setPdfVersion(QPagedPaintDevice.PdfVersion.PdfVersion_A1b)
    writer.setResolution(RESOLUTION)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    writer.setTitle(doc.title)
    writer.setAuthor(doc.author_lines[0] if doc.author_lines else "")
    writer.setCreator(CREATOR)
    writer.setDocumentId(QUuid(str(_document_uuid(doc.document_id))))
    return writer


def _document_uuid(document_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(document_id)
    except ValueError:
        return uuid.uuid5(uuid.NAMESPACE_OID, document_id)


def _font(points: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(points)
    font.setBold(bold)
    # no "fi"/"fl" ligature glyphs: extracted and searched text must read "fièvre", not "ﬁèvre"
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def _pt(points: float) -> float:
    return points * RESOLUTION / 72


def _mm(millimetres: float) -> float:
    return millimetres * RESOLUTION / 25.4


def _band_height(writer: QPdfWriter) -> float:
    return QFontMetricsF(_font(8), writer).height() + _pt(6)


def _layout(writer: QPdfWriter, doc: PdfDocument) -> Pager:
    band = _band_height(writer)
    pager = Pager(writer, writer.width(), top=band + _pt(6), bottom=writer.height() - band)
    pager.text(doc.title, _font(16, bold=True))
    if doc.subtitle:
        pager.text(doc.subtitle, _font(11), color=GREY)
    pager.skip(_pt(10))
    _identity_block(pager, doc)
    pager.skip(_pt(8))
    for line in doc.author_lines:
        pager.text(line, _font(10))
    pager.text(f"Document créé le {doc.created_at:%d/%m/%Y à %H:%M}", _font(9), color=GREY)
    heading, body = _font(12, bold=True), _font(10)
    for section in doc.sections:
        pager.skip(_pt(12))
        # keep a heading with the first line under it
        pager.ensure(pager.line_height(heading) + _pt(4) + pager.line_height(body))
        pager.text(section.heading, heading)
        pager.skip(_pt(4))
        for paragraph in section.paragraphs:
            pager.text(paragraph, body)
            pager.skip(_pt(4))
        if section.table:
            table(pager, section.table, _font(9), _font(9, bold=True), padding=_pt(3))
    return pager


def _identity_block(pager: Pager, doc: PdfDocument) -> None:
    """Framed patient identity, with the INS datamatrix on the right when there is one (never split)."""
    padding = _pt(6)
    side = _mm(DATAMATRIX_MM) if doc.datamatrix else 0.0
    text_width = pager.width - 2 * padding - (side + padding if side else 0.0)
    blocks = [pager.wrap(line, _font(11, bold=True) if index == 0 else _font(10), text_width)
              for index, line in enumerate(doc.patient_lines)]
    text_height = sum(line.height() for lines in blocks for line in lines)
    height = max(text_height, side) + 2 * padding
    pager.ensure(height)
    top, width, matrix = pager.y, pager.width, doc.datamatrix

    def draw(painter: QPainter) -> None:
        painter.save()
        painter.setPen(QPen(GRID, 0))
        painter.drawRect(QRectF(0, top, width, height))
        painter.setPen(QColor(0, 0, 0))
        y = top + padding
        for lines in blocks:
            for line in lines:
                line.draw(painter, QPointF(padding, y - line.position().y()))
                y += line.height()
        if matrix:
            _draw_datamatrix(painter, matrix, QRectF(width - padding - side, top + padding, side, side))
        painter.restore()

    pager.add(draw)
    pager.skip(height)


def _draw_datamatrix(painter: QPainter, matrix: Sequence[Sequence[bool]], area: QRectF) -> None:
    """Dark modules as filled squares, one rectangle per horizontal run; one module of quiet zone around."""
    rows, columns = len(matrix), max(len(row) for row in matrix)
    module = min(area.width() / (columns + 2), area.height() / (rows + 2))
    left, top = area.left() + module, area.top() + module
    black = QColor(0, 0, 0)
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            run = QRectF(left + start * module, top + r * module, (c - start) * module, module)
            painter.fillRect(run, black)


def _paint(painter: QPainter, writer: QPdfWriter, doc: PdfDocument, pages: list[list[DrawOp]]) -> None:
    """Second pass: the page count is known, so each page gets its header and "Page X / Y" footer."""
    total = len(pages)
    for number, ops in enumerate(pages, start=1):
        if number > 1:
            writer.newPage()
        _bands(painter, writer, doc, number, total)
        for op in ops:
            op(painter)


def _bands(painter: QPainter, writer: QPdfWriter, doc: PdfDocument, number: int, total: int) -> None:
    font = _font(8)
    metrics = QFontMetricsF(font, writer)
    width, height, band = writer.width(), writer.height(), _band_height(writer)
    text_height = metrics.height()
    painter.save()
    painter.setFont(font)
    painter.setPen(GREY)
    half = width / 2 - _pt(6)
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
    patient = doc.patient_lines[0] if doc.patient_lines else ""
    elide = Qt.TextElideMode.ElideRight
    painter.drawText(QRectF(0, 0, half, text_height), left, metrics.elidedText(doc.title, elide, half))
    painter.drawText(QRectF(width - half, 0, half, text_height), right,
                     metrics.elidedText(patient, elide, half))
    painter.setPen(QPen(GRID, 0))
    painter.drawLine(QPointF(0, band - _pt(3)), QPointF(width, band - _pt(3)))
    footer_top = height - band + _pt(3)
    painter.drawLine(QPointF(0, footer_top), QPointF(width, footer_top))
    painter.setPen(GREY)
    page_label = f"Page {number} / {total}"
    label_width = metrics.horizontalAdvance(page_label) + _pt(2)
    footer_width = width - label_width - _pt(12)
    painter.drawText(QRectF(0, footer_top + _pt(3), footer_width, text_height), left,
                     metrics.elidedText(doc.footer, elide, footer_width))
    painter.drawText(QRectF(width - label_width, footer_top + _pt(3), label_width, text_height), right,
                     page_label)
    painter.restore()
