"""Certificat médical (CDA N1): often for the patient only, so not sent to the DMP by default."""

from __future__ import annotations

from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.types.narrative import n1_spec

SPEC = n1_spec(DocumentType.CERTIFICATE, "Certificat médical", type_code="89601-9",
                        headings=("Certificat",))
