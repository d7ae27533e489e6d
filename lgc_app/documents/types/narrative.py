"""What the N1 types (report, letter, certificate, free document) share: narrative content printed as
PDF/A, the PDF in a nonXMLBody (IHE XDS-SD), a free J07 typeCode. Each N1 type module calls `n1_spec`."""

from __future__ import annotations

from datetime import datetime

from lgc_app.documents.cda import unstructured
from lgc_app.documents.cda.parties import DocumentHeader
from lgc_app.documents.content import NarrativeContent
from lgc_app.documents.content import Section as TextSection
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.rendering.spec import Section
from lgc_app.documents.types.registry import DocumentTypeSpec, Level, SharingDefaults

N1_PDF_FORMAT = "urn:ihe:iti:xds-sd:pdf:2008"


def sections(content: NarrativeContent, created_at: datetime) -> list[Section]:
    head = [Section("Destinataire", (content.recipient,))] if content.recipient else []
    return head + [Section(s.heading, s.paragraphs) for s in content.sections]


def build_cda(header: DocumentHeader, content: NarrativeContent, pdf: bytes) -> bytes:
    return unstructured.build(header, pdf)


def n1_spec(document_type: DocumentType, label: str, *, type_code: str, headings: tuple[str, ...],
            editor: str = "narrative", dmp_by_default: bool = False) -> DocumentTypeSpec:
    """The spec of an N1 type whose new drafts start with these section headings."""
    return DocumentTypeSpec(
        type=document_type,
        label=label,
        level=Level.N1,
        content_class=NarrativeContent,
        build_cda=build_cda,
        printable=sections,
        sharing=SharingDefaults(type_code, N1_PDF_FORMAT, fixed_type=False),
        editor=editor,
        dmp_by_default=dmp_by_default,
        starter=NarrativeContent(tuple(TextSection(heading) for heading in headings)),
    )
