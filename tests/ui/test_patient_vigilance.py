"""Identity vigilance in the identity form: no document preselected, the recorded document shown, a check
confirmed before it validates or qualifies; a datamatrix of a known INS opens its record; the duplicates
dialog says which traits matched and offers to open the existing record first."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from lgc_app.bootstrap import AppContext
from lgc_app.patients.datamatrix import DatamatrixTraits, build_payload, render_png
from lgc_app.patients.models import IdentityCheck, Patient
from lgc_app.patients.vocabulary import IdentityDocumentType, IdentityStatus
from tests.helpers.patients import DUPONT, add_patient, check_confirmation, check_document, retrieve, type_text
from ui.patients.duplicates_dialog import DuplicatesDialog
from ui.patients.patient_form import PatientForm
from ui.tasks import TaskManager


@pytest.fixture
def form(qloop: object, qtbot: QtBot, context: AppContext) -> PatientForm:
    widget = PatientForm(context, TaskManager())
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _open(qtbot: QtBot, form: PatientForm, patient_id: int) -> None:
    form.open_patient(patient_id)
    qtbot.waitUntil(lambda: form.patient is not None and form.patient.id == patient_id and not form._busy)


def _stored(context: AppContext, patient_id: int) -> tuple[IdentityStatus, list[str]]:
    with context.database.reading() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None
        checks = session.query(IdentityCheck).filter_by(patient_id=patient_id).all()
        return IdentityStatus(patient.status), [check.document_type.value for check in checks]


def test_no_document_is_preselected(form: PatientForm, qtbot: QtBot, context: AppContext) -> None:
    patient_id = add_patient(context.database, "MARTIN", "JEAN", "02/11/1962", sex="M")
    _open(qtbot, form, patient_id)
    assert form.document.currentIndex() == -1 and form.status.chosen_document() is None
    assert form.document.currentText() == ""
    assert not form.status.check_button.isEnabled()  # nothing to record until a document is chosen
    assert "Aucune pièce d'identité enregistrée" in form.checks_label.text()
    form.document.setCurrentIndex(form.document.findData("PASSEPORT"))
    assert form.status.check_button.isEnabled()
    _open(qtbot, form, add_patient(context.database, "DURAND", "PAUL", "05/06/1970", sex="M"))
    assert form.document.currentIndex() == -1  # a choice never carries over to another identity


def test_the_recorded_document_is_shown_not_a_default(form: PatientForm, qtbot: QtBot,
                                                      context: AppContext) -> None:
    patient_id = add_patient(context.database, "BERNARD", "LUCIE", "03/04/1975")
    check_document(context.database, patient_id, IdentityDocumentType.PASSPORT)
    _open(qtbot, form, patient_id)
    assert "enregistrée" in form.checks_label.text() and "Passeport : pièce vue par test" in form.checks_label.text()
    assert "Carte nationale" not in form.checks_label.text()
    assert form.document.currentIndex() == -1 and "Carte nationale" not in form.document.currentText()


def test_qualification_is_confirmed_first_and_says_what_it_changes(form: PatientForm, qtbot: QtBot,
                                                                  context: AppContext) -> None:
    patient_id = add_patient(context.database, "DUPONT", "ELODIE MARIE", "14/03/1985", birth_place_code="75056")
    retrieve(context.database, patient_id)
    _open(qtbot, form, patient_id)
    form.document.setCurrentIndex(form.document.findData("PASSEPORT"))
    form.record_identity_check()
    box = check_confirmation(qtbot, form)
    assert box.isVisible() and "Passeport" in box.text()
    assert "Identité récupérée → Identité qualifiée" in box.informativeText()
    assert "INS pourra être utilisé" in box.informativeText()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)  # Enter never qualifies
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert _stored(context, patient_id) == (IdentityStatus.RECUP, [])  # nothing recorded
    assert form.badge.text() == "Identité récupérée"
    form.record_identity_check()
    with qtbot.waitSignal(form.saved):
        check_confirmation(qtbot, form).button(QMessageBox.StandardButton.Yes).click()
    assert _stored(context, patient_id) == (IdentityStatus.QUAL, ["PASSEPORT"])
    assert form.badge.text() == "Identité qualifiée" and "Passeport : pièce vue par" in form.checks_label.text()


def test_validation_confirmation_and_refusal_before_asking(form: PatientForm, qtbot: QtBot,
                                                          context: AppContext) -> None:
    patient_id = add_patient(context.database, "MARTIN", "JEAN", "02/11/1962", sex="M")
    _open(qtbot, form, patient_id)
    form.document.setCurrentIndex(form.document.findData("CARTE_VITALE"))
    form.record_identity_check()
    qtbot.waitUntil(form.message.isVisible)
    assert "haut niveau de confiance" in form.message.text()
    assert not [d for d in form._dialogs if isinstance(d, QMessageBox)]  # refused before any question
    form.document.setCurrentIndex(form.document.findData("CNI"))
    form.record_identity_check()
    box = check_confirmation(qtbot, form)
    assert "Identité provisoire → Identité validée" in box.informativeText()


def _datamatrix(tmp_path: Path, birth_name: str = "DUPONT") -> Path:
    image = tmp_path / "scan.png"
    image.write_bytes(render_png(build_payload(DatamatrixTraits(
        DUPONT.matricule, DUPONT.oid, "ELODIE MARIE", birth_name, "F", "1985-03-14", "75056"))))
    return image


def _count(context: AppContext) -> int:
    with context.database.reading() as session:
        return session.query(Patient).count()


def test_datamatrix_of_a_known_ins_opens_its_record(form: PatientForm, qtbot: QtBot, context: AppContext,
                                                    tmp_path: Path) -> None:
    patient_id = add_patient(context.database, "DUPONT", "ELODIE MARIE", "14/03/1985", birth_place_code="75056")
    retrieve(context.database, patient_id)
    check_document(context.database, patient_id)
    with qtbot.waitSignal(form.loaded):
        form.import_datamatrix(_datamatrix(tmp_path))
    assert form.patient is not None and form.patient.id == patient_id
    assert form.pending_ins is None and form.title.text() != "Nouveau patient"
    assert form.notice.isVisible() and "identiques" in form.notice.text()
    assert not form.message.isVisible()
    assert _count(context) == 1


def test_datamatrix_of_a_known_ins_points_out_differing_traits(form: PatientForm, qtbot: QtBot,
                                                               context: AppContext, tmp_path: Path) -> None:
    patient_id = add_patient(context.database, "DUPONT", "ELODIE MARIE", "14/03/1985", birth_place_code="75056")
    retrieve(context.database, patient_id)
    with qtbot.waitSignal(form.loaded):
        form.import_datamatrix(_datamatrix(tmp_path, birth_name="DUPOND"))
    assert form.patient is not None and form.patient.id == patient_id
    assert form.message.isVisible()
    assert "nom de naissance : DUPONT dans le dossier, DUPOND sur le datamatrix" in form.message.text()
    assert "prénom" not in form.message.text()  # only the traits that differ
    assert _count(context) == 1


def test_duplicates_dialog_explains_the_matched_traits(form: PatientForm, qtbot: QtBot,
                                                       context: AppContext) -> None:
    existing = add_patient(context.database, "DUPONT", "ELODIE", "14/03/1985")
    type_text(form.edits["birth_name"], "dupond")
    type_text(form.edits["birth_given_names"], "élodie")
    type_text(form.edits["birth_date"], "14/03/1985")
    form.sex.setCurrentIndex(form.sex.findData("F"))
    form.save()
    qtbot.waitUntil(lambda: any(isinstance(d, DuplicatesDialog) for d in form._dialogs))
    dialog = next(d for d in form._dialogs if isinstance(d, DuplicatesDialog))
    assert dialog.open_button.text() == "Ouvrir le dossier" and dialog.open_button.isDefault()
    text = dialog.matched.text()
    assert "Identiques : premier prénom (ELODIE), date de naissance (14/03/1985), sexe (F)." in text
    assert "Proches : nom de naissance (DUPOND / DUPONT)." in text
    assert dialog.matched.isVisible()
    with qtbot.waitSignal(form.loaded):
        dialog.open_button.click()
    assert form.patient is not None and form.patient.id == existing
