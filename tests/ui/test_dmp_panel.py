"""The DMP panel against the DMP simulator: 3 s latency without a frozen window, filters, viewer, import,
error path with "Réessayer", and the new-documents badge on the patient list (SC.DMP/UX.10, SEGUR wave 2)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from lgc_app.bootstrap import AppContext
from lgc_app.dmp.consultation import DmpDocument
from services.sandbox.dmp import control
from services.sandbox.server import RunningSandbox
from tests.helpers.composition import practitioner_session
from tests.helpers.dmp import random_ins
from tests.helpers.dmp_consultation import DUPONT_INS, qualified_patient, sandbox_dmp_client
from tests.helpers.dmp_feed import feed_settings
from tests.helpers.stall import GUI_STALL_LIMIT_MS
from tests.ui.conftest import run_coro
from ui import messages
from ui.app import preload_network_stack
from ui.dmp.badge import NEW_DOCUMENTS_ROLE
from ui.dmp.dmp_panel import DmpPanel, ListState
from ui.main_window import MainWindow
from ui.stall_monitor import StallMonitor
from ui.tasks import TaskManager

FOREIGN_TITLE = "Compte rendu de consultation de cardiologie"


@pytest.fixture
def dmp_http(qloop: qasync.QEventLoop, qtbot: QtBot, context: AppContext,
             sandbox: RunningSandbox) -> Iterator[Any]:
    """The context's DMP connection points at the sandbox and the test CPS's practitioner consults; yields an
    HTTP client for the simulator's control routes."""
    preload_network_stack()  # as the application does at start-up (ui.app.open_context)
    context.settings = feed_settings(sandbox)
    context.session = practitioner_session(context.workstation)
    run_coro(qtbot, context.services.dmp.get())  # built on first use in the application
    _client, http = sandbox_dmp_client(sandbox)
    yield http
    run_coro(qtbot, http.aclose())
    run_coro(qtbot, context.services.aclose())


@pytest.fixture
def panel(qtbot: QtBot, context: AppContext, dmp_http: Any) -> DmpPanel:
    widget = DmpPanel(context, TaskManager())
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def wait_state(qtbot: QtBot, panel: DmpPanel, *states: ListState, timeout: int = 15_000) -> None:
    qtbot.waitUntil(lambda: panel.state in states, timeout=timeout)


def titles(panel: DmpPanel) -> list[str]:
    return [document.title for document in panel.model.documents]


def test_lists_dupont_with_3_s_latency_while_the_window_stays_usable(
        qtbot: QtBot, qloop: qasync.QEventLoop, context: AppContext, dmp_http: Any,
        sandbox: RunningSandbox) -> None:
    qloop.set_debug(False)  # measured as users run it (see test_responsiveness)
    patient_id = qualified_patient(context.database, DUPONT_INS)
    host = QWidget()
    qtbot.addWidget(host)
    panel = DmpPanel(context, TaskManager(), host)
    other = QLineEdit(host)  # "the rest of the window"
    layout = QVBoxLayout(host)
    layout.addWidget(other)
    layout.addWidget(panel)
    host.resize(900, 700)
    host.show()
    qtbot.waitExposed(host)
    monitor = StallMonitor()
    monitor.start()
    qtbot.wait(50)
    monitor.reset()
    sandbox.set_faults(latency=3)

    started = time.monotonic()
    panel.set_patient(patient_id)
    qtbot.waitUntil(lambda: panel.spinner.isVisible(), timeout=2000)
    assert panel.state is ListState.LOADING
    assert panel.loading_label.text() == "Consultation du DMP en cours…"
    other.setFocus()
    qtbot.keyClicks(other, "tape pendant la requete")
    assert other.text() == "tape pendant la requete"
    assert time.monotonic() - started < 2.5  # typed while the DMP had not answered yet
    assert panel.state is ListState.LOADING

    wait_state(qtbot, panel, ListState.LIST, ListState.ERROR)
    elapsed = time.monotonic() - started
    monitor.stop()
    assert panel.state is ListState.LIST, panel.error_label.text()
    assert elapsed >= 3.0
    assert not panel.spinner.isVisible()
    assert FOREIGN_TITLE in titles(panel)
    assert panel.title.text() == "DMP de DUPONT Elodie"
    assert monitor.samples > 150
    assert monitor.max_stall_ms < GUI_STALL_LIMIT_MS, f"boucle bloquée {monitor.max_stall_ms:.0f} ms"


