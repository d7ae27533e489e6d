"""Note de vaccination (CI-SIS VAC-NOTE, CDA N3), sent to the DMP by default."""

from __future__ import annotations

from datetime import datetime

from lgc_app.documents.cda import vac_note
from lgc_app.documents.cda.parties import DocumentHeader
from lgc_app.documents.content import VACCINATION_ROUTES, VacNoteContent
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.rendering.spec import Section
from lgc_app.documents.types.registry import DocumentTypeSpec, Level, SharingDefaults


def sections(content: VacNoteContent, created_at: datetime) -> list[Section]:
    when = content.administered_on.strftime("%d/%m/%Y") if content.administered_on else "-"
    lines = (
        f"Vaccin : {content.vaccine} (CIS {content.cis_code}, ATC {content.atc_code})",
        f"Date : {when} — lot {content.lot_number} — {VACCINATION_ROUTES[content.route]}",
        f"Rang : {content.dose_rank or '-'}",
        *((content.comment,) if content.comment else ()),
    )
    return [Section("Vaccination", lines)]


def build_cda(header: DocumentHeader, content: VacNoteContent, pdf: bytes) -> bytes:
    return vac_note.build(header, content)


SPEC = DocumentTypeSpec(
    type=DocumentType.VAC_NOTE,
    label="Note de vaccination",
    level=Level.N3,
    content_class=VacNoteContent,
    build_cda=build_cda,
    printable=sections,
    sharing=SharingDefaults("87273-9", "urn:asip:ci-sis:vac-note:2021", fixed_type=True),
    editor="vaccination",
    dmp_by_default=True,
)
