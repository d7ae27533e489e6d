"""Compte rendu de consultation (CDA N1), sent to the DMP by default (a key document, SEGUR.md)."""

from __future__ import annotations

from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.types.narrative import n1_spec

SPEC = n1_spec(DocumentType.CONSULTATION_REPORT, "Compte rendu de consultation", type_code="11488-4",
                        headings=("Motif de consultation", "Examen clinique", "Conclusion"), dmp_by_default=True)