def test_filters_by_type(qtbot: QtBot, panel: DmpPanel, context: AppContext) -> None:
    panel.set_patient(qualified_patient(context.database, DUPONT_INS))
    wait_state(qtbot, panel, ListState.LIST)
    panel.type_filter.setCurrentIndex(panel.type_filter.findData("CERT_DECL"))
    panel.search_button.click()
    wait_state(qtbot, panel, ListState.EMPTY, ListState.LIST)
    assert panel.state is ListState.EMPTY
    assert panel.message_label.text() == "Aucun document dans le DMP pour ces critères."
    panel.type_filter.setCurrentIndex(panel.type_filter.findData("11488-4"))
    panel.search_button.click()
    wait_state(qtbot, panel, ListState.LIST)
    assert FOREIGN_TITLE in titles(panel)
    assert {d.type_code for d in panel.model.documents} == {"11488-4"}


def test_opens_a_document_in_the_viewer(qtbot: QtBot, panel: DmpPanel, context: AppContext) -> None:
    panel.set_patient(qualified_patient(context.database, DUPONT_INS))
    wait_state(qtbot, panel, ListState.LIST)
    panel.select_row(titles(panel).index(FOREIGN_TITLE))
    with qtbot.waitSignal(panel.viewer.loaded, timeout=10_000) as shown:
        panel.open_button.click()
    assert shown.args == [FOREIGN_TITLE]
    assert "Examen cardiologique normal" in panel.viewer.narrative_text()  # the simulator's CDA narrative
    assert panel.viewer.header_fields()["Auteur"] == "Dr Claire CARDIO"  # from the CDA header


def test_imports_a_document_once(qtbot: QtBot, panel: DmpPanel, context: AppContext,
                                 message_log: list[messages.Message]) -> None:
    panel.set_patient(qualified_patient(context.database, DUPONT_INS))
    wait_state(qtbot, panel, ListState.LIST)
    row = titles(panel).index(FOREIGN_TITLE)
    panel.select_row(row)
    assert panel.import_button.isEnabled()
    with qtbot.waitSignal(panel.imported, timeout=10_000):
        panel.import_button.click()
    qtbot.waitUntil(lambda: FOREIGN_TITLE in panel.received_titles(), timeout=5000)
    assert panel.model.index(row, panel.model.STATE).data() == "Importé" or "Importé" in panel.model.index(
        row, panel.model.STATE).data()
    assert not panel.import_button.isEnabled()
    assert any("importé dans le dossier" in m.text for m in message_log)

    # a stale list (another workstation imported meanwhile) offers it again: the record refuses a second copy
    stale = [DmpDocument(**{**d.__dict__, "imported": False}) for d in panel.model.documents]
    panel.model.set_documents(stale)
    panel.select_row(row)
    panel.import_button.click()
    qtbot.waitUntil(lambda: any(m.level is messages.MessageLevel.WARNING for m in message_log), timeout=10_000)
    assert [m.text for m in message_log if m.level is messages.MessageLevel.WARNING] == [
        "Ce document est déjà dans le dossier du patient."]
    assert panel.received_titles() == [FOREIGN_TITLE]


def test_error_shows_french_message_and_retry(qtbot: QtBot, panel: DmpPanel, context: AppContext,
                                             sandbox: RunningSandbox) -> None:
    patient_id = qualified_patient(context.database, DUPONT_INS)
    sandbox.set_faults(fail_next=["error"])
    panel.set_patient(patient_id)
    wait_state(qtbot, panel, ListState.ERROR, ListState.LIST)
    assert panel.state is ListState.ERROR
    assert panel.error_label.text() == "Le DMP rencontre une erreur technique. Réessayez dans un instant."
    assert panel.retry_button.isVisible() and panel.retry_button.text() == "Réessayer"
    panel.retry_button.click()
    wait_state(qtbot, panel, ListState.LIST, ListState.ERROR)
    assert panel.state is ListState.LIST
    assert FOREIGN_TITLE in titles(panel)


