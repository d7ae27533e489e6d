"""The "Messagerie" tab: documents received by MSSanté from a mailbox (the in-test IMAP server) read by
"Relever la boîte", the KO work list and its filters, badges on the tab, opening in the CDA viewer, retry,
manual matching with the patient search and the four traits side by side, rejection with a reply, what the
secretariat may do, the origin shown in the patient's record, and no GUI stall while a mailbox is read."""

from __future__ import annotations

import email
from collections.abc import Iterator
from email import policy
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot
from sqlalchemy import update
from sqlalchemy.orm import Session

from lgc_app.bootstrap import AppContext, bootstrap
from lgc_app.config import Settings
from lgc_app.dmp.consultation import received_documents
from lgc_app.mss.inbox.hooks import InboxHooks, Reply
from lgc_app.mss.inbox.worklist import ItemState
from lgc_app.patients.models import Patient
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.session import SECRETARIAT, Authentication
from lgc_app.session import Session as UserSession
from services.sandbox.ca import Pki
from tests.helpers import mss_messages as mm
from tests.helpers.cisis import add_patient
from tests.helpers.composition import practitioner_session
from tests.helpers.imap_server import ImapTestServer
from tests.helpers.stall import GUI_STALL_LIMIT_MS
from tests.ui.conftest import run_coro
from ui import messages
from ui import tasks as taskbridge
from ui.main_window import MainWindow
from ui.mss import inbox_actions
from ui.mss.inbox_model import FILTERS, InboxModel
from ui.mss.inbox_panel import InboxPanel
from ui.mss.matching_dialog import MatchingDialog
from ui.mss.worklist_reject import RejectDialog
from ui.stall_monitor import StallMonitor

LAB = "BIO-CR-BIO_2024.01_TSH_1.xml"


@pytest.fixture
def replies(monkeypatch: pytest.MonkeyPatch) -> list[Reply]:
    """What the practice answers senders (the composition root sends it; here it is kept)."""
    sent: list[Reply] = []
    monkeypatch.setattr(inbox_actions, "inbox_hooks",
                        lambda context: InboxHooks(mm.MAILBOX, lambda session, reply: sent.append(reply)))
    return sent


@pytest.fixture
def context(ui_db_url: str, imap_server: ImapTestServer, mss_pki: Pki) -> Iterator[AppContext]:
    """A practitioner's standalone workstation whose mailbox is on the test server (client certificate)."""
    ctx = bootstrap(Settings({"database.url": ui_db_url, "workstation.name": "POSTE-TEST",
                              "services.mss_imap": imap_server.url, "mss.mailbox": mm.MAILBOX, "mss.auth": "external",
                              "mss.client_cert": str(mss_pki.structure_cert),
                              "mss.client_key": str(mss_pki.structure_key),
                              "tls.ca_file": str(mss_pki.ca_cert)}))
    ctx.session = practitioner_session(ctx.workstation)
    yield ctx
    ctx.stop()


def _patient(context: AppContext, **traits: str) -> int:
    with context.database.unit_of_work() as session:
        return add_patient(session, status=IdentityStatus.QUAL, **traits).id


def _other_patients_document(shared_dir: Path) -> bytes:
    """A document about a patient the practice does not know (another INS in its CDA and its metadata)."""
    cda = mm.with_unique_id(mm.patient_mismatch(mm.example(shared_dir, "VSM_1.4_2022.01.xml")), "1.2.250.99.7")
    return mm.mss_message(mm.xdm_archive([cda], metadata_ins=mm.OTHER_INS), subject="XDM/1.0/DDM+Synthèse AUTRE")


