"""Coded entries shared by several N3 builders (IHE PCC templates as the CI-SIS profiles them)."""

from __future__ import annotations

from datetime import date

from lxml import etree

from lgc_app.documents.cda.narrative import reference
from lgc_app.documents.cda.xmltree import PHARM, coded, day, new_id, sub, template_ids
from lgc_app.documents.partial_date import PartialDate
from lgc_app.documents.valuesets import CIM10, HL7_ACT_CODE, SNOMED_CT, Code

DIAGNOSTIC_INTERPRETATION = Code("282291009", SNOMED_CT, "interprétation diagnostique", "SNOMED CT")
DRUG = Code("DRUG", HL7_ACT_CODE, "Médicament", "HL7:ActCode")


def interval(
    parent: etree._Element,
    start: date | PartialDate | None,
    end: date | PartialDate | None,
    *,
    typed: bool = False,
    end_unknown: bool = False,
) -> etree._Element:
    """An IVL_TS effectiveTime; an unknown start is `low nullFlavor="UNK"`."""
    element = sub(parent, "effectiveTime", xsi_type="IVL_TS") if typed else sub(parent, "effectiveTime")
    if start:
        sub(element, "low", value=day(start))
    else:
        sub(element, "low", nullFlavor="UNK")
    if end:
        sub(element, "high", value=day(end))
    elif end_unknown:
        sub(element, "high", nullFlavor="UNK")
    return element


def concern(
    parent: etree._Element,
    concern_template: str,
    fr_template: str,
    *,
    active: bool,
    start: date | PartialDate | None,
    end: date | PartialDate | None,
) -> etree._Element:
    """A concern act (FR-Liste-des-problemes / -allergies): the caller adds its SUBJ observation."""
    act = sub(sub(parent, "entry"), "act", classCode="ACT", moodCode="EVN")
    template_ids(
        act, "2.16.840.1.113883.10.20.1.27", "1.3.6.1.4.1.19376.1.5.3.1.4.5.1", concern_template, fr_template
    )
    new_id(act)
    sub(act, "code", nullFlavor="NA")
    sub(act, "statusCode", code="active" if active else "completed")
    interval(act, start, end if not active else None)
    return sub(act, "entryRelationship", typeCode="SUBJ", inversionInd="false")


def problem_observation(
    parent: etree._Element,
    *,
    ref: str,
    cim10: str,
    start: date | PartialDate | None,
    end: date | PartialDate | None,
    extra_templates: tuple[str, ...] = (),
    code: Code = DIAGNOSTIC_INTERPRETATION,
) -> etree._Element:
    """FR-Probleme: a problem coded in CIM-10 when the code is known, else carried by its text only."""
    observation = sub(parent, "observation", classCode="OBS", moodCode="EVN", negationInd="false")
    template_ids(
        observation,
        "2.16.840.1.113883.10.20.1.28",
        *extra_templates,
        "1.3.6.1.4.1.19376.1.5.3.1.4.5",
        "1.2.250.1.213.1.1.3.37",
    )
    new_id(observation)
    coded(observation, "code", code)
    reference(observation, "text", ref)
    sub(observation, "statusCode", code="completed")
    interval(observation, start, end)
    if cim10:
        value = sub(
            observation, "value", xsi_type="CD", code=cim10, codeSystem=CIM10, codeSystemName="CIM-10"
        )
    else:
        value = sub(observation, "value", xsi_type="CD", nullFlavor="OTH")
    reference(value, "originalText", ref)
    return observation


def manufactured_product(
    parent: etree._Element, *, ref: str, name: str, pharm: bool = False
) -> etree._Element:
    """FR-Produit-de-sante named in free text (no drug database: code nullFlavor NA + originalText)."""
    product = sub(sub(parent, "consumable"), "manufacturedProduct", classCode="MANU")
    template_ids(
        product, "2.16.840.1.113883.10.20.1.53", "1.3.6.1.4.1.19376.1.5.3.1.4.7.2", "1.2.250.1.213.1.1.3.43"
    )
    material = sub(product, "manufacturedMaterial", classCode="MMAT", determinerCode="KIND")
    if pharm:
        template_ids(material, "1.3.6.1.4.1.19376.1.9.1.3.1")
    reference(sub(material, "code", nullFlavor="NA"), "originalText", ref)
    sub(material, "name", name)
    if pharm:
        etree.SubElement(material, f"{{{PHARM}}}formCode", nullFlavor="NA")
    return material
