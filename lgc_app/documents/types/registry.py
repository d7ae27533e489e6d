"""The registry of document types: one frozen `DocumentTypeSpec` per type, registered by the type's module.

Everything that used to depend on the type by if/isinstance chains (content class, CDA builder, printable
layout, sharing metadata defaults, DMP feeding default, editor) reads the spec instead, so adding a type
is adding one module that calls `register`. An unregistered type is an error, never a fallback.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from lgc_app.documents.cda.parties import DocumentHeader
from lgc_app.documents.content import Content, decode_content
from lgc_app.documents.errors import DocumentError
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.rendering.spec import Section
from lgc_app.documents.types.ass_x04 import CLASS_BY_TYPE, class_code_for
from lgc_app.documents.valuesets import CLASS_CODES, FORMAT_CODES, TYPE_CODES

# (header, content, PDF/A rendering) → CDA bytes; the PDF is the N1 body and the copy of a prescription.
CdaBuilder = Callable[[DocumentHeader, Any, bytes], bytes]
# (content, creation time) → the body of the printed copy
PrintableLayout = Callable[[Any, datetime], list[Section]]
# (content, validation time) → documentationOf/serviceEvent low and high
ServicePeriod = Callable[[Any, datetime], tuple[datetime, datetime | None]]


class UnknownDocumentTypeError(DocumentError):
    """A document type no module registered (a removed type, a corrupt row, a bug)."""

    code = "DOC-TYPE-UNKNOWN"
    summary = "Type de document inconnu de cette version du logiciel."


class Level(StrEnum):
    """CI-SIS structuration level of the CDA body."""

    N1 = "N1"  # PDF/A in a nonXMLBody (IHE XDS-SD)
    N3 = "N3"  # structuredBody with coded entries


@dataclass(frozen=True)
class SharingDefaults:
    """XDS metadata a new document of the type starts with (PROTOCOLS.md §3.4).

    The classCode is not chosen: it is the one ASS_X04 gives for the typeCode (ass_x04.py).
    """

    type_code: str  # JDV_J07
    format_code: str  # TRE_A06 / A11
    fixed_type: bool  # an N3 volet imposes its typeCode (and format); an N1 may take any J07 typeCode

    @property
    def class_code(self) -> str:
        return class_code_for(self.type_code)


def _since_creation(content: Any, now: datetime) -> tuple[datetime, datetime | None]:
    return now, None


@dataclass(frozen=True)
class DocumentTypeSpec:
    """Everything the application needs to know about one document type.

    Args:
        type: the code stored in `documents.type`.
        label: French name shown to users (and the default title of a new document).
        level: N1 or N3.
        content_class: the dataclass the practitioner fills in (stored as JSON while a draft).
        build_cda: the CDA builder, called with (header, content, pdf).
        printable: the body of the PDF/A copy.
        sharing: default XDS metadata; its classCode follows ASS_X04.
        editor: NAME of the editor kind the UI maps to a widget class (lgc_app has no Qt).
        dmp_by_default: sent to the DMP unless the practitioner says otherwise (SC.DMP/ALI/PROG.02).
        starter: the content of a new draft (e.g. the usual section headings); `content_class()` if None.
        service_period: the serviceEvent period; from validation time, open-ended, by default.
    """

    type: DocumentType
    label: str
    level: Level
    content_class: builtins.type[Content]  # builtins: the field `type` shadows the builtin in the class body
    build_cda: CdaBuilder
    printable: PrintableLayout
    sharing: SharingDefaults
    editor: str
    dmp_by_default: bool = False
    starter: Content | None = None
    service_period: ServicePeriod = field(default=_since_creation)

    @property
    def is_structured(self) -> bool:
        return self.level is Level.N3

    def new_content(self) -> Content:
        return self.starter if self.starter is not None else self.content_class()

    def parse(self, data: dict[str, Any] | None) -> Content:
        """The content of a document of this type from its stored JSON (drafts may be partial)."""
        return decode_content(self.content_class, data)


CODE_LENGTH = 20  # VARCHAR(20) of the type columns
_SPECS: dict[DocumentType, DocumentTypeSpec] = {}


def register(spec: DocumentTypeSpec) -> DocumentTypeSpec:
    """Add a type; its codes are checked now so that a wrong spec fails at import, not at validation.

    Raises:
        ValueError: the type is already registered, or a code is outside its CI-SIS value set.
    """
    if spec.type in _SPECS:
        raise ValueError(f"document type {spec.type} registered twice")
    if not 0 < len(spec.type) <= CODE_LENGTH:
        raise ValueError(f"document type code {spec.type!r}: 1 to {CODE_LENGTH} characters (documents.type)")
    sharing = spec.sharing
    if sharing.type_code not in CLASS_BY_TYPE:
        raise ValueError(f"document type {spec.type}: typeCode {sharing.type_code!r} has no ASS_X04 classCode")
    for code, table, what in ((sharing.type_code, TYPE_CODES, "typeCode"), (sharing.format_code, FORMAT_CODES,
                              "formatCode"), (sharing.class_code, CLASS_CODES, "classCode")):
        if code not in table:
            raise ValueError(f"document type {spec.type}: {what} {code!r} outside its value set")
    _SPECS[spec.type] = spec
    return spec


def unregister(document_type: DocumentType) -> None:
    """Remove a type (tests registering a temporary type)."""
    del _SPECS[document_type]


def spec_for(document_type: str) -> DocumentTypeSpec:
    """The spec of a registered type.

    Raises:
        UnknownDocumentTypeError: no module registered this type.
    """
    spec = _SPECS.get(DocumentType(document_type))
    if spec is None:
        raise UnknownDocumentTypeError(f"Type de document inconnu : « {document_type} ».")
    return spec


def registered_types() -> tuple[DocumentType, ...]:
    """Every registered type, in registration order (menus, DMP preferences)."""
    return tuple(_SPECS)
