"""The DMP on the patient's documents (issue 13 items 2, 8; issue 10 item 5): "Envoyer au DMP" and "Ne pas
envoyer au DMP…" on the document list, documents imported from the DMP listed and opened with the others, a new
VSM offered as the next version of the one in the DMP, the offer after qualification, the opposition in the DMP
tab, and "Nouveau" cleared by opening."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import qasync
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from lgc_app.bootstrap import AppContext
from lgc_app.dmp.consultation_models import DmpReceivedDocument
from lgc_app.dmp.feeding import AUTHOR_ONLY
from lgc_app.dmp.models import DmpState
from lgc_app.dmp.opposition import opposition_status
from lgc_app.dmp.state import document_state
from lgc_app.documents import lifecycle
from lgc_app.documents.content import NarrativeContent, Section
from lgc_app.documents.kinds import DocumentType
from lgc_app.patients import use_cases as patient_cases
from lgc_app.patients.models import Patient
from lgc_app.patients.status import change_status
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.base import utcnow
from services.sandbox.dmp.foreign_cda import consultation_report
from services.sandbox.server import RunningSandbox
from tests.helpers.cisis import add_patient, sample_content
from tests.helpers.composition import PLANNERS
from tests.helpers.dmp_consultation import DUPONT_INS, qualified_patient
from tests.helpers.dmp_feed import CABINET
from tests.helpers.document_editors import DocWorld, make_world
from tests.ui import test_dmp_panel as dmp_panel_tests
from ui import messages
from ui.dmp.dmp_panel import DmpPanel, ListState
from ui.dmp.qualification_offer import QualificationOffer
from ui.documents.reason_dialog import ReasonDialog
from ui.documents.workspace import DocumentsPanel
from ui.patients.form.status import StatusPanel

# The sandbox DMP fixtures of the DMP panel tests, shared rather than copied.
dmp_http = dmp_panel_tests.dmp_http
panel = dmp_panel_tests.panel
FOREIGN_TITLE, titles, wait_state = dmp_panel_tests.FOREIGN_TITLE, dmp_panel_tests.titles, dmp_panel_tests.wait_state


@pytest.fixture
def world(qloop: qasync.QEventLoop, ui_db_url: str) -> Iterator[DocWorld]:
    built = make_world(ui_db_url)
    yield built
    built.context.stop()


def _patient(world: DocWorld, status: IdentityStatus) -> int:
    with world.context.database.unit_of_work() as session:
        return add_patient(session, status=status).id


def _validated(world: DocWorld, patient_id: int, document_type: DocumentType = DocumentType.CONSULTATION_REPORT) -> int:
    db, actor = world.context.database, world.context.session.actor()
    document_id = lifecycle.create_draft(db, patient_id=patient_id, author_id=world.author_id,
                                         document_type=document_type, actor=actor, cabinet=CABINET)
    content = (NarrativeContent((Section("Examen", ("Normal.",)),)) if not document_type.is_structured
               else sample_content(document_type))
    lifecycle.update_draft(db, document_id, actor, content=content)  # type: ignore[arg-type]
    lifecycle.validate(db, document_id, actor, CABINET, planners=PLANNERS)
    return document_id


def _qualify(world: DocWorld, patient_id: int) -> None:
    with world.context.database.unit_of_work() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None
        change_status(patient, IdentityStatus.QUAL, "pièce d'identité contrôlée", "test")


def _panel(qtbot: QtBot, world: DocWorld, patient_id: int) -> DocumentsPanel:
    panel = DocumentsPanel(world.context, world.tasks)
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.show()
    with qtbot.waitSignal(panel.refreshed, timeout=5000):
        panel.set_patient(patient_id)
    return panel


def _state(world: DocWorld, document_id: int) -> DmpState | None:
    found = document_state(world.context.database, document_id)
    return found.state if found is not None else None


def test_a_document_is_withheld_then_sent_from_the_list(qtbot: QtBot, world: DocWorld,
                                                        message_log: list[messages.Message]) -> None:
    patient_id = _patient(world, IdentityStatus.QUAL)
    document_id = _validated(world, patient_id)
    panel = _panel(qtbot, world, patient_id)
    documents = panel.list
    assert not documents.send_button.isEnabled() and not documents.withhold_button.isEnabled()  # nothing selected
    documents.view.selectRow(0)
    assert not documents.send_button.isEnabled() and "en attente" in documents.send_button.toolTip()
    assert documents.withhold_button.isEnabled()
    assert [a.text() for a in documents.context_menu.actions()] == ["Envoyer au DMP", "Ne pas envoyer au DMP…"]

    documents.withhold_button.click()
    dialog = panel.findChild(ReasonDialog)
    assert dialog is not None
    dialog.reason.setPlainText("Résultat à annoncer d'abord au patient.")
    with qtbot.waitSignal(panel.refreshed, timeout=5000):
        dialog.ok_button.click()
    assert _state(world, document_id) is DmpState.WITHHELD
    documents.view.selectRow(0)
    assert documents.model.index(0, documents.model.DMP).data() == "retenu"
    assert documents.send_button.isEnabled() and not documents.withhold_button.isEnabled()

    with qtbot.waitSignal(panel.refreshed, timeout=5000):
        documents.send_action.trigger()
    assert _state(world, document_id) is DmpState.PENDING
    assert "Le document va être envoyé au DMP (suivi dans « Envois »)." in [m.text for m in message_log]


def test_only_the_author_decides(qtbot: QtBot, world: DocWorld) -> None:
    patient_id = _patient(world, IdentityStatus.QUAL)
    _validated(world, patient_id)
    panel = _panel(qtbot, world, patient_id)
    panel.list.acting_practitioner = None  # the secretariat acts
    panel.list.view.selectRow(0)
    assert not panel.list.send_action.isEnabled() and not panel.list.withhold_action.isEnabled()
    assert panel.list.withhold_button.toolTip() == AUTHOR_ONLY


def test_imported_documents_are_listed_and_opened_with_the_others(qtbot: QtBot, world: DocWorld) -> None:
    patient_id = _patient(world, IdentityStatus.QUAL)
    _validated(world, patient_id)
    content = consultation_report(ins="285037505612306", oid="1.2.250.1.213.1.4.10", family_name="DUPONT",
                                  given_name="ELODIE", birth_date="19850314", sex="F", title="CR de cardiologie",
                                  type_code="11488-4^2.16.840.1.113883.6.1", author_id="810000000001",
                                  author_name="CARDIO^Claire", created=utcnow())
    with world.context.database.unit_of_work() as session:
        session.add(DmpReceivedDocument(
            patient_id=patient_id, unique_id="1.2.3.4.5", entry_uuid="urn:uuid:1", repository_id="1.2.3",
            title="CR de cardiologie", mime_type="text/xml", type_code="11488-4",
            type_display="CR de consultation", author="Claire CARDIO", size=len(content), sha1="0" * 40,
            content=content, imported_by="Dr Durand", imported_at=utcnow()))
    panel = _panel(qtbot, world, patient_id)
    model = panel.list.model
    assert model.rowCount() == 2
    assert [model.index(1, column).data() for column in (model.TITLE, model.STATUS)] == ["CR de cardiologie",
                                                                                         "Reçu du DMP"]
    assert "Claire CARDIO" in model.index(1, model.TITLE).data(0x03)  # tooltip: author and import
    panel.list.view.selectRow(1)
    assert not panel.list.send_button.isEnabled()  # not ours to send
    with qtbot.waitSignal(panel.received_view.shown, timeout=5000):
        panel.list.view.clicked.emit(model.index(1, model.TITLE))
    assert panel.host.currentWidget() is panel.received_view
    assert "Reçu du DMP — Claire CARDIO" in panel.received_view.origin.text()
    qtbot.waitUntil(lambda: "Examen cardiologique normal" in panel.received_view.viewer.narrative_text(),
                    timeout=10_000)
    with qtbot.waitSignal(panel.editor_opened, timeout=5000):  # back to one of the cabinet's documents
        panel.list.view.clicked.emit(model.index(0, model.TITLE))
    assert panel.host.currentWidget() is panel.editor


def test_a_new_vsm_becomes_the_next_version_of_the_one_in_the_dmp(qtbot: QtBot, world: DocWorld) -> None:
    patient_id = _patient(world, IdentityStatus.QUAL)
    first = _validated(world, patient_id, DocumentType.VSM)
    panel = _panel(qtbot, world, patient_id)
    qtbot.waitUntil(lambda: panel.author_id == world.author_id, timeout=5000)
    panel.create_document(DocumentType.VSM)
    qtbot.waitUntil(lambda: panel.replace_offer is not None, timeout=5000)
    offer = panel.replace_offer
    assert offer is not None and "déjà dans le DMP" in offer.text() and "version 1" in offer.text()
    assert {b.text() for b in offer.buttons()} == {"Nouvelle version de ce document", "Document distinct",
                                                   "Annuler"}
    default = offer.defaultButton()
    assert default is not None
    with qtbot.waitSignal(panel.editor_opened, timeout=10_000) as opened:
        default.click()
    detail = opened.args[0].detail
    assert (detail.replaces_id, detail.version_number) == (first, 2)

    panel.create_document(DocumentType.VSM)  # again: the version already started is opened, not a third
    qtbot.waitUntil(lambda: panel.replace_offer is not None, timeout=5000)
    assert panel.replace_offer is not None
    assert panel.replace_offer.defaultButton().text() == "Ouvrir la nouvelle version en cours"  # type: ignore


def test_qualifying_the_identity_offers_to_send_what_waited(qtbot: QtBot, world: DocWorld,
                                                            message_log: list[messages.Message]) -> None:
    db = world.context.database
    patient_id = _patient(world, IdentityStatus.RECUP)
    waiting = [_validated(world, patient_id), _validated(world, patient_id, DocumentType.VSM)]
    assert [_state(world, d) for d in waiting] == [DmpState.UNQUALIFIED, DmpState.UNQUALIFIED]
    status = StatusPanel()
    qtbot.addWidget(status)
    offer = QualificationOffer(world.context, world.tasks, status)
    status.qualified.connect(offer.identity_qualified)
    qualified: list[int] = []
    status.qualified.connect(qualified.append)
    status.show_patient(patient_cases.load_patient(db, patient_id))
    status.show_patient(patient_cases.load_patient(db, _patient(world, IdentityStatus.QUAL)))  # another one
    status.show_patient(patient_cases.load_patient(db, patient_id))
    assert qualified == []  # opening a qualified identity is no qualification
    _qualify(world, patient_id)
    status.show_patient(patient_cases.load_patient(db, patient_id))
    assert qualified == [patient_id]
    qtbot.waitUntil(lambda: offer.question is not None, timeout=5000)
    question = offer.question
    assert question is not None
    assert question.text() == ("2 documents attendaient la qualification de l'identité : les envoyer au DMP "
                               "maintenant ?")
    with qtbot.waitSignal(offer.released, timeout=5000) as released:
        question.defaultButton().click()  # type: ignore[union-attr]
    assert released.args == [patient_id, 2]
    assert [_state(world, d) for d in waiting] == [DmpState.PENDING, DmpState.PENDING]


def _accept(box: QMessageBox | None) -> None:
    assert box is not None
    button = box.defaultButton()
    assert button is not None
    button.click()


def test_the_opposition_is_recorded_and_withdrawn_in_the_dmp_tab(qtbot: QtBot, panel: DmpPanel,
                                                                 context: AppContext) -> None:
    patient_id = qualified_patient(context.database, DUPONT_INS)
    bar = panel.opposition
    with qtbot.waitSignal(bar.shown, timeout=5000):
        panel.set_patient(patient_id)
    wait_state(qtbot, panel, ListState.LIST)
    assert bar.label.text() == "Pas d'opposition au DMP enregistrée."
    assert bar.button.text() == "Le patient s'oppose à l'alimentation de son DMP…"

    bar.button.click()
    assert bar.confirmation is not None and "aucun document ne sera plus envoyé" in bar.confirmation.text()
    with qtbot.waitSignal(bar.changed, timeout=5000):
        _accept(bar.confirmation)
    who = context.session.who
    status = opposition_status(context.database, patient_id)
    assert status.in_force and status.recorded_by == who
    assert f"par {who} : aucun document n'est envoyé au DMP ni consulté." in bar.label.text()
    qtbot.waitUntil(lambda: "opposé au DMP" in panel.message_label.text(), timeout=5000)  # not consulted
    assert panel.state is ListState.NO_PATIENT and not panel.search_button.isEnabled()
    assert bar.button.text() == "Retirer l'opposition…"

    bar.button.click()
    with qtbot.waitSignal(bar.changed, timeout=5000):
        _accept(bar.confirmation)
    assert not opposition_status(context.database, patient_id).in_force
    assert "retirée le" in bar.label.text() and who in bar.label.text()
    wait_state(qtbot, panel, ListState.LIST)


def test_opening_a_new_document_clears_its_flag(qtbot: QtBot, panel: DmpPanel, context: AppContext,
                                               sandbox: RunningSandbox, dmp_http: Any) -> None:
    panel.set_patient(qualified_patient(context.database, DUPONT_INS))
    wait_state(qtbot, panel, ListState.LIST)
    row = titles(panel).index(FOREIGN_TITLE)
    assert panel.model.documents[row].is_new and "Nouveau" in panel.model.index(row, panel.model.STATE).data()
    panel.select_row(row)
    with qtbot.waitSignal(panel.viewer.loaded, timeout=10_000):
        panel.open_button.click()
    assert not panel.model.documents[row].is_new
    assert "Nouveau" not in panel.model.index(row, panel.model.STATE).data()
    assert panel.model.index(row, 0).data(0x0D) is None  # no more bold (FontRole)
