"""The consultation screens: a new consultation typed and autosaved, vital signs with the BMI live and
implausible values refused, the report written from it, the timeline; the allergy warning of the
prescription editor."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from lgc_app.consultations import use_cases as consultations
from lgc_app.consultations.timeline import EntryKind
from lgc_app.documents import lifecycle
from lgc_app.documents.content import NarrativeContent
from lgc_app.documents.kinds import DocumentStatus, DocumentType
from lgc_app.prescribing import allergies
from tests.helpers.document_editors import DocWorld, make_world, open_editor
from ui.consultations.consultation_panel import ConsultationPanel
from ui.consultations.timeline_panel import TimelinePanel
from ui.documents.prescription_editor import PrescriptionEditor, PrescriptionLineRow


@pytest.fixture
def world(qloop: object, ui_db_url: str) -> Iterator[DocWorld]:
    built = make_world(ui_db_url)
    yield built
    built.context.stop()


@pytest.fixture
def panel(qtbot: QtBot, world: DocWorld) -> ConsultationPanel:
    widget = ConsultationPanel(world.context, world.tasks)
    qtbot.addWidget(widget)
    widget.resize(1100, 750)
    widget.show()
    widget.set_patient(world.patient_id)
    qtbot.waitUntil(lambda: widget.new_button.isEnabled() and widget.patient_label.text() != "", timeout=10_000)
    return widget


def _new_consultation(qtbot: QtBot, panel: ConsultationPanel) -> None:
    with qtbot.waitSignal(panel.consultation_shown, timeout=10_000):
        panel.new_button.click()
    assert panel.reason.isEnabled()


def _autosave(qtbot: QtBot, panel: ConsultationPanel) -> None:
    assert panel.autosave_timer.isActive(), "a change should have armed the autosave timer"
    with qtbot.waitSignal(panel.saved, timeout=10_000):
        panel.autosave_timer.timeout.emit()


def test_a_hidden_panel_reads_the_patient_when_shown(qtbot: QtBot, world: DocWorld) -> None:
    """Opening a patient while another tab is shown does not read the consultations: they are read on show."""
    widget = ConsultationPanel(world.context, world.tasks)
    qtbot.addWidget(widget)
    widget.set_patient(world.patient_id)
    qtbot.wait(300)
    assert widget.patient_label.text() == "Aucun patient ouvert." and widget.chooser.count() == 0
    widget.show()
    qtbot.waitUntil(lambda: widget.new_button.isEnabled() and widget.patient_label.text() != "Aucun patient ouvert.",
                    timeout=10_000)


def test_a_new_consultation_is_typed_and_autosaved(qtbot: QtBot, world: DocWorld, panel: ConsultationPanel) -> None:
    assert not panel.record.isEnabled()  # nothing to type into before a consultation is open
    _new_consultation(qtbot, panel)
    panel.reason.insert("Fièvre depuis 3 jours")
    panel.reason.textEdited.emit(panel.reason.text())
    panel.conclusion.setPlainText("Angine érythémateuse")
    panel.vitals.edits["weight_kg"].insert("72,5")
    panel.vitals.edits["weight_kg"].textEdited.emit("72,5")
    panel.vitals.edits["height_cm"].insert("170")
    panel.vitals.edits["height_cm"].textEdited.emit("170")
    assert panel.vitals.bmi.text() == "25,1 kg/m²"  # live, before any save
    _autosave(qtbot, panel)
    assert panel.save_state.text().startswith("Consultation enregistrée à ")
    assert panel.view is not None
    stored = consultations.get_consultation(world.context.database, panel.view.id, world.context.session)
    assert stored.record.reason == "Fièvre depuis 3 jours"
    assert stored.record.conclusion == "Angine érythémateuse"
    assert stored.record.vitals.bmi == 25.1
    assert stored.practitioner_id == world.author_id  # the session's practitioner
    qtbot.waitUntil(lambda: panel.chooser.count() == 1, timeout=5000)
    assert "Fièvre depuis 3 jours" in panel.chooser.itemText(0)


def test_an_implausible_vital_sign_is_refused_next_to_the_field(qtbot: QtBot, world: DocWorld,
                                                                panel: ConsultationPanel) -> None:
    _new_consultation(qtbot, panel)
    weight = panel.vitals.edits["weight_kg"]
    weight.insert("750")
    weight.textEdited.emit("750")
    assert panel.vitals.bmi.text() == "—"
    assert panel.save_now() is False
    assert "hors des valeurs plausibles" in panel.vitals.error.text()
    assert "non enregistrée" in panel.save_state.text()
    assert panel.view is not None
    stored = consultations.get_consultation(world.context.database, panel.view.id, world.context.session)
    assert stored.record.vitals.weight_kg is None


def test_the_report_is_written_from_the_consultation(qtbot: QtBot, world: DocWorld,
                                                     panel: ConsultationPanel) -> None:
    _new_consultation(qtbot, panel)
    panel.reason.insert("Toux")
    panel.reason.textEdited.emit("Toux")
    panel.examination.setPlainText("Auscultation normale")
    panel.vitals.edits["temperature_c"].insert("38,2")
    panel.vitals.edits["temperature_c"].textEdited.emit("38,2")
    with qtbot.waitSignal(panel.document_written, timeout=10_000) as written:
        panel.write_buttons[DocumentType.CONSULTATION_REPORT].click()  # saves what is typed first
    document = lifecycle.get_document(world.context.database, written.args[0], world.context.session)
    assert document.type is DocumentType.CONSULTATION_REPORT and document.status is DocumentStatus.DRAFT
    assert isinstance(document.content, NarrativeContent)
    assert [(s.heading, s.paragraphs) for s in document.content.sections] == [
        ("Motif de consultation", ("Toux",)), ("Examen clinique", ("Température : 38,2 °C", "Auscultation normale"))]
    assert "Rédigés depuis cette consultation" in panel.documents_label.text()
    timeline = TimelinePanel(world.context, world.tasks)
    qtbot.addWidget(timeline)
    timeline.set_patient(world.patient_id)
    with qtbot.waitSignal(timeline.refreshed, timeout=10_000):
        timeline.show()
    assert [(e.kind, e.title) for e in timeline.entries()] == [
        (EntryKind.DOCUMENT, document.title), (EntryKind.CONSULTATION, "Toux")]
    with qtbot.waitSignal(timeline.open_requested) as opened:
        item = timeline.tree.topLevelItem(0)
        timeline.tree.itemActivated.emit(item, 0)
    assert opened.args == [EntryKind.DOCUMENT, document.id]


def test_allergies_are_added_beside_the_consultation(qtbot: QtBot, world: DocWorld,
                                                     panel: ConsultationPanel) -> None:
    box = panel.allergies
    box.substance.insert("Pénicilline")
    box.reaction.insert("Urticaire")
    box.add_button.click()
    qtbot.waitUntil(lambda: box.substances() == ["Pénicilline"], timeout=10_000)
    assert box.substance.text() == ""  # ready for the next one
    assert "Pénicillines (bêtalactamines)" in box.list.item(0).text()
    assert [a.substance for a in allergies.list_allergies(world.context.database, world.patient_id)] == [
        "Pénicilline"]


def test_prescribing_against_an_allergy_warns_and_records_the_reason(qtbot: QtBot, world: DocWorld) -> None:
    allergies.add_allergy(world.context.database, world.patient_id, substance="Pénicilline",
                          actor=world.env.actor)
    editor = open_editor(qtbot, world, DocumentType.PRESCRIPTION)
    assert isinstance(editor, PrescriptionEditor)
    row = editor.lines.rows()[0]
    assert isinstance(row, PrescriptionLineRow)
    row.drug.insert("Amoxicilline 1 g")
    row.dosage.insert("1 comprimé matin et soir")
    row.duration.setValue(7)
    editor.validate_button.click()
    qtbot.waitUntil(lambda: editor.allergy_dialog is not None, timeout=10_000)
    dialog = editor.allergy_dialog
    assert dialog is not None and editor.confirmation is None  # the warning comes before the confirmation
    assert "« Amoxicilline 1 g »" in dialog.findChild(type(editor.status_label)).text()
    assert not dialog.ok_button.isEnabled()  # a reason is required
    dialog.reason.setPlainText("Tolérance documentée en 2023")
    dialog.ok_button.click()
    assert editor.confirmation is not None
    editor.confirm_button().click()
    qtbot.waitUntil(lambda: not editor.detail.is_draft or bool(editor.banner.text()), timeout=20_000)
    assert editor.detail.status is DocumentStatus.VALIDATED, editor.banner.text()
    assert allergies.overrides(world.context.database, editor.detail.id) == [
        ("Amoxicilline 1 g", "Pénicilline", "Tolérance documentée en 2023", world.env.actor.login)]


def test_cancelling_the_allergy_warning_validates_nothing(qtbot: QtBot, world: DocWorld) -> None:
    allergies.add_allergy(world.context.database, world.patient_id, substance="Aspirine",
                          actor=world.env.actor)
    editor = open_editor(qtbot, world, DocumentType.PRESCRIPTION)
    row = editor.lines.rows()[0]  # type: ignore[attr-defined]
    row.drug.insert("Ibuprofène 400 mg")
    row.dosage.insert("1 comprimé si douleur")
    row.duration.setValue(5)
    editor.validate_button.click()
    qtbot.waitUntil(lambda: editor.allergy_dialog is not None, timeout=10_000)
    editor.allergy_dialog.reject()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: editor.allergy_dialog is None)
    qtbot.wait(50)  # the dialog's deferred deletion, before the editor's own at teardown
    assert editor.confirmation is None and editor.detail.is_draft
    assert allergies.overrides(world.context.database, editor.detail.id) == []
