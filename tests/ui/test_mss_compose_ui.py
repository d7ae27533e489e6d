"""MSSanté sending screens: the compose dialog (recipients, files, "Envoyer" queuing an `mss.compose` order,
French refusals), plain e-mails and an unusable patient box greyed, the Messagerie menu and "Écrire à un
correspondant…", the Mon espace santé objection check box, the MSSanté column of the document list and the
sending preferences."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lgc_app.bootstrap import AppContext
from lgc_app.directory.use_cases import CorrespondentRole, add_correspondent
from lgc_app.mss.patient_objection import objection_status
from lgc_app.mss.planning import COMPOSE_KIND, PATIENT
from lgc_app.mss.preferences import read_preferences
from lgc_app.mss.sent_models import MssMessage, RecipientStatus
from lgc_app.mss.trace import RecipientState
from lgc_app.outbox.models import SendOrder
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.session import Authentication, Session, practitioner_by_rpps
from services.annuaire import Mailbox, MailboxKind, PracticePlace, PractitionerEntry
from tests.helpers.dmp import random_ins
from tests.helpers.dmp_feed import add_author, add_qualified_patient, validated
from tests.ui.conftest import run_coro
from ui import messages
from ui.actions import documents as document_actions
from ui.documents.document_list import DocumentListModel
from ui.main_window import MainWindow
from ui.mss.compose_dialog import ComposeDialog
from ui.mss.compose_objection import MssObjectionCheck
from ui.mss.compose_preferences import SendingPreferencesDialog
from ui.tasks import TaskManager

pytestmark = pytest.mark.usefixtures("qloop")

DOCTOR = "claire.cardio@cardio.mssante.fr"
SHOTS = Path("/tmp")
CARDIO = PractitionerEntry(
    resource_id="pr-cardio", rpps="99700412345", family="CARDIO", given="Claire",
    mailboxes=(Mailbox(DOCTOR, MailboxKind.PERSONAL),),
    places=(PracticePlace(organisation_id="org", name="CABINET DE CARDIOLOGIE",
                          mailboxes=(Mailbox("secretariat@cardio-lyon.mssante.fr", MailboxKind.ORGANISATIONAL),),
                          emails=("contact@cabinet-cardio-lyon.fr",)),))


def _patient_with_correspondent(context: AppContext, status: IdentityStatus = IdentityStatus.QUAL) -> tuple[int, str]:
    ins = random_ins()
    patient_id = add_qualified_patient(context.database, ins, status=status)
    add_correspondent(context.database, patient_id, CARDIO, CorrespondentRole.TREATING, DOCTOR, who="test")
    return patient_id, f"{ins}@patient.mssante.fr"


def _dialog(qtbot: QtBot, context: AppContext, patient_id: int | None, preselect: str = "") -> ComposeDialog:
    dialog = ComposeDialog(context, TaskManager(), patient_id=patient_id, preselect=preselect)
    qtbot.addWidget(dialog)
    if patient_id is None:
        dialog.show()
    else:
        with qtbot.waitSignal(dialog.recipients.loaded, timeout=5000):
            dialog.show()
    return dialog


def _items(dialog: ComposeDialog) -> list[tuple[str, bool]]:
    """(text, can be ticked) of every listed recipient."""
    found = []
    for row in range(dialog.recipients.list.count()):
        item = dialog.recipients.list.item(row)
        found.append((item.text(), bool(item.flags() & Qt.ItemFlag.ItemIsUserCheckable)))
    return found


def test_filling_the_dialog_and_sending_queues_the_order(qtbot: QtBot, context: AppContext, tmp_path: Path) -> None:
    patient_id, patient_box = _patient_with_correspondent(context)
    shown: list[messages.Message] = []
    messages.bridge().connect_display(shown.append)
    dialog = _dialog(qtbot, context, patient_id, preselect=DOCTOR)
    assert "Message au sujet de PAT-TROIS" in dialog.about.text()
    assert [r.address for r in dialog.recipients.chosen()] == [DOCTOR]  # the correspondent written to is ticked
    assert dialog.recipients.tick(patient_box)
    dialog.subject.setText("Bilan cardiologique")
    dialog.text.setPlainText("Chère consœur,\nvoici le bilan.")
    pdf = tmp_path / "bilan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + bytes(300_000))
    dialog.add_files([pdf])
    qtbot.waitUntil(lambda: dialog.files.rowCount() == 1, timeout=5000)
    assert [dialog.files.item(0, column).text() for column in range(3)] == ["bilan.pdf", "application/pdf", "293 ko"]
    assert dialog.size_label.text() == "Taille estimée du message : 405 ko (au plus 20,0 Mo)"
    dialog.grab().save(str(SHOTS / "mss_compose_dialog.png"))
    with qtbot.waitSignal(dialog.queued, timeout=5000) as sent:
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    with context.database.reading() as session:
        [message] = session.scalars(select(MssMessage)).all()
        order = session.get(SendOrder, message.order_id)
        assert order is not None and order.kind == COMPOSE_KIND and order.id == sent.args[0].order_id
        assert [(r.address, r.kind) for r in message.recipients] == [(DOCTOR, "medecin_traitant"),
                                                                     (patient_box, PATIENT)]
        assert (message.subject, message.patient_id, [a.filename for a in message.attachments]) == (
            "Bilan cardiologique", patient_id, ["bilan.pdf"])
    assert any("« Envois »" in message.text for message in shown)


def test_refusals_are_shown_in_french_next_to_the_form(qtbot: QtBot, context: AppContext, tmp_path: Path) -> None:
    patient_id, _ = _patient_with_correspondent(context)
    dialog = _dialog(qtbot, context, patient_id)
    assert not dialog.send_button.isEnabled() and "Cochez au moins un destinataire" in dialog.send_button.toolTip()
    dialog.recipients.tick(DOCTOR)
    assert dialog.send_button.isEnabled()
    with qtbot.waitSignal(dialog.refused, timeout=2000):
        dialog.send()
    assert dialog.error_label.text() == "Indiquez l'objet du message." and dialog.subject.hasFocus()
    exe = tmp_path / "outil.exe"
    exe.write_bytes(b"MZ")
    fake = tmp_path / "photo.png"
    fake.write_bytes(b"%PDF-1.4 pas une image")
    with qtbot.waitSignal(dialog.refused, timeout=5000):
        dialog.add_files([exe])
    assert "« outil.exe » : type de fichier non accepté" in dialog.error_label.text()
    with qtbot.waitSignal(dialog.refused, timeout=5000):
        dialog.add_files([fake])
    assert "n'est pas un fichier image PNG valide" in dialog.error_label.text()
    assert dialog.files.rowCount() == 0
    with context.database.reading() as session:
        assert session.scalars(select(MssMessage)).all() == []


def test_unusable_addresses_are_listed_greyed(qtbot: QtBot, context: AppContext) -> None:
    patient_id, patient_box = _patient_with_correspondent(context, status=IdentityStatus.VALI)
    dialog = _dialog(qtbot, context, patient_id)
    texts = _items(dialog)
    assert texts[0] == (f"Médecin traitant — CARDIO Claire — {DOCTOR}", True)
    assert texts[1] == ("Mon espace santé du patient : impossible (identité non qualifiée)", False)
    assert not dialog.recipients.tick(patient_box)
    dialog.recipients.add_entry(CARDIO)  # chosen in the Annuaire dialog
    texts = _items(dialog)
    assert texts[2][0].startswith("Annuaire — CARDIO Claire — secretariat@cardio-lyon.mssante.fr — MSSanté (")
    assert texts[2][1]
    plain = [text for text, tickable in texts if "contact@cabinet-cardio-lyon.fr" in text]
    assert plain and "e-mail ordinaire, non sécurisé" in plain[0]
    assert not any(tickable for text, tickable in texts if "contact@" in text)
    assert [r.address for r in dialog.recipients.chosen()] == [DOCTOR]  # her first MSSanté box, already listed
    dialog.grab().save(str(SHOTS / "mss_compose_recipients.png"))


def test_the_messagerie_menu_and_the_correspondents_open_the_dialog(qtbot: QtBot, window: MainWindow) -> None:
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles.index("Messagerie") == titles.index("Envois") + 1
    window.mss_compose.compose_action.trigger()
    dialog = window.mss_compose.dialog
    assert dialog is not None and dialog.isVisible() and dialog.about.text() == "Message sans patient"
    dialog.close()
    patient_id, _ = _patient_with_correspondent(window.context)
    panel = window.patients.form.correspondents
    panel.show_patient(patient_id)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=5000)
    panel.table.selectRow(0)
    assert panel.write_button.text() == "Écrire à un correspondant…" and panel.write_button.isEnabled()
    panel.write_button.click()
    opened = panel.compose_dialog
    assert isinstance(opened, ComposeDialog) and opened.isVisible()
    qtbot.waitUntil(lambda: [r.address for r in opened.recipients.chosen()] == [DOCTOR], timeout=5000)
    opened.close()


def test_the_objection_check_box_records_who_and_when(qtbot: QtBot, context: AppContext) -> None:
    patient_id = add_qualified_patient(context.database, random_ins())
    check = MssObjectionCheck(context, TaskManager())
    qtbot.addWidget(check)
    with qtbot.waitSignal(check.shown, timeout=5000):
        check.set_patient(patient_id)
    assert not check.check.isChecked() and check.label.text() == ""
    with qtbot.waitSignal(check.changed, timeout=5000):
        check.check.click()
    assert check.check.isChecked() and objection_status(context.database, patient_id).in_force
    assert check.label.text().startswith("enregistrée le ") and check.label.text().endswith(
        f"par {context.session.who}")
    with qtbot.waitSignal(check.changed, timeout=5000):
        check.check.click()
    assert not check.check.isChecked() and not objection_status(context.database, patient_id).in_force


def test_the_objection_sits_next_to_the_dmp_opposition(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.dmp.panel
    patient_id = add_qualified_patient(window.context.database, random_ins())
    with qtbot.waitSignal(panel.mss_objection.shown, timeout=5000):
        panel.set_patient(patient_id)
    column = panel.opposition.parentWidget().layout()
    assert column.indexOf(panel.mss_objection) == column.indexOf(panel.opposition) + 1


def _state(status: RecipientStatus, address: str = DOCTOR, reason: str = "") -> RecipientState:
    return RecipientState(address, status, reason, datetime(2026, 3, 2, 9, 30, tzinfo=UTC))


def test_the_document_list_shows_the_mssante_state_per_recipient(qtbot: QtBot, context: AppContext) -> None:
    author = add_author(context.database)
    patient_id = add_qualified_patient(context.database, random_ins())
    add_correspondent(context.database, patient_id, CARDIO, CorrespondentRole.TREATING, DOCTOR, who="test")
    document_id = validated(context.database, patient_id, author.author)
    listed = run_coro(qtbot, document_actions.list_documents(context.database, patient_id))
    model = DocumentListModel()
    model.set_rows(listed.rows)
    cell = model.index(0, DocumentListModel.MSS)
    assert model.headerData(DocumentListModel.MSS, Qt.Orientation.Horizontal) == "MSSanté"
    assert cell.data() == "prévu ×2" and DOCTOR + " : prévu" in cell.data(Qt.ItemDataRole.ToolTipRole)
    states = document_actions.sharing_states(context.database, [document_id])
    failed = [_state(RecipientStatus.DISPLAYED), _state(RecipientStatus.FAILED, "x@patient.mssante.fr",
                                                        "messagerie fermée")]
    changed = model.set_sharing_states(document_actions.SharingStates(states.dmp, {document_id: failed}))
    assert len(changed) == 1 and cell.data() == "échec, lu"
    assert "x@patient.mssante.fr : échec (messagerie fermée)" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert cell.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    assert model.set_sharing_states(document_actions.SharingStates(states.dmp, {})) == []  # unchanged: kept


def test_the_sending_preferences_dialog_saves_the_practitioners_choice(qtbot: QtBot, context: AppContext) -> None:
    add_author(context.database)
    practitioner = practitioner_by_rpps(context.database, "99700366240")
    assert practitioner is not None
    context.session = Session(practitioner, context.workstation, Authentication.CHOSEN_AT_START)
    dialog = SendingPreferencesDialog(context, TaskManager())
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.open()
    assert [box.isChecked() for box in dialog.boxes] == [True, True, False, False]  # the defaults
    dialog.to_referring.setChecked(True)
    dialog.end_exchange.setChecked(True)
    dialog.grab().save(str(SHOTS / "mss_preferences.png"))
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save()
    chosen = read_preferences(context.database, context.session.practitioner_id or 0)
    assert (chosen.to_referring, chosen.end_patient_exchange) == (True, True)


def test_the_preferences_need_a_practitioner(qtbot: QtBot, context: AppContext) -> None:
    dialog = SendingPreferencesDialog(context, TaskManager())
    qtbot.addWidget(dialog)
    dialog.open()
    assert "connectez-vous en tant que praticien" in dialog.status.text()
    assert not any(box.isEnabled() for box in dialog.boxes)
