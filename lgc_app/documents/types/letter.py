"""Lettre à un confrère (CDA N1): goes to a correspondent (MSSanté) rather than to the DMP by default."""

from __future__ import annotations

from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.types.narrative import n1_spec

# "letter": the narrative editor that also asks for the recipient
SPEC = n1_spec(DocumentType.LETTER, "Lettre à un confrère", type_code="96349-6", headings=("Courrier",),
                        editor="letter")
