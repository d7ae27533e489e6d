"""The "Documents" panel of the main window, sharing metadata, archive and delete with a reason."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import qasync
from pytestqt.qtbot import QtBot

from lgc_app.dmp.models import DmpState
from lgc_app.dmp.recording import record_sent
from lgc_app.documents.kinds import DocumentStatus, DocumentType
from lgc_app.documents.models import DocumentEvent
from tests.helpers.document_editors import DocWorld, make_world, open_editor, validate
from ui import tasks as taskbridge
from ui.documents.editor_base import DocumentEditor
from ui.documents.free_editor import FreeEditor
from ui.documents.workspace import DocumentsPanel
from ui.main_window import MainWindow
from ui.stall_monitor import StallMonitor


@pytest.fixture
def world(qloop: qasync.QEventLoop, ui_db_url: str) -> Iterator[DocWorld]:
    built = make_world(ui_db_url)
    yield built
    built.context.stop()


def _written_certificate(qtbot: QtBot, world: DocWorld) -> DocumentEditor:
    editor = open_editor(qtbot, world, DocumentType.CERTIFICATE)
    assert isinstance(editor, FreeEditor)
    editor.sections.rows()[0].body.setPlainText("Certifie que l'état de santé de Mme PAT-TROIS…")  # type: ignore
    return editor


# -- sharing metadata ----------------------------------------------------------------------------------------------


def test_visibility_is_changed_before_validation_and_frozen_after(qtbot: QtBot, world: DocWorld) -> None:
    editor = _written_certificate(qtbot, world)
    panel = editor.metadata_panel
    hidden = panel.flags["hidden_from_patient"]
    assert not hidden.isChecked() and hidden.isEnabled()
    assert panel.combos["type_code"].isEnabled()  # an N1 document may take another J07 type
    hidden.click()
    qtbot.waitUntil(lambda: editor.detail.sharing.hidden_from_patient, timeout=5000)  # stored, then shown
    assert world.document(editor.detail.id).hidden_from_patient and hidden.isChecked()
    panel.combos["confidentiality_code"].setCurrentIndex(panel.combos["confidentiality_code"].findData("R"))
    panel.combos["confidentiality_code"].activated.emit(0)
    qtbot.waitUntil(lambda: editor.detail.sharing.confidentiality.code == "R", timeout=5000)
    validate(qtbot, editor)  # the text typed before the metadata changes is validated too
    stored = world.document(editor.detail.id)
    assert stored.hidden_from_patient and stored.status is DocumentStatus.VALIDATED
    assert b'confidentialityCode code="R"' in (stored.cda_xml or b"")
    assert not hidden.isEnabled() and not panel.flags["masked_from_professionals"].isEnabled()
    assert not any(combo.isEnabled() for combo in panel.combos.values())
    assert panel.frozen_note.isVisibleTo(panel) and not panel.defaults_button.isVisibleTo(panel)


def test_n3_type_code_is_locked_and_defaults_come_back(qtbot: QtBot, world: DocWorld) -> None:
    editor = open_editor(qtbot, world, DocumentType.VSM)
    panel = editor.metadata_panel
    assert not panel.combos["type_code"].isEnabled() and panel.type_note.isVisibleTo(panel)
    form = panel.combos["type_code"].parentWidget().layout()
    assert form.getWidgetPosition(panel.type_note)[0] == form.getWidgetPosition(panel.combos["type_code"])[0] + 1
    assert panel.combos["type_code"].currentData() == "SYNTH"
    assert panel.combos["facility_type_code"].currentData() == "SA08"  # the cabinet's sector
    panel.flags["masked_from_professionals"].click()
    qtbot.waitUntil(lambda: world.document(editor.detail.id).masked_from_professionals, timeout=5000)
    panel.defaults_button.click()  # even before the first change came back: the request is remembered
    qtbot.waitUntil(lambda: not world.document(editor.detail.id).masked_from_professionals, timeout=5000)
    qtbot.waitUntil(lambda: not panel.flags["masked_from_professionals"].isChecked(), timeout=5000)


def test_metadata_change_and_autosave_keep_their_order(qtbot: QtBot, world: DocWorld) -> None:
    """A metadata write right after typing must not trip the draft's version check."""
    editor = _written_certificate(qtbot, world)
    editor.title_edit.insert(" (sport)")
    editor.metadata_panel.flags["hidden_from_legal_representatives"].click()
    editor.title_edit.insert(" !")  # while the metadata write may still be running
    editor.autosave_timer.timeout.emit()
    idle: list[bool] = []
    editor.when_idle(lambda: idle.append(True))
    qtbot.waitUntil(lambda: bool(idle), timeout=5000)
    stored = world.document(editor.detail.id)
    assert stored.title == "Certificat médical (sport) !" and stored.hidden_from_legal_representatives
    assert not editor.banner.text() and not editor.is_dirty


