"""First start of `lgc --demo`: the data set is created off the GUI loop, then the screens show it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from lgc_app import demo_seed
from lgc_app.bootstrap import bootstrap
from lgc_app.config import Settings
from lgc_app.demo_seed import DEMO_CABINET, Seeded
from ui import messages
from ui.demo_data import prepare_demo_data
from ui.main_window import MainWindow
from ui.stall_monitor import StallMonitor
from ui.tasks import Task, TaskManager, TaskState


def _wait(qtbot: QtBot, task: Task[Seeded | None]) -> Seeded | None:
    qtbot.waitUntil(lambda: task.state is not TaskState.RUNNING, timeout=20_000)
    assert task.state is TaskState.SUCCEEDED, task.error
    return task.result


def test_first_start_seeds_once_and_refreshes_the_screens(qloop: object, qtbot: QtBot, ui_db_url: str,
                                                          message_log: list[messages.Message]) -> None:
    context = bootstrap(Settings({"database.url": ui_db_url, "workstation.name": "POSTE-DEMO",
                                  "cabinet.structure_id": DEMO_CABINET.structure_id,
                                  "cabinet.name": DEMO_CABINET.name,
                                  "mss.mailbox": "lgc.cabinet-test@medecin.mssante.fr"}))  # the demo overlay's
    try:
        context.session = demo_seed.demo_session(context.database, context.workstation)  # as `lgc --demo` does
        window = MainWindow(context, TaskManager(), StallMonitor())
        qtbot.addWidget(window)
        task = prepare_demo_data(window)
        assert window.statusBar().currentMessage() == "Préparation des données de démonstration…"
        assert "« leroy »" in window.welcome.text() and DEMO_CABINET.name in window.welcome.text()

        # 4 to the DMP, 5 to Mon espace santé
        assert _wait(qtbot, task) == Seeded(patients=7, documents=8, send_orders=9)
        assert window.statusBar().currentMessage() == ""
        assert [m.text for m in message_log if "Données de démonstration prêtes" in m.text] == [
            "Données de démonstration prêtes : 7 patients et 8 documents validés, 9 envois en cours vers le DMP "
            "et MSSanté du bac à sable (onglet « Envois »). Recherchez par exemple « dupont », « leroy » ou "
            "« lefèvre » dans la liste des patients."]
        qtbot.waitUntil(lambda: window.documents.panel.author_id is not None)  # the demo practitioner, read again

        assert _wait(qtbot, prepare_demo_data(window)) is None  # next start: the data set is there
        assert len([m for m in message_log if "Données de démonstration prêtes" in m.text]) == 1
        window.monitor.stop()
    finally:
        context.stop()
