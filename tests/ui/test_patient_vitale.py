"""Carte Vitale data from the identity form and the INSi dialog: add, refuse a wrong key next to the field,
edit, remove; the INSi Vitale search prefilled from the stored card (and answered by the simulator); typed
card data saved from the INSi dialog. The identity (status, INS traits) never changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from lgc_app.bootstrap import AppContext
from lgc_app.patients.models import Patient
from lgc_app.patients.vitale import save_vitale_card, vitale_cards
from lgc_app.patients.vocabulary import IdentityStatus
from tests.helpers.patients import add_patient
from tests.ui.conftest import run_coro
from ui.actions import patients as actions
from ui.patients.insi_dialog import InsiDialog
from ui.patients.patient_form import PatientForm
from ui.tasks import TaskManager

TWIN_CARD = "2840535238041"  # the simulator's insured person of the BERNARD twins (rank 2 = HUGO)


@pytest.fixture
def form(qloop: object, qtbot: QtBot, context: AppContext) -> PatientForm:
    widget = PatientForm(context, TaskManager())
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _open(qtbot: QtBot, form: PatientForm, patient_id: int) -> None:
    form.open_patient(patient_id)
    qtbot.waitUntil(lambda: form.patient is not None and form.patient.id == patient_id and not form._busy)


def _identity(context: AppContext, patient_id: int) -> tuple[object, ...]:
    with context.database.reading() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None
        return patient.status, patient.version, patient.birth_name, patient.birth_date


def _cards(context: AppContext, patient_id: int) -> list[tuple[str, int, str]]:
    with context.database.reading() as session:
        return [(card.insured_nir, card.birth_rank, card.name) for card in vitale_cards(session, patient_id)]


def test_add_edit_remove_a_card_from_the_form(form: PatientForm, qtbot: QtBot, context: AppContext) -> None:
    patient_id = add_patient(context.database, "BERNARD", "HUGO", "09/09/2015", sex="M")
    _open(qtbot, form, patient_id)
    before = _identity(context, patient_id)
    assert not form.vitale_list.isVisible() and not form.vitale_edit.isEnabled()
    qtbot.mouseClick(form.vitale_add, Qt.MouseButton.LeftButton)
    dialog = form.vitale_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal  # open(), not an application-modal exec()
    qtbot.keyClicks(dialog.edits["insured_nir"], "284053523804199")  # wrong key
    dialog.save()
    qtbot.waitUntil(lambda: dialog.rows["insured_nir"].error.isVisible())
    assert "clé" in dialog.rows["insured_nir"].error.text() and dialog.isVisible()
    assert _cards(context, patient_id) == []

    dialog.edits["insured_nir"].setText(TWIN_CARD)
    dialog.birth_rank.setValue(2)
    with qtbot.waitSignal(form.saved):
        dialog.save()
    assert not dialog.isVisible()
    assert form.vitale_list.count() == 1 and form.vitale_list.isVisible()
    assert form.vitale_list.item(0).text().startswith("N° d'assuré 2 84 05 35 238 041, rang 2 : ")
    assert _cards(context, patient_id) == [(TWIN_CARD, 2, "BERNARD")]
    assert _identity(context, patient_id) == before
    assert form.badge.text() == "Identité provisoire"

    form.vitale_list.setCurrentRow(0)
    assert form.vitale_edit.isEnabled()
    qtbot.mouseClick(form.vitale_edit, Qt.MouseButton.LeftButton)
    editor = form.vitale_dialog
    assert editor is not None and editor is not dialog
    assert editor.edits["insured_nir"].text() == TWIN_CARD and editor.birth_rank.value() == 2
    editor.edits["name"].setText("bernard-petit")
    with qtbot.waitSignal(form.saved):
        editor.save()
    assert _cards(context, patient_id) == [(TWIN_CARD, 2, "BERNARD-PETIT")]

    form.vitale_list.setCurrentRow(0)
    qtbot.mouseClick(form.vitale_remove, Qt.MouseButton.LeftButton)
    [box] = [d for d in form._dialogs if isinstance(d, QMessageBox)]
    with qtbot.waitSignal(form.saved):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert _cards(context, patient_id) == [] and form.vitale_list.count() == 0
    assert _identity(context, patient_id) == before


def test_insi_vitale_search_is_prefilled_from_the_stored_card(insi_context: AppContext,
                                                              qtbot: QtBot) -> None:
    patient_id = add_patient(insi_context.database, "BERNARD", "HUGO", "09/09/2015", sex="M")
    with insi_context.database.unit_of_work() as session:
        save_vitale_card(session, patient_id, insured_nir=TWIN_CARD, birth_rank=2, user="test")
    patient = run_coro(qtbot, actions.load_patient(insi_context.database, patient_id))
    dialog = InsiDialog(insi_context, TaskManager(), patient)
    qtbot.addWidget(dialog)
    dialog.show()
    assert (dialog.insured_nir.text(), dialog.birth_rank.value(), dialog.vitale_birth_date.text(),
            dialog.vitale_name.text()) == (TWIN_CARD, 2, "09/09/2015", "BERNARD")
    dialog.tabs.setCurrentIndex(InsiDialog.VITALE)
    with qtbot.waitSignal(dialog.answered, timeout=10_000):
        qtbot.mouseClick(dialog.vitale_button, Qt.MouseButton.LeftButton)
    assert dialog.answer is not None and dialog.answer.identity is not None
    assert dialog.answer.identity.matricule == "115093523830290"  # the twin of rank 2


def test_typed_card_data_are_saved_from_the_insi_dialog(qloop: object, qtbot: QtBot,
                                                       context: AppContext) -> None:
    patient_id = add_patient(context.database, "BERNARD", "HUGO", "09/09/2015", sex="M")
    before = _identity(context, patient_id)
    dialog = InsiDialog(context, TaskManager(), run_coro(qtbot, actions.load_patient(context.database,
                                                                                     patient_id)))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.insured_nir.text() == ""  # no card stored: nothing to prefill
    dialog.insured_nir.setText("12345")
    dialog.save_vitale_button.click()
    qtbot.waitUntil(lambda: "13 caractères" in dialog.error_label.text())
    assert _cards(context, patient_id) == []

    dialog.insured_nir.setText(TWIN_CARD)
    dialog.birth_rank.setValue(2)
    with qtbot.waitSignal(dialog.vitale_saved) as saved:
        dialog.save_vitale_button.click()
    assert [card.insured_nir for card in saved.args[0].vitale_cards] == [TWIN_CARD]
    dialog.birth_rank.setValue(1)  # saved again: the same card is updated, not duplicated
    with qtbot.waitSignal(dialog.vitale_saved):
        dialog.save_vitale_button.click()
    assert _cards(context, patient_id) == [(TWIN_CARD, 1, "BERNARD")]
    assert _identity(context, patient_id) == before
    assert before[0] == IdentityStatus.PROV