# -- archive, delete -----------------------------------------------------------------------------------------------


def _confirm_reason(qtbot: QtBot, editor: DocumentEditor, reason: str) -> None:
    dialog = editor.reason_dialog
    assert dialog is not None
    assert not dialog.ok_button.isEnabled()  # no reason, no action
    dialog.reason.setPlainText(reason)
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not editor.busy, timeout=10_000)


def test_archive_asks_a_reason_and_records_it(qtbot: QtBot, world: DocWorld) -> None:
    editor = _written_certificate(qtbot, world)
    validate(qtbot, editor)
    editor.archive_button.click()
    _confirm_reason(qtbot, editor, "Certificat périmé")
    assert editor.detail.status is DocumentStatus.ARCHIVED
    assert not editor.archive_button.isVisibleTo(editor) and not editor.new_version_button.isVisibleTo(editor)
    with world.context.database.reading() as session:
        events = session.query(DocumentEvent).filter_by(document_id=editor.detail.id).all()
        assert [(e.action, e.note) for e in events][-1] == ("archived", "Certificat périmé")
    assert "archivé" in editor.history.item(editor.history.count() - 1).text()


def test_delete_can_be_cancelled_then_is_recorded_with_its_reason(qtbot: QtBot, world: DocWorld) -> None:
    editor = _written_certificate(qtbot, world)
    editor.delete_button.click()
    dialog = editor.reason_dialog
    assert dialog is not None
    dialog.reason.setPlainText("Créé par erreur")
    dialog.reject()
    assert editor.detail.status is DocumentStatus.DRAFT and world.document(editor.detail.id).status is \
        DocumentStatus.DRAFT
    editor.delete_button.click()
    _confirm_reason(qtbot, editor, "Créé par erreur")
    stored = world.document(editor.detail.id)
    assert stored.status is DocumentStatus.DELETED
    assert (stored.events[-1].action, stored.events[-1].note) == ("deleted", "Créé par erreur")
    assert not editor.delete_button.isVisibleTo(editor) and editor.title_edit.isReadOnly()


# -- the panel in the main window -------------------------------------------------------------------------------


@pytest.fixture
def window(world: DocWorld, qtbot: QtBot) -> MainWindow:
    win = MainWindow(world.context, taskbridge.TaskManager(), StallMonitor())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_panel_follows_the_patient_shown_and_lists_its_documents(qtbot: QtBot, world: DocWorld,
                                                                 window: MainWindow) -> None:
    panel: DocumentsPanel = window.documents.panel
    window.show_panel("Documents")
    qtbot.waitUntil(lambda: panel.author_id == world.author_id, timeout=5000)
    assert not panel.list.new_button.isEnabled()  # no patient yet
    with qtbot.waitSignal(panel.refreshed, timeout=5000):
        window.patients.form.loaded.emit(world.patient_id)
    qtbot.waitUntil(lambda: "PAT-TROIS" in panel.list.patient_label.text(), timeout=5000)
    assert panel.list.model.rowCount() == 0 and "Aucun document" in panel.list.empty_label.text()
    assert panel.list.new_button.isEnabled()
    with qtbot.waitSignal(panel.editor_opened, timeout=5000) as opened:
        panel.create_document(DocumentType.PRESCRIPTION)
    editor = opened.args[0]
    qtbot.waitUntil(lambda: panel.list.model.rowCount() == 1, timeout=5000)
    model = panel.list.model
    assert [model.index(0, c).data() for c in range(3)] == ["Ordonnance", "Ordonnance", "Brouillon"]
    assert model.index(0, model.DMP).data() == "—"
    # another document: the open draft is saved first, then replaced in the editor area
    editor.lines.rows()[0].drug.insert("Paracétamol 1 g")
    with qtbot.waitSignal(panel.editor_opened, timeout=5000):
        panel.create_document(DocumentType.LETTER)
    assert world.document(editor.detail.id).content["lines"][0]["drug"] == "Paracétamol 1 g"
    qtbot.waitUntil(lambda: panel.list.model.rowCount() == 2, timeout=5000)


