"""The SQL column of a document type: VARCHAR(20) holding the code, checked against the registry.

The registry, not a CHECK constraint, says which codes exist (migration 0005_doctypes_registry), so that
adding a type needs no migration; writing an unregistered code still fails.
"""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.types import TypeDecorator

from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.types.registry import CODE_LENGTH, spec_for


class DocumentTypeColumn(TypeDecorator[DocumentType]):
    impl = String(CODE_LENGTH)
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: object) -> str | None:
        if value is None:
            return None
        return str(spec_for(value).type)  # UnknownDocumentTypeError for an unregistered code

    def process_result_value(self, value: str | None, dialect: object) -> DocumentType | None:
        # no check on reading: a row of a type no longer registered must still be listed (spec_for refuses
        # it when it is opened)
        return None if value is None else DocumentType(value)
