"""Measured page layout: text and tables flowed top-down onto pages of a fixed body area.

Layout happens before painting, so the page count is known when the running header and footer ("Page X / Y")
are drawn. Every length is in device units of the paint device the layout was measured on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPaintDevice, QPainter, QPen, QTextLayout, QTextLine

DrawOp = Callable[[QPainter], None]

GRID = QColor(120, 120, 120)
HEADER_FILL = QColor(230, 230, 230)


@dataclass
class Pager:
    """Flows blocks onto pages; collects the drawing operations of each page.

    Args:
        device: the paint device text is measured for.
        width: the width of the body area.
        top: where the body starts on a page (below the running header).
        bottom: where the body ends on a page (above the running footer).
    """

    device: QPaintDevice
    width: float
    top: float
    bottom: float
    pages: list[list[DrawOp]] = field(default_factory=lambda: [[]])
    y: float = 0.0
    _layouts: list[QTextLayout] = field(default_factory=list)  # QTextLine draws only while its layout lives

    def __post_init__(self) -> None:
        self.y = self.top

    @property
    def space_left(self) -> float:
        return self.bottom - self.y

    @property
    def at_page_top(self) -> bool:
        return self.y <= self.top

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.top

    def ensure(self, height: float) -> None:
        """Start a new page unless `height` fits below the current position (or the page is still empty)."""
        if height > self.space_left and not self.at_page_top:
            self.new_page()

    def add(self, op: DrawOp) -> None:
        self.pages[-1].append(op)

    def skip(self, height: float) -> None:
        self.y = min(self.y + height, self.bottom)

    def wrap(self, text: str, font: QFont, width: float) -> list[QTextLine]:
        """Break `text` into lines of at most `width`; each line's position is relative to the block."""
        layout = QTextLayout(text, font, self.device)
        layout.beginLayout()
        lines: list[QTextLine] = []
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height()
            lines.append(line)
        layout.endLayout()
        self._layouts.append(layout)
        return lines

    def text(self, text: str, font: QFont, *, x: float = 0.0, width: float | None = None,
             color: QColor | None = None) -> None:
        """Flow one paragraph ("\\n" = line break), splitting it across pages between lines."""
        for part in text.split("\n"):
            for line in self.wrap(part, font, self.width - x if width is None else width):
                self.ensure(line.height())
                self.add(_line_op(line, QPointF(x, self.y - line.position().y()), color))
                self.y += line.height()

    def line_height(self, font: QFont) -> float:
        return QFontMetricsF(font, self.device).height()


def _line_op(line: QTextLine, origin: QPointF, color: QColor | None) -> DrawOp:
    def draw(painter: QPainter) -> None:
        painter.save()
        if color is not None:
            painter.setPen(color)
        line.draw(painter, origin)
        painter.restore()
    return draw


def column_widths(pager: Pager, rows: Sequence[Sequence[str]], font: QFont, width: float,
                  padding: float) -> list[float]:
    """Narrow columns get their natural width; wide ones share what is left in proportion to their need."""
    count = max(len(row) for row in rows)
    metrics = QFontMetricsF(font, pager.device)
    natural = [0.0] * count
    for row in rows:
        for index, cell in enumerate(row):
            longest = max((metrics.horizontalAdvance(part) for part in cell.split("\n")), default=0.0)
            natural[index] = max(natural[index], min(longest + 2 * padding, width))
    fair = width / count
    base = [min(need, fair) for need in natural]
    extra = width - sum(base)
    wanting = [need - got for need, got in zip(natural, base, strict=True)]
    total_want = sum(wanting)
    if total_want <= 0:
        return [got + extra / count for got in base]
    return [got + extra * want / total_want for got, want in zip(base, wanting, strict=True)]


def table(pager: Pager, rows: Sequence[Sequence[str]], font: QFont, bold: QFont, padding: float) -> None:
    """Flow a table whose first row is a header; the header is repeated at the top of each new page."""
    if not rows:
        return
    widths = column_widths(pager, rows, bold, pager.width, padding)
    header = _row_cells(pager, rows[0], bold, widths, padding)
    _place_row(pager, header, widths, padding, header=None)
    for row in rows[1:]:
        _place_row(pager, _row_cells(pager, row, font, widths, padding), widths, padding, header=header)


def _row_cells(pager: Pager, row: Sequence[str], font: QFont, widths: Sequence[float],
               padding: float) -> list[list[QTextLine]]:
    cells = [*row, *[""] * (len(widths) - len(row))]
    cells_lines: list[list[QTextLine]] = []
    for text, width in zip(cells, widths, strict=True):
        lines: list[QTextLine] = []
        for part in text.split("\n"):
            lines.extend(pager.wrap(part, font, max(width - 2 * padding, 1.0)))
        cells_lines.append(lines)
    return cells_lines


def _place_row(pager: Pager, cells: list[list[QTextLine]], widths: Sequence[float], padding: float,
               header: list[list[QTextLine]] | None) -> None:
    """Place a row whole when it fits on a page, else in slices of whole lines across pages.

    `header` is the table's header row, repeated on each new page; None when placing the header itself
    (drawn on a grey background).
    """
    filled = header is None
    needed = max(sum(line.height() for line in lines) for lines in cells) + 2 * padding
    if needed > pager.space_left and not pager.at_page_top:
        pager.new_page()
        if header is not None:
            _place_row(pager, header, widths, padding, header=None)
    remaining = [list(lines) for lines in cells]
    while True:
        room = pager.space_left - 2 * padding
        # at least one line per slice, so that even a line taller than a page cannot loop forever
        taken = [_take_lines(lines, room) for lines in remaining]
        height = max(sum(line.height() for line in lines) for lines in taken) + 2 * padding
        pager.add(_row_op(taken, widths, padding, pager.y, height, filled))
        pager.skip(height)
        if not any(remaining):
            return
        pager.new_page()
        if header is not None:
            _place_row(pager, header, widths, padding, header=None)


def _take_lines(lines: list[QTextLine], room: float) -> list[QTextLine]:
    """Remove from `lines` and return the leading lines that fit in `room` (at least one)."""
    used, count = 0.0, 0
    while count < len(lines) and (count == 0 or used + lines[count].height() <= room):
        used += lines[count].height()
        count += 1
    taken = lines[:count]
    del lines[:count]
    return taken


def _row_op(cells: list[list[QTextLine]], widths: Sequence[float], padding: float, top: float, height: float,
            filled: bool) -> DrawOp:
    def draw(painter: QPainter) -> None:
        x = 0.0
        painter.save()
        for lines, width in zip(cells, widths, strict=True):
            rect = QRectF(x, top, width, height)
            if filled:
                painter.fillRect(rect, HEADER_FILL)
            painter.setPen(QPen(GRID, 0))
            painter.drawRect(rect)
            painter.setPen(QColor(0, 0, 0))
            y = top + padding
            for line in lines:
                line.draw(painter, QPointF(x + padding, y - line.position().y()))
                y += line.height()
            x += width
        painter.restore()
    return draw
