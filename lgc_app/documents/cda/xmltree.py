"""Small lxml helpers shared by every CDA builder: HL7 namespace, coded elements, timestamps, ids."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from lxml import etree

from lgc_app.documents.partial_date import PartialDate
from lgc_app.documents.valuesets import Code

HL7 = "urn:hl7-org:v3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PHARM = "urn:ihe:pharm:medication"
NSMAP = {None: HL7, "xsi": XSI}
XSI_TYPE = f"{{{XSI}}}type"


def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    """A child element in the HL7 namespace; `attrs` with a trailing underscore lose it (`xsi_type` is
    written `xsi:type`)."""
    element = etree.SubElement(parent, f"{{{HL7}}}{tag}")
    for key, value in attrs.items():
        element.set(XSI_TYPE if key == "xsi_type" else key.rstrip("_"), value)
    if text is not None:
        element.text = text
    return element


def coded(parent: etree._Element, tag: str, code: Code, **attrs: str) -> etree._Element:
    element = sub(parent, tag, code=code.code, codeSystem=code.system, displayName=code.display, **attrs)
    if code.system_name:
        element.set("codeSystemName", code.system_name)
    return element


def template_ids(parent: etree._Element, *roots: str) -> None:
    for root in roots:
        sub(parent, "templateId", root=root)


def new_id(parent: etree._Element) -> etree._Element:
    """An instance identifier for a section or an entry (a UUID is a valid II root)."""
    return sub(parent, "id", root=str(uuid.uuid4()).upper())


def timestamp(moment: datetime) -> str:
    """CI-SIS date-time: local time of the producer with its offset, `AAAAMMJJhhmmss+zzzz`."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime in a CDA timestamp")
    return moment.astimezone().strftime("%Y%m%d%H%M%S%z")


def day(value: date | PartialDate) -> str:
    """A TS at the precision known: AAAAMMJJ, or AAAAMM / AAAA for a partial date (CDA R2 TS)."""
    return value.cda() if isinstance(value, PartialDate) else value.strftime("%Y%m%d")


def french_day(value: date | PartialDate | None) -> str:
    if isinstance(value, PartialDate):
        return value.french()
    return value.strftime("%d/%m/%Y") if value else "-"


def serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
