"""What the viewer shows for a document read from the DMP: a CDA as such, or a PDF with the registry's
metadata as header (a DMP may hold N1 documents stored outside a CDA envelope). Nothing else gets here:
`lgc_app.dmp.received_checks` refuses any other content before display.

Runs in a worker thread (`prepare_received`), like `ui.documents.viewer.prepare`; content from the DMP is
untrusted: XML goes through the viewer's safe CDA reader, PDF through the capped rasteriser.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from lgc_app.dmp.received_checks import XML_TYPES
from lgc_app.documents.rendering.cda_display import CdaHeader
from ui.documents.pdf_pages import PdfPagesError, rasterise
from ui.documents.viewer import PreparedView, prepare


def metadata_header(title: str, kind: str, author: str, created: datetime | None) -> CdaHeader:
    date_text = created.astimezone().strftime("%d/%m/%Y %H:%M") if created else ""
    return CdaHeader(title=title, kind=kind, patient="", birth_date="", sex="", ins="", author=author,
                     date=date_text, confidentiality="")


def prepare_received(mime_type: str, data: bytes, header: CdaHeader) -> PreparedView:
    """Display of a DMP document by MIME type; never raises for bad content (the message says why)."""
    mime = mime_type.split(";", 1)[0].strip().lower()
    if mime in XML_TYPES:
        prepared = prepare(data)
        return prepared if prepared.header is not None else replace(prepared, header=header)
    if mime == "application/pdf":
        try:
            pages = rasterise(data)
        except PdfPagesError as exc:
            return PreparedView(header, message=exc.text)
        return PreparedView(header, pages=pages.images)
    return PreparedView(header, message=f"Ce format de document ({mime or 'inconnu'}) ne peut pas être affiché.")
