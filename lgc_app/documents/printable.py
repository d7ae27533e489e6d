"""The printable (PDF/A) form of a document: content → `PdfDocument` for the renderer.

The PDF is the N1 CDA body, the "Copie du document" of a prescription, and the printed copy of every type.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.content import (
    ALLERGY_KINDS,
    RISK_FACTOR_KINDS,
    VACCINATION_ROUTES,
    Content,
    NarrativeContent,
    PrescriptionContent,
    VacNoteContent,
    VsmContent,
)
from lgc_app.documents.models import Practitioner
from lgc_app.documents.rendering import PdfDocument, Section
from lgc_app.patients.birth_date import display_birth_date
from lgc_app.patients.datamatrix import patient_payload, symbol_matrix
from lgc_app.patients.models import Patient


def pdf_spec(
    *,
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
        sections=list(sections(content, created_at)),
        footer=f"{cabinet.name} — {title}",
        created_at=created_at,
        document_id=document_id,
    )


def patient_lines(patient: Patient) -> list[str]:
    """Identity block; the INS is printed only for a qualified identity (Référentiel INS)."""
    lines = [
        f"{patient.birth_name} {patient.birth_given_names}",
        f"Né(e) le {display_birth_date(patient.birth_date)} — sexe {patient.sex}",
    ]
    if patient.used_name and patient.used_name != patient.birth_name:
        lines.insert(1, f"Nom utilisé : {patient.used_name}")
    ins = patient.ins_for_export()
    if ins:
        lines.append(f"INS : {ins[0]} (OID {ins[1]})")
    return lines


def sections(content: Content, created_at: datetime) -> list[Section]:
    if isinstance(content, NarrativeContent):
        head = [Section("Destinataire", (content.recipient,))] if content.recipient else []
        return head + [Section(s.heading, s.paragraphs) for s in content.sections]
    if isinstance(content, PrescriptionContent):
        start = content.prescribed_on or created_at.date()
        rows = [["Médicament", "Posologie", "Durée", "Renouvellements", "Mentions"]]
        for line in content.lines:
            mentions = [
                m
                for on, m in (
                    (not line.substitutable, "non substituable"),
                    (line.ald, "ALD"),
                    (line.work_related, "AT/MP"),
                    (line.non_reimbursable, "NR"),
                    (line.off_label, "hors AMM"),
                )
                if on
            ]
            rows.append(
                [
                    line.drug,
                    f"{line.dosage}. {line.instructions}".strip(". ") if line.instructions else line.dosage,
                    f"{line.duration_days} j (fin {start + timedelta(line.duration_days):%d/%m/%Y})",
                    str(line.renewals),
                    ", ".join(mentions) or "-",
                ]
            )
        return [Section("Prescription", (), rows)] + (
            [Section("Commentaire", (content.comment,))] if content.comment else []
        )
    if isinstance(content, VacNoteContent):
        when = content.administered_on.strftime("%d/%m/%Y") if content.administered_on else "-"
        lines = (
            f"Vaccin : {content.vaccine} (CIS {content.cis_code}, ATC {content.atc_code})",
            f"Date : {when} — lot {content.lot_number} — {VACCINATION_ROUTES[content.route]}",
            f"Rang : {content.dose_rank or '-'}",
            *((content.comment,) if content.comment else ()),
        )
        return [Section("Vaccination", lines)]
    return _vsm_sections(content)


def _vsm_sections(content: VsmContent) -> list[Section]:
    def when(p: object) -> str:
        start = getattr(p, "start", None)
        return f" (depuis le {start:%d/%m/%Y})" if start else ""

    return [
        Section(
            "Pathologies en cours",
            tuple(f"{p.label}{when(p)}" for p in content.problems if p.active) or ("-",),
        ),
        Section("Antécédents", tuple(p.label for p in content.problems if not p.active) or ("-",)),
        Section(
            "Allergies",
            tuple(
                f"{a.agent} ({ALLERGY_KINDS[a.kind][1]}){' : ' + a.reaction if a.reaction else ''}"
                for a in content.allergies
            )
            or ("Aucune allergie connue",),
        ),
        Section(
            "Facteurs de risque",
            tuple(f"{RISK_FACTOR_KINDS[f.kind][1]} : {f.description}" for f in content.risk_factors)
            or ("-",),
        ),
        Section("Points de vigilance", content.vigilance or ("-",)),
        Section(
            "Traitement au long cours", tuple(f"{t.drug} — {t.dosage}" for t in content.treatments) or ("-",)
        ),
    ]
