"""The printable (PDF/A) form of a document: content → `PdfDocument` for the renderer.

The PDF is the N1 CDA body, the "Copie du document" of a prescription, and the printed copy of every type.
The frame (identity, author, footer) is common; the body is the layout of the type's spec.
"""

from __future__ import annotations

from datetime import datetime

from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.content import Content
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.models import Practitioner
from lgc_app.documents.rendering import PdfDocument
from lgc_app.documents.types import spec_for
from lgc_app.patients.birth_date import display_birth_date
from lgc_app.patients.datamatrix import patient_payload, symbol_matrix
from lgc_app.patients.matricule import format_matricule, oid_label
from lgc_app.patients.models import Patient
from lgc_app.patients.naming import born


def pdf_spec(
    *,
    document_type: DocumentType,
    title: str,
    content: Content,
    patient: Patient,
    author: Practitioner,
    cabinet: Cabinet,
    created_at: datetime,
    document_id: str,
) -> PdfDocument:
    # The INS datamatrix is printed only for a qualified identity (PROTOCOLS.md §1.4).
    datamatrix = symbol_matrix(patient_payload(patient)) if patient.ins_for_export() else None
    return PdfDocument(
        title=title,
        subtitle=None,
        patient_lines=patient_lines(patient),
        datamatrix=datamatrix,
        author_lines=[author.display_name, cabinet.name, f"RPPS {author.rpps}"],
        sections=spec_for(document_type).printable(content, created_at),
        footer=f"{cabinet.name} — {title}",
        created_at=created_at,
        document_id=document_id,
    )


def patient_lines(patient: Patient) -> list[str]:
    """Identity block; the INS is printed only for a qualified identity (Référentiel INS)."""
    lines = [
        f"{patient.birth_name} {patient.birth_given_names}",
        f"{born(patient.sex).capitalize()} le {display_birth_date(patient.birth_date)} — sexe {patient.sex}",
    ]
    if patient.used_name and patient.used_name != patient.birth_name:
        lines.insert(1, f"Nom utilisé : {patient.used_name}")
    ins = patient.ins_for_export()
    if ins:
        lines.append(f"INS : {format_matricule(ins[0])} ({oid_label(ins[1])})")
    return lines
