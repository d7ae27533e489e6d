"""Document type codes and statuses (labels are the French words users see)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from lgc_app.documents.types.registry import DocumentTypeSpec


class DocumentType(str):
    """The code of a document type, as stored in `documents.type`.

    What a type is — label, content, CDA builder, printable layout, sharing metadata, editor — is its
    `DocumentTypeSpec`, registered by its own module in `lgc_app.documents.types`; a code no module
    registered has no spec and `spec_for` refuses it. Codes are interned: one object per code, so `is`
    compares types as it did when they were enum members.
    """

    __slots__ = ()
    _interned: ClassVar[dict[str, DocumentType]] = {}
    # the built-in types, for the code that names one of them (their specs live in lgc_app/documents/types)
    VSM: ClassVar[DocumentType]  # volet de synthèse médicale, CDA N3
    VAC_NOTE: ClassVar[DocumentType]  # note de vaccination, CDA N3
    PRESCRIPTION: ClassVar[DocumentType]  # prescription de médicaments (eP-MED-DM), CDA N3
    CONSULTATION_REPORT: ClassVar[DocumentType]  # compte rendu de consultation, CDA N1
    LETTER: ClassVar[DocumentType]  # lettre à un confrère, CDA N1
    CERTIFICATE: ClassVar[DocumentType]  # certificat médical, CDA N1
    FREE: ClassVar[DocumentType]  # document libre, CDA N1

    def __new__(cls, code: str) -> DocumentType:
        interned = cls._interned.get(code)
        if interned is None:
            interned = cls._interned[code] = super().__new__(cls, code)
        return interned

    def __repr__(self) -> str:
        return f"DocumentType({str(self)!r})"

    @property
    def value(self) -> str:
        return str(self)

    @property
    def label(self) -> str:
        return self._spec().label

    @property
    def is_structured(self) -> bool:
        """N3 (structured body with coded entries) rather than N1 (PDF/A in a nonXMLBody)."""
        return self._spec().is_structured

    def _spec(self) -> DocumentTypeSpec:
        # imported here: the type modules themselves import this one
        from lgc_app.documents.types import spec_for

        return spec_for(self)


DocumentType.VSM = DocumentType("VSM")
DocumentType.VAC_NOTE = DocumentType("VAC_NOTE")
DocumentType.PRESCRIPTION = DocumentType("PRESCRIPTION")
DocumentType.CONSULTATION_REPORT = DocumentType("CONSULTATION_REPORT")
DocumentType.LETTER = DocumentType("LETTER")
DocumentType.CERTIFICATE = DocumentType("CERTIFICATE")
DocumentType.FREE = DocumentType("FREE")


class DocumentStatus(StrEnum):
    """Lifecycle: a draft is edited, then validated (frozen for ever), then possibly replaced or archived."""

    DRAFT = "draft"
    VALIDATED = "validated"
    REPLACED = "replaced"
    ARCHIVED = "archived"
    DELETED = "deleted"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    DocumentStatus.DRAFT: "Brouillon",
    DocumentStatus.VALIDATED: "Validé",
    DocumentStatus.REPLACED: "Remplacé",
    DocumentStatus.ARCHIVED: "Archivé",
    DocumentStatus.DELETED: "Supprimé",
}
