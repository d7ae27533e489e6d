"""Reading the registry's answers: RegistryResponse, AdhocQueryResponse (LeafClass), ITI-43 responses.

An answer is untrusted: a DocumentEntry whose creation date or size cannot be read is left out of the
listing with a French reason (`EntryList.skipped`) instead of failing every other entry of the answer.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
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

log = logging.getLogger("lgc.services.dmp")

RS_STATUS_LIST = f"{{{c.RS}}}RegistryErrorList"
# A size has at most 12 digits (under a terabyte): anything longer is garbage, not a document.
_MAX_SIZE_DIGITS = 12
_DTM_FORMATS = {4: "%Y", 6: "%Y%m", 8: "%Y%m%d", 10: "%Y%m%d%H", 12: "%Y%m%d%H%M", 14: "%Y%m%d%H%M%S"}


class MalformedEntryError(ValueError):
    """A DocumentEntry of the answer cannot be read; the message (French, ours) says which field."""


class EntryList(list[DocumentEntryInfo]):
    """The DocumentEntries read from an ITI-18 answer; `skipped` says why others were left out (French)."""

    def __init__(self, entries: Iterable[DocumentEntryInfo] = (), skipped: Iterable[str] = ()) -> None:
        super().__init__(entries)
        self.skipped: tuple[str, ...] = tuple(skipped)


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
    """XDS DTM (4 to 14 ASCII digits, UTC) → aware datetime; None when unreadable or impossible."""
    digits = value.strip()
    fmt = _DTM_FORMATS.get(len(digits))
    if fmt is None or not (digits.isascii() and digits.isdigit()):
        return None
    try:
        return datetime.strptime(digits, fmt).replace(tzinfo=UTC)
    except ValueError:  # 20231399: well-formed digits, impossible date
        return None


def _time_slot(slots: dict[str, list[str]], name: str, label: str) -> datetime | None:
    """An optional DTM slot: absent is None, present but unreadable makes the whole entry unreadable."""
    value = _first(slots, name)
    if not value.strip():
        return None
    parsed = parse_dtm(value)
    if parsed is None:
        raise MalformedEntryError(f"{label} illisible")
    return parsed


def _size(value: str) -> int | None:
    digits = value.strip()
    if not digits:
        return None
    if not (digits.isascii() and digits.isdigit()) or len(digits) > _MAX_SIZE_DIGITS:
        raise MalformedEntryError("taille illisible")
    return int(digits)


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
    return DocumentEntryInfo(
        entry_uuid=extrinsic.get("id", ""),
        lid=extrinsic.get("lid") or extrinsic.get("id") or "",
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
        creation_time=_time_slot(slots, "creationTime", "date de création"),
        service_start=_time_slot(slots, "serviceStartTime", "date de début d'acte"),
        service_stop=_time_slot(slots, "serviceStopTime", "date de fin d'acte"),
        repository_id=_first(slots, "repositoryUniqueId"),
        hash=_first(slots, "hash"),
        size=_size(_first(slots, "size")),
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


def leaf_objects(response: etree._Element) -> tuple[EntryList, list[AssociationInfo]]:
    """The DocumentEntries (unreadable ones skipped, with a reason) and Associations of a LeafClass answer."""
    objects = response.find(rim("RegistryObjectList"))
    if objects is None:
        return EntryList(), []
    entries: list[DocumentEntryInfo] = []
    skipped: list[str] = []
    for found in objects.iterfind(rim("ExtrinsicObject")):
        if found.get("objectType") != c.DOCUMENT_ENTRY_TYPE:
            continue
        try:
            entries.append(document_entry_info(found))
        except MalformedEntryError as exc:
            # the entry id is remote text: logged truncated, never shown
            log.warning("DMP entry %.80r skipped: %s", found.get("id", ""), exc)
            skipped.append(f"Un document du DMP a été ignoré : {exc}.")
    associations = [association_info(found) for found in objects.iterfind(rim("Association"))]
    return EntryList(entries, skipped), associations
