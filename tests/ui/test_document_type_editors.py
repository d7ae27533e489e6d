"""Every registered document type has an editor, chosen by the editor kind its spec names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.types import registered_types, spec_for
from tests.helpers import sport_certificate
from tests.helpers.document_editors import DocWorld, make_world, open_editor
from ui.documents.editor_base import DocumentEditor
from ui.documents.editors import EDITORS
from ui.documents.free_editor import FreeEditor, LetterEditor, SectionRow


@pytest.fixture
def world(qloop: object, ui_db_url: str) -> Iterator[DocWorld]:
    built = make_world(ui_db_url)
    yield built
    built.context.stop()


@pytest.mark.parametrize("document_type", registered_types())
def test_every_registered_type_has_an_editor(document_type: DocumentType) -> None:
    assert issubclass(EDITORS[spec_for(document_type).editor], DocumentEditor)


def test_the_editor_follows_the_spec(qtbot: QtBot, world: DocWorld) -> None:
    letter = open_editor(qtbot, world, DocumentType.LETTER)
    assert type(letter) is LetterEditor and letter.recipient.isVisibleTo(letter)
    certificate = open_editor(qtbot, world, DocumentType.CERTIFICATE)
    assert type(certificate) is FreeEditor and not certificate.recipient.isVisibleTo(certificate)


def test_a_new_type_opens_in_its_editor_with_its_starter_sections(qtbot: QtBot, world: DocWorld) -> None:
    with sport_certificate.registered():
        editor = open_editor(qtbot, world, sport_certificate.SPORT_CERTIFICATE)
        assert isinstance(editor, FreeEditor) and not isinstance(editor, LetterEditor)  # "narrative"
        headings = [row.heading.text() for row in editor.sections.rows() if isinstance(row, SectionRow)]
        assert headings == ["Discipline", "Observations"]
