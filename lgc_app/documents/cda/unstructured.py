"""CDA R2 N1: the PDF/A rendering of the document, base64 in a nonXMLBody (IHE XDS-SD).

Used for consultation reports, letters, certificates and free documents; the XDS formatCode is
`urn:ihe:iti:xds-sd:pdf:2008`.
"""

from __future__ import annotations

import base64

from lgc_app.documents.cda.header import Volet, build_header
from lgc_app.documents.cda.parties import DocumentHeader
from lgc_app.documents.cda.xmltree import serialize, sub
from lgc_app.documents.errors import DocumentContentError

XDS_SD_TEMPLATE = "1.3.6.1.4.1.19376.1.2.20"
VOLET = Volet(template_ids=((XDS_SD_TEMPLATE, None),))


def build(header: DocumentHeader, pdf: bytes) -> bytes:
    if not pdf.startswith(b"%PDF-"):
        raise DocumentContentError("Le corps d'un document non structuré doit être un PDF.")
    doc = build_header(header, VOLET)
    body = sub(sub(doc, "component"), "nonXMLBody")
    sub(
        body, "text", base64.b64encode(pdf).decode("ascii"), mediaType="application/pdf", representation="B64"
    )
    return serialize(doc)
