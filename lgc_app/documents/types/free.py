"""Document libre (CDA N1): classed as a consultation report until the user picks another J07 typeCode."""

from __future__ import annotations

from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.types.narrative import n1_spec

SPEC = n1_spec(DocumentType.FREE, "Document libre", type_code="11488-4", headings=("Texte",))
