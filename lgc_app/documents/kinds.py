"""Document types and statuses (enums for states, not strings; labels are the French words users see)."""

from __future__ import annotations

from enum import StrEnum


class DocumentType(StrEnum):
    """The key documents of the care pathway an LGC produces (SEGUR.md, Documents)."""

    VSM = "VSM"  # volet de synthèse médicale, CDA N3
    VAC_NOTE = "VAC_NOTE"  # note de vaccination, CDA N3
    PRESCRIPTION = "PRESCRIPTION"  # prescription de médicaments (eP-MED-DM), CDA N3
    CONSULTATION_REPORT = "CONSULTATION_REPORT"  # compte rendu de consultation, CDA N1
    LETTER = "LETTER"  # lettre à un confrère, CDA N1
    CERTIFICATE = "CERTIFICATE"  # certificat médical, CDA N1
    FREE = "FREE"  # document libre, CDA N1

    @property
    def label(self) -> str:
        return _TYPE_LABELS[self]

    @property
    def is_structured(self) -> bool:
        """N3 (structured body with coded entries) rather than N1 (PDF/A in a nonXMLBody)."""
        return self in {DocumentType.VSM, DocumentType.VAC_NOTE, DocumentType.PRESCRIPTION}


_TYPE_LABELS = {
    DocumentType.VSM: "Volet de synthèse médicale",
    DocumentType.VAC_NOTE: "Note de vaccination",
    DocumentType.PRESCRIPTION: "Ordonnance",
    DocumentType.CONSULTATION_REPORT: "Compte rendu de consultation",
    DocumentType.LETTER: "Lettre à un confrère",
    DocumentType.CERTIFICATE: "Certificat médical",
    DocumentType.FREE: "Document libre",
}


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