def test_menu_opens_a_new_document_and_the_author_validates_it(qtbot: QtBot, world: DocWorld,
                                                               window: MainWindow) -> None:
    panel: DocumentsPanel = window.documents.panel
    qtbot.waitUntil(lambda: panel.author_id == world.author_id, timeout=5000)
    with qtbot.waitSignal(panel.refreshed, timeout=5000):
        window.patients.form.loaded.emit(world.patient_id)
    action = next(a for a in window.menu("Documents").actions() if "Note de vaccination" in a.text())
    with qtbot.waitSignal(panel.editor_opened, timeout=5000) as opened:
        action.trigger()
    assert window.panels.tabText(window.panels.currentIndex()) == "Documents"
    editor = opened.args[0]
    for field, text in ((editor.vaccine, "REVAXIS"), (editor.cis_code, "68747507"), (editor.atc_code, "J07AM01"),
                        (editor.atc_label, "anatoxine tétanique"), (editor.lot_number, "X4456672")):
        field.insert(text)
    validate(qtbot, editor)
    qtbot.waitUntil(lambda: panel.list.model.index(0, 2).data() == "Validé", timeout=5000)
    stored = world.document(editor.detail.id)
    assert stored.status is DocumentStatus.VALIDATED and b"X4456672" in (stored.cda_xml or b"")


def test_closing_the_window_saves_the_open_draft(qtbot: QtBot, world: DocWorld, window: MainWindow) -> None:
    panel: DocumentsPanel = window.documents.panel
    qtbot.waitUntil(lambda: panel.author_id == world.author_id, timeout=5000)
    with qtbot.waitSignal(panel.refreshed, timeout=5000):
        window.patients.form.loaded.emit(world.patient_id)
    with qtbot.waitSignal(panel.editor_opened, timeout=5000) as opened:
        panel.create_document(DocumentType.FREE)
    editor = opened.args[0]
    editor.sections.rows()[0].body.setPlainText("Tapé à la dernière seconde.")
    assert editor.autosave_timer.isActive()
    window.close()
    assert "dernière seconde" in repr(world.document(editor.detail.id).content)


def test_list_takes_a_fair_share_and_the_split_is_remembered(qtbot: QtBot, world: DocWorld,
                                                             window: MainWindow) -> None:
    window.resize(1200, 900)
    window.show_panel("Documents")
    splitter = window.documents.panel.splitter
    qtbot.waitUntil(lambda: splitter.sizes()[0] > 0)
    top, bottom = splitter.sizes()
    assert 0.3 <= top / (top + bottom) <= 0.5, (top, bottom)
    splitter.moveSplitter(top + 120, 1)  # as a user's drag does; the position is saved
    moved = splitter.sizes()[0]
    again = DocumentsPanel(world.context, taskbridge.TaskManager())
    qtbot.addWidget(again)
    again.resize(window.documents.panel.size())
    again.show()
    qtbot.waitUntil(lambda: again.splitter.sizes()[0] > 0)
    assert abs(again.splitter.sizes()[0] - moved) <= 8  # the saved share, give or take the minimum heights


def test_dmp_column_follows_the_worker_without_losing_the_selection(qtbot: QtBot, world: DocWorld,
                                                                    window: MainWindow) -> None:
    panel: DocumentsPanel = window.documents.panel
    window.show_panel("Documents")
    qtbot.waitUntil(lambda: panel.author_id == world.author_id, timeout=5000)
    assert panel.list.author.currentText() == "Dr Hélène Durand"  # the title as people write it, not "DR"
    with qtbot.waitSignal(panel.refreshed, timeout=5000):
        window.patients.form.loaded.emit(world.patient_id)
    with qtbot.waitSignal(panel.editor_opened, timeout=5000) as opened:
        panel.create_document(DocumentType.VAC_NOTE)
    editor = opened.args[0]
    for field, text in ((editor.vaccine, "REVAXIS"), (editor.cis_code, "68747507"), (editor.atc_code, "J07AM01"),
                        (editor.atc_label, "anatoxine tétanique"), (editor.lot_number, "X4456672")):
        field.insert(text)
    validate(qtbot, editor)
    model = panel.list.model
    qtbot.waitUntil(lambda: model.index(0, model.DMP).data() == "en attente", timeout=5000)
    panel.list.view.selectRow(0)
    reset: list[bool] = []
    model.modelReset.connect(lambda: reset.append(True))
    record_sent(world.context.database, editor.detail.id, answer="ok", replaces=None, replaced_document_id=None,
                order_id="aucun", workstation="poste-test")
    panel.dmp_poll.timeout.emit()  # as the timer does every few seconds
    qtbot.waitUntil(lambda: model.index(0, model.DMP).data() == "envoyé", timeout=5000)
    assert not reset and panel.list.view.selectionModel().isRowSelected(0)
    assert panel._documents[0].dmp is not None and panel._documents[0].dmp.state is DmpState.SENT
