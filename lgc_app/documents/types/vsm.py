"""Volet de synthèse médicale (CI-SIS VSM, CDA N3), sent to the DMP by default."""

from __future__ import annotations

from datetime import datetime

from lgc_app.documents.cda import vsm
from lgc_app.documents.cda.parties import DocumentHeader
from lgc_app.documents.content import ALLERGY_KINDS, RISK_FACTOR_KINDS, VsmContent
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.partial_date import french_since
from lgc_app.documents.rendering.spec import Section
from lgc_app.documents.types.registry import DocumentTypeSpec, Level, SharingDefaults


def sections(content: VsmContent, created_at: datetime) -> list[Section]:
    return [
        Section(
            "Pathologies en cours",
            tuple(f"{p.label}{french_since(p.start)}" for p in content.problems if p.active) or ("-",),
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


def build_cda(header: DocumentHeader, content: VsmContent, pdf: bytes) -> bytes:
    return vsm.build(header, content)


SPEC = DocumentTypeSpec(
    type=DocumentType.VSM,
    label="Volet de synthèse médicale",
    level=Level.N3,
    content_class=VsmContent,
    build_cda=build_cda,
    printable=sections,
    sharing=SharingDefaults("SYNTH", "urn:asip:ci-sis:vsm:2012", fixed_type=True),
    editor="vsm",
    dmp_by_default=True,
)
