"""The identity status as the user sees it everywhere: RNIV wording and one colour per status.

A badge in the form header and in every list row (Ségur INS: "statut affiché partout où le patient
l'est"); attributes (douteuse, fictive, homonyme) follow in words, never as a colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from lgc_app.patients.vocabulary import IdentityStatus

# background, text
COLOURS: dict[IdentityStatus, tuple[str, str]] = {
    IdentityStatus.PROV: ("#eceff1", "#37474f"),
    IdentityStatus.RECUP: ("#e3f0fc", "#0b4f8a"),
    IdentityStatus.VALI: ("#fff4dc", "#6b4a00"),
    IdentityStatus.QUAL: ("#e3f5e6", "#1b5e20"),
}


def status_text(status: IdentityStatus) -> str:
    """RNIV wording of a status ("Identité provisoire"…), through Qt translation."""
    texts = {
        IdentityStatus.PROV: QCoreApplication.translate("IdentityStatus", "Identité provisoire"),
        IdentityStatus.RECUP: QCoreApplication.translate("IdentityStatus", "Identité récupérée"),
        IdentityStatus.VALI: QCoreApplication.translate("IdentityStatus", "Identité validée"),
        IdentityStatus.QUAL: QCoreApplication.translate("IdentityStatus", "Identité qualifiée"),
    }
    return texts[status]


def attributes_text(*, doubtful: bool, fictitious: bool, homonym: bool) -> str:
    """The raised RNIV attributes in words ("douteuse, homonyme"), empty when none."""
    names = [QCoreApplication.translate("IdentityStatus", text) for flag, text in
             ((doubtful, "douteuse"), (fictitious, "fictive"), (homonym, "homonyme")) if flag]
    return ", ".join(names)


def badge_style(status: IdentityStatus) -> str:
    background, text = COLOURS[status]
    return (f"background: {background}; color: {text}; border: 1px solid {text}; border-radius: 8px; "
            "padding: 1px 8px; font-weight: bold;")


class StatusBadge(QLabel):
    """A coloured pill with the status wording (and the attributes, if any)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBadge")
        self.status: IdentityStatus | None = None
        self.hide()

    def set_status(self, status: IdentityStatus | None, attributes: str = "") -> None:
        self.status = status
        if status is None:
            self.hide()
            return
        self.setText(f"{status_text(status)} — {attributes}" if attributes else status_text(status))
        self.setStyleSheet(badge_style(status))
        self.show()


STATUS_ROLE = Qt.ItemDataRole.UserRole + 1


class StatusBadgeDelegate(QStyledItemDelegate):
    """Paints the `STATUS_ROLE` value of a cell as a status pill (list rows).

    Each pill is drawn once per status, cell size, font and pixel ratio, then copied: shaping the wording and
    an antialiased rounded rectangle at every repaint cost as much as the rest of a patient list's paint."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pills: dict[tuple[IdentityStatus, int, int, str, float], QPixmap] = {}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        code = index.data(STATUS_ROLE)  # a StrEnum comes back from QVariant as its plain code
        if code not in IdentityStatus.__members__:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else None
        if style is not None:  # selection background first, then the pill over it
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        pill = self._pill(IdentityStatus(code), option, painter.device().devicePixelRatioF())
        height = pill.deviceIndependentSize().height()
        painter.drawPixmap(QPointF(option.rect.left() + 2, option.rect.center().y() - height / 2), pill)

    def _pill(self, status: IdentityStatus, option: QStyleOptionViewItem, ratio: float) -> QPixmap:
        key = (status, option.rect.width(), option.rect.height(), option.font.key(), ratio)
        if (pill := self._pills.get(key)) is None:
            pill = self._pills[key] = _draw_pill(status, option, ratio)
        return pill


def _draw_pill(status: IdentityStatus, option: QStyleOptionViewItem, ratio: float) -> QPixmap:
    background, text = COLOURS[status]
    label = status_text(status)
    metrics = option.fontMetrics
    width = max(1, min(metrics.horizontalAdvance(label) + 16, option.rect.width() - 4))
    height = metrics.height() + 2
    pixmap = QPixmap(round(width * ratio), round(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(option.font)
    painter.setPen(QColor(text))
    painter.setBrush(QColor(background))
    pill = QRectF(0.5, 0.5, width - 1, height - 1)
    painter.drawRoundedRect(pill, 8, 8)
    painter.drawText(pill, Qt.AlignmentFlag.AlignCenter,
                     metrics.elidedText(label, Qt.TextElideMode.ElideRight, width - 8))
    painter.end()
    return pixmap
