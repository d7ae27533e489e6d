"""A typical consultation, scripted end to end against the sandbox with 3 s latency on every service
(SC.DMP/UX.10, issue 14 item 6): Pro Santé Connect, a correspondent from the Annuaire Santé, INSi, DMP, two
documents validated and sent to the DMP and by MSSanté, a free secure message, the practice's mailbox read. While
each request is in flight the user types, switches tabs and opens a dialog, the window reacts, the activity
indicator shows the request, and the event loop never stalls."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from email.header import decode_header, make_header

import pytest
import qasync
from PySide6.QtCore import QPoint, QRect
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from lgc_app import secrets
from lgc_app.bootstrap import AppContext, bootstrap
from lgc_app.config import Settings
from lgc_app.documents.practitioners import add_practitioner
from services.sandbox.server import RunningSandbox
from tests.helpers import mss_sim
from tests.helpers.annuaire import fresh_key
from tests.helpers.dmp_consultation import qualified_patient
from tests.helpers.dmp_feed import feed_values
from tests.helpers.psc import PAUL, SECRETS
from tests.helpers.stall import GUI_STALL_LIMIT_MS
from tests.ui.conftest import run_coro
from ui import launcher
from ui.app import preload_network_stack
from ui.main_window import MainWindow
from ui.scenario.caption import Caption
from ui.scenario.consultation import MESSAGE_SUBJECT, SENDS, ConsultationScenario, StepReport
from ui.stall_monitor import StallMonitor
from ui.tasks import TaskManager

LATENCY = 3.0
PLAYED = ["psc_login", "open_patient", "add_correspondent", "insi_verification", "dmp_consultation", "write_vsm",
          "write_prescription", "send_mssante", "outbox_sends", "read_inbox", "back"]
WITH_REQUESTS = ["psc_login", "add_correspondent", "insi_verification", "dmp_consultation", "outbox_sends",
                 "read_inbox"]
ANNUAIRE_KEY_REF = "annuaire-scenario-test"


@pytest.fixture
def consulting(qloop: qasync.QEventLoop, qtbot: QtBot, ui_db_url: str,
               sandbox: RunningSandbox) -> Iterator[AppContext]:
    """A standalone workstation on the sandbox (INSi, DMP, PSC, Annuaire, MSSanté with the practice's applicative
    mailbox), its worker running, the test CPS's practitioner and the qualified patient who has a DMP there."""
    preload_network_stack()  # as the application does at start-up
    manifest = sandbox.manifest
    secrets.store("psc.client_secret", SECRETS["lgc-segur"])
    secrets.store(ANNUAIRE_KEY_REF, fresh_key())
    mss_sim.settle_applicative_box(sandbox)  # the mailbox is the session's: read only what this test causes
    context = bootstrap(Settings(mss_sim.sim_values(sandbox) | feed_values(
        sandbox, **{"database.url": ui_db_url, "workstation.name": "POSTE-TEST",
                    "services.insi_url": manifest.url("insi"), "services.insi_cps_url": manifest.url("insi"),
                    "services.psc_issuer": manifest.url("psc"), "services.psc_client_id": "lgc-segur",
                    "services.annuaire_url": manifest.url("annuaire"),
                    "services.annuaire_key_ref": ANNUAIRE_KEY_REF})))
    add_practitioner(context.database, rpps=PAUL[1:], given_name="Paul", family_name="MEDECIN-TEST")
    qualified_patient(context.database)
    for slot in context.services.slots():  # TLS contexts built before the clock starts
        slot.start()
    context.start_worker()
    sandbox.set_faults(latency=LATENCY)
    yield context
    run_coro(qtbot, context.services.aclose())
    context.stop()


async def _until(probe: object, seconds: float = 2.0) -> None:
    for _ in range(int(seconds / 0.02)):
        if probe():  # type: ignore[operator]
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"not reached in {seconds} s")


async def keep_working(window: MainWindow, step: str, label: str) -> None:
    """What the user does while `label` is in flight; each action must show at once."""
    # the activity indicator shows the request (it appears after 300 ms, so that quick ones never blink)
    await _until(lambda: window.activity.isVisible() and (label in window.activity.toolTip() if label != SENDS
                                                          else "en cours" in window.activity.count.text()))
    # types into a field
    search = window.patients.list.search
    typed_before = search.text()
    QTest.keyClicks(search, " tape")
    assert search.text() == typed_before + " tape"
    search.setText(typed_before)
    # switches tabs, and back
    shown = window.panels.currentIndex()
    other = (shown + 1) % window.panels.count()
    window.panels.setCurrentIndex(other)
    await asyncio.sleep(0.05)
    assert window.panels.currentIndex() == other and window.panels.currentWidget().isVisible()
    window.panels.setCurrentIndex(shown)
    # opens a dialog, and closes it
    window.open_about()
    await _until(lambda: any(isinstance(w, QMessageBox) and w.isVisible() and w.windowTitle() == "À propos"
                             for w in QApplication.topLevelWidgets()))
    about = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    about.close()


