"""Document types: one module per type defines its `DocumentTypeSpec` (registry.py) as `SPEC`.

Adding a type is adding its module and naming it in `BUILT_IN` below; nothing else chooses by type.
"""

from __future__ import annotations

from typing import Any

from lgc_app.documents.content import Content
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.types import (
    certificate,
    consultation_report,
    free,
    letter,
    prescription,
    vac_note,
    vsm,
)
from lgc_app.documents.types.registry import (
    DocumentTypeSpec,
    Level,
    SharingDefaults,
    UnknownDocumentTypeError,
    register,
    registered_types,
    spec_for,
    unregister,
)

# Registration order is menu order.
BUILT_IN = (vsm, vac_note, prescription, consultation_report, letter, certificate, free)
for _module in BUILT_IN:
    register(_module.SPEC)

__all__ = [
    "BUILT_IN",
    "DocumentTypeSpec",
    "Level",
    "SharingDefaults",
    "UnknownDocumentTypeError",
    "parse_content",
    "register",
    "registered_types",
    "spec_for",
    "unregister",
]


def parse_content(document_type: DocumentType, data: dict[str, Any] | None) -> Content:
    """Rebuild the content of a document of this type from its JSON (drafts may be partial).

    Raises:
        UnknownDocumentTypeError: unregistered type.
        DocumentContentError: unreadable JSON.
    """
    return spec_for(document_type).parse(data)
