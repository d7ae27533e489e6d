"""The simulator's reading and writing of ebRIM 3.0 objects: slots, classifications, identifiers, answers."""

from __future__ import annotations

import re
import uuid

from lxml import etree

from services.dmp.constants import (
    LCM,
    QUERY,
    RESPONSE_FAILURE,
    RESPONSE_SUCCESS,
    RIM,
    RS,
    SEVERITY_ERROR,
    XDSB,
)

NSMAP = {"rim": RIM, "rs": RS, "query": QUERY, "lcm": LCM, "xdsb": XDSB}
_DTM = re.compile(r"^\d{4}(\d{2}){0,5}$")
# The id attributes of `objects` and its descendants that are not UUIDs (XPath: one pass in C).
_SYMBOLIC_IDS = etree.XPath("descendant-or-self::*/@id[. != ''][not(starts-with(., 'urn:uuid:'))]")
REFERENCE_ATTRIBUTES = ("id", "classifiedObject", "registryObject", "sourceObject", "targetObject")


def rim(tag: str) -> str:
    return f"{{{RIM}}}{tag}"


_SLOT_VALUES = f"{rim('ValueList')}/{rim('Value')}"


def new_uuid() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def is_dtm(value: str) -> bool:
    return bool(_DTM.match(value))


def slots(element: etree._Element) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for slot in element.iterfind(rim("Slot")):
        values = [(value.text or "").strip() for value in slot.iterfind(_SLOT_VALUES)]
        found.setdefault(slot.get("name", ""), []).extend(values)
    return found


def slot(element: etree._Element, name: str) -> str:
    """The first value of the slots named `name` ("" when none), without reading the element's other slots."""
    for found in element.iterfind(rim("Slot")):
        if found.get("name") == name:
            for value in found.iterfind(_SLOT_VALUES):
                return (value.text or "").strip()
    return ""


def classified(element: etree._Element, scheme: str) -> list[etree._Element]:
    return [
        found
        for found in element.iterfind(rim("Classification"))
        if found.get("classificationScheme") == scheme
    ]


def code_of(classification: etree._Element) -> tuple[str, str]:
    """(code, code system) of a coded classification."""
    return classification.get("nodeRepresentation", ""), slot(classification, "codingScheme")


def external_id(element: etree._Element, scheme: str) -> str | None:
    for identifier in element.iterfind(rim("ExternalIdentifier")):
        if identifier.get("identificationScheme") == scheme:
            return identifier.get("value")
    return None


def set_slot(element: etree._Element, name: str, value: str) -> None:
    """Replace or add a single-valued slot, keeping Slot elements first (schema order)."""
    for existing in element.iterfind(rim("Slot")):
        if existing.get("name") == name:
            element.remove(existing)
    new = etree.Element(rim("Slot"), name=name)
    etree.SubElement(etree.SubElement(new, rim("ValueList")), rim("Value")).text = value
    element.insert(0, new)


def resolve_symbolic_ids(objects: etree._Element) -> dict[str, str]:
    """Give every symbolic id (not `urn:uuid:`) a UUID and rewrite every reference to it (§3.4 entryUUID)."""
    mapping = {str(identifier): new_uuid() for identifier in _SYMBOLIC_IDS(objects)}
    if not mapping:  # the usual case: the rewriting pass would visit every element for nothing
        return mapping
    for element in objects.iter():
        for attribute in REFERENCE_ATTRIBUTES:
            value = element.get(attribute)
            if value in mapping:
                element.set(attribute, mapping[value])
    return mapping


def error_list(parent: etree._Element, errors: list[tuple[str, str]]) -> None:
    if not errors:
        return
    holder = etree.SubElement(parent, f"{{{RS}}}RegistryErrorList", highestSeverity=SEVERITY_ERROR)
    for code, text in errors:
        etree.SubElement(
            holder,
            f"{{{RS}}}RegistryError",
            errorCode=code,
            codeContext=text,
            severity=SEVERITY_ERROR,
            location="DMP sandbox",
        )


def registry_response(errors: list[tuple[str, str]] | None = None) -> etree._Element:
    response = etree.Element(
        f"{{{RS}}}RegistryResponse", nsmap=NSMAP, status=RESPONSE_FAILURE if errors else RESPONSE_SUCCESS
    )
    error_list(response, errors or [])
    return response


def query_response(
    objects: list[etree._Element], errors: list[tuple[str, str]] | None = None
) -> etree._Element:
    response = etree.Element(
        f"{{{QUERY}}}AdhocQueryResponse", nsmap=NSMAP, status=RESPONSE_FAILURE if errors else RESPONSE_SUCCESS
    )
    error_list(response, errors or [])
    holder = etree.SubElement(response, rim("RegistryObjectList"))
    for element in objects:
        holder.append(element)
    return response
