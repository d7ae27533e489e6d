"""The INSi dialog against the INSi simulator (loopback, mutual TLS): 0, 1 and several answers, trait-by-trait
review, acceptance (récupérée, then qualifiée with a document), Vitale search, INS verification, failures."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from lgc_app.bootstrap import AppContext
from lgc_app.patients.models import InsiCall, Patient
from lgc_app.patients.vocabulary import IdentityStatus
from services.sandbox.server import RunningSandbox
from tests.helpers.patients import DUPONT, add_patient, record_check
from tests.ui.conftest import run_coro
from ui.actions import patients as actions
from ui.main_window import MainWindow
from ui.patients.insi_dialog import InsiDialog
from ui.patients.patient_form import PatientForm
from ui.tasks import TaskManager


def _load(qtbot: QtBot, context: AppContext, patient_id: int) -> Patient:
    return run_coro(qtbot, actions.load_patient(context.database, patient_id))


def _dialog(qtbot: QtBot, context: AppContext, patient_id: int,
            pending: tuple[str, str] | None = None) -> InsiDialog:
    dialog = InsiDialog(context, TaskManager(), _load(qtbot, context, patient_id), pending)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _answer(qtbot: QtBot, dialog: InsiDialog, button: object) -> None:
    with qtbot.waitSignal(dialog.answered, timeout=10_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    assert not dialog.busy_label.isVisible()


def _stored(context: AppContext, patient_id: int) -> Patient:
    with context.database.reading() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None
        return patient


def test_one_answer_accepted_then_qualified_with_a_document(insi_context: AppContext, qtbot: QtBot) -> None:
    patient_id = add_patient(insi_context.database, "DUPONT", "ELODIE", "14/03/1985")
    dialog = _dialog(qtbot, insi_context, patient_id)
    _answer(qtbot, dialog, dialog.traits_button)
    assert "Une identité trouvée" in dialog.result_label.text() and "2 85 03 75 056 123 06" in \
        dialog.result_label.text()
    assert set(dialog.checkboxes) == {"birth_given_names", "birth_place_code"}  # differing traits only
    assert dialog.table.rowCount() == 6 and dialog.accept_button.isEnabled()
    with qtbot.waitSignal(dialog.applied, timeout=5000) as applied:
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    patient = applied.args[0]
    assert patient.status == IdentityStatus.RECUP
    assert dialog.badge.text() == "Identité récupérée"
    assert "Identité récupérée" in dialog.result_label.text()
    stored = _stored(insi_context, patient_id)
    assert (stored.ins_matricule, stored.birth_given_names, stored.birth_place_code) == \
        (DUPONT.matricule, "ELODIE MARIE", "75056")
    with insi_context.database.reading() as session:
        assert [(c.operation, c.result_code) for c in session.query(InsiCall)] == [("RECSANSVITALE", "00")]

    form = PatientForm(insi_context, TaskManager())
    qtbot.addWidget(form)
    form.show_patient(patient)
    record_check(qtbot, form, "PASSEPORT")
    assert form.badge.text() == "Identité qualifiée"
    assert _stored(insi_context, patient_id).status == IdentityStatus.QUAL


def test_no_identity_found(insi_context: AppContext, qtbot: QtBot) -> None:
    patient_id = add_patient(insi_context.database, "INCONNU", "PIERRE", "01/01/1970", sex="M")
    dialog = _dialog(qtbot, insi_context, patient_id)
    _answer(qtbot, dialog, dialog.traits_button)
    assert "Aucune identité trouvée" in dialog.result_label.text()
    assert not dialog.accept_button.isEnabled() and dialog.table.rowCount() == 0
    assert _stored(insi_context, patient_id).status == IdentityStatus.PROV


def test_several_identities_found(insi_context: AppContext, qtbot: QtBot) -> None:
    patient_id = add_patient(insi_context.database, "LEROY", "CAMILLE", "21/06/1990")
    dialog = _dialog(qtbot, insi_context, patient_id)
    _answer(qtbot, dialog, dialog.traits_button)
    assert "Plusieurs identités" in dialog.result_label.text() and "lieu de naissance" in \
        dialog.result_label.text()
    assert not dialog.accept_button.isEnabled()


def test_a_differing_trait_refused_leaves_the_identity_unchanged(insi_context: AppContext, qtbot: QtBot) -> None:
    patient_id = add_patient(insi_context.database, "DUPONT", "ELODIE", "14/03/1985")
    dialog = _dialog(qtbot, insi_context, patient_id)
    _answer(qtbot, dialog, dialog.traits_button)
    dialog.checkboxes["birth_place_code"].setChecked(False)
    assert dialog.accepted_fields() == {"birth_given_names"}
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error_label.isVisible)
    assert "code du lieu de naissance" in dialog.error_label.text()
    stored = _stored(insi_context, patient_id)
    assert (stored.status, stored.ins_matricule, stored.birth_given_names) == (IdentityStatus.PROV, None, "ELODIE")


def test_refusing_the_whole_answer(insi_context: AppContext, qtbot: QtBot) -> None:
    patient_id = add_patient(insi_context.database, "DUPONT", "ELODIE", "14/03/1985")
    dialog = _dialog(qtbot, insi_context, patient_id)
    _answer(qtbot, dialog, dialog.traits_button)
    qtbot.mouseClick(dialog.refuse_button, Qt.MouseButton.LeftButton)
    assert "inchangé" in dialog.result_label.text() and not dialog.accept_button.isEnabled()
    assert _stored(insi_context, patient_id).status == IdentityStatus.PROV


def test_vitale_search_picks_the_twin_by_rank(insi_context: AppContext, qtbot: QtBot) -> None:
    patient_id = add_patient(insi_context.database, "BERNARD", "HUGO", "09/09/2015", sex="M")
    dialog = _dialog(qtbot, insi_context, patient_id)
    dialog.tabs.setCurrentIndex(InsiDialog.VITALE)
    dialog.insured_nir.setText("2840535238041")
    dialog.birth_rank.setValue(2)
    _answer(qtbot, dialog, dialog.vitale_button)
    assert dialog.answer is not None and dialog.answer.identity is not None
    assert dialog.answer.identity.matricule == "115093523830290"
    with qtbot.waitSignal(dialog.applied, timeout=5000):
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert _stored(insi_context, patient_id).birth_given_names == "HUGO NOAH"


def test_verification_of_an_ins_read_from_a_datamatrix(insi_context: AppContext, qtbot: QtBot) -> None:
    patient_id = add_patient(insi_context.database, "DUPONT", "ELODIE MARIE", "14/03/1985",
                             birth_place_code="75056")
    dialog = _dialog(qtbot, insi_context, patient_id, pending=(DUPONT.matricule, DUPONT.oid))
    assert dialog.tabs.currentIndex() == InsiDialog.VERIFY
    assert dialog.verify_matricule.text() == DUPONT.matricule
    _answer(qtbot, dialog, dialog.verify_button)
    assert dialog.checkboxes == {} and "identiques" in dialog.result_label.text()
    with qtbot.waitSignal(dialog.applied, timeout=5000):
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert _stored(insi_context, patient_id).status == IdentityStatus.RECUP


def test_a_bad_matricule_is_refused_before_any_call(insi_context: AppContext, qtbot: QtBot) -> None:
    patient_id = add_patient(insi_context.database, "DUPONT", "ELODIE", "14/03/1985")
    dialog = _dialog(qtbot, insi_context, patient_id)
    dialog.verify_matricule.setText("285037505612307")
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    assert "clé du matricule" in dialog.error_label.text()
    assert insi_context.services.insi.built() is None  # no client built, no call made


def test_service_failure_is_shown_in_french(insi_context: AppContext, qtbot: QtBot,
                                            sandbox: RunningSandbox) -> None:
    patient_id = add_patient(insi_context.database, "DUPONT", "ELODIE", "14/03/1985")
    dialog = _dialog(qtbot, insi_context, patient_id)
    sandbox.set_faults(fail_next=["soap_fault"])
    qtbot.mouseClick(dialog.traits_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=10_000)
    assert "temporairement inaccessible" in dialog.error_label.text()
    assert dialog.traits_button.isEnabled()
    with insi_context.database.reading() as session:
        assert [c.result_code for c in session.query(InsiCall)] == ["insi_102"]


def test_partial_birth_date_cannot_be_searched(insi_context: AppContext, qtbot: QtBot) -> None:
    patient_id = add_patient(insi_context.database, "DA SILVA", "JOAO", "00/00/1958", sex="M")
    dialog = _dialog(qtbot, insi_context, patient_id)
    qtbot.mouseClick(dialog.traits_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error_label.isVisible)
    assert "date de naissance complète" in dialog.error_label.text()


def test_main_window_opens_the_dialog_non_modal(window: MainWindow, qtbot: QtBot) -> None:
    patient_id = add_patient(window.context.database, "MARTIN", "JEAN", "02/11/1962", sex="M")
    module = window.patients
    module.open_patient(patient_id)
    qtbot.waitUntil(lambda: module.form.patient is not None)
    qtbot.keyClicks(module.form.edits["city"], "Lyon")
    module.form.open_insi()  # unsaved changes: INSi would search with other traits than those typed
    assert module.insi_dialog is None and "Enregistrez d'abord" in module.form.message.text()
    module.form.discard()
    qtbot.waitUntil(lambda: not module.form.is_dirty())
    module.form.open_insi()
    dialog = module.insi_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()  # issue 13 item 7
    assert dialog.badge.text() == "Identité provisoire"
    dialog.close()


def test_a_changed_matricule_is_said_before_acceptance(insi_context: AppContext, qtbot: QtBot) -> None:
    """N'DIAYE AMINATA: her former NIA is stored, INSi answers her NIR with the NIA in its history."""
    patient_id = add_patient(insi_context.database, "N'DIAYE", "AMINATA", "30/04/1978", birth_place_code="99341")
    with insi_context.database.unit_of_work() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None
        patient.ins_matricule, patient.ins_oid = "278049934190288", "1.2.250.1.213.1.4.9"
    dialog = _dialog(qtbot, insi_context, patient_id)
    _answer(qtbot, dialog, dialog.traits_button)
    text = dialog.result_label.text()
    assert ("INS différent : l'INS enregistré 2 78 04 99 341 902 88 est remplacé par 2 78 04 99 341 017 03, "
            "connu d'INSi comme ancien matricule.") in text
    assert dialog.accept_button.isEnabled()
    assert _stored(insi_context, patient_id).ins_matricule == "278049934190288"  # nothing replaced yet


def test_same_matricule_says_nothing_of_a_change(insi_context: AppContext, qtbot: QtBot) -> None:
    patient_id = add_patient(insi_context.database, "DUPONT", "ELODIE", "14/03/1985")
    dialog = _dialog(qtbot, insi_context, patient_id)
    _answer(qtbot, dialog, dialog.traits_button)
    assert "INS différent" not in dialog.result_label.text()
