"""The "Résultats" panel: the open patient's laboratory results (latest first, filtered by analyte) above the
history chart of the analyte selected; and, when lab reports imported from the DMP were not read yet, the offer
to extract their results. Everything is read through the task bridge on the database thread when the panel is
shown, so opening a patient never waits on it.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from lgc_app.bootstrap import AppContext
from lgc_app.labresults.use_cases import Analyte, AnalyteHistory, LabResultRow, ReceivedLabReport
from ui import messages
from ui.actions import labresults as actions
from ui.labresults.history_chart import HistoryChart
from ui.labresults.results_model import ANALYTE, ResultsModel
from ui.patient_panel import PatientPanel
from ui.record_table import record_table
from ui.tasks import TaskManager

Loaded = tuple[list[LabResultRow], list[Analyte], list[ReceivedLabReport]]


async def _load(context: AppContext, patient_id: int, analyte: str) -> Loaded:
    return (await actions.results(context, patient_id, analyte), await actions.analytes(context, patient_id),
            await actions.received_reports(context, patient_id))


class ResultsPanel(PatientPanel):
    """Signals:
        refreshed(int): the table shows the results of this patient.
        history_shown(str): the chart shows the history of this LOINC code.
        extracted(int): results were extracted from a report imported from the DMP (how many were added).
    """

    refreshed = Signal(int)
    history_shown = Signal(str)
    extracted = Signal(int)

    def __init__(self, context: AppContext, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._tasks = tasks
        self.hint = QLabel(self.tr("Résultats de biologie reçus pour le patient ouvert (comptes rendus structurés). "
                                   "Sélectionnez un résultat pour voir son évolution."),
                           self)
        self.hint.setWordWrap(True)
        self.analyte = QComboBox(self)
        self.analyte.setMinimumContentsLength(30)
        self.analyte.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.analyte.addItem(self.tr("Toutes les analyses"), "")
        self.analyte.activated.connect(lambda _index: self.refresh())
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Analyse :"), self))
        filters.addWidget(self.analyte, 1)
        self.reports = QComboBox(self)
        self.extract_button = QPushButton(self.tr("Extraire les résultats"), self)
        self.extract_button.setToolTip(self.tr("Lire les résultats structurés d'un compte rendu de biologie reçu "
                                               "du DMP et les ajouter au tableau"))
        self.extract_button.clicked.connect(self.extract_selected)
        self.offer = QWidget(self)
        offer = QHBoxLayout(self.offer)
        offer.setContentsMargins(0, 0, 0, 0)
        offer.addWidget(QLabel(self.tr("Compte rendu de biologie reçu du DMP :"), self.offer))
        offer.addWidget(self.reports, 1)
        offer.addWidget(self.extract_button)
        self.offer.hide()
        self.model = ResultsModel(self)
        self.table = record_table(self.model, ANALYTE, self)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.chart = HistoryChart(self)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.chart)
        self.splitter.setSizes([300, 240])
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(filters)
        layout.addWidget(self.offer)
        layout.addWidget(self.empty)
        layout.addWidget(self.splitter, 1)

    # -- loading --------------------------------------------------------------------------------------------

    def forget_patient(self) -> None:
        self.model.set_rows([])
        self.chart.set_history(None)
        self.analyte.setCurrentIndex(0)

    def refresh(self) -> None:
        patient_id = self.patient_id
        if patient_id is None:
            return
        analyte = self.analyte.currentData() or ""
        task = self._tasks.run(_load(self._context, patient_id, analyte), label_fr=self.tr("Résultats de biologie"),
                               owner=self)
        task.on_success(lambda loaded: self._show(patient_id, analyte, loaded))

    def _show(self, patient_id: int, analyte: str, loaded: Loaded) -> None:
        if patient_id != self.patient_id:
            return
        rows, analytes, reports = loaded
        shown = self.chart.history.loinc_code if self.chart.history is not None else None
        self.model.set_rows(rows)
        self._fill_analytes(analytes, analyte)
        self._fill_reports([report for report in reports if not report.extracted])
        self.empty.setVisible(not rows)
        self.empty.setText(self.tr("Aucun résultat de biologie structuré pour ce patient.") if not analyte else
                           self.tr("Aucun résultat pour cette analyse."))
        if shown is not None and not any(row.loinc_code == shown for row in rows):
            self.chart.set_history(None)
        self.refreshed.emit(patient_id)

    def _fill_analytes(self, analytes: list[Analyte], current: str) -> None:
        self.analyte.clear()
        self.analyte.addItem(self.tr("Toutes les analyses"), "")
        for analyte in analytes:
            self.analyte.addItem(f"{analyte.display} ({analyte.count})", analyte.loinc_code)
            self.analyte.setItemData(self.analyte.count() - 1, self.tr("Code LOINC %1").replace(
                "%1", analyte.loinc_code), Qt.ItemDataRole.ToolTipRole)
        self.analyte.setCurrentIndex(max(0, self.analyte.findData(current)))

    def _fill_reports(self, reports: list[ReceivedLabReport]) -> None:
        self.reports.clear()
        for report in reports:
            when = report.creation_time.astimezone().strftime("%d/%m/%Y") if report.creation_time else ""
            self.reports.addItem(f"{report.title} — {when}" if when else report.title, report.received_id)
        self.offer.setVisible(bool(reports))

    # -- history --------------------------------------------------------------------------------------------

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.show_history(self.model.rows[indexes[0].row()].loinc_code)

    def show_history(self, loinc_code: str) -> None:
        patient_id = self.patient_id
        if patient_id is None:
            return
        task = self._tasks.run(actions.history(self._context, patient_id, loinc_code),
                               label_fr=self.tr("Évolution d'une analyse"), owner=self)
        task.on_success(lambda history: self._show_history(patient_id, history))

    def _show_history(self, patient_id: int, history: AnalyteHistory) -> None:
        if patient_id == self.patient_id:
            self.chart.set_history(history)
            self.history_shown.emit(history.loinc_code)

    # -- extraction from the DMP ----------------------------------------------------------------------------

    def extract_selected(self) -> None:
        received_id = self.reports.currentData()
        if received_id is None:
            return
        self.extract_button.setEnabled(False)
        task = self._tasks.run(actions.extract(self._context, received_id),
                               label_fr=self.tr("Extraction des résultats de biologie"), owner=self)
        task.on_success(self._extracted).on_failure(self._extract_failed)

    def _extracted(self, added: int) -> None:
        self.extract_button.setEnabled(True)
        messages.info(self.tr("%n résultat(s) ajouté(s) au tableau.", "", added) if added else
                      self.tr("Ces résultats figuraient déjà dans le tableau."))
        self.extracted.emit(added)
        self.refresh()

    def _extract_failed(self, error: BaseException) -> None:
        self.extract_button.setEnabled(True)
        messages.failure(self.tr("Extraction des résultats de biologie"), error)