def _subjects_since(sandbox: RunningSandbox, address: str, before: dict[str, set[str]]) -> list[str]:
    """The subjects (decoded) of the messages `address` received since `before` was taken."""
    return [str(make_header(decode_header(m["subject"]))) for m in mss_sim.messages(sandbox, address)
            if m["message_id"] not in before[address]]


def test_a_consultation_with_3_s_latency_never_freezes_the_window(
        qtbot: QtBot, qloop: qasync.QEventLoop, consulting: AppContext, sandbox: RunningSandbox) -> None:
    qloop.set_debug(False)  # measured as users run it (see test_responsiveness)
    window = MainWindow(consulting, TaskManager(), StallMonitor())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    seen: list[tuple[str, str]] = []

    async def meanwhile(window: MainWindow, step: str, label: str) -> None:
        await keep_working(window, step, label)
        seen.append((step, label))

    boxes_before = {address: {m["message_id"] for m in mss_sim.messages(sandbox, address)}
                    for address in (mss_sim.CARDIO, mss_sim.DUPONT)}  # the session's sandbox keeps earlier tests'
    scenario = ConsultationScenario(window, meanwhile=meanwhile, monitor=window.monitor)
    reports: list[StepReport] = run_coro(qtbot, scenario.play(), timeout=240_000)
    window.monitor.stop()

    assert [r.name for r in reports if not r.skipped] == PLAYED
    assert [step for step, _label in seen if step in WITH_REQUESTS] == [
        "psc_login", "add_correspondent", "insi_verification", "dmp_consultation", "dmp_consultation",
        "outbox_sends", "read_inbox"]
    by_name = {r.name: r for r in reports}
    assert by_name["insi_verification"].seconds >= LATENCY  # the requests really waited for the latency
    assert consulting.session.user.rpps == PAUL[1:]  # the PSC-signed-in practitioner wrote the documents
    assert window.patients.form.patient is not None and window.patients.form.patient.birth_name == "DUPONT"
    # the correspondent from the Annuaire, with her MSSanté mailbox, is the patient's médecin traitant
    assert [(view.family, view.role.value, view.mailbox) for view in window.patients.form.correspondents.rows] == [
        ("CARDIO", "medecin_traitant", mss_sim.CARDIO)]
    # the outbox sent by MSSanté: both documents to the patient's Mon espace santé box and to the correspondent,
    # and the free message to her
    sandbox.set_faults()
    to_cardio = _subjects_since(sandbox, mss_sim.CARDIO, boxes_before)
    assert len(to_cardio) == 3 and MESSAGE_SUBJECT in to_cardio, to_cardio
    assert len(_subjects_since(sandbox, mss_sim.DUPONT, boxes_before)) == 2
    # the practice's mailbox was read: the lab report injected for the patient, listed and integrated
    assert scenario.fetched is not None and scenario.fetched.integrated >= 1, scenario.fetched
    assert scenario.received, "rien de reçu dans la liste de la Messagerie"
    for report in reports:
        print(f"{report.name:20} {report.seconds:6.2f} s  max {report.max_stall_ms:5.1f} ms  "
              f"p99 {report.p99_stall_ms:5.1f} ms  in flight {report.in_flight_max_stall_ms:5.1f} ms  "
              f"{', '.join(report.requests)}")
    # while the window's requests are in flight: the GUI stall limit
    stalled = {r.name: round(r.in_flight_max_stall_ms) for r in reports
               if r.name != "outbox_sends" and r.in_flight_max_stall_ms >= GUI_STALL_LIMIT_MS}
    assert not stalled, f"boucle bloquée pendant une requête (ms) : {stalled}"
    # Elsewhere no service call ever blocks the loop (with 3 s latency it would stall it 3 s). Not held to the GUI
    # limit here: building a dialog or an editor (60-280 ms on a loaded machine), and the outbox's sends, whose
    # worker thread and, in this test only, the DMP simulator's signature checks share the GIL (up to 130 ms; the
    # worker moves to its own process with issue 14 item 1); bench_consultation reports them all.
    assert max(r.max_stall_ms for r in reports) < LATENCY * 1000 / 2
    assert len(scenario.samples) > 1000  # the monitor ticked all along


def test_the_scenario_plays_only_in_the_demonstration(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        launcher.main(["--scenario", "consultation"])
    assert refused.value.code == 2
    assert "--scenario ne se joue qu'en démonstration (--demo)" in capsys.readouterr().err


def test_the_caption_stays_on_screen_over_a_window_larger_than_the_screen(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    screen = host.screen().availableGeometry()
    host.setGeometry(screen.left(), screen.top(), screen.width() + 400, screen.height() + 300)
    host.show()
    qtbot.waitExposed(host)
    caption = Caption(host)
    caption.say("Étape 1 sur 11", "Requête en cours")
    shown = QRect(caption.mapToGlobal(QPoint(0, 0)), caption.size())
    assert caption.isVisible() and screen.contains(shown), (shown, screen)
