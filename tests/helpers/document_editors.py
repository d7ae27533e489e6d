"""Set-up for the document GUI tests: a workstation with a cabinet, a practitioner, a qualified patient,
and editors opened on drafts created through the core use cases."""

from __future__ import annotations

from dataclasses import dataclass

from pytestqt.qtbot import QtBot

from lgc_app.bootstrap import AppContext, bootstrap
from lgc_app.config import Settings
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.models import Document
from lgc_app.documents.practitioners import add_practitioner
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.session import Authentication, Session, practitioner_by_rpps
from tests.helpers.cisis import add_patient
from tests.ui.conftest import run_coro
from ui.actions import documents as actions
from ui.actions.documents import DocumentDetail
from ui.documents.editor_base import DocumentEditor, EditorEnv
from ui.documents.workspace import make_editor
from ui.tasks import TaskManager

SETTINGS = {
    "workstation.name": "POSTE-TEST",
    "cabinet.name": "Cabinet médical des Érables",
    "cabinet.structure_id": "3123456789012",
    "cabinet.sector": "SA08",
}


@dataclass
class DocWorld:
    context: AppContext
    tasks: TaskManager
    patient_id: int
    author_id: int

    @property
    def env(self) -> EditorEnv:
        return EditorEnv(self.context, self.tasks, self.context.session.actor())

    def document(self, document_id: int) -> Document:
        """The stored row (detached, blobs loaded)."""
        with self.context.database.reading() as session:
            document = session.get(Document, document_id)
            assert document is not None
            _ = (document.cda_xml, document.pdf, document.events)
            session.expunge(document)
            return document


def make_world(db_url: str) -> DocWorld:
    context = bootstrap(Settings({"database.url": db_url, **SETTINGS}))
    with context.database.unit_of_work() as session:
        patient_id = add_patient(session, status=IdentityStatus.QUAL).id
    author_id = add_practitioner(context.database, rpps="10001234567", given_name="Hélène",
                                 family_name="Durand")
    author = practitioner_by_rpps(context.database, "10001234567")
    assert author is not None
    context.session = Session(author, context.workstation, Authentication.CHOSEN_AT_START)  # the author acts
    return DocWorld(context, TaskManager(), patient_id, author_id)


def new_detail(qtbot: QtBot, world: DocWorld, document_type: DocumentType) -> DocumentDetail:
    env = world.env
    return run_coro(qtbot, actions.create_draft(world.context, patient_id=world.patient_id,
                                                author_id=world.author_id, document_type=document_type, actor=env.actor,
                                                cabinet=env.cabinet))


def open_editor(qtbot: QtBot, world: DocWorld, document_type: DocumentType) -> DocumentEditor:
    """An editor on a new draft of this type, shown."""
    editor = make_editor(world.env, new_detail(qtbot, world, document_type))
    qtbot.addWidget(editor)
    editor.resize(900, 700)
    editor.show()
    return editor


def autosave(qtbot: QtBot, editor: DocumentEditor) -> None:
    """Fire the pending autosave now (as the 2 s timer would) and wait until it is stored."""
    assert editor.autosave_timer.isActive(), "a change should have armed the autosave timer"
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.autosave_timer.timeout.emit()


def validate(qtbot: QtBot, editor: DocumentEditor) -> None:
    """Click "Valider", accept the confirmation, wait until the document is frozen."""
    editor.validate_button.click()
    # a prescription first checks the patient's allergies on the database thread
    qtbot.waitUntil(lambda: editor.confirmation is not None or bool(editor.banner.text()), timeout=10_000)
    assert editor.confirmation is not None, editor.banner.text()
    editor.confirm_button().click()
    qtbot.waitUntil(lambda: not editor.detail.is_draft or bool(editor.banner.text()), timeout=20_000)
    assert not editor.detail.is_draft, editor.banner.text()
