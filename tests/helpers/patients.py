"""Patients seeded through the core use cases (never by SQL), for GUI tests of the identity screens."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from lgc_app.patients.insi_result import apply_insi_identity
from lgc_app.patients.service import PatientDraft, create_patient, record_identity_check
from lgc_app.patients.vocabulary import IdentityDocumentType
from lgc_app.persistence.database import Database
from services.insi import InsiIdentity

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