def test_unqualified_identity_is_explained_without_a_request(qtbot: QtBot, panel: DmpPanel,
                                                             context: AppContext) -> None:
    from tests.helpers.patients import add_patient

    panel.set_patient(add_patient(context.database, "PROVISOIRE", "JEAN", "1970-01-01", "M"))
    qtbot.waitUntil(lambda: "identité qualifiée" in panel.message_label.text(), timeout=5000)
    assert panel.state is ListState.NO_PATIENT
    assert not panel.search_button.isEnabled()


def test_opening_an_unqualified_patient_is_not_a_failure(qtbot: QtBot, window: MainWindow, context: AppContext,
                                                          dmp_http: Any, caplog: pytest.LogCaptureFixture,
                                                          message_log: list[messages.Message]) -> None:
    from tests.helpers.patients import add_patient

    patient_id = add_patient(context.database, "PROVISOIRE", "JEAN", "1970-01-01", "M")
    with caplog.at_level(logging.INFO, logger="lgc"):
        with qtbot.waitSignal(window.patients.form.loaded, timeout=5000):
            window.patients.open_patient(patient_id)  # the DMP panel follows, and the badge is checked
        window.show_panel(window.dmp.panel_title)
        qtbot.waitUntil(lambda: "identité qualifiée" in window.dmp.panel.message_label.text(), timeout=5000)
        qtbot.waitUntil(lambda: patient_id not in window.dmp.watcher._checking, timeout=5000)
    assert window.dmp.watcher.count(patient_id) == 0
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []  # an expected refusal
    assert message_log == []


def test_cancel_during_latency(qtbot: QtBot, panel: DmpPanel, context: AppContext,
                               sandbox: RunningSandbox) -> None:
    sandbox.set_faults(latency=3)
    panel.set_patient(qualified_patient(context.database, DUPONT_INS))
    qtbot.waitUntil(lambda: panel.cancel_button.isVisible(), timeout=2000)
    panel.cancel_button.click()
    assert panel.state is ListState.ERROR
    assert panel.error_label.text() == "Consultation annulée."


def test_badge_appears_with_new_documents_and_clears_after_consultation(
        qtbot: QtBot, window: MainWindow, context: AppContext, dmp_http: Any, sandbox: RunningSandbox) -> None:
    dmp_url = sandbox.manifest.urls["dmp"]
    ins = random_ins()
    run_coro(qtbot, control.register_patient(dmp_http, dmp_url, ins, family_name="BADGE",
                                             given_name="ALICE", birth_date="1980-01-01"))
    patient_id = qualified_patient(context.database, ins, birth_name="BADGE", given_name="ALICE",
                                   birth_date="1980-01-01")
    module = window.dmp
    patient_list = window.patients.list

    def badge() -> int:
        model = module.badged_model
        rows = [model.index(r, 0) for r in range(model.rowCount())
                if model.index(r, 0).data(Qt.ItemDataRole.UserRole) == patient_id]
        return rows[0].data(NEW_DOCUMENTS_ROLE) if rows else -1

    with qtbot.waitSignal(patient_list.searched, timeout=5000):
        patient_list.search.setText("badge")
    assert badge() == 0

    # the DMP panel is shown and lists the (empty) DMP: a consultation
    window.show_panel(module.panel_title)
    module.patient_opened(patient_id)
    wait_state(qtbot, module.panel, ListState.EMPTY)

    run_coro(qtbot, control.add_foreign_document(dmp_http, dmp_url, ins, title="CR arrivé depuis"))
    window.show_panel(window.patients.form_title)  # back to the file: opening the patient checks the DMP
    module.watcher.check(patient_id)
    qtbot.waitUntil(lambda: badge() == 1, timeout=10_000)
    decoration = module.badged_model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)
    assert decoration is not None
    assert "1 nouveau document dans le DMP" in module.badged_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)

    window.show_panel(module.panel_title)
    module.panel.refresh()
    wait_state(qtbot, module.panel, ListState.LIST)
    assert [(d.title, d.is_new) for d in module.panel.model.documents] == [("CR arrivé depuis", True)]
    qtbot.waitUntil(lambda: badge() == 0, timeout=5000)
