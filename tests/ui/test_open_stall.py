"""Opening a patient and a document editor never stalls the GUI (issue 14 item 6): the data is read on the
database thread, the hidden panels and the editor's "Partage" tab are not laid out until shown."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
import qasync
from pytestqt.qtbot import QtBot

from lgc_app.documents.kinds import DocumentType
from lgc_app.patients import use_cases
from tests.helpers.demo_window import demo_main_window
from tests.helpers.stall import GUI_STALL_LIMIT_MS
from tests.ui.conftest import run_coro
from ui.app import after_start
from ui.main_window import MainWindow
from ui.tasks import TaskState, run_db

SETTLE_MS = 500  # what the opening starts (lists, badges, states) answers and is shown within this


@pytest.fixture
def warm_window(qloop: qasync.QEventLoop, qtbot: QtBot, ui_db_url: str) -> Iterator[MainWindow]:
    """The demo window once start-up is over, as the user finds it (ui/app.py `after_start`)."""
    qloop.set_debug(False)  # debug mode snapshots a stack per task: not what users run
    with demo_main_window(qtbot, ui_db_url) as window:
        warming = after_start(window.context, window.tasks)
        qtbot.waitUntil(lambda: warming.state is not TaskState.RUNNING, timeout=30_000)
        assert warming.state is TaskState.SUCCEEDED, warming.error
        window.monitor.start()
        qtbot.wait(SETTLE_MS)
        yield window
    gc.unfreeze()  # after_start froze the objects of this test: later tests' stay collectable


def _patient(window: MainWindow, qtbot: QtBot, search: str) -> int:
    rows = run_coro(qtbot, run_db(use_cases.search_rows, window.context.database, search, limit=1))
    return int(rows[0].patient_id)


def _open_patient(window: MainWindow, qtbot: QtBot, patient_id: int) -> float:
    window.monitor.reset()
    with qtbot.waitSignal(window.documents.panel.refreshed, timeout=10_000):
        window.patients.open_patient(patient_id)
    qtbot.wait(SETTLE_MS)
    assert window.patients.form.patient is not None and window.patients.form.patient.id == patient_id
    assert window.monitor.samples > 20  # the monitor ticked during the opening
    return window.monitor.max_stall_ms


def test_opening_patients_does_not_stall_the_gui(warm_window: MainWindow, qtbot: QtBot) -> None:
    first, second = _patient(warm_window, qtbot, "dupont"), _patient(warm_window, qtbot, "martin")
    stalls = [_open_patient(warm_window, qtbot, patient_id) for patient_id in (first, second, first)]
    assert max(stalls) < GUI_STALL_LIMIT_MS, f"ouverture du dossier : boucle bloquée {stalls} ms"


@pytest.mark.parametrize("document_type", [DocumentType.VSM, DocumentType.PRESCRIPTION])
def test_opening_an_editor_does_not_stall_the_gui(warm_window: MainWindow, qtbot: QtBot,
                                                  document_type: DocumentType) -> None:
    _open_patient(warm_window, qtbot, _patient(warm_window, qtbot, "martin"))
    warm_window.monitor.reset()
    with qtbot.waitSignal(warm_window.documents.panel.editor_opened, timeout=20_000) as opened:
        warm_window.documents.new_document(document_type)
    qtbot.wait(SETTLE_MS)
    editor = opened.args[0]
    assert editor.detail.type is document_type and editor.isVisible()
    assert warm_window.monitor.max_stall_ms < GUI_STALL_LIMIT_MS, (
        f"ouverture de l'éditeur : boucle bloquée {warm_window.monitor.max_stall_ms:.0f} ms")
