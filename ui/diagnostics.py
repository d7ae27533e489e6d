"""Aide → Diagnostic: the event-loop stall figures, live, and what this workstation runs on."""

from __future__ import annotations

import platform
from collections.abc import Callable
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QTimer, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from lgc_app import __version__ as app_version
from lgc_app.bootstrap import AppContext
from lgc_app.persistence.engine import display_url
from ui.i18n import decimal
from ui.stall_monitor import StallMonitor

REFRESH_MS = 250


def versions() -> list[tuple[str, str]]:
    def dist(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "?"

    return [("LGC Ségur", app_version), ("Python", platform.python_version()), ("Qt", qVersion()),
            ("PySide6", pyside_version), ("qasync", dist("qasync")), ("SQLAlchemy", dist("SQLAlchemy")),
            ("httpx", dist("httpx")), ("Système", platform.platform())]


class DiagnosticsDialog(QDialog):
    """Non-modal window refreshed every 250 ms while open."""

    def __init__(self, context: AppContext, monitor: StallMonitor, *, role_text: str,
                 service_state: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Diagnostic"))
        self._monitor = monitor
        self._service_state = service_state
        layout = QVBoxLayout(self)

        loop_box = QGroupBox(self.tr("Réactivité de l'interface (retard de la boucle d'événements)"), self)
        loop_form = QFormLayout(loop_box)
        self.max_label, self.p99_label, self.recent_label = QLabel(), QLabel(), QLabel()
        loop_form.addRow(self.tr("Blocage le plus long :"), self.max_label)
        loop_form.addRow(self.tr("99e centile :"), self.p99_label)
        loop_form.addRow(self.tr("Pire sur la dernière seconde :"), self.recent_label)
        layout.addWidget(loop_box)

        station_box = QGroupBox(self.tr("Poste"), self)
        station_form = QFormLayout(station_box)
        url = display_url(context.settings.database_url)
        station_form.addRow(self.tr("Rôle :"), QLabel(role_text))
        station_form.addRow(self.tr("Nom du poste :"), QLabel(context.workstation_name))
        station_form.addRow(self.tr("Base de données :"), QLabel(url))
        self.service_label = QLabel()
        station_form.addRow(self.tr("Services :"), self.service_label)
        self._worker = context.worker
        self.worker_label = QLabel()
        station_form.addRow(self.tr("Envois automatiques :"), self.worker_label)
        layout.addWidget(station_box)

        version_box = QGroupBox(self.tr("Versions"), self)
        version_form = QFormLayout(version_box)
        for name, version in versions():
            version_form.addRow(f"{name} :", QLabel(version))
        layout.addWidget(version_box)

        standard = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(standard.Reset | standard.Close, self)
        buttons.button(standard.Reset).setText(self.tr("Remettre à zéro"))
        buttons.button(standard.Reset).clicked.connect(self._reset)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def _reset(self) -> None:
        self._monitor.reset()
        self.refresh()

    def refresh(self) -> None:
        monitor = self._monitor
        if not monitor.active:
            self.max_label.setText(self.tr("mesure arrêtée"))
        else:
            self.max_label.setText(f"{decimal(monitor.max_stall_ms)} ms")
        self.p99_label.setText(f"{decimal(monitor.p99_ms)} ms")
        self.recent_label.setText(f"{decimal(monitor.recent_max_ms())} ms")
        self.service_label.setText(self._service_state())
        self.worker_label.setText(self._worker_text())

    def _worker_text(self) -> str:
        worker = self._worker
        if worker is None:
            return self.tr("non exécutés par ce poste")
        text = self.tr("exécutés par ce poste, processus d'envoi %1 (pid %2)").replace(
            "%1", worker.state.label).replace("%2", str(worker.pid or "—"))
        if worker.restarts:
            text += self.tr(", %n redémarrage(s)", "", worker.restarts)
        return text
