"""The Annuaire Santé search dialog against the sandbox with 3 s latency (SC.DMP/UX.10: window usable, busy
shown, cancel works, paging), and the patient's "Correspondants" part."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from lgc_app import secrets
from lgc_app.bootstrap import AppContext, bootstrap
from lgc_app.config import Settings
from lgc_app.directory import use_cases
from lgc_app.directory.use_cases import CorrespondentRole
from services.annuaire import Mailbox, MailboxKind, PracticePlace, PractitionerEntry, Qualification
from services.sandbox.server import RunningSandbox
from tests.helpers.annuaire import fresh_key
from tests.helpers.patients import add_patient
from tests.ui.conftest import run_coro
from ui.directory.correspondents import CorrespondentsPanel
from ui.directory.search_dialog import DirectorySearchDialog
from ui.tasks import TaskManager

SHOTS = Path("/tmp")


@pytest.fixture
def annuaire_context(qloop: object, qtbot: QtBot, ui_db_url: str, sandbox: RunningSandbox) -> Iterator[AppContext]:
    secrets.store("annuaire-ui-test", fresh_key())
    ctx = bootstrap(Settings({"database.url": ui_db_url, "workstation.name": "POSTE-TEST",
                              "services.annuaire_url": sandbox.manifest.url("annuaire"),
                              "services.annuaire_key_ref": "annuaire-ui-test",
                              "tls.ca_file": str(sandbox.manifest.ca_file)}))
    yield ctx
    run_coro(qtbot, ctx.services.aclose())
    ctx.stop()


def _dialog(qtbot: QtBot, context: AppContext) -> DirectorySearchDialog:
    dialog = DirectorySearchDialog(context, TaskManager(), choosing=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_search_with_latency_keeps_the_window_usable_and_can_be_cancelled(
        qtbot: QtBot, annuaire_context: AppContext, sandbox: RunningSandbox) -> None:
    dialog = _dialog(qtbot, annuaire_context)
    run_coro(qtbot, annuaire_context.services.annuaire.get())  # TLS context built before the clock starts
    sandbox.set_faults(latency=3.0)
    dialog.family.setText("cardio")
    qtbot.waitUntil(lambda: dialog.busy, timeout=2000)
    assert dialog.busy_label.isVisible() and dialog.cancel_button.isVisible() and dialog.spinner.isVisible()
    started = time.monotonic()
    qtbot.wait(300)  # the loop keeps turning during the request: typing still works
    dialog.city.setText("Lyo")
    assert time.monotonic() - started < 1.0
    assert dialog.city.text() == "Lyo"
    dialog.debounce.stop()
    dialog.cancel_search()
    assert not dialog.busy and not dialog.busy_label.isVisible()
    assert dialog.status_label.text() == "Recherche annulée."
    qtbot.wait(3500)
    assert dialog.table.rowCount() == 0, "a cancelled answer is never shown"

    dialog.city.setText("Lyon")
    with qtbot.waitSignal(dialog.results_shown, timeout=20_000):
        dialog.search_now()
    assert [entry.rpps for entry in dialog.entries] == ["99700412345"]
    assert "claire.cardio@cardio.mssante.fr (personnelle)" in dialog.table.item(0, 4).text()
    assert "c.cardio.perso" not in dialog.table.item(0, 4).text(), "liste rouge"
    dialog.grab().save(str(SHOTS / "annuaire_search.png"))
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.chosen) as chosen:
        dialog.choose_button.click()
    assert chosen.args[0].rpps == "99700412345"
    cached = use_cases.cached(annuaire_context.database, "99700412345")
    assert cached is not None, "results are remembered with their date"


def test_more_results_follow_the_next_page(qtbot: QtBot, annuaire_context: AppContext) -> None:
    dialog = _dialog(qtbot, annuaire_context)
    with qtbot.waitSignal(dialog.results_shown, timeout=15_000):
        dialog.family.setText("MARTIN")
        dialog.search_now()
    first = len(dialog.entries)
    assert first == 50 and dialog.more_button.isEnabled()
    with qtbot.waitSignal(dialog.results_shown, timeout=15_000):
        dialog.more_button.click()
    assert len(dialog.entries) > first
    assert len({entry.rpps for entry in dialog.entries}) == len(dialog.entries)
    assert dialog.status_label.text().startswith(f"{len(dialog.entries)} professionnels affichés sur ")  # plural


def test_a_refused_key_is_explained_in_french(qtbot: QtBot, annuaire_context: AppContext) -> None:
    secrets.store("annuaire-ui-test", "wrong-key")
    dialog = _dialog(qtbot, annuaire_context)
    dialog.rpps.setText("99700366240")
    dialog.search_now()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert "clé d'API" in dialog.status_label.text()


CARDIO = PractitionerEntry(
    resource_id="pr-cardio", rpps="99700412345", family="CARDIO", given="Claire",
    profession=Qualification("10", "Médecin"), specialty=Qualification("SM04", "Cardiologie et maladies vasculaires"),
    mailboxes=(Mailbox("claire.cardio@cardio.mssante.fr", MailboxKind.PERSONAL),),
    places=(PracticePlace("org-cardio", "CABINET DE CARDIOLOGIE", ("4 PLACE BELLECOUR",), "69002", "LYON",
                          (Mailbox("secretariat@cardio-lyon.mssante.fr", MailboxKind.ORGANISATIONAL),),
                          ("contact@cabinet-cardio-lyon.fr",)),),
)


def test_correspondents_are_added_with_role_and_box_then_removed(qloop: object, qtbot: QtBot,
                                                                context: AppContext) -> None:
    patient = add_patient(context.database, "DUPONT", "ELODIE", "1985-03-14")
    panel = CorrespondentsPanel(context, TaskManager())
    qtbot.addWidget(panel)
    panel.resize(700, 260)
    panel.show()
    panel.show_patient(patient)
    panel.add_entry(CARDIO)
    dialog = panel.correspondent_dialog
    assert dialog is not None
    offered = [dialog.mailbox.itemData(index) for index in range(dialog.mailbox.count())]
    assert offered == ["", "claire.cardio@cardio.mssante.fr", "secretariat@cardio-lyon.mssante.fr"], \
        "MSSanté boxes only, never the plain e-mail"
    dialog.role.setCurrentIndex(dialog.role.findData(CorrespondentRole.TREATING.value))
    dialog.mailbox.setCurrentIndex(2)
    dialog.grab().save(str(SHOTS / "annuaire_correspondent_dialog.png"))
    with qtbot.waitSignal(panel.changed, timeout=5000):
        dialog.accept()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=5000)
    assert [panel.table.item(0, column).text() for column in range(4)] == [
        "Médecin traitant", "CARDIO Claire", "Cardiologie et maladies vasculaires",
        "secretariat@cardio-lyon.mssante.fr (organisationnelle)"]
    panel.grab().save(str(SHOTS / "annuaire_correspondents.png"))
    panel.table.selectRow(0)
    with qtbot.waitSignal(panel.changed, timeout=5000):
        panel.remove_button.click()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 0, timeout=5000)
    assert use_cases.correspondents(context.database, patient) == ()
