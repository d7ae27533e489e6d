"""INSq dashboard (Ségur wave 2): the cabinet's identities by status and the share of qualified INS."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lgc_app.bootstrap import AppContext
from lgc_app.patients.indicators import IdentityIndicators
from lgc_app.patients.vocabulary import IdentityStatus
from ui.actions import patients as actions
from ui.patients.badges import StatusBadge
from ui.patients.wording import fill
from ui.tasks import TaskManager


def percent(share: float) -> str:
    return f"{share * 100:.1f} %".replace(".", ",")


class IndicatorsView(QWidget):
    """Counts per status with bars, the qualified share in large, and the doubtful / fictitious counts."""

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insqIndicators")
        self._context = context
        self._tasks = tasks
        self.indicators: IdentityIndicators | None = None
        layout = QVBoxLayout(self)
        self.headline = QLabel(self)
        self.headline.setObjectName("qualifiedShare")
        self.headline.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(self.headline)
        box = QGroupBox(self.tr("Identités du cabinet par statut"), self)
        grid = QGridLayout(box)
        self.counts: dict[IdentityStatus, QLabel] = {}
        self.bars: dict[IdentityStatus, QProgressBar] = {}
        for row, status in enumerate(IdentityStatus):
            badge = StatusBadge(box)
            badge.set_status(status)
            bar = QProgressBar(box)
            bar.setRange(0, 1000)
            bar.setTextVisible(False)
            count = QLabel(box)
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(badge, row, 0)
            grid.addWidget(bar, row, 1)
            grid.addWidget(count, row, 2)
            self.bars[status], self.counts[status] = bar, count
        grid.setColumnStretch(1, 1)
        layout.addWidget(box)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        self.refresh_button = QPushButton(self.tr("Actualiser"), self)
        self.refresh_button.clicked.connect(self.refresh)
        layout.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.headline.setText(self.tr("Indicateurs INSq : calcul…"))

    def refresh(self) -> None:
        task = self._tasks.run(actions.identity_indicators(self._context.database),
                               label_fr=self.tr("Calcul des indicateurs INSq"))
        task.on_success(self.show_indicators)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # counts change with every identity saved elsewhere: read them when looked at

    def show_indicators(self, indicators: IdentityIndicators) -> None:
        self.indicators = indicators
        self.headline.setText(fill(self.tr("Identités qualifiées : %1 (%2 sur %3)"),
                                   percent(indicators.qualified_share), indicators.count(IdentityStatus.QUAL),
                                   indicators.total))
        for item in indicators.by_status:
            self.bars[item.status].setValue(round(item.share * 1000))
            self.counts[item.status].setText(f"{item.count} ({percent(item.share)})")
        self.details.setText(fill(self.tr("Identités douteuses : %1 · fictives : %2 · avec un INS : %3"),
                                  indicators.doubtful, indicators.fictitious, indicators.with_ins))
