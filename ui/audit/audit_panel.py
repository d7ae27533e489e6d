"""Outils → Journal d'audit: an administrator reads, filters and exports the audit journal (issue 11, item 6).

Only an administrator may open it (SSI: the journal names every patient record opened); the journal itself
is read-only: the database refuses any change to it.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lgc_app.audit.events import AuditEvent
from lgc_app.audit.journal import AuditFilter, AuditLine
from lgc_app.bootstrap import AppContext
from lgc_app.session import UserRole
from ui import messages
from ui.actions import audit as actions
from ui.tasks import TaskManager

COLUMNS = ("N°", "Date", "Événement", "Utilisateur", "Poste", "Patient", "Objet", "Détail")


def may_open(context: AppContext) -> bool:
    return context.session.user.role is UserRole.ADMINISTRATOR


class AuditPanel(QDialog):
    """The journal, the latest first, with filters by dates, user, patient and event kind."""

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Journal d'audit"))
        self._context, self._tasks = context, tasks
        self.since, self.until = QDateEdit(self), QDateEdit(self)
        for edit, day in ((self.since, QDate.currentDate().addMonths(-1)), (self.until, QDate.currentDate())):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setDate(day)
        self.who = QLineEdit(self)
        self.who.setPlaceholderText(self.tr("Utilisateur"))
        self.patient = QLineEdit(self)
        self.patient.setPlaceholderText(self.tr("N° patient"))
        self.event = QComboBox(self)
        self.event.addItem(self.tr("Tous les événements"), None)
        for event in AuditEvent:
            self.event.addItem(event.label, event.value)  # Qt keeps a plain str
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([self.tr(title) for title in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.status = QLabel(self)
        search, export, verify = (QPushButton(self.tr("Filtrer"), self), QPushButton(self.tr("Exporter en CSV…"), self),
                                  QPushButton(self.tr("Vérifier l'intégrité"), self))
        search.clicked.connect(self.refresh)
        export.clicked.connect(self.export)
        verify.clicked.connect(self.verify)
        filters = QHBoxLayout()
        for widget in (QLabel(self.tr("Du"), self), self.since, QLabel(self.tr("au"), self), self.until, self.who,
                       self.patient, self.event, search):
            filters.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(verify)
        buttons.addWidget(export)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(1100, 600)
        self.refresh()

    def filters(self) -> AuditFilter:
        since = datetime.combine(self.since.date().toPython(), time.min).astimezone(UTC)
        until = datetime.combine(self.until.date().addDays(1).toPython(), time.min).astimezone(UTC)
        patient = self.patient.text().strip()
        event = self.event.currentData()
        return AuditFilter(since, until, self.who.text().strip(), int(patient) if patient.isdigit() else None,
                           frozenset({AuditEvent(event)}) if event else frozenset())

    def refresh(self) -> None:
        task = self._tasks.run(actions.entries(self._context.database, self.filters()),
                               label_fr=self.tr("Lecture du journal d'audit"), owner=self)
        task.on_success(self.show_lines)

    def show_lines(self, lines: list[AuditLine]) -> None:
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            values = (str(line.id), line.at.astimezone().strftime("%d/%m/%Y %H:%M:%S"), line.event.label, line.who,
                      line.workstation, "" if line.patient_id is None else str(line.patient_id), line.subject,
                      line.detail)
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.status.setText(self.tr("%1 entrée(s)").replace("%1", str(len(lines))))

    def export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Exporter le journal d'audit"), "journal-audit.csv",
                                              self.tr("CSV (*.csv)"))
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        task = self._tasks.run(actions.export_csv(self._context.database, self.filters()),
                               label_fr=self.tr("Export du journal d'audit"), owner=self)
        task.on_success(lambda text: self._written(path, text))

    def _written(self, path: Path, text: str) -> None:
        path.write_text(text, encoding="utf-8-sig")  # the BOM makes spreadsheets read UTF-8
        messages.info(self.tr("Journal d'audit exporté dans %1.").replace("%1", str(path)))

    def verify(self) -> None:
        task = self._tasks.run(actions.verify(self._context.database), label_fr=self.tr("Vérification du journal"),
                               owner=self)
        task.on_success(lambda report: self.status.setText(report.text))