def _click(qtbot: QtBot, button: QAbstractButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _relever(qtbot: QtBot, panel: InboxPanel) -> None:
    """Click "Relever la boîte" and wait for the reloaded list."""
    with qtbot.waitSignal(panel.refreshed, timeout=20_000):
        _click(qtbot, panel.fetch_button)
    qtbot.waitUntil(lambda: panel.fetching is None, timeout=5000)


def _show_filter(qtbot: QtBot, panel: InboxPanel, states: tuple[ItemState, ...] | None) -> list[str]:
    index = next(i for i, (_label, shown) in enumerate(FILTERS) if shown == states)
    with qtbot.waitSignal(panel.refreshed, timeout=5000):
        panel.filter.setCurrentIndex(index)
    return [entry.state_label for entry in panel.model.entries]


def _select(qtbot: QtBot, panel: InboxPanel, state: ItemState) -> int:
    _show_filter(qtbot, panel, (state,))
    [entry] = panel.model.entries
    assert panel.select_item(entry.id)
    return entry.id


def test_received_documents_listed_with_badges_filters_and_opened_in_the_viewer(
        qtbot: QtBot, window: MainWindow, context: AppContext, imap_server: ImapTestServer, shared_dir: Path,
        message_log: list[messages.Message], replies: list[Reply]) -> None:
    _patient(context)
    imap_server.deliver(mm.cisis_message(shared_dir, LAB))
    imap_server.deliver(mm.cisis_message(shared_dir, variant="traversal"))
    imap_server.deliver(_other_patients_document(shared_dir))
    panel = window.inbox.panel
    _relever(qtbot, panel)
    assert "3 message(s) relevé(s) : 1 document(s) intégré(s), 1 à rapprocher, 1 en erreur" in message_log[-1].text
    assert len(imap_server.seen()) == 3

    index = window.inbox.index()
    qtbot.waitUntil(lambda: window.panels.tabText(index) == "Messagerie (3)", timeout=5000)
    assert not window.panels.tabIcon(index).isNull()  # 2 waiting: the red pill
    assert "1 à rapprocher, 1 en erreur" in window.panels.tabToolTip(index)
    assert sorted(_show_filter(qtbot, panel, None)) == ["En erreur", "Intégré", "À rapprocher"]
    assert sorted(_show_filter(qtbot, panel, (ItemState.TO_MATCH, ItemState.KO))) == ["En erreur", "À rapprocher"]
    assert _show_filter(qtbot, panel, (ItemState.KO,)) == ["En erreur"]
    assert "quarantaine" in panel.model.entries[0].reason
    assert _show_filter(qtbot, panel, (ItemState.TO_MATCH,)) == ["À rapprocher"]
    row = panel.model.entries[0]
    assert panel.model.index(0, InboxModel.SUBJECT).data() == "Synthèse AUTRE"  # the XDM prefix is hidden
    assert panel.model.index(0, InboxModel.PATIENT).data().startswith("Reçu : ")  # nobody here yet
    assert row.sender == mm.SENDER

    item_id = _select(qtbot, panel, ItemState.INTEGRATED)
    assert "PAT-TROIS" in panel.model.index(0, InboxModel.PATIENT).data()
    assert not panel.model.index(0, InboxModel.PATIENT).data().startswith("Reçu")
    assert not panel.retry_button.isEnabled() and not panel.match_button.isEnabled()
    with qtbot.waitSignal(panel.opened, timeout=15_000) as opened:
        _click(qtbot, panel.open_button)
    assert opened.args == [item_id]
    assert panel.lower.currentWidget() is panel.viewer
    assert panel.viewer.message() is None and panel.viewer.header_fields()
    qtbot.waitUntil(lambda: window.panels.tabText(index) == "Messagerie (2)", timeout=10_000)  # one seen now
    window.show()
    window.inbox.show()
    window.grab().save("/tmp/mss_inbox_list.png")


def test_manual_matching_with_the_patient_search_and_the_four_traits(
        qtbot: QtBot, window: MainWindow, context: AppContext, imap_server: ImapTestServer, shared_dir: Path,
        replies: list[Reply]) -> None:
    patient_id = _patient(context, birth_name="PAT-TROISE")  # same INS, one trait differs: not automatic
    imap_server.deliver(mm.cisis_message(shared_dir))
    panel = window.inbox.panel
    _relever(qtbot, panel)
    item_id = _select(qtbot, panel, ItemState.TO_MATCH)
    assert "Conflit d'identité" in panel.reason.text()
    assert panel.match_button.isEnabled()
    _click(qtbot, panel.match_button)
    dialog = panel.dialog
    assert isinstance(dialog, MatchingDialog)
    assert dialog.search.search.text() == "PAT-TROIS"  # the search starts from the birth name received
    qtbot.waitUntil(lambda: dialog.search.model.rowCount() == 1, timeout=5000)
    with qtbot.waitSignal(dialog.patient_shown, timeout=5000):
        dialog.search.view.clicked.emit(dialog.search.model.index(0, 0))
    received = [dialog.traits.item(row, 0).text() for row in range(4)]
    local = [dialog.traits.item(row, 1).text() for row in range(4)]
    assert received == ["PAT-TROIS", "DOMINIQUE", "28/03/1979", "F"]
    assert local == ["PAT-TROISE", "DOMINIQUE", "28/03/1979", "F"]
    assert "1 trait" in dialog.verdict.text()
    assert dialog.differences_ok.isVisible() and not dialog.ok_button.isEnabled()  # a difference: a second look
    dialog.grab().save("/tmp/mss_matching.png")
    dialog.differences_ok.setChecked(True)
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(panel.acted, timeout=10_000):
        _click(qtbot, dialog.ok_button)
    [document] = received_documents(context.database, patient_id)
    assert document.by_mss and document.origin_sender == mm.SENDER
    assert [reply.kind for reply in replies] == ["mdn"]  # the sender asked for one: answered once decided
    qtbot.waitUntil(lambda: panel.model.row_of(item_id) is None, timeout=5000)  # left the "À rapprocher" list

    window.patients.form.loaded.emit(patient_id)  # the patient's record says where it came from
    documents = window.documents.panel
    qtbot.waitUntil(lambda: documents.list.model.rowCount() == 1, timeout=10_000)
    status = documents.list.model.index(0, 2)
    assert status.data() == "Reçu par MSSanté"
    assert f"Reçu par MSSanté de {mm.SENDER} le " in status.data(Qt.ItemDataRole.ToolTipRole)


def test_retry_integrates_once_the_identity_is_fixed(
        qtbot: QtBot, window: MainWindow, context: AppContext, imap_server: ImapTestServer, shared_dir: Path,
        replies: list[Reply]) -> None:
    patient_id = _patient(context, birth_name="PAT-TROISE")
    imap_server.deliver(mm.cisis_message(shared_dir))
    panel = window.inbox.panel
    _relever(qtbot, panel)
    item_id = _select(qtbot, panel, ItemState.TO_MATCH)
    with qtbot.waitSignal(panel.acted, timeout=10_000):
        _click(qtbot, panel.retry_button)
    assert received_documents(context.database, patient_id) == []  # still a conflict: still waiting
    with context.database.unit_of_work() as session:  # the secretariat corrected the birth name meanwhile
        _rename(session, patient_id, "PAT-TROIS")
    assert panel.select_item(item_id)
    with qtbot.waitSignal(panel.acted, timeout=10_000):
        _click(qtbot, panel.retry_button)
    assert len(received_documents(context.database, patient_id)) == 1


def _rename(session: Session, patient_id: int, birth_name: str) -> None:
    session.execute(update(Patient).where(Patient.id == patient_id).values(birth_name=birth_name))


def test_reject_replies_to_the_sender(
        qtbot: QtBot, window: MainWindow, context: AppContext, imap_server: ImapTestServer, shared_dir: Path,
        replies: list[Reply]) -> None:
    imap_server.deliver(_other_patients_document(shared_dir))
    panel = window.inbox.panel
    _relever(qtbot, panel)
    item_id = _select(qtbot, panel, ItemState.TO_MATCH)
    _click(qtbot, panel.reject_button)
    dialog = panel.dialog
    assert isinstance(dialog, RejectDialog)
    assert "n'est pas suivi par notre cabinet" in dialog.reply_text()  # the first reason's suggestion
    dialog.reason.setCurrentIndex(dialog.reason.count() - 1)  # "Autre motif": the user writes the reply
    assert not dialog.ok_button.isEnabled()
    dialog.reply.setPlainText("Patiente inconnue, merci de vérifier le destinataire.")
    with qtbot.waitSignal(panel.acted, timeout=10_000):
        _click(qtbot, dialog.ok_button)
    rejection = next(reply for reply in replies if reply.kind == "rejection")
    assert rejection.to == mm.SENDER
    body = email.message_from_bytes(rejection.raw, policy=policy.default)
    assert body["To"] == mm.SENDER
    assert "Patiente inconnue, merci de vérifier le destinataire." in body.get_content()
    assert [entry.state_label for entry in run_coro(qtbot, inbox_actions.list_inbox(context.database))
            if entry.id == item_id] == ["Rejeté"]


def test_the_secretariat_sees_the_list_but_neither_reads_nor_matches(
        qtbot: QtBot, window: MainWindow, context: AppContext, imap_server: ImapTestServer, shared_dir: Path,
        replies: list[Reply]) -> None:
    _patient(context, birth_name="PAT-TROISE")
    imap_server.deliver(mm.cisis_message(shared_dir))
    panel = window.inbox.panel
    window.set_session(UserSession(SECRETARIAT, context.workstation, Authentication.LOCAL_ACCOUNT))
    _relever(qtbot, panel)
    _select(qtbot, panel, ItemState.TO_MATCH)
    assert window.panels.isTabVisible(window.inbox.index())
    assert not panel.open_button.isEnabled() and not panel.match_button.isEnabled()
    assert panel.retry_button.isEnabled() and panel.reject_button.isEnabled()
    assert "pas de les lire" in panel.placeholder.text()
    panel.open_row(0)
    panel.ask_match()
    qtbot.wait(200)
    assert panel.open_item is None and panel.dialog is None
    window.set_session(practitioner_session(context.workstation))
    assert panel.open_button.isEnabled() and panel.match_button.isEnabled()


def test_a_duplicate_is_shown_as_such_in_the_record(
        qtbot: QtBot, window: MainWindow, context: AppContext, imap_server: ImapTestServer, shared_dir: Path,
        replies: list[Reply]) -> None:
    patient_id = _patient(context)
    imap_server.deliver(mm.cisis_message(shared_dir, LAB, message_id="<one@hopital.test>"))
    imap_server.deliver(mm.cisis_message(shared_dir, LAB, message_id="<two@hopital.test>"))  # the same document again
    panel = window.inbox.panel
    _relever(qtbot, panel)
    assert _show_filter(qtbot, panel, (ItemState.DUPLICATE,)) == ["Doublon"]
    [document] = received_documents(context.database, patient_id)
    assert len(document.duplicates) == 1 and document.duplicates[0].sender == mm.SENDER
    window.patients.form.loaded.emit(patient_id)
    documents = window.documents.panel
    qtbot.waitUntil(lambda: documents.list.model.rowCount() == 1, timeout=10_000)
    status = documents.list.model.index(0, 2)
    assert status.data() == "Reçu par MSSanté (doublon reçu)"
    assert "Doublon : reçu de nouveau par MSSanté" in status.data(Qt.ItemDataRole.ToolTipRole)


def test_a_fetch_without_mailbox_says_so(qtbot: QtBot, qloop: qasync.QEventLoop, ui_db_url: str,
                                         message_log: list[messages.Message]) -> None:
    context = bootstrap(Settings({"database.url": ui_db_url, "workstation.name": "POSTE-TEST"}))
    try:
        panel = InboxPanel(context, taskbridge.TaskManager())
        qtbot.addWidget(panel)
        assert inbox_actions.reception_state(context).connection is inbox_actions.Connection.NOT_CONFIGURED
        assert not inbox_actions.start_reception(context)
        panel.fetch()
        qtbot.waitUntil(lambda: panel.fetching is None, timeout=5000)
        assert any("Aucune boîte aux lettres MSSanté" in message.text for message in message_log)
    finally:
        context.stop()


def test_reading_a_full_mailbox_does_not_stall_the_gui(
        qtbot: QtBot, qloop: qasync.QEventLoop, window: MainWindow, context: AppContext, imap_server: ImapTestServer,
        shared_dir: Path, replies: list[Reply]) -> None:
    qloop.set_debug(False)  # measured as users run it (see test_responsiveness)
    _patient(context)
    for number in range(15):
        cda = mm.with_unique_id(mm.example(shared_dir, LAB), f"1.2.250.99.8.{number}")
        imap_server.deliver(mm.mss_message(mm.xdm_archive([cda])))
    panel = window.inbox.panel
    monitor = StallMonitor()
    monitor.start()
    qtbot.wait(50)
    monitor.reset()
    _relever(qtbot, panel)
    monitor.stop()
    assert len(imap_server.seen()) == 15
    assert monitor.samples > 10
    assert monitor.max_stall_ms < GUI_STALL_LIMIT_MS, f"boucle bloquée {monitor.max_stall_ms:.0f} ms"


def test_the_reception_worker_runs_beside_the_gui_and_its_state_is_shown(
        qtbot: QtBot, window: MainWindow, context: AppContext, imap_server: ImapTestServer, shared_dir: Path,
        replies: list[Reply]) -> None:
    _patient(context)
    assert inbox_actions.start_reception(context)
    window.inbox.show_connection()
    assert window.inbox.connection.text() == "MSSanté : relève automatique active"
    panel = window.inbox.panel
    imap_server.deliver(mm.cisis_message(shared_dir, LAB))
    qtbot.waitUntil(lambda: len(imap_server.seen()) == 1, timeout=60_000)  # a loaded CI machine
    panel.poll()  # what the timer does every few seconds
    qtbot.waitUntil(lambda: panel.counts.get("new") == 1, timeout=10_000)
    _show_filter(qtbot, panel, None)
    assert [entry.state_label for entry in panel.model.entries] == ["Intégré"]
