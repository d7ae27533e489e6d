"""The "Résultats" tab of the patient record: the table (latest first, interpretation in words and colour,
LOINC code in the tooltip), the filter by analyte, the history chart drawn where the values are, the extraction
from a lab report imported from the DMP, and the secretariat kept out of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from lgc_app.bootstrap import AppContext
from lgc_app.dmp.consultation_models import DmpReceivedDocument
from lgc_app.labresults.recording import record_lab_results
from lgc_app.labresults.use_cases import AnalyteHistory
from lgc_app.session import SECRETARIAT, Authentication, Session
from tests.helpers.composition import practitioner_session
from tests.helpers.dmp_feed import add_qualified_patient
from tests.helpers.labresults import FT4, TSH, lab_report, tsh_example
from ui.labresults.history_chart import ABNORMAL_POINT, BAND, NORMAL_POINT, HistoryChart, nice_ticks
from ui.labresults.results_model import ANALYTE, FLAG, VALUE
from ui.main_window import MainWindow

REPORTS = (("1.2.3.1", "20240110083000+0100", "2.1", "N"), ("1.2.3.2", "20250312090000+0100", "6.3", "H"),
           ("1.2.3.3", "20240801100000+0200", "3.4", "N"))


def _seed(context: AppContext, shared_dir: Path) -> int:
    patient_id = add_qualified_patient(context.database, "279035121518989")
    with context.database.unit_of_work() as session:
        for document_id, when, tsh, flag in REPORTS:
            record_lab_results(session, patient_id=patient_id, source=f"mss:{document_id}",
                               cda=lab_report(shared_dir, document_id=document_id, when=when, tsh=tsh, tsh_flag=flag))
    return patient_id


def _open(qtbot: QtBot, window: MainWindow, patient_id: int) -> None:
    panel = window.labresults.panel
    with qtbot.waitSignal(panel.refreshed, timeout=5000):
        window.patients.form.loaded.emit(patient_id)
        window.show_panel("Résultats")


def _close(colour: QColor, expected: QColor, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in ((colour.red(), expected.red()), (colour.green(), expected.green()),
                                                    (colour.blue(), expected.blue())))


@pytest.fixture
def practitioner(context: AppContext) -> AppContext:
    context.session = practitioner_session(context.workstation)
    return context


def test_the_results_tab_shows_the_table_and_the_chart(qtbot: QtBot, practitioner: AppContext, window: MainWindow,
                                                       shared_dir: Path) -> None:
    patient_id = _seed(practitioner, shared_dir)
    window.resize(1200, 800)
    _open(qtbot, window, patient_id)
    panel = window.labresults.panel
    model = panel.model
    assert model.rowCount() == 6
    # latest first; within one report, the order it was recorded in, reversed
    assert [model.index(row, VALUE).data() for row in range(6)] == ["7.67", "6.3", "7.67", "3.4", "7.67", "2.1"]
    latest_tsh = next(row for row in range(6) if model.index(row, VALUE).data() == "6.3")
    assert model.index(latest_tsh, FLAG).data() == "▲ Élevé"  # in words, not colour alone
    assert model.index(latest_tsh, FLAG).data(Qt.ItemDataRole.ForegroundRole).color() == QColor(176, 0, 32)
    assert "Code LOINC 3016-3" in model.index(latest_tsh, ANALYTE).data(Qt.ItemDataRole.ToolTipRole)
    ft4 = next(row for row in range(6) if model.index(row, VALUE).data() == "7.67")
    assert model.index(ft4, FLAG).data() == "▼ Bas"
    assert model.index(0, 6).data() == "MSSanté"

    with qtbot.waitSignal(panel.history_shown, timeout=5000) as shown:
        panel.table.selectRow(latest_tsh)
    assert shown.args == [TSH]
    history = panel.chart.history
    assert history is not None and [p.value for p in history.points] == [2.1, 3.4, 6.3]
    window.grab().save("/tmp/labresults_window.png")
    image = panel.chart.grab().toImage()
    image.save("/tmp/labresults_chart.png")
    layout = panel.chart.layout_for(panel.chart.size())
    assert layout is not None
    positions = [layout.position(point) for point in history.points]
    assert [p.x() for p in positions] == sorted(p.x() for p in positions)  # dates left to right
    assert positions[2].y() < positions[1].y() < positions[0].y()  # higher values higher up
    ratio = image.devicePixelRatio()
    for point, at in zip(history.points, positions, strict=True):
        pixel = image.pixelColor(QPoint(round(at.x() * ratio), round(at.y() * ratio)))
        assert _close(pixel, ABNORMAL_POINT if point.flag.is_abnormal else NORMAL_POINT), (point, pixel.name())
    band_y = (layout.y(0.27) + layout.y(4.2)) / 2  # the reference range 0.270–4.200 is shaded
    band_pixel = image.pixelColor(QPoint(round((layout.plot.left() + 3) * ratio), round(band_y * ratio)))
    assert band_pixel.green() > band_pixel.red() and band_pixel != QColor(Qt.GlobalColor.white), band_pixel.name()
    above = image.pixelColor(QPoint(round((layout.plot.left() + 3) * ratio), round((layout.y(4.2) - 6) * ratio)))
    assert not _close(above, band_pixel, 3)


def test_the_table_is_filtered_by_analyte(qtbot: QtBot, practitioner: AppContext, window: MainWindow,
                                          shared_dir: Path) -> None:
    patient_id = _seed(practitioner, shared_dir)
    _open(qtbot, window, patient_id)
    panel = window.labresults.panel
    assert [panel.analyte.itemData(i) for i in range(panel.analyte.count())] == ["", TSH, FT4]
    panel.analyte.setCurrentIndex(panel.analyte.findData(FT4))
    with qtbot.waitSignal(panel.refreshed, timeout=5000):
        panel.analyte.activated.emit(panel.analyte.currentIndex())
    assert panel.model.rowCount() == 3
    assert {row.loinc_code for row in panel.model.rows} == {FT4}
    assert panel.analyte.currentData() == FT4


def test_results_are_extracted_from_a_report_imported_from_the_dmp(qtbot: QtBot, practitioner: AppContext,
                                                                   window: MainWindow, shared_dir: Path) -> None:
    patient_id = add_qualified_patient(practitioner.database, "279035121518989")
    cda = tsh_example(shared_dir)
    with practitioner.database.unit_of_work() as session:
        session.add(DmpReceivedDocument(
            patient_id=patient_id, unique_id="1.2.250.1.213.1.1.1.55.2024.9.1", entry_uuid="urn:uuid:lab",
            repository_id="1.2.3", title="Compte rendu de biologie", mime_type="text/xml", type_code="11502-2",
            size=len(cda), sha1="0" * 40, content=cda, imported_by="test"))
    _open(qtbot, window, patient_id)
    panel = window.labresults.panel
    assert panel.offer.isVisible() and panel.model.rowCount() == 0
    assert panel.reports.currentText().startswith("Compte rendu de biologie")
    with qtbot.waitSignals([panel.extracted, panel.refreshed], timeout=5000, order="strict"):
        panel.extract_button.click()
    assert panel.model.rowCount() == 2
    assert not panel.offer.isVisible()  # nothing left to extract
    assert {row.source_label for row in panel.model.rows} == {"DMP"}


def test_the_secretariat_has_no_results_tab(qtbot: QtBot, practitioner: AppContext, window: MainWindow,
                                            shared_dir: Path) -> None:
    patient_id = _seed(practitioner, shared_dir)
    _open(qtbot, window, patient_id)
    panels = window.panels
    index = panels.indexOf(window.labresults.panel)
    assert panels.isTabVisible(index)
    window.set_session(Session(SECRETARIAT, practitioner.workstation, Authentication.LOCAL_ACCOUNT))
    assert not panels.isTabVisible(index)
    assert not window.labresults.show_action.isEnabled()
    assert window.labresults.panel.patient_id is None
    window.patients.form.loaded.emit(patient_id)
    assert window.labresults.panel.patient_id is None


def test_an_empty_chart_says_what_to_do(qtbot: QtBot) -> None:
    chart = HistoryChart()
    qtbot.addWidget(chart)
    chart.resize(QSize(400, 240))
    chart.set_history(AnalyteHistory(TSH, "TSH", "m[IU]/L", ()))
    assert chart.layout_for(chart.size()) is None
    image = chart.grab().toImage()
    background = image.pixelColor(2, 2)
    written = [x for x in range(image.width()) for y in range(image.height() // 3, 2 * image.height() // 3)
               if image.pixelColor(x, y) != background]
    assert len(written) > 100  # the sentence, in the middle band


def test_value_ticks_are_round() -> None:
    assert nice_ticks(0.0, 6.6) == [0.0, 2.0, 4.0, 6.0, 8.0]
    assert nice_ticks(0.1, 0.9) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert nice_ticks(-0.56, 6.9) == [-2.0, 0.0, 2.0, 4.0, 6.0, 8.0]
    assert nice_ticks(5.0, 5.0) == [5.0, 5.25, 5.5, 5.75, 6.0]
    assert BAND.alpha() < 255  # the band is a tint: the grid and points stay visible through it
