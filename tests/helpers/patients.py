"""Patients seeded through the core use cases (never by SQL), for GUI tests of the identity screens."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from lgc_app.patients.insi_result import apply_insi_identity
from lgc_app.patients.service import PatientDraft, create_patient, record_identity_check
from lgc_app.patients.vocabulary import IdentityDocumentType
from lgc_app.persistence.database import Database
from services.insi import InsiIdentity

if TYPE_CHECKING:
    from ui.patients.patient_form import PatientForm

OID_TEST = "1.2.250.1.213.1.4.10"


# The sandbox's first fixed person (services/sandbox/insi/__init__.py).
DUPONT = InsiIdentity(matricule="285037505612306", oid=OID_TEST, birth_name="DUPONT",
                      first_given_name="ELODIE", given_names=("ELODIE", "MARIE"), sex="F",
                      birth_date="1985-03-14", birth_place="75056", history=())


def add_patient(db: Database, birth_name: str, given_names: str, birth_date: str, sex: str = "F",
                **more: str) -> int:
    """A provisional identity (typed forms accepted, e.g. `14/03/1985`); duplicates are not checked."""
    draft = PatientDraft(birth_name=birth_name, birth_given_names=given_names, sex=sex, birth_date=birth_date,
                         **more)
    with db.unit_of_work() as session:
        outcome = create_patient(session, draft, "test", ignore_duplicates=True)
        assert outcome.patient is not None
        return outcome.patient.id


def retrieve(db: Database, patient_id: int, identity: InsiIdentity = DUPONT) -> None:
    """PROV → RECUP, as an accepted INSi answer does."""
    with db.unit_of_work() as session:
        apply_insi_identity(session, patient_id, identity, "test")


def check_document(db: Database, patient_id: int,
                   document: IdentityDocumentType = IdentityDocumentType.CNI) -> None:
    """PROV → VALI or RECUP → QUAL."""
    with db.unit_of_work() as session:
        record_identity_check(session, patient_id, document, "test", today=date(2026, 1, 1))


def type_text(widget: QWidget, text: str) -> None:
    """Type text key by key, accented letters included (QTest.keyClicks only knows ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier,
                                                     char))


def check_confirmation(qtbot: QtBot, form: PatientForm) -> QMessageBox:
    """The confirmation asked after `form.record_identity_check()` (shown once the core allowed the check)."""
    def box() -> QMessageBox | None:
        return next((d for d in form._dialogs if isinstance(d, QMessageBox)
                     and d.objectName() == "confirmIdentityCheck"), None)
    qtbot.waitUntil(lambda: box() is not None)
    found = box()
    assert found is not None
    return found


def record_check(qtbot: QtBot, form: PatientForm, document: str) -> None:
    """Choose document, record the check and confirm it, as a user does."""
    form.document.setCurrentIndex(form.document.findData(document))
    form.record_identity_check()
    with qtbot.waitSignal(form.saved):
        check_confirmation(qtbot, form).button(QMessageBox.StandardButton.Yes).click()
