"""Prescription de médicaments (eP-MED-DM, CDA N3 with the PDF as "Copie du document"), sent to the DMP by
default; its serviceEvent spans the prescription's validity."""

from __future__ import annotations

from datetime import datetime, timedelta

from lgc_app.documents.cda import prescription
from lgc_app.documents.content import PrescriptionContent
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.rendering.spec import Section
from lgc_app.documents.types.registry import DocumentTypeSpec, Level, SharingDefaults


def sections(content: PrescriptionContent, created_at: datetime) -> list[Section]:
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


def service_period(content: PrescriptionContent, now: datetime) -> tuple[datetime, datetime | None]:
    """From the prescription day to the end of its validity (renewals included)."""
    day = content.prescribed_on or now.astimezone().date()
    start = datetime.combine(day, now.astimezone().timetz())
    return start, datetime.combine(prescription.validity(content, day), start.timetz())


SPEC = DocumentTypeSpec(
    type=DocumentType.PRESCRIPTION,
    label="Ordonnance",
    level=Level.N3,
    content_class=PrescriptionContent,
    build_cda=prescription.build,
    printable=sections,
    sharing=SharingDefaults("57833-6", "urn:ihe:pharm:pre:2010", fixed_type=True),
    editor="prescription",
    dmp_by_default=True,
    service_period=service_period,
)
