"""Reading the registry's answers: RegistryResponse, AdhocQueryResponse (LeafClass), ITI-43 responses."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree

from services.dmp import constants as c
from services.dmp.metadata import rim
from services.dmp.models import (
    AssociationInfo,
    Author,
    Code,
    DocumentEntryInfo,
    PatientId,
    RegistryErrorInfo,
)

RS_STATUS_LIST = f"{{{c.RS}}}RegistryErrorList"


def registry_status(element: etree._Element) -> tuple[str, tuple[RegistryErrorInfo, ...]]:
    """`status` and `RegistryErrorList` of a RegistryResponse or AdhocQueryResponse."""
    errors = tuple(
        RegistryErrorInfo(
            code=error.get("errorCode", ""),
            context=error.get("codeContext", ""),
            severity=error.get("severity", c.SEVERITY_ERROR),
            location=error.get("location", ""),
        )
        for error in element.iterfind(f"{RS_STATUS_LIST}/{{{c.RS}}}RegistryError")
    )
    return element.get("status", ""), errors


def parse_dtm(value: str) -> datetime | None:
    """XDS DTM (4 to 14 digits, UTC) → aware datetime; None when unreadable."""
    digits = value.strip()
    formats = {4: "%Y", 6: "%Y%m", 8: "%Y%m%d", 10: "%Y%m%d%H", 12: "%Y%m%d%H%M", 14: "%Y%m%d%H%M%S"}
    fmt = formats.get(len(digits))
    if fmt is None or not digits.isdigit():
        return None
    return datetime.strptime(digits, fmt).replace(tzinfo=UTC)


def _slots(element: etree._Element) -> dict[str, list[str]]:
    return {
        slot.get("name", ""): [
            value.text or "" for value in slot.iterfind(f"{rim('ValueList')}/{rim('Value')}")
        ]
        for slot in element.iterfind(rim("Slot"))
    }


def _first(slots: dict[str, list[str]], name: str) -> str:
    values = slots.get(name) or [""]
    return values[0]


def _name(element: etree._Element) -> str:
    localized = element.find(f"{rim('Name')}/{rim('LocalizedString')}")
    return "" if localized is None else localized.get("value", "")


def _code(classification: etree._Element) -> Code:
    return Code(
        code=classification.get("nodeRepresentation", ""),
        scheme=_first(_slots(classification), "codingScheme"),
        display=_name(classification),
    )


def _coded(value: str) -> Code:
    code, _, rest = value.partition("^")
    display, _, scheme = rest.partition("^")
    return Code(code=code, scheme=scheme, display=display)


def _author(classification: etree._Element) -> Author:
    slots = _slots(classification)
    person = _first(slots, "authorPerson").split("^")
    institution = _first(slots, "authorInstitution").split("^")
    role = _first(slots, "authorRole")
    return Author(
        person_id=person[0],
        family_name=person[1] if len(person) > 1 else "",
        given_name=person[2] if len(person) > 2 else "",
        specialty=_coded(_first(slots, "authorSpecialty")),
        institution_name=institution[0],
        institution_id=institution[9] if len(institution) > 9 else "",
        role=_coded(role) if role else None,
    )


def document_entry_info(extrinsic: etree._Element) -> DocumentEntryInfo:
    slots = _slots(extrinsic)
    by_scheme: dict[str, list[etree._Element]] = {}
    for classification in extrinsic.iterfind(rim("Classification")):
        by_scheme.setdefault(classification.get("classificationScheme", ""), []).append(classification)
    identifiers = {
        identifier.get("identificationScheme"): identifier.get("value", "")
        for identifier in extrinsic.iterfind(rim("ExternalIdentifier"))
    }

    def single(scheme: str) -> Code | None:
        found = by_scheme.get(scheme)
        return _code(found[0]) if found else None

    version = extrinsic.find(rim("VersionInfo"))
    size = _first(slots, "size")
    return DocumentEntryInfo(
        entry_uuid=extrinsic.get("id", ""),
        lid=extrinsic.get("lid") or extrinsic.get("id", ""),
        unique_id=identifiers.get(c.DE_UNIQUE_ID, ""),
        status=extrinsic.get("status", ""),
        patient=PatientId.from_cx(identifiers.get(c.DE_PATIENT_ID, "")),
        title=_name(extrinsic),
        mime_type=extrinsic.get("mimeType", ""),
        class_code=single(c.DE_CLASS_CODE),
        type_code=single(c.DE_TYPE_CODE),
        format_code=single(c.DE_FORMAT_CODE),
        confidentiality=tuple(_code(found) for found in by_scheme.get(c.DE_CONFIDENTIALITY_CODE, [])),
        healthcare_facility_type=single(c.DE_HEALTHCARE_FACILITY_TYPE_CODE),
        practice_setting=single(c.DE_PRACTICE_SETTING_CODE),
        authors=tuple(_author(found) for found in by_scheme.get(c.DE_AUTHOR, [])),
        creation_time=parse_dtm(_first(slots, "creationTime")),
        service_start=parse_dtm(_first(slots, "serviceStartTime")),
        service_stop=parse_dtm(_first(slots, "serviceStopTime")),
        repository_id=_first(slots, "repositoryUniqueId"),
        hash=_first(slots, "hash"),
        size=int(size) if size.isdigit() else None,
        version=version.get("versionName", "1") if version is not None else "1",
        raw=etree.tostring(extrinsic),
    )


def association_info(element: etree._Element) -> AssociationInfo:
    return AssociationInfo(
        entry_uuid=element.get("id", ""),
        association_type=element.get("associationType", ""),
        source=element.get("sourceObject", ""),
        target=element.get("targetObject", ""),
        status=element.get("status", ""),
    )


def leaf_objects(response: etree._Element) -> tuple[list[DocumentEntryInfo], list[AssociationInfo]]:
    objects = response.find(rim("RegistryObjectList"))
    if objects is None:
        return [], []
    entries = [
        document_entry_info(found)
        for found in objects.iterfind(rim("ExtrinsicObject"))
        if found.get("objectType") == c.DOCUMENT_ENTRY_TYPE
    ]
    associations = [association_info(found) for found in objects.iterfind(rim("Association"))]
    return entries, associations
