"""CDA R2 N3 Note de vaccination (CI-SIS VAC-NOTE 2023.01; schematron CI-SIS_VAC-NOTE_2023.01).

One document records exactly one vaccination act (one FR-Vaccination entry), with the vaccine's CIS and
ATC codes, its lot number and the practitioner who validated it.
"""

from __future__ import annotations

from lgc_app.documents.cda.header import Volet, author_element, build_header
from lgc_app.documents.cda.narrative import Cell, loinc, reference, section, table
from lgc_app.documents.cda.parties import DocumentHeader
from lgc_app.documents.cda.xmltree import (
    coded,
    day,
    french_day,
    new_id,
    serialize,
    sub,
    template_ids,
    timestamp,
)
from lgc_app.documents.content import VACCINATION_ACTS, VACCINATION_ROUTES, VacNoteContent
from lgc_app.documents.valuesets import ATC, CIS, EDQM, HL7_ACT_CODE, Code

NOTE_CODE = loinc("87273-9", "Note de vaccination")
VOLET = Volet(
    template_ids=(("1.3.6.1.4.1.19376.1.5.3.1.1.18.1.2", None), ("1.2.250.1.213.1.1.1.46", "2023.01")),
    service_event_code=NOTE_CODE,
)


def build(header: DocumentHeader, content: VacNoteContent) -> bytes:
    if content.administered_on is None:
        raise ValueError("vaccination date missing (content.check() not called)")
    doc = build_header(header, VOLET)
    body = sub(sub(doc, "component"), "structuredBody")
    element = section(
        body,
        ["2.16.840.1.113883.10.20.1.6", "1.3.6.1.4.1.19376.1.5.3.1.3.23", "1.2.250.1.213.1.1.2.147"],
        loinc("11369-6", "Historique des vaccinations"),
        "Note de vaccination",
    )
    author = header.author
    row: list[Cell | str] = [
        french_day(content.administered_on),
        Cell(content.vaccine, "vac-1"),
        content.lot_number,
        str(content.dose_rank or "-"),
        VACCINATION_ROUTES[content.route],
        Cell(content.comment or "-", "vac-1-commentaire"),
        f"{author.title} {author.given_name} {author.family_name}",
    ]
    table(
        element,
        ["Date", "Vaccin", "Lot n°", "Rang", "Voie d'administration", "Commentaire", "Vaccinateur"],
        [row],
    )
    administration = sub(
        sub(element, "entry"),
        "substanceAdministration",
        classCode="SBADM",
        moodCode="EVN",
        negationInd="false",
    )
    template_ids(
        administration,
        "2.16.840.1.113883.10.20.1.24",
        "1.3.6.1.4.1.19376.1.5.3.1.4.12",
        "1.2.250.1.213.1.1.3.45",
    )
    new_id(administration)
    coded(
        administration,
        "code",
        Code(
            content.act,
            HL7_ACT_CODE,
            VACCINATION_ACTS[content.act],
            "ActSubstanceAdministrationImmunizationCode",
        ),
    )
    reference(administration, "text", "vac-1")
    sub(administration, "statusCode", code="completed")
    sub(administration, "effectiveTime", value=day(content.administered_on))
    coded(administration, "routeCode", Code(content.route, EDQM, VACCINATION_ROUTES[content.route], "EDQM"))
    product = sub(sub(administration, "consumable", typeCode="CSM"), "manufacturedProduct")
    template_ids(
        product, "2.16.840.1.113883.10.20.1.53", "1.3.6.1.4.1.19376.1.5.3.1.4.7.2", "1.2.250.1.213.1.1.3.43"
    )
    material = sub(product, "manufacturedMaterial")
    code = coded(material, "code", Code(content.cis_code, CIS, content.vaccine, "CIS"))
    reference(code, "originalText", "vac-1")
    coded(code, "translation", Code(content.atc_code, ATC, content.atc_label, "ATC"))
    sub(material, "name", content.atc_label)
    sub(material, "lotNumberText", content.lot_number)
    author_element(administration, author, header.organization, timestamp(header.created_at))
    if content.dose_rank is not None:
        rank = sub(
            sub(administration, "entryRelationship", typeCode="SUBJ"),
            "observation",
            classCode="OBS",
            moodCode="EVN",
        )
        template_ids(rank, "2.16.840.1.113883.10.20.1.46", "1.2.250.1.213.1.1.3.82")
        coded(rank, "code", loinc("30973-2", "Rang de la vaccination"))
        sub(rank, "statusCode", code="completed")
        sub(rank, "value", xsi_type="INT", value=str(content.dose_rank))
    if content.comment:
        comment = sub(
            sub(administration, "entryRelationship", typeCode="SUBJ"), "act", classCode="ACT", moodCode="EVN"
        )
        template_ids(
            comment, "2.16.840.1.113883.10.20.1.40", "1.3.6.1.4.1.19376.1.5.3.1.4.2", "1.2.250.1.213.1.1.3.32"
        )
        coded(comment, "code", loinc("48767-8", "Commentaire"))
        text = reference(comment, "text", "vac-1-commentaire")
        text[0].tail = content.comment
        sub(comment, "statusCode", code="completed")
    return serialize(doc)
