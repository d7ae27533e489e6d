"""The patient list: filters as you type (accent, hyphen and case insensitive), status badges, stale answers
dropped, and its place in the main window."""

from __future__ import annotations

import asyncio
import statistics
import time

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from lgc_app.bootstrap import AppContext
from lgc_app.patients.vocabulary import IdentityStatus
from tests.helpers.patients import (
    add_patient,
    check_document,
    retrieve,
    type_text,
)
from ui.actions import patients as actions
from ui.main_window import MainWindow
from ui.patients.badges import COLOURS, STATUS_ROLE
from ui.patients.patient_list import PatientListModel, PatientListPanel
from ui.tasks import TaskManager


@pytest.fixture
def panel(qloop: object, qtbot: QtBot, context: AppContext) -> PatientListPanel:
    db = context.database
    ids = {"darc": add_patient(db, "D'ARC-DUPONT", "ÉLODIE", "12/02/1997"),
           "dupont": add_patient(db, "DUPONT", "ELODIE MARIE", "14/03/1985", birth_place_code="75056"),
           "martin": add_patient(db, "MARTIN", "JEAN-PIERRE", "02/11/1962", sex="M")}
    retrieve(db, ids["dupont"])
    check_document(db, ids["dupont"])
    widget = PatientListPanel(context, TaskManager())
    widget.ids = ids  # type: ignore[attr-defined]
    qtbot.addWidget(widget)
    widget.resize(600, 300)
    widget.show()
    return widget


def _names(panel: PatientListPanel) -> list[str]:
    return [row.birth_name for row in panel.model.rows]


def _type_and_wait(qtbot: QtBot, panel: PatientListPanel, text: str) -> float:
    """Type text after what is there; seconds from the last key to the list showing its answer."""
    with qtbot.waitSignal(panel.searched, timeout=2000, check_params_cb=lambda shown: shown == panel.search.text()):
        type_text(panel.search, text)
        started = time.perf_counter()
    return time.perf_counter() - started


def test_filters_as_you_type_ignoring_accents_hyphens_and_case(panel: PatientListPanel, qtbot: QtBot) -> None:
    _type_and_wait(qtbot, panel, "dupon")
    assert set(_names(panel)) == {"D'ARC-DUPONT", "DUPONT"}
    panel.search.clear()
    _type_and_wait(qtbot, panel, "d arc dupont élodie")
    assert _names(panel) == ["D'ARC-DUPONT"]
    panel.search.clear()
    _type_and_wait(qtbot, panel, "jean pierre martin")
    assert _names(panel) == ["MARTIN"]
    panel.search.clear()
    _type_and_wait(qtbot, panel, "14/03/1985")
    assert _names(panel) == ["DUPONT"]


def test_every_keystroke_updates_the_list_quickly(panel: PatientListPanel, qtbot: QtBot) -> None:
    delays = [_type_and_wait(qtbot, panel, char) for char in "dupont"]
    assert _names(panel) == ["DUPONT", "D'ARC-DUPONT"] or set(_names(panel)) == {"DUPONT", "D'ARC-DUPONT"}
    print(f"keystroke → list: median {statistics.median(delays) * 1000:.1f} ms, max {max(delays) * 1000:.1f} ms")
    assert statistics.median(delays) < 0.050


def test_no_match_says_so(panel: PatientListPanel, qtbot: QtBot) -> None:
    _type_and_wait(qtbot, panel, "zzzz")
    assert _names(panel) == []
    assert panel.hint.isVisible() and "zzzz" in panel.hint.text()


def test_rows_show_the_status_badge(panel: PatientListPanel, qtbot: QtBot) -> None:
    _type_and_wait(qtbot, panel, "dupont")
    statuses = {item.birth_name: panel.model.index(row, PatientListModel.STATUS).data(STATUS_ROLE)
                for row, item in enumerate(panel.model.rows)}
    assert statuses == {"DUPONT": IdentityStatus.QUAL, "D'ARC-DUPONT": IdentityStatus.PROV}
    row = _names(panel).index("DUPONT")
    assert panel.model.index(row, PatientListModel.STATUS).data() == "Identité qualifiée"
    rect = panel.view.visualRect(panel.model.index(row, PatientListModel.STATUS))
    image = panel.view.viewport().grab(rect).toImage()
    colours = {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}
    assert COLOURS[IdentityStatus.QUAL][0] in colours  # the pill is painted, in the qualified colour


def test_a_late_answer_never_replaces_a_newer_one(panel: PatientListPanel, qtbot: QtBot,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    real_search = actions.search

    async def slow_for_martin(db, text, **kwargs):  # type: ignore[no-untyped-def]
        if text == "martin":
            await asyncio.sleep(0.3)
        return await real_search(db, text, **kwargs)

    monkeypatch.setattr(actions, "search", slow_for_martin)
    panel.search.setText("martin")
    panel.refresh()
    panel.search.setText("dupont")
    with qtbot.waitSignal(panel.searched, timeout=2000):
        panel.refresh()
    qtbot.wait(400)  # the cancelled, slower "martin" search would have answered by now
    assert set(_names(panel)) == {"DUPONT", "D'ARC-DUPONT"}


def test_activating_a_row_opens_the_patient(panel: PatientListPanel, qtbot: QtBot) -> None:
    _type_and_wait(qtbot, panel, "martin")
    with qtbot.waitSignal(panel.patient_activated) as blocker:
        qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert blocker.args == [panel.ids["martin"]]  # type: ignore[attr-defined]


def test_main_window_uses_the_patient_list_and_form(window: MainWindow, qtbot: QtBot,
                                                    context: AppContext) -> None:
    patient_id = add_patient(context.database, "MARTIN", "JEAN", "02/11/1962", sex="M")
    module = window.patients
    assert window.side_panel is module.list
    type_text(module.list.search, "martin")
    qtbot.waitUntil(lambda: module.list.model.rowCount() == 1)
    module.list.view.clicked.emit(module.list.model.index(0, 0))
    qtbot.waitUntil(lambda: module.form.patient is not None and module.form.patient.id == patient_id)
    assert window.panels.currentWidget() is module.form
    assert module.form.badge.text() == "Identité provisoire"


def test_empty_field_lists_the_latest_patients_with_badges(panel: PatientListPanel, qtbot: QtBot,
                                                          context: AppContext) -> None:
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3)  # shown at once, nothing typed
    assert _names(panel)[0] == "DUPONT"  # updated last (retrieved, document checked)
    assert panel.model.index(0, PatientListModel.STATUS).data(STATUS_ROLE) == IdentityStatus.QUAL
    _type_and_wait(qtbot, panel, "martin")
    assert _names(panel) == ["MARTIN"]
    add_patient(context.database, "LEFEVRE", "ZOE", "01/01/2000")
    with qtbot.waitSignal(panel.searched, timeout=2000):
        panel.search.clear()
    assert _names(panel)[0] == "LEFEVRE" and len(_names(panel)) == 4
    assert "Derniers patients" in panel.hint.text()
