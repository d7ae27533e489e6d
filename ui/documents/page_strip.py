"""Pages shown one under the other, painted from images prepared off the GUI thread.

The strip knows every page's size up front (its scroll height is right at once) and asks for the image of a
page only when the page is painted, through `run_in_thread`: the GUI thread never rasterises nor lays out
anything, it only draws finished QImages (QPixmap conversion would also cost it). A few recent images are
kept; a page still on its way is painted blank. Used for an N1 document's PDF pages and for an N3
narrative laid out as pages (narrative_pages.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from lgc_app.errors import UserError
from ui.tasks import run_in_thread

log = logging.getLogger("lgc.ui.documents.pages")

GAP_PX = 8
KEPT_IMAGES = 12  # about 12 × 4.5 MB at most


class PageStrip(QWidget):
    """Pages of given sizes (logical pixels); `render(index)` gives a page's image (blocking, thread-safe)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sizes: list[QSize] = []
        self._render: Callable[[int], QImage] | None = None
        self._images: OrderedDict[int, QImage] = OrderedDict()
        self._loading: dict[int, asyncio.Task[None]] = {}
        self._generation = 0
        self._fit_width: int | None = None  # pages wider than this are drawn scaled down (no sideways scrolling)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def set_pages(self, sizes: list[QSize], render: Callable[[int], QImage] | None,
                  images: dict[int, QImage] | None = None) -> None:
        """Show these pages (no pages: empty strip); `images` already rendered are shown as they are."""
        self._generation += 1
        self._sizes = sizes
        self._render = render
        self._images = OrderedDict(images or {})
        self._loading = {}
        self._resize()

    def fit_to(self, width: int | None) -> None:
        """Draw the pages at most `width` pixels wide (the viewport's), keeping their proportions; None: their
        own size. Only the drawing scales: the images are not rendered again."""
        if width != self._fit_width:
            self._fit_width = width
            self._resize()

    def _shown(self, size: QSize) -> QSize:
        if self._fit_width is None or size.width() <= self._fit_width:
            return size
        return QSize(self._fit_width, max(1, size.height() * self._fit_width // size.width()))

    def _resize(self) -> None:
        shown = [self._shown(size) for size in self._sizes]
        width = max((size.width() for size in shown), default=0)
        height = sum(size.height() for size in shown) + GAP_PX * max(len(shown) - 1, 0)
        self.setFixedSize(width, height)
        self.update()

    def page_count(self) -> int:
        return len(self._sizes)

    def image(self, index: int) -> QImage | None:
        """The image of page `index` if it is rendered and kept."""
        return self._images.get(index)

    def page_rect(self, index: int) -> QRect:
        top = sum(self._shown(size).height() + GAP_PX for size in self._sizes[:index])
        size = self._shown(self._sizes[index])
        return QRect((self.width() - size.width()) // 2, top, size.width(), size.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        exposed = event.rect()
        top = 0
        for index, size in enumerate(self._shown(size) for size in self._sizes):
            if top > exposed.bottom():
                break
            rect = QRect((self.width() - size.width()) // 2, top, size.width(), size.height())
            if rect.intersects(exposed):
                image = self._images.get(index)
                if image is None:
                    painter.fillRect(rect, Qt.GlobalColor.white)
                    self._request(index)
                else:
                    self._images.move_to_end(index)
                    painter.drawImage(rect, image)
            top += size.height() + GAP_PX
        painter.end()

    def _request(self, index: int) -> None:
        if self._render is None or index in self._loading:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no asyncio loop on this thread (a widget test without qasync): stays blank
            return
        self._loading[index] = loop.create_task(self._load(index, self._generation, self._render))

    async def _load(self, index: int, generation: int, render: Callable[[int], QImage]) -> None:
        try:
            image = await run_in_thread(render, index)
        except UserError as exc:  # a page PDFium cannot draw stays blank; the others are still shown
            log.warning("page %d not rendered: %s", index, exc)
            return
        finally:
            if generation == self._generation:
                self._loading.pop(index, None)
        if generation != self._generation or not shiboken6.isValid(self):  # replaced, or the viewer is gone
            return
        self._images[index] = image
        while len(self._images) > KEPT_IMAGES:
            self._images.popitem(last=False)
        self.update(self.page_rect(index))
