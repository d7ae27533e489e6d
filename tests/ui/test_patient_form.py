"""The identity form: live input rules, saving without losing input, duplicates, downgrade, datamatrix."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from lgc_app.bootstrap import AppContext
from lgc_app.patients.datamatrix import DatamatrixTraits, build_payload, read_datamatrix, render_png
from lgc_app.patients.models import Patient
from lgc_app.patients.service import PatientDraft, update_patient
from lgc_app.patients.vocabulary import IdentityStatus
from tests.helpers.patients import (
    DUPONT,
    add_patient,
    check_document,
    record_check,
    retrieve,
    type_text,
)
from ui.main_window import MainWindow
from ui.patients.duplicates_dialog import DuplicatesDialog
from ui.patients.patient_form import PatientForm
from ui.tasks import TaskManager


@pytest.fixture
def form(qloop: object, qtbot: QtBot, context: AppContext) -> PatientForm:
    widget = PatientForm(context, TaskManager())
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _stored(context: AppContext) -> list[Patient]:
    with context.database.reading() as session:
        return list(session.query(Patient).order_by(Patient.id))


def _type_identity(form: PatientForm, name: str = "martin", given: str = "jean louis",
                   birth_date: str = "02/11/1962", sex: str = "M") -> None:
    type_text(form.edits["birth_name"], name)
    type_text(form.edits["birth_given_names"], given)
    type_text(form.edits["birth_date"], birth_date)
    form.sex.setCurrentIndex(form.sex.findData(sex))


def _open(qtbot: QtBot, form: PatientForm, patient_id: int) -> None:
    form.open_patient(patient_id)
    qtbot.waitUntil(lambda: form.patient is not None and form.patient.id == patient_id and not form._busy)


def test_birth_name_is_converted_while_typing(form: PatientForm, qtbot: QtBot) -> None:
    type_text(form.edits["birth_name"], "élodie d'arc-dupont")
    assert form.edits["birth_name"].text() == "ELODIE D'ARC-DUPONT"
    assert not form.rows["birth_name"].error.isVisible()


def test_stored_birth_place_shows_its_commune(form: PatientForm, qtbot: QtBot, context: AppContext) -> None:
    patient_id = add_patient(context.database, "DUPONT", "ELODIE", "14/03/1985", birth_place_code="75056")
    unknown_id = add_patient(context.database, "DURAND", "LEA", "01/02/1990", birth_place_code="99999")
    _open(qtbot, form, patient_id)
    qtbot.waitUntil(lambda: "PARIS" in form.place_lookup.text().upper(), timeout=15_000)
    _open(qtbot, form, unknown_id)
    assert form.place_lookup.text() == ""  # an unknown code never shows the previous patient's commune
    assert form.edits["birth_place_code"].text() == "99999"


@pytest.mark.parametrize("forbidden", ["3", "@"])
def test_forbidden_character_is_refused_with_a_message(form: PatientForm, qtbot: QtBot,
                                                       forbidden: str) -> None:
    qtbot.keyClicks(form.edits["birth_name"], f"dupont{forbidden}")
    assert form.edits["birth_name"].text() == "DUPONT"
    error = form.rows["birth_name"].error
    assert error.isVisible()
    assert f"« {forbidden} »" in error.text() and "nom de naissance" in error.text()
    qtbot.keyClicks(form.edits["birth_name"], "d")  # clean typing again: the message goes
    assert not error.isVisible()


def test_first_given_name_follows_the_list_until_typed(form: PatientForm, qtbot: QtBot) -> None:
    qtbot.keyClicks(form.edits["birth_given_names"], "anne-sophie marie")
    assert form.edits["first_birth_given_name"].text() == "ANNE-SOPHIE"
    assert form.edits["birth_given_names"].text() == "ANNE-SOPHIE MARIE"


def test_creation_refused_keeps_every_field(form: PatientForm, qtbot: QtBot,
        context: AppContext) -> None:
    _type_identity(form, birth_date="31/02/1962")
    qtbot.keyClicks(form.edits["email"], "jean@example.org")
    typed = form.values()
    form.save()
    qtbot.waitUntil(lambda: form.rows["birth_date"].error.isVisible())
    assert "n'existe pas" in form.rows["birth_date"].error.text()
    assert form.message.isVisible() and "rien n'est perdu" in form.message.text()
    assert form.values() == typed
    assert _stored(context) == []


def test_creation_stores_a_provisional_identity(form: PatientForm, qtbot: QtBot,
        context: AppContext) -> None:
    _type_identity(form)
    qtbot.keyClicks(form.edits["phone"], "06.01.02.03.04")
    with qtbot.waitSignal(form.saved):
        form.save()
    [patient] = _stored(context)
    assert (patient.birth_name, patient.birth_given_names, patient.first_birth_given_name) == \
        ("MARTIN", "JEAN LOUIS", "JEAN")
    assert patient.birth_date == "1962-11-02" and patient.phone == "0601020304"
    assert form.edits["phone"].text() == "06 01 02 03 04"  # shown in pairs, stored without separators
    assert form.badge.text() == "Identité provisoire" and form.badge.isVisible()
    assert not form.is_dirty()


def test_duplicates_are_shown_before_creating(form: PatientForm, qtbot: QtBot,
        context: AppContext) -> None:
    existing = add_patient(context.database, "DUPONT", "ELODIE", "14/03/1985")
    _type_identity(form, name="dupond", given="élodie", birth_date="14/03/1985", sex="F")
    typed = form.values()
    form.save()
    qtbot.waitUntil(lambda: any(isinstance(d, DuplicatesDialog) for d in form._dialogs))
    dialog = next(d for d in form._dialogs if isinstance(d, DuplicatesDialog))
    assert dialog.isVisible()
    assert [row.patient_id for row in dialog.model.rows] == [existing]
    assert len(_stored(context)) == 1  # nothing created yet
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert form.values() == typed  # back to the form, nothing lost
    form.save()
    qtbot.waitUntil(lambda: any(isinstance(d, DuplicatesDialog) for d in form._dialogs))
    dialog = next(d for d in form._dialogs if isinstance(d, DuplicatesDialog))
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert [p.birth_name for p in _stored(context)] == ["DUPONT", "DUPOND"]


def test_duplicate_dialog_opens_the_existing_record(form: PatientForm, qtbot: QtBot,
        context: AppContext) -> None:
    existing = add_patient(context.database, "DUPONT", "ELODIE", "14/03/1985")
    _type_identity(form, name="dupont", given="elodie", birth_date="14031985", sex="F")
    form.save()
    qtbot.waitUntil(lambda: any(isinstance(d, DuplicatesDialog) for d in form._dialogs))
    dialog = next(d for d in form._dialogs if isinstance(d, DuplicatesDialog))
    with qtbot.waitSignal(form.loaded):
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert form.patient is not None and form.patient.id == existing
    assert len(_stored(context)) == 1


def test_concurrent_save_is_refused_and_input_kept(form: PatientForm, qtbot: QtBot,
        context: AppContext) -> None:
    patient_id = add_patient(context.database, "MARTIN", "JEAN", "02/11/1962", sex="M")
    _open(qtbot, form, patient_id)
    with context.database.unit_of_work() as session:  # another workstation saves first
        update_patient(session, patient_id, PatientDraft("MARTIN", "JEAN", "M", "02/11/1962", city="LYON"),
                       "autre", expected_version=1)
    qtbot.keyClicks(form.edits["phone"], "0102030405")
    typed = form.values()
    form.save()
    qtbot.waitUntil(form.message.isVisible)
    assert "modifié sur un autre poste" in form.message.text()
    assert form.values() == typed
    [patient] = _stored(context)
    assert patient.phone is None and patient.city == "LYON"


def test_editing_a_trait_from_insi_downgrades_with_the_reason(form: PatientForm, qtbot: QtBot,
                                                             context: AppContext) -> None:
    patient_id = add_patient(context.database, "DUPONT", "ELODIE MARIE", "14/03/1985",
                             birth_place_code="75056")
    retrieve(context.database, patient_id)
    _open(qtbot, form, patient_id)
    assert form.badge.text() == "Identité récupérée"
    assert "285 03" not in form.ins_label.text() and "2 85 03 75 056 123 06" in form.ins_label.text()
    qtbot.keyClicks(form.edits["birth_name"], "S")
    assert form.trait_warning.isVisible() and "nom de naissance" in form.trait_warning.text()
    with qtbot.waitSignal(form.saved):
        form.save()
    assert form.badge.text() == "Identité provisoire"
    assert form.notice.isVisible()
    assert "nom de naissance" in form.notice.text() and "INS est retiré" in form.notice.text()
    assert "redevient provisoire" in form.status_reason.text()
    [patient] = _stored(context)
    assert patient.status == IdentityStatus.PROV and patient.ins_matricule is None


def test_identity_document_check_validates_or_is_refused(form: PatientForm, qtbot: QtBot,
                                                         context: AppContext) -> None:
    patient_id = add_patient(context.database, "MARTIN", "JEAN", "02/11/1962", sex="M")
    _open(qtbot, form, patient_id)
    form.document.setCurrentIndex(form.document.findData("PERMIS_CONDUIRE"))
    form.record_identity_check()
    qtbot.waitUntil(form.message.isVisible)
    assert "haut niveau de confiance" in form.message.text()
    assert form.badge.text() == "Identité provisoire"
    record_check(qtbot, form, "CNI")
    assert form.badge.text() == "Identité validée"
    assert "Carte nationale d'identité : pièce vue par" in form.checks_label.text()


def test_attribute_while_typing_keeps_input_and_version(form: PatientForm, qtbot: QtBot,
                                                        context: AppContext) -> None:
    patient_id = add_patient(context.database, "MARTIN", "JEAN", "02/11/1962", sex="M")
    _open(qtbot, form, patient_id)
    qtbot.keyClicks(form.edits["city"], "Lyon")
    with qtbot.waitSignal(form.saved):
        form.homonym.click()
    assert form.edits["city"].text() == "Lyon" and form.is_dirty()
    assert form.badge.text() == "Identité provisoire — homonyme"
    with qtbot.waitSignal(form.saved):  # the new version was taken: no false conflict
        form.save()
    [patient] = _stored(context)
    assert patient.homonym and patient.city == "Lyon"


def test_unsaved_changes_are_kept_until_discarded(form: PatientForm, qtbot: QtBot,
        context: AppContext) -> None:
    first = add_patient(context.database, "MARTIN", "JEAN", "02/11/1962", sex="M")
    second = add_patient(context.database, "DURAND", "PAUL", "05/06/1970", sex="M")
    _open(qtbot, form, first)
    qtbot.keyClicks(form.edits["city"], "Lyon")
    form.request_open(second)
    box = next(d for d in form._dialogs if isinstance(d, QMessageBox))
    assert box.isVisible()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert form.patient is not None and form.patient.id == first and form.edits["city"].text() == "Lyon"
    form.request_open(second)
    box = next(d for d in form._dialogs if isinstance(d, QMessageBox))
    with qtbot.waitSignal(form.loaded):
        box.button(QMessageBox.StandardButton.Discard).click()
    assert form.patient is not None and form.patient.id == second and form.edits["city"].text() == ""


def test_datamatrix_image_prefills_a_new_identity(form: PatientForm, qtbot: QtBot, tmp_path: Path) -> None:
    traits = DatamatrixTraits(DUPONT.matricule, DUPONT.oid, "ELODIE MARIE", "DUPONT", "F", "1985-03-14",
                              "75056")
    image = tmp_path / "scan.png"
    image.write_bytes(render_png(build_payload(traits)))
    form.import_datamatrix(image)
    qtbot.waitUntil(lambda: form.pending_ins is not None)
    values = form.values()
    assert (values["birth_name"], values["birth_given_names"], values["first_birth_given_name"]) == \
        ("DUPONT", "ELODIE MARIE", "ELODIE")
    assert (values["birth_date"], values["sex"], values["birth_place_code"]) == ("14/03/1985", "F", "75056")
    assert form.pending_ins == (DUPONT.matricule, DUPONT.oid)
    assert form.patient is None and "2 85 03 75 056 123 06" in form.notice.text()


def test_unreadable_datamatrix_is_explained(form: PatientForm, qtbot: QtBot, tmp_path: Path) -> None:
    image = tmp_path / "blank.png"
    image.write_bytes(render_png(build_payload(DatamatrixTraits(
        DUPONT.matricule, DUPONT.oid, "ELODIE", "DUPONT", "F", "1985-03-14", None)))[:60])
    form.import_datamatrix(image)
    qtbot.waitUntil(form.message.isVisible)
    assert "illisible" in form.message.text() or "Aucun datamatrix" in form.message.text()
    assert form.pending_ins is None


def test_qualified_identity_offers_its_datamatrix(form: PatientForm, qtbot: QtBot,
        context: AppContext) -> None:
    patient_id = add_patient(context.database, "DUPONT", "ELODIE MARIE", "14/03/1985",
                             birth_place_code="75056")
    retrieve(context.database, patient_id)
    _open(qtbot, form, patient_id)
    assert not form.datamatrix_button.isEnabled()  # récupérée: the INS may not be printed
    check_document(context.database, patient_id)
    _open(qtbot, form, patient_id)
    assert form.badge.text() == "Identité qualifiée"
    assert form.datamatrix_button.isEnabled()
    assert "non transmis" not in form.ins_label.text()


def test_datamatrix_dialog_saves_a_readable_png(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    patient_id = add_patient(window.context.database, "DUPONT", "ELODIE MARIE", "14/03/1985",
                             birth_place_code="75056")
    retrieve(window.context.database, patient_id)
    check_document(window.context.database, patient_id)
    module = window.patients
    module.show_datamatrix(patient_id)
    qtbot.waitUntil(lambda: module.datamatrix_dialog is not None)
    dialog = module.datamatrix_dialog
    assert dialog.caption.text() == "DUPONT ELODIE MARIE — née le 14/03/1985\nINS 2 85 03 75 056 123 06"
    assert dialog.isVisible()
    target = tmp_path / "dm.png"
    dialog.save_png(target)
    assert read_datamatrix(target) == dialog.traits
    assert dialog.traits.matricule == DUPONT.matricule and dialog.traits.given_names == "ELODIE MARIE"
    dialog.close()
