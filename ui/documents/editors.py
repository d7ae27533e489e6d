"""The editor widget of each editor kind a document type spec names (lgc_app has no Qt, so a spec names its
editor by a string; this is the one place that turns the name into a class)."""

from __future__ import annotations

from lgc_app.documents.types import spec_for
from ui.actions.documents import DocumentDetail
from ui.documents.editor_base import DocumentEditor
from ui.documents.free_editor import FreeEditor, LetterEditor
from ui.documents.prescription_editor import PrescriptionEditor
from ui.documents.vaccination_editor import VaccinationEditor
from ui.documents.vsm_editor import VsmEditor

EDITORS: dict[str, type[DocumentEditor]] = {
    "vsm": VsmEditor,
    "vaccination": VaccinationEditor,
    "prescription": PrescriptionEditor,
    "narrative": FreeEditor,
    "letter": LetterEditor,
}


class UnknownEditorError(LookupError):
    """A type spec names an editor kind the UI does not have (a bug: every registered type needs one)."""


def editor_class(detail: DocumentDetail) -> type[DocumentEditor]:
    """The editor class of a document, from its type's spec (UnknownDocumentTypeError: unregistered type)."""
    kind = spec_for(detail.type).editor
    try:
        return EDITORS[kind]
    except KeyError:
        raise UnknownEditorError(f"no editor for the editor kind {kind!r} of type {detail.type}") from None
