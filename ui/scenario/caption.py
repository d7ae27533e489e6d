"""The caption a played scenario shows over the main window: which step, what happens, in French, large enough
to be read by a homologation audience; it floats over the window (no layout change) and lets clicks through."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtWidgets import QLabel, QWidget

MARGIN_PX = 24
STATUS_BAR_PX = 28  # the main window's status bar stays readable under the caption
STYLE = ("QLabel#scenarioCaption { background: rgba(20, 40, 70, 215); color: white; font-size: 17px; "
         "padding: 12px 18px; border-radius: 8px; }")


class Caption(QLabel):
    """A banner over the bottom centre of `host` (where the screens have the least to read), following its
    size."""

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("scenarioCaption")
        self.setStyleSheet(STYLE)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()
        host.installEventFilter(self)

    def say(self, title: str, detail: str = "") -> None:
        """Show `title` (bold) and `detail` under it; plain texts, escaped here."""
        self.setText(f"<b>{escape(title)}</b>" + (f"<br>{escape(detail)}" if detail else ""))
        self._place()
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move) and self.isVisible():
            self._place()
        return False

    def _place(self) -> None:
        area = self._visible_area()
        self.setFixedWidth(max(min(720, area.width() - 2 * MARGIN_PX), 200))
        self.adjustSize()
        self.move(area.left() + (area.width() - self.width()) // 2,
                  area.bottom() - self.height() - MARGIN_PX - STATUS_BAR_PX)

    def _visible_area(self) -> QRect:
        """The part of the host on its screen: a window larger than a small demonstration screen would otherwise
        carry the caption out of sight."""
        host = self.parentWidget()
        assert host is not None  # a caption always has its host
        screen = host.screen()
        if screen is None:
            return host.rect()
        available = screen.availableGeometry()
        on_screen = QRect(host.mapFromGlobal(available.topLeft()), available.size()).intersected(host.rect())
        return on_screen if on_screen.height() > 0 and on_screen.width() > 0 else host.rect()
