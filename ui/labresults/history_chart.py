"""The history of one analyte as a small chart drawn with QPainter (PySide6-Essentials has no QtCharts).

Dates run left to right, values bottom to top; the reference range of the latest result is a shaded band;
each result is a point joined to the next; a result the laboratory flagged is a red triangle (pointing up for
high, down for low) with its value written beside it, so that it is told apart by shape and text, not by colour
alone. The geometry is computed by `ChartLayout` (a pure function of the widget size), which the tests use to
know where each point was drawn.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from lgc_app.labresults.flags import Flag
from lgc_app.labresults.use_cases import AnalyteHistory, HistoryPoint
from ui.i18n import decimal

MARGINS = (64.0, 30.0, 18.0, 40.0)  # left, top, right, bottom: room for the value axis, title and dates
BAND = QColor(46, 160, 67, 45)
BAND_EDGE = QColor(46, 160, 67, 140)
NORMAL_POINT = QColor(31, 78, 140)
ABNORMAL_POINT = QColor(196, 30, 58)
LINE = QColor(120, 120, 120)
AXIS = QColor(60, 60, 60)
GRID = QColor(220, 220, 220)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round values (1, 2, 2.5 or 5 × 10^n apart), the first ≤ low and the last ≥ high."""
    if high <= low:
        high = low + 1.0
    raw = (high - low) / max(1, count - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    return [round(n * step, 10) for n in range(first, last + 1)]


def _digits(ticks: list[float]) -> int:
    """The fewest decimals that write every tick exactly (0.25 → 2, 10 → 0)."""
    return next((d for d in range(5) if all(abs(round(t, d) - t) < 1e-9 for t in ticks)), 4)


@dataclass(frozen=True)
class ChartLayout:
    """Where everything goes for `history` in a widget of `size`."""

    plot: QRectF
    start: datetime
    end: datetime
    low: float
    high: float

    @classmethod
    def of(cls, history: AnalyteHistory, size: QSize) -> ChartLayout:
        left, top, right, bottom = MARGINS
        plot = QRectF(left, top, max(10.0, size.width() - left - right), max(10.0, size.height() - top - bottom))
        dates = [point.observed_at for point in history.points]
        start, end = min(dates), max(dates)
        pad = (end - start) * 0.06 if end > start else timedelta(days=15)
        values = [point.value for point in history.points]
        latest = history.points[-1]
        values += [bound for bound in (latest.range_low, latest.range_high) if bound is not None]
        low, high = min(values), max(values)
        spread = high - low or abs(high) * 0.5 or 1.0
        bottom = low - spread * 0.1
        # a concentration is never negative: the axis starts at 0 rather than below it
        ticks = nice_ticks(max(0.0, bottom) if low >= 0 else bottom, high + spread * 0.1)
        return cls(plot, start - pad, end + pad, ticks[0], ticks[-1])

    def x(self, moment: datetime) -> float:
        span = (self.end - self.start).total_seconds() or 1.0
        return self.plot.left() + self.plot.width() * (moment - self.start).total_seconds() / span

    def y(self, value: float) -> float:
        span = (self.high - self.low) or 1.0
        return self.plot.bottom() - self.plot.height() * (value - self.low) / span

    def position(self, point: HistoryPoint) -> QPointF:
        return QPointF(self.x(point.observed_at), self.y(point.value))


class HistoryChart(QWidget):
    """The chart of one `AnalyteHistory` (empty: a sentence saying what to do)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history: AnalyteHistory | None = None
        self.setMinimumSize(320, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)

    def set_history(self, history: AnalyteHistory | None) -> None:
        self.history = history
        self.setToolTip(self._summary() if history is not None else "")
        self.update()

    def layout_for(self, size: QSize) -> ChartLayout | None:
        if self.history is None or not self.history.points:
            return None
        return ChartLayout.of(self.history, size)

    def _summary(self) -> str:
        """The values in words (screen readers, tooltip)."""
        assert self.history is not None
        return "\n".join(f"{p.observed_at.astimezone().strftime('%d/%m/%Y')} : {decimal(p.value, 3)} "
                         f"{self.history.unit}" for p in self.history.points)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        layout = self.layout_for(self.size())
        if layout is None or self.history is None:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.tr("Sélectionnez un résultat numérique pour voir l'évolution de cette analyse.")
                             if self.history is None else
                             self.tr("Aucune valeur numérique datée pour cette analyse."))
            painter.end()
            return
        self._title(painter)
        self._band(painter, layout)
        self._axes(painter, layout)
        self._points(painter, layout)
        painter.end()

    def _title(self, painter: QPainter) -> None:
        assert self.history is not None
        painter.setPen(self.palette().text().color())
        unit = f" ({self.history.unit})" if self.history.unit else ""
        title = painter.fontMetrics().elidedText(f"{self.history.display}{unit}", Qt.TextElideMode.ElideRight,
                                                 self.width() - 16)
        painter.drawText(QRectF(8, 4, self.width() - 16, 22),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)

    def _band(self, painter: QPainter, layout: ChartLayout) -> None:
        assert self.history is not None
        latest = self.history.points[-1]
        if latest.range_low is None and latest.range_high is None:
            return
        top = layout.y(latest.range_high) if latest.range_high is not None else layout.plot.top()
        bottom = layout.y(latest.range_low) if latest.range_low is not None else layout.plot.bottom()
        band = QRectF(layout.plot.left(), top, layout.plot.width(), bottom - top).intersected(layout.plot)
        painter.fillRect(band, BAND)
        painter.setPen(QPen(BAND_EDGE, 1, Qt.PenStyle.DashLine))
        for bound in (latest.range_low, latest.range_high):
            if bound is not None:
                painter.drawLine(QPointF(layout.plot.left(), layout.y(bound)),
                                 QPointF(layout.plot.right(), layout.y(bound)))

    def _axes(self, painter: QPainter, layout: ChartLayout) -> None:
        metrics = painter.fontMetrics()
        ticks = nice_ticks(layout.low, layout.high)
        digits = _digits(ticks)
        for value in ticks:
            y = layout.y(value)
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(layout.plot.left(), y), QPointF(layout.plot.right(), y))
            painter.setPen(AXIS)
            painter.drawText(QRectF(0, y - 9, layout.plot.left() - 6, 18),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, decimal(value, digits))
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(layout.plot.bottomLeft(), layout.plot.bottomRight())
        painter.drawLine(layout.plot.bottomLeft(), layout.plot.topLeft())
        assert self.history is not None
        last_right = -1e9
        for point in self.history.points:  # a date under each result, unless it would overlap the previous one
            x = layout.x(point.observed_at)
            label = point.observed_at.astimezone().strftime("%d/%m/%y")
            width = metrics.horizontalAdvance(label)
            painter.drawLine(QPointF(x, layout.plot.bottom()), QPointF(x, layout.plot.bottom() + 4))
            if x - width / 2 > last_right + 4:
                painter.drawText(QRectF(x - width / 2 - 2, layout.plot.bottom() + 6, width + 4, 18),
                                 Qt.AlignmentFlag.AlignCenter, label)
                last_right = x + width / 2

    def _points(self, painter: QPainter, layout: ChartLayout) -> None:
        assert self.history is not None
        positions = [layout.position(point) for point in self.history.points]
        painter.setPen(QPen(LINE, 1.5))
        for start, end in itertools.pairwise(positions):
            painter.drawLine(start, end)
        for point, at in zip(self.history.points, positions, strict=True):
            if point.flag.is_abnormal:
                self._abnormal_point(painter, point, at)
            else:
                painter.setPen(QPen(NORMAL_POINT.darker(130), 1))
                painter.setBrush(NORMAL_POINT)
                painter.drawEllipse(at, 4.5, 4.5)

    def _abnormal_point(self, painter: QPainter, point: HistoryPoint, at: QPointF) -> None:
        low = point.flag in (Flag.LOW, Flag.CRITICAL_LOW)
        size = 7.0 if point.flag.is_critical else 6.0
        tip = size if low else -size  # the triangle points the way the value is out of range
        triangle = QPolygonF([QPointF(at.x(), at.y() + tip), QPointF(at.x() - size, at.y() - tip * 0.8),
                              QPointF(at.x() + size, at.y() - tip * 0.8)])
        painter.setPen(QPen(ABNORMAL_POINT.darker(140), 1))
        painter.setBrush(ABNORMAL_POINT)
        painter.drawPolygon(triangle)
        painter.setPen(ABNORMAL_POINT.darker(120))
        painter.drawText(QPointF(at.x() + size + 3, at.y() + 4), decimal(point.value, 2))
