"""The practitioner's DMP decisions from the GUI: per-type preferences, withholding one document with its
reason, and a real DMP order in the "Envois" panel (document, patient, feeding trace)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from lgc_app.bootstrap import AppContext
from lgc_app.dmp import feeding
from lgc_app.dmp.models import DmpDocumentState, DmpState
from lgc_app.documents.kinds import DocumentType
from lgc_app.outbox.models import OrderStatus, SendOrder
from lgc_app.session import Authentication, Session, practitioner_by_rpps
from tests.helpers.dmp import random_ins
from tests.helpers.dmp_feed import add_author, add_qualified_patient, validated
from tests.helpers.outbox import proof_facts
from ui import messages
from ui.dmp.document_state import DmpPreferencesDialog, ask_withhold
from ui.outbox.orders_panel import OrdersPanel
from ui.tasks import TaskManager

pytestmark = pytest.mark.usefixtures("qloop")


def _act_as_the_practitioner(context: AppContext) -> None:
    practitioner = practitioner_by_rpps(context.database, "99700366240")
    assert practitioner is not None
    context.session = Session(practitioner, context.workstation, Authentication.CHOSEN_AT_START)


def test_preferences_dialog_changes_what_goes_to_the_dmp(qtbot: QtBot, context: AppContext) -> None:
    author = add_author(context.database)
    assert author.author.practitioner_id is not None
    _act_as_the_practitioner(context)
    dialog = DmpPreferencesDialog(context, TaskManager())
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.open()
    assert dialog.boxes[DocumentType.VSM].isChecked()  # key documents go by default
    assert not dialog.boxes[DocumentType.LETTER].isChecked()
    dialog.boxes[DocumentType.VSM].setChecked(False)
    dialog.boxes[DocumentType.LETTER].setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.buttons.accepted.emit()
    chosen = feeding.type_preferences(context.database, author.author.practitioner_id)
    assert (chosen[DocumentType.VSM], chosen[DocumentType.LETTER]) == (False, True)


def test_withhold_records_the_reason_and_cancels_the_order(qtbot: QtBot, context: AppContext,
                                                           message_log: list[messages.Message]) -> None:
    db = context.database
    author = add_author(db).author
    _act_as_the_practitioner(context)
    document_id = validated(db, add_qualified_patient(db, random_ins()), author)
    host = QWidget()
    qtbot.addWidget(host)
    dialog = ask_withhold(host, context, TaskManager(), document_id)
    assert not dialog.ok_button.isEnabled()  # a reason is required
    dialog.reason.setPlainText("Le patient souhaite en parler d'abord avec son cardiologue.")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(message_log), timeout=5000)
    assert [m.text for m in message_log] == ["Le document ne sera pas envoyé au DMP."]
    with db.reading() as session:
        state = session.get(DmpDocumentState, document_id)
        assert (state.state, state.reason) == (DmpState.WITHHELD,
                                               "Le patient souhaite en parler d'abord avec son cardiologue.")
        order = session.get(SendOrder, state.order_id)
        assert order.status is OrderStatus.CANCELLED


def test_dmp_order_shows_its_document_and_feeding_trace(qtbot: QtBot, context: AppContext) -> None:
    db = context.database
    author = add_author(db).author
    validated(db, add_qualified_patient(db, random_ins()), author)
    with db.reading() as session:
        order_id = session.scalars(select(SendOrder.id).where(SendOrder.kind == feeding.KIND)).one()
    panel = OrdersPanel(context, TaskManager())
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.refreshed, timeout=5000):
        panel.show()
    [row] = [row for row in range(panel.model.rowCount())
             if panel.model.index(row, 0).data(Qt.ItemDataRole.UserRole).id == order_id]  # not its MSSanté order
    subject = panel.model.index(row, panel.model.CONTENT).data()
    assert "Compte rendu de consultation" in subject and " — " in subject
    with qtbot.waitSignal(panel.trace_shown, timeout=5000):
        panel.select_order(order_id)
    facts = proof_facts(panel.trace_content())
    assert (facts["Envoi"], facts["Statut"], facts["Demandé par"]) == (order_id, "en attente", "pmedecin")
    assert facts["Document"].startswith(subject.split(" — ")[0]) and facts["Patient"] == subject.split(" — ")[1]
