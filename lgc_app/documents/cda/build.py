"""One entry point for every document type: the CDA bytes of a document from its header and content."""

from __future__ import annotations

from lgc_app.documents.cda import prescription, unstructured, vac_note, vsm
from lgc_app.documents.cda.parties import DocumentHeader
from lgc_app.documents.content import (
    Content,
    NarrativeContent,
    PrescriptionContent,
    VacNoteContent,
    VsmContent,
)
from lgc_app.documents.errors import DocumentContentError


def build_cda(header: DocumentHeader, content: Content, pdf: bytes | None) -> bytes:
    """CDA R2 of the document (N3 for VSM, VAC-NOTE and prescriptions, N1 otherwise).

    Args:
        pdf: the PDF/A rendering; the N1 body, and the "Copie du document" of a prescription.
    Raises:
        DocumentContentError: a PDF is needed and missing.
    """
    if isinstance(content, VsmContent):
        return vsm.build(header, content)
    if isinstance(content, VacNoteContent):
        return vac_note.build(header, content)
    if pdf is None:
        raise DocumentContentError("Le rendu PDF du document est nécessaire et manquant.")
    if isinstance(content, PrescriptionContent):
        return prescription.build(header, content, pdf)
    if isinstance(content, NarrativeContent):
        return unstructured.build(header, pdf)
    raise TypeError(f"no CDA builder for {type(content).__name__}")
