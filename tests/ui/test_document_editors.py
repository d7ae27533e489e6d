"""Document editors: drafts autosaved, validation freezing them, new versions, bad input refused by its field."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from lgc_app.documents import lifecycle
from lgc_app.documents.content import NarrativeContent, PrescriptionContent, Problem, VacNoteContent, VsmContent
from lgc_app.documents.kinds import DocumentStatus, DocumentType
from lgc_app.documents.partial_date import PartialDate
from lgc_app.session import SECRETARIAT, Authentication, Session
from tests.helpers.cisis import cisis_errors
from tests.helpers.document_editors import DocWorld, autosave, make_world, open_editor, validate
from ui.documents.free_editor import FreeEditor
from ui.documents.prescription_editor import PrescriptionEditor, PrescriptionLineRow
from ui.documents.vaccination_editor import VaccinationEditor
from ui.documents.vsm_editor import ProblemRow, VsmEditor


@pytest.fixture
def world(qloop: object, ui_db_url: str) -> Iterator[DocWorld]:
    built = make_world(ui_db_url)
    yield built
    built.context.stop()


def _fill_line(row: PrescriptionLineRow, drug: str, dosage: str, days: int) -> None:
    row.drug.insert(drug)
    row.dosage.insert(dosage)
    row.duration.setValue(days)


def _type(qtbot: QtBot, widget: QLineEdit, text: str) -> None:
    """Type at the cursor as the user would (QTest cannot send accented keys: insert() edits the same way)."""
    widget.setFocus()
    widget.insert(text)


# -- drafts and autosave -------------------------------------------------------------------------------------


def test_prescription_draft_autosaves_typed_lines(qtbot: QtBot, world: DocWorld) -> None:
    editor = open_editor(qtbot, world, DocumentType.PRESCRIPTION)
    assert isinstance(editor, PrescriptionEditor)
    assert editor.detail.status is DocumentStatus.DRAFT and len(editor.lines.rows()) == 1
    row = editor.lines.rows()[0]
    assert isinstance(row, PrescriptionLineRow)
    _type(qtbot, row.drug, "Amoxicilline 1 g")
    _type(qtbot, row.dosage, "1 comprimé matin et soir")
    row.duration.setValue(7)
    row.ald.setChecked(True)
    assert editor.is_dirty
    autosave(qtbot, editor)
    assert editor.save_state.text().startswith("Brouillon enregistré à ")
    assert not editor.is_dirty
    stored = lifecycle.parse_content(DocumentType.PRESCRIPTION, world.document(editor.detail.id).content)
    assert isinstance(stored, PrescriptionContent)
    line = stored.lines[0]
    assert (line.drug, line.dosage, line.duration_days, line.ald) == (
        "Amoxicilline 1 g", "1 comprimé matin et soir", 7, True)


def test_vsm_draft_autosaves_each_section(qtbot: QtBot, world: DocWorld) -> None:
    editor = open_editor(qtbot, world, DocumentType.VSM)
    assert isinstance(editor, VsmEditor)
    editor.problems.add_button.click()
    problem = editor.problems.rows()[0]
    assert isinstance(problem, ProblemRow)
    _type(qtbot, problem.label, "Hypertension artérielle")
    _type(qtbot, problem.cim10, "I10")
    _type(qtbot, problem.start, "02/04/2015")
    editor.allergies.add_button.click()
    _type(qtbot, editor.allergies.rows()[0].agent, "Pénicilline")  # type: ignore[attr-defined]
    editor.treatments.add_button.click()
    _type(qtbot, editor.treatments.rows()[0].drug, "Ramipril 5 mg")  # type: ignore[attr-defined]
    _type(qtbot, editor.treatments.rows()[0].start, "03/2020")  # type: ignore[attr-defined]  # partial
    editor.risk_factors.add_button.click()
    _type(qtbot, editor.risk_factors.rows()[0].description, "Fumeur, 20 PA")  # type: ignore[attr-defined]
    editor.vigilance.setPlainText("Insuffisance rénale : adapter les doses.\n\nChutes fréquentes.")
    autosave(qtbot, editor)
    stored = lifecycle.parse_content(DocumentType.VSM, world.document(editor.detail.id).content)
    assert isinstance(stored, VsmContent)
    assert stored.problems[0].label == "Hypertension artérielle"
    assert stored.problems[0].start == PartialDate(2015, 4, 2)
    assert stored.allergies[0].agent == "Pénicilline" and stored.allergies[0].kind == "medicament"
    assert stored.treatments[0].drug == "Ramipril 5 mg" and stored.treatments[0].start == PartialDate(2020, 3)
    assert stored.risk_factors[0].description == "Fumeur, 20 PA"
    assert stored.vigilance == ("Insuffisance rénale : adapter les doses.", "Chutes fréquentes.")


def test_letter_draft_autosaves_recipient_and_sections(qtbot: QtBot, world: DocWorld) -> None:
    editor = open_editor(qtbot, world, DocumentType.LETTER)
    assert isinstance(editor, FreeEditor)
    assert editor.recipient.isVisible()
    section = editor.sections.rows()[0]
    assert section.heading.text() == "Courrier"  # type: ignore[attr-defined]
    _type(qtbot, editor.recipient, "Dr Lefèvre")
    section.body.setPlainText("Cher confrère,\n\nJe vous adresse Mme PAT-TROIS.")  # type: ignore[attr-defined]
    autosave(qtbot, editor)
    stored = lifecycle.parse_content(DocumentType.LETTER, world.document(editor.detail.id).content)
    assert isinstance(stored, NarrativeContent)
    assert stored.recipient == "Dr Lefèvre"
    assert stored.sections[0].paragraphs == ("Cher confrère,", "Je vous adresse Mme PAT-TROIS.")


def test_vaccination_draft_autosaves_and_defaults_to_today(qtbot: QtBot, world: DocWorld) -> None:
    editor = open_editor(qtbot, world, DocumentType.VAC_NOTE)
    assert isinstance(editor, VaccinationEditor)
    assert editor.administered_on.text() == date.today().strftime("%d/%m/%Y")
    _type(qtbot, editor.vaccine, "REVAXIS")
    _type(qtbot, editor.lot_number, "X4456672")
    autosave(qtbot, editor)
    stored = lifecycle.parse_content(DocumentType.VAC_NOTE, world.document(editor.detail.id).content)
    assert isinstance(stored, VacNoteContent)
    assert (stored.vaccine, stored.lot_number, stored.administered_on) == ("REVAXIS", "X4456672", date.today())


def test_a_change_arms_the_two_second_autosave_timer(qtbot: QtBot, world: DocWorld) -> None:
    editor = open_editor(qtbot, world, DocumentType.CERTIFICATE)
    assert not editor.autosave_timer.isActive()
    _type(qtbot, editor.title_edit, " bis")
    assert editor.autosave_timer.isActive() and editor.autosave_timer.interval() == 2000
    with qtbot.waitSignal(editor.saved, timeout=5000):  # the real timer, once
        pass
    assert world.document(editor.detail.id).title == "Certificat médical bis"


def test_closing_the_editor_saves_the_pending_draft(qtbot: QtBot, world: DocWorld) -> None:
    editor = open_editor(qtbot, world, DocumentType.FREE)
    editor.sections.rows()[0].body.setPlainText("Texte tapé juste avant de fermer.")  # type: ignore[attr-defined]
    closed: list[bool] = []
    editor.request_close(lambda: closed.append(True))
    qtbot.waitUntil(lambda: bool(closed), timeout=5000)
    stored = lifecycle.parse_content(DocumentType.FREE, world.document(editor.detail.id).content)
    assert stored.sections[0].paragraphs == ("Texte tapé juste avant de fermer.",)  # type: ignore[union-attr]


# -- bad input ---------------------------------------------------------------------------------------------------


def test_future_vaccination_date_is_shown_by_its_field_and_not_saved(qtbot: QtBot, world: DocWorld) -> None:
    editor = open_editor(qtbot, world, DocumentType.VAC_NOTE)
    assert isinstance(editor, VaccinationEditor)
    _type(qtbot, editor.vaccine, "REVAXIS")
    autosave(qtbot, editor)
    future = (date.today() + timedelta(days=3)).strftime("%d/%m/%Y")
    editor.administered_on.clear()
    _type(qtbot, editor.administered_on, future)
    _type(qtbot, editor.lot_number, "X4456672")
    autosave(qtbot, editor)  # the rest of the draft is saved (issue 13 item 9)
    error = editor.errors[editor.administered_on]
    assert error.isVisible() and "futur" in error.text()
    assert editor.administered_on.property("invalid") is True
    assert "sauf les champs signalés en rouge" in editor.save_state.text()
    assert editor.administered_on.text() == future  # the typed text stays
    stored = lifecycle.parse_content(DocumentType.VAC_NOTE, world.document(editor.detail.id).content)
    assert stored.administered_on == date.today()  # type: ignore[union-attr]  # never the future date
    assert stored.lot_number == "X4456672"  # type: ignore[union-attr]
    editor.administered_on.clear()
    _type(qtbot, editor.administered_on, "05/03/2024")
    autosave(qtbot, editor)
    assert not error.isVisible()
    stored = lifecycle.parse_content(DocumentType.VAC_NOTE, world.document(editor.detail.id).content)
    assert stored.administered_on == date(2024, 3, 5)  # type: ignore[union-attr]


def test_malformed_problem_dates_are_refused_and_the_rest_is_saved(qtbot: QtBot, world: DocWorld) -> None:
    editor = open_editor(qtbot, world, DocumentType.VSM)
    assert isinstance(editor, VsmEditor)
    editor.problems.add_button.click()
    row = editor.problems.rows()[0]
    assert isinstance(row, ProblemRow)
    _type(qtbot, row.label, "Pyélonéphrite")
    _type(qtbot, row.start, "31/02/2018")
    autosave(qtbot, editor)
    assert "date invalide" in row.error.text()
    assert row.start.text() == "31/02/2018" and row.start.property("invalid") is True
    stored = lifecycle.parse_content(DocumentType.VSM, world.document(editor.detail.id).content)
    assert stored.problems == (Problem("Pyélonéphrite"),)  # type: ignore[union-attr]  # saved without the date
    row.start.setText("04/2018")
    _type(qtbot, row.end, "03/2018")
    autosave(qtbot, editor)
    assert "ne peut pas précéder" in row.error.text()
    stored = lifecycle.parse_content(DocumentType.VSM, world.document(editor.detail.id).content)
    assert stored.problems == (Problem("Pyélonéphrite", start=PartialDate(2018, 4)),)  # type: ignore[union-attr]
    editor.validate_button.click()
    assert editor.confirmation is None and "ne peut pas être validé" in editor.banner.text()
    row.end.setText("2018")  # the same year: may end after April
    editor.mark_dirty()
    autosave(qtbot, editor)
    assert not row.error.isVisible() and "sauf" not in editor.save_state.text()


def test_empty_prescription_line_blocks_validation_with_a_message_on_the_line(qtbot: QtBot,
                                                                                world: DocWorld) -> None:
    editor = open_editor(qtbot, world, DocumentType.PRESCRIPTION)
    assert isinstance(editor, PrescriptionEditor)
    first = editor.lines.rows()[0]
    assert isinstance(first, PrescriptionLineRow)
    _fill_line(first, "Paracétamol 1 g", "1 comprimé si douleur", 5)
    editor.lines.add_button.click()  # a second line, left empty
    editor.validate_button.click()
    assert editor.confirmation is None  # refused before asking
    empty = editor.lines.rows()[1]
    qtbot.waitUntil(empty.error.isVisible)  # a row added to a shown list is shown by a queued call
    assert "Ligne vide" in empty.error.text() and empty.property("invalid") is True
    assert "ne peut pas être validé" in editor.banner.text()
    autosave(qtbot, editor)  # the draft itself saves, without the empty line
    stored = lifecycle.parse_content(DocumentType.PRESCRIPTION, world.document(editor.detail.id).content)
    assert [line.drug for line in stored.lines] == ["Paracétamol 1 g"]  # type: ignore[union-attr]
    assert world.document(editor.detail.id).status is DocumentStatus.DRAFT


def test_incomplete_line_and_missing_letter_recipient_are_named(qtbot: QtBot, world: DocWorld) -> None:
    prescription = open_editor(qtbot, world, DocumentType.PRESCRIPTION)
    row = prescription.lines.rows()[0]  # type: ignore[attr-defined]
    _fill_line(row, "Ibuprofène 400 mg", "", 0)
    prescription.validate_button.click()
    assert "posologie" in row.error.text() and "durée" in row.error.text()
    letter = open_editor(qtbot, world, DocumentType.LETTER)
    letter.sections.rows()[0].body.setPlainText("Cher confrère.")  # type: ignore[attr-defined]
    letter.validate_button.click()
    assert letter.confirmation is None
    assert "destinataire" in letter.recipient_error.text()  # type: ignore[attr-defined]


def test_a_failed_save_keeps_the_typed_text(qtbot: QtBot, world: DocWorld) -> None:
    editor = open_editor(qtbot, world, DocumentType.FREE)
    body = editor.sections.rows()[0].body  # type: ignore[attr-defined]
    body.setPlainText("Premier jet.")
    autosave(qtbot, editor)
    # another workstation saves the same draft meanwhile: ours must not overwrite it, nor lose our text
    lifecycle.update_draft(world.context.database, editor.detail.id, world.env.actor, title="Autre poste")
    body.setPlainText("Texte précieux tapé ici.")
    editor.autosave_timer.timeout.emit()
    qtbot.waitUntil(lambda: bool(editor.banner.text()), timeout=5000)
    assert "autre poste" in editor.banner.text()
    assert "NON enregistré" in editor.save_state.text()
    assert body.toPlainText() == "Texte précieux tapé ici." and editor.is_dirty
    assert world.document(editor.detail.id).title == "Autre poste"


# -- validation, versions ----------------------------------------------------------------------------------------


def test_validation_freezes_the_prescription_and_its_cda_is_conformant(
        qtbot: QtBot, world: DocWorld, shared_dir: Path, tmp_path: Path) -> None:
    editor = open_editor(qtbot, world, DocumentType.PRESCRIPTION)
    row = editor.lines.rows()[0]  # type: ignore[attr-defined]
    _fill_line(row, "Amoxicilline 1 g, comprimé dispersible", "1 comprimé matin, midi et soir", 7)
    editor.validate_button.click()
    qtbot.waitUntil(lambda: editor.confirmation is not None, timeout=10_000)  # after the allergy check
    assert "figé" in editor.confirmation.text()  # type: ignore[union-attr]
    editor.confirm_button().click()
    assert editor.busy and not editor.validate_button.isEnabled() and editor.busy_bar.isVisible()
    assert not editor.delete_button.isEnabled()
    qtbot.waitUntil(lambda: not editor.busy, timeout=20_000)
    assert editor.detail.status is DocumentStatus.VALIDATED, editor.banner.text()
    assert editor.lines.rows() == [row]  # the same widgets, now read-only
    assert row.drug.isReadOnly() and editor.title_edit.isReadOnly() and not row.remove_button.isVisible()
    assert not editor.lines.add_button.isVisible()
    assert not editor.validate_button.isVisible() and editor.new_version_button.isVisible()
    assert "lecture seule" in editor.status_label.text()
    stored = world.document(editor.detail.id)
    assert stored.status is DocumentStatus.VALIDATED and stored.cda_xml and stored.pdf
    assert b"Amoxicilline 1 g" in stored.cda_xml
    assert cisis_errors(shared_dir, stored.cda_xml, tmp_path) == []
    with qtbot.waitSignal(editor.viewer.loaded, timeout=10_000):
        pass
    assert "Amoxicilline" in editor.viewer.narrative_text()
    assert [event.action for event in editor.detail.events] == ["created", "validated"]


def test_new_version_is_version_two_linked_to_version_one(qtbot: QtBot, world: DocWorld) -> None:
    editor = open_editor(qtbot, world, DocumentType.CERTIFICATE)
    editor.sections.rows()[0].body.setPlainText("Certifie avoir examiné ce jour Mme PAT-TROIS.")  # type: ignore
    validate(qtbot, editor)
    first_id = editor.detail.id
    with qtbot.waitSignal(editor.open_requested, timeout=10_000) as opened:
        editor.new_version_button.click()
    second_id = opened.args[0]
    second = world.document(second_id)
    assert second.version_number == 2 and second.replaces_id == first_id and second.status is DocumentStatus.DRAFT
    assert second.set_id == world.document(first_id).set_id
    assert second.content == world.document(first_id).content  # starts from the validated text


def test_only_the_author_may_validate(qtbot: QtBot, world: DocWorld) -> None:
    editor = open_editor(qtbot, world, DocumentType.FREE)
    editor.set_actor(Session(SECRETARIAT, world.context.workstation, Authentication.CHOSEN_AT_START).actor())
    assert not editor.validate_button.isEnabled()
    assert "Seul l'auteur" in editor.validate_button.toolTip()


def test_refused_validation_leaves_the_draft_editable(qtbot: QtBot, world: DocWorld) -> None:
    editor = open_editor(qtbot, world, DocumentType.FREE)
    editor.sections.rows()[0].body.setPlainText("Texte à garder.")  # type: ignore[attr-defined]
    world.context.settings = world.context.settings.replace(cabinet__structure_id="")
    editor.validate_button.click()
    editor.confirm_button().click()
    qtbot.waitUntil(lambda: not editor.busy, timeout=10_000)
    assert "cabinet.structure_id" in editor.banner.text()
    assert editor.detail.is_draft and not editor.title_edit.isReadOnly()
    body = editor.sections.rows()[0].body  # type: ignore[attr-defined]
    assert body.toPlainText() == "Texte à garder." and not body.isReadOnly()
    stored = lifecycle.parse_content(DocumentType.FREE, world.document(editor.detail.id).content)
    assert stored.sections[0].paragraphs == ("Texte à garder.",)  # type: ignore[union-attr]  # saved first
