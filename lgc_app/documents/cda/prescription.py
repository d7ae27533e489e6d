"""CDA R2 N3 prescription de médicaments (CI-SIS eP-MED-DM 2024.01; schematron CI-SIS_EP-MED-DM_2024.01).

Each line is a FR-Traitement-prescrit entry whose drug is free text (a drug database is out of scope) and
whose posology is the entry's text; the printed PDF travels in the mandatory "Copie du document" section.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date, timedelta

from lxml import etree

from lgc_app.documents.cda.entries import DRUG, manufactured_product
from lgc_app.documents.cda.header import Volet, build_header
from lgc_app.documents.cda.narrative import Cell, loinc, paragraphs, reference, section, table
from lgc_app.documents.cda.parties import DocumentHeader
from lgc_app.documents.cda.xmltree import PHARM, coded, day, french_day, new_id, serialize, sub, template_ids
from lgc_app.documents.content import PrescriptionContent, PrescriptionLine
from lgc_app.documents.errors import DocumentContentError
from lgc_app.documents.valuesets import Code

PRESCRIPTION_CODE = loinc("57833-6", "Prescription de produits de santé")
VOLET = Volet(
    template_ids=(
        ("1.3.6.1.4.1.19376.1.9.1.1.1", None),
        ("1.3.6.1.4.1.19376.1.5.3.1.1.1", None),
        ("1.2.250.1.213.1.1.1.39", "2024.01"),
    ),
    service_event_code=PRESCRIPTION_CODE,
    namespaces=(("pharm", PHARM),),
)
TA_ASIP = "1.2.250.1.213.1.1.4.322"
IHE_ACT_CODE = "1.3.6.1.4.1.19376.1.5.3.2"
NO_SUBSTITUTION = Code(
    "N", "2.16.840.1.113883.5.1070", "Aucune substitution permise", "HL7_substanceAdminSubstitution"
)
DOCUMENT_COPY = loinc("55108-5", "Copie du document")


@dataclass(frozen=True)
class LineFlag:
    attribute: str  # PrescriptionLine attribute
    template: str
    code: Code
    heading: str


LINE_FLAGS = (
    LineFlag(
        "ald",
        "1.2.250.1.213.1.1.3.48.13",
        Code("MED-574", TA_ASIP, "En rapport avec une ALD", "TA_ASIP"),
        "En rapport ALD",
    ),
    LineFlag(
        "work_related",
        "1.2.250.1.213.1.1.3.48.14",
        Code(
            "GEN-180",
            TA_ASIP,
            "En rapport avec un accident du travail ou une maladie professionnelle",
            "TA_ASIP",
        ),
        "En rapport AT/MP",
    ),
    LineFlag(
        "non_reimbursable",
        "1.2.250.1.213.1.1.3.48.15",
        Code("GEN-181", TA_ASIP, "Non remboursable", "TA_ASIP"),
        "Non remboursable",
    ),
    LineFlag(
        "off_label",
        "1.2.250.1.213.1.1.3.48.12",
        Code("GEN-179", TA_ASIP, "Hors Autorisation de Mise sur le Marché (AMM)", "TA_ASIP"),
        "Hors AMM",
    ),
)
PRESCRIPTION_VALIDITY = timedelta(days=90)  # a prescription is dispensed within three months


def validity(content: PrescriptionContent, start: date) -> date:
    """End of validity (serviceEvent/effectiveTime/high, mandatory in eP-MED-DM): the latest treatment
    end, and at least the three months a prescription may be dispensed in."""
    longest = max((line.duration_days * (line.renewals + 1) for line in content.lines), default=0)
    return max(start + timedelta(days=longest), start + PRESCRIPTION_VALIDITY)


def build(header: DocumentHeader, content: PrescriptionContent, pdf: bytes) -> bytes:
    if header.service_end is None:
        raise DocumentContentError("Date de fin de validité de l'ordonnance manquante.")
    if not pdf.startswith(b"%PDF-"):
        raise DocumentContentError("La copie de l'ordonnance doit être un PDF.")
    start = content.prescribed_on or header.created_at.date()
    doc = build_header(header, VOLET)
    body = sub(sub(doc, "component"), "structuredBody")
    element = section(
        body,
        ["1.3.6.1.4.1.19376.1.9.1.2.1", "1.2.250.1.213.1.1.2.171"],
        loinc("57828-6", "Prescriptions"),
        "Prescription de médicaments",
    )
    rows: list[list[Cell | str]] = [
        [
            f"du {french_day(start)} au {french_day(start + timedelta(days=line.duration_days))}",
            Cell(line.drug, f"med-{i}"),
            Cell(line.dosage, f"med-{i}-posologie"),
            str(line.renewals),
            Cell("Oui" if line.substitutable else "Non substituable", f"med-{i}-substitution"),
            *(
                Cell("Oui" if getattr(line, f.attribute) else "Non", f"med-{i}-{f.attribute}")
                for f in LINE_FLAGS
            ),
            Cell(line.instructions or "-", f"med-{i}-instr"),
        ]
        for i, line in enumerate(content.lines, 1)
    ]
    table(
        element,
        [
            "Durée du traitement",
            "Médicament",
            "Posologie",
            "Renouvellements",
            "Substitution",
            *(f.heading for f in LINE_FLAGS),
            "Instructions au patient",
        ],
        rows,
    )
    for i, line in enumerate(content.lines, 1):
        _line(element, i, line, start, header)
    if content.comment:
        comment = section(
            body,
            ["2.16.840.1.113883.10.12.201", "1.3.6.1.4.1.19376.1.4.1.2.16", "1.2.250.1.213.1.1.2.73"],
            loinc("55112-7", "Commentaire"),
            "Commentaire",
        )
        paragraphs(comment, [content.comment])
    _copy(body, pdf)
    return serialize(doc)


def _line(
    parent: etree._Element, i: int, line: PrescriptionLine, start: date, header: DocumentHeader
) -> None:
    administration = sub(sub(parent, "entry"), "substanceAdministration", classCode="SBADM", moodCode="INT")
    template_ids(
        administration,
        "2.16.840.1.113883.10.20.1.24",
        "1.3.6.1.4.1.19376.1.5.3.1.4.7",
        "1.3.6.1.4.1.19376.1.9.1.3.2",
        "1.2.250.1.213.1.1.3.83",
        "1.3.6.1.4.1.19376.1.9.1.3.6",
        "1.3.6.1.4.1.19376.1.5.3.1.4.7.1",
    )
    new_id(administration)
    coded(administration, "code", DRUG)
    reference(administration, "text", f"med-{i}-posologie")  # IHE PCC: the entry's text is the free-text sig
    sub(administration, "statusCode", code="completed")
    period = sub(administration, "effectiveTime", xsi_type="IVL_TS")
    sub(period, "low", value=day(start))
    sub(period, "high", value=day(start + timedelta(days=line.duration_days)))
    sub(administration, "repeatNumber", value=str(line.renewals))
    manufactured_product(administration, ref=f"med-{i}", name=line.drug, pharm=True)
    if line.instructions:
        act = sub(
            sub(administration, "entryRelationship", typeCode="SUBJ", inversionInd="true"),
            "act",
            classCode="ACT",
            moodCode="INT",
        )
        template_ids(
            act, "2.16.840.1.113883.10.20.1.49", "1.3.6.1.4.1.19376.1.5.3.1.4.3", "1.2.250.1.213.1.1.3.33"
        )
        sub(act, "code", code="PINSTRUCT", codeSystem=IHE_ACT_CODE, codeSystemName="IHEActCode")
        reference(act, "text", f"med-{i}-instr")
        sub(act, "statusCode", code="completed")
    if not line.substitutable:
        act = sub(
            sub(administration, "entryRelationship", typeCode="COMP"), "act", classCode="ACT", moodCode="DEF"
        )
        template_ids(act, "1.3.6.1.4.1.19376.1.9.1.3.9.1", "1.2.250.1.213.1.1.3.87")
        reference(coded(act, "code", NO_SUBSTITUTION), "originalText", f"med-{i}-substitution")
        sub(act, "statusCode", code="completed")
    # The four yes/no observations are each [1..1] on every line (E_traitementPrescrit_fr).
    for flag in LINE_FLAGS:
        observation = sub(
            sub(administration, "entryRelationship", typeCode="COMP"),
            "observation",
            classCode="OBS",
            moodCode="EVN",
        )
        template_ids(observation, "1.3.6.1.4.1.19376.1.5.3.1.4.13", "1.2.250.1.213.1.1.3.48", flag.template)
        new_id(observation)
        coded(observation, "code", flag.code)
        reference(observation, "text", f"med-{i}-{flag.attribute}")
        sub(observation, "statusCode", code="completed")
        sub(observation, "effectiveTime", value=day(start))
        sub(observation, "value", xsi_type="BL", value="true" if getattr(line, flag.attribute) else "false")


def _copy(body: etree._Element, pdf: bytes) -> None:
    """FR-Document-PDF-copie: the printed prescription, mandatory in eP-MED-DM."""
    element = section(body, ["1.2.250.1.213.1.1.2.243"], DOCUMENT_COPY, "Copie du document")
    text = sub(element, "text")
    sub(text, "renderMultiMedia", referencedObject="copie-pdf")
    sub(text, "paragraph", "Copie PDF de l'ordonnance", ID="copie-type")
    organizer = sub(sub(element, "entry"), "organizer", classCode="CLUSTER", moodCode="EVN")
    template_ids(organizer, "1.2.250.1.213.1.1.3.18")
    new_id(organizer)
    coded(organizer, "code", loinc("55107-7", "Document attaché"))
    sub(organizer, "statusCode", code="completed")
    kind = sub(sub(organizer, "component"), "observation", classCode="OBS", moodCode="EVN")
    template_ids(
        kind, "1.3.6.1.4.1.19376.1.5.3.1.4.13", "1.2.250.1.213.1.1.3.48", "1.2.250.1.213.1.1.3.48.18"
    )
    new_id(kind)
    coded(kind, "code", loinc("69764-9", "Type de document"))
    reference(kind, "text", "copie-type")
    sub(kind, "statusCode", code="completed")
    sub(kind, "effectiveTime", nullFlavor="NA")
    coded(kind, "value", DOCUMENT_COPY, xsi_type="CD")
    media = sub(
        sub(organizer, "component"), "observationMedia", classCode="OBS", moodCode="EVN", ID="copie-pdf"
    )
    sub(
        media,
        "value",
        base64.b64encode(pdf).decode("ascii"),
        mediaType="application/pdf",
        representation="B64",
    )
