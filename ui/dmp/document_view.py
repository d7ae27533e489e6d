"""What the viewer shows for a document read from the DMP: a CDA as such, plain text or a PDF with the
registry's metadata as header (a DMP may hold N1 documents stored outside a CDA envelope).

Runs in a worker thread (`prepare_received`), like `ui.documents.viewer.prepare`; content from the DMP is
untrusted: text is escaped, XML goes through the viewer's safe CDA reader, PDF through the capped rasteriser.
"""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import datetime

from lgc_app.documents.rendering.cda_display import CdaHeader
from ui.documents.pdf_pages import PdfPagesError, rasterise
from ui.documents.viewer import PreparedView, prepare

TEXT_LIMIT = 2_000_000  # characters shown of a text document


def metadata_header(title: str, kind: str, author: str, created: datetime | None) -> CdaHeader:
    date_text = created.astimezone().strftime("%d/%m/%Y %H:%M") if created else ""
    return CdaHeader(title=title, kind=kind, patient="", birth_date="", sex="", ins="", author=author,
                     date=date_text, confidentiality="")


def prepare_received(mime_type: str, data: bytes, header: CdaHeader) -> PreparedView:
    """Display of a DMP document by MIME type; never raises for bad content (the message says why)."""
    mime = mime_type.split(";", 1)[0].strip().lower()
    if mime in ("text/xml", "application/xml", "application/hl7-v3+xml") or data.lstrip().startswith(b"<"):
        prepared = prepare(data)
        return prepared if prepared.header is not None else replace(prepared, header=header)
    if mime == "application/pdf":
        try:
            pages = rasterise(data)
        except PdfPagesError as exc:
            return PreparedView(header, message=exc.text)
        return PreparedView(header, pages=pages.images)
    if mime.startswith("text/"):
        text = data.decode("utf-8", errors="replace")[:TEXT_LIMIT]
        return PreparedView(header, html=f"<pre style='white-space: pre-wrap'>{html.escape(text)}</pre>")
    return PreparedView(header, message=f"Ce format de document ({mime or 'inconnu'}) ne peut pas être affiché.")
