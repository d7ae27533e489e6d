"""Closing a window during its request (issue 13 item 1): every dialog that starts requests is closed while one
runs; the request is cancelled, nothing is shown and no handler touches a deleted widget."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from lgc_app.bootstrap import bootstrap
from lgc_app.config import Settings
from services.sandbox.server import RunningSandbox
from tests.helpers.patients import add_patient
from tests.ui.conftest import run_coro
from ui import messages
from ui.actions import patients as patient_actions
from ui.dmp import document_state
from ui.main_window import MainWindow
from ui.stall_monitor import StallMonitor
from ui.tasks import Task, TaskManager, TaskState


class _Slow:
    """Stands for a slow request: records that it started and that it was cancelled."""

    def __init__(self) -> None:
        self.started = 0
        self.cancelled = 0

    def __call__(self, *_args: Any, **_kwargs: Any) -> Any:
        return self._wait()

    async def _wait(self) -> None:
        self.started += 1
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            self.cancelled += 1
            raise


@dataclass(frozen=True)
class Case:
    """How to open one dialog on a window showing a patient, start its slow request, and close it."""

    patched: tuple[object, str]  # (module, name) of the request the dialog starts
    open: Callable[[MainWindow], QDialog]
    start: Callable[[QDialog], None]
    close: Callable[[QDialog], None]


def _insi(window: MainWindow) -> QDialog:
    window.patients.form.open_insi()
    dialog = window.patients.insi_dialog
    assert dialog is not None
    return dialog


def _vitale_card(window: MainWindow) -> QDialog:
    window.patients.form.vitale.add_card()
    dialog = window.patients.form.vitale_dialog
    assert dialog is not None
    return dialog


def _dmp_preferences(window: MainWindow) -> QDialog:
    window.dmp.open_preferences()
    dialog = window.dmp.preferences_dialog
    assert dialog is not None
    return dialog


CASES = {
    "insi-traits-search": Case((patient_actions, "insi_search_traits"), _insi,
                               lambda d: d.traits_button.click(),  # type: ignore[attr-defined]
                               lambda d: d.close_button.click()),  # type: ignore[attr-defined]
    "insi-vitale-save": Case((patient_actions, "save_vitale_card"), _insi,
                             lambda d: d.save_vitale_button.click(),  # type: ignore[attr-defined]
                             lambda d: d.close()),
    "vitale-card": Case((patient_actions, "save_vitale_card"), _vitale_card,
                        lambda d: d.save(),  # type: ignore[attr-defined]
                        lambda d: d.reject()),
    "dmp-preferences": Case((document_state, "practitioners"), _dmp_preferences,
                            lambda _d: None,  # it reads the practitioners as it opens
                            lambda d: d.close()),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_closing_a_dialog_cancels_its_request(case: Case, window: MainWindow, qtbot: QtBot,
                                              monkeypatch: pytest.MonkeyPatch,
                                              message_log: list[messages.Message]) -> None:
    patient_id = add_patient(window.context.database, "MARTIN", "JEAN", "02/11/1962", sex="M")
    window.patients.open_patient(patient_id)
    qtbot.waitUntil(lambda: window.patients.form.patient is not None)
    slow = _Slow()
    monkeypatch.setattr(*case.patched, slow)
    finished: list[Task[Any]] = []
    window.tasks.task_finished.connect(finished.append)
    dialog = case.open(window)
    case.start(dialog)
    qtbot.waitUntil(lambda: slow.started == 1, timeout=5000)
    [running] = [task for task in window.tasks.running() if task.owner is dialog]
    case.close(dialog)
    qtbot.waitUntil(lambda: running in finished, timeout=5000)
    assert running.state is TaskState.CANCELLED and slow.cancelled == 1
    qtbot.wait(50)  # a deferred delete, then anything that would still arrive
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    assert message_log == []


def test_closing_the_insi_window_during_a_slow_call(qloop: object, qtbot: QtBot, ui_db_url: str,
                                                    sandbox: RunningSandbox,
                                                    message_log: list[messages.Message]) -> None:
    """The issue's scenario on the real simulator: latency, N'DIAYE, search by traits, then "Fermer"."""
    manifest = sandbox.manifest
    context = bootstrap(Settings({"database.url": ui_db_url, "workstation.name": "POSTE-TEST",
                                  "services.insi_url": manifest.url("insi"), "tls.ca_file": str(manifest.ca_file),
                                  "tls.client_cert": str(manifest.cps_cert),
                                  "tls.client_key": str(manifest.cps_key)}))
    window = MainWindow(context, TaskManager(), StallMonitor())
    qtbot.addWidget(window)
    window.show()
    try:
        sandbox.set_faults(latency=1.0)
        patient_id = add_patient(context.database, "N'DIAYE", "AMINATA", "30/04/1978", birth_place_code="99341")
        window.patients.open_patient(patient_id)
        qtbot.waitUntil(lambda: window.patients.form.patient is not None)
        dialog = _insi(window)
        assert dialog.windowModality() == Qt.WindowModality.NonModal  # the main window stays usable
        qtbot.mouseClick(dialog.traits_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
        [running] = [task for task in window.tasks.running() if task.owner is dialog]
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: running.state is not TaskState.RUNNING, timeout=5000)
        assert running.state is TaskState.CANCELLED
        qtbot.wait(1500)  # past the simulator's answer: nothing may arrive
        assert message_log == [] and window.patients.insi_dialog is None
    finally:
        window.monitor.stop()
        window.close()
        run_coro(qtbot, context.services.aclose())
        context.stop()


def test_insi_dialog_is_non_modal_and_its_answer_goes_to_its_patient(window: MainWindow, qtbot: QtBot) -> None:
    """The user opens another patient while the INSi dialog is open: the accepted identity is the dialog's
    patient's, and the form (showing the other one) is left alone."""
    module = window.patients
    first = add_patient(window.context.database, "MARTIN", "JEAN", "02/11/1962", sex="M")
    other = add_patient(window.context.database, "DURAND", "PAUL", "05/06/1970", sex="M")
    module.open_patient(first)
    qtbot.waitUntil(lambda: module.form.patient is not None and module.form.patient.id == first)
    dialog = _insi(window)
    assert not dialog.isModal() and dialog.isVisible()
    assert "MARTIN" in dialog.windowTitle()
    module.open_patient(other)  # the main window is not blocked
    qtbot.waitUntil(lambda: module.form.patient is not None and module.form.patient.id == other)
    changed = run_coro(qtbot, patient_actions.load_patient(window.context.database, first))
    with qtbot.waitSignal(module.form.saved, timeout=2000) as saved:
        dialog.applied.emit(changed)  # what accepting INSi's identity emits
    assert saved.args == [first]
    assert module.form.patient.id == other  # not replaced by the dialog's patient
    module.form.open_insi()
    assert module.insi_dialog is not dialog and set(module.insi_dialogs) == {first, other}
    module.open_patient(first)
    qtbot.waitUntil(lambda: module.form.patient is not None and module.form.patient.id == first)
    module.form.open_insi()  # asking again for the same patient raises the open dialog
    assert module.insi_dialogs[first] is dialog
    for shown in list(module.insi_dialogs.values()):
        shown.close()
