"""ITI-18 Registry Stored Query (FindDocuments, GetDocuments, GetAssociations) and ITI-43 Retrieve (§3.3).

Every answer is filtered by what the caller may see (`access.visible`): a `MASQUE_PS` entry exists only for
its author, a deleted one for nobody.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from services.dmp import constants as c
from services.sandbox.dmp import codes
from services.sandbox.dmp.access import require_access, visible
from services.sandbox.dmp.codes import refused
from services.sandbox.dmp.ebrim import query_response, rim, slots
from services.sandbox.dmp.patients import PatientRef, parse_cx
from services.sandbox.dmp.store import Entry, Store
from services.sandbox.dmp.vihf_check import Caller

UNKNOWN_QUERY = "XDSUnknownStoredQuery"
_QUOTED = re.compile(r"'((?:[^']|'')*)'")
RETRIEVABLE = frozenset({c.STATUS_APPROVED, c.STATUS_DEPRECATED})


def values(raw: list[str]) -> list[str]:
    """Stored-query values: `('a','b')`, `'a'` or a bare value, over one or more Value elements."""
    found: list[str] = []
    for value in raw:
        quoted = _QUOTED.findall(value)
        found += [item.replace("''", "'") for item in quoted] if quoted else [value.strip("() ")]
    return [value for value in found if value]


def _coded(value: str) -> str:
    """`code^^scheme` (query syntax) → `code^scheme` (registry index)."""
    code, _, scheme = value.partition("^^")
    return f"{code}^{scheme}"


def shown(store: Store, entry: Entry, caller: Caller) -> bool:
    """Visibility follows the entry's latest metadata version: masking or deleting it hides older versions."""
    latest = max(store.entries_by_lid(entry.lid), key=lambda version: version.version)
    return visible(latest, caller)


def _padded(dtm: str) -> str:
    return dtm.ljust(14, "0")


def render_entry(entry: Entry) -> etree._Element:
    """The stored ExtrinsicObject with its current status, lid and version."""
    element = etree.fromstring(entry.xml)
    element.set("status", entry.status)
    element.set("lid", entry.lid)
    version = etree.Element(rim("VersionInfo"), versionName=str(entry.version))
    anchor = next(
        (child for child in element if child.tag in (rim("Classification"), rim("ExternalIdentifier"))), None
    )
    if anchor is None:
        element.append(version)
    else:
        anchor.addprevious(version)
    return element


def _object_ref(identifier: str) -> etree._Element:
    return etree.Element(rim("ObjectRef"), id=identifier)


@dataclass(frozen=True)
class Query:
    query_id: str
    return_type: str
    parameters: dict[str, list[str]]

    def many(self, name: str) -> list[str]:
        return values(self.parameters.get(name, []))

    def one(self, name: str) -> str | None:
        found = self.many(name)
        return found[0] if found else None


def read_query(payload: etree._Element) -> Query:
    if payload.tag != f"{{{c.QUERY}}}AdhocQueryRequest":
        raise refused(codes.REGISTRY_ERROR, "AdhocQueryRequest attendu")
    option = payload.find(f"{{{c.QUERY}}}ResponseOption")
    query = payload.find(rim("AdhocQuery"))
    if query is None:
        raise refused(codes.REGISTRY_ERROR, "AdhocQuery absent")
    return Query(
        query_id=query.get("id", "").strip(),
        return_type=option.get("returnType", "LeafClass") if option is not None else "LeafClass",
        parameters=slots(query),
    )


def _find_documents(store: Store, caller: Caller, query: Query) -> list[Entry]:
    patient_value, statuses = query.one("$XDSDocumentEntryPatientId"), query.many("$XDSDocumentEntryStatus")
    if patient_value is None or not statuses:
        raise refused(
            codes.MISSING_PARAM, "$XDSDocumentEntryPatientId et $XDSDocumentEntryStatus sont requis"
        )
    patient = parse_cx(patient_value)
    if patient is None:
        raise refused(codes.UNKNOWN_PATIENT, f"identifiant patient illisible {patient_value!r}")
    require_access(store, caller, patient)
    filters: list[Callable[[Entry], bool]] = [lambda entry: entry.status in statuses]
    for name, attribute in (
        ("$XDSDocumentEntryClassCode", "class_code"),
        ("$XDSDocumentEntryTypeCode", "type_code"),
        ("$XDSDocumentEntryFormatCode", "format_code"),
        ("$XDSDocumentEntryHealthcareFacilityTypeCode", "healthcare"),
        ("$XDSDocumentEntryPracticeSettingCode", "practice"),
    ):
        wanted = {_coded(value) for value in query.many(name)}
        if wanted:
            filters.append(_code_among(attribute, wanted))
    confidentiality = {_coded(value) for value in query.many("$XDSDocumentEntryConfidentialityCode")}
    if confidentiality:
        filters.append(lambda entry: bool(entry.confidentiality_codes & confidentiality))
    for name, attribute in (("CreationTime", "creation_time"), ("ServiceStartTime", "service_start")):
        low, high = query.one(f"$XDSDocumentEntry{name}From"), query.one(f"$XDSDocumentEntry{name}To")
        if low:
            filters.append(_time_bound(attribute, low, after=True))
        if high:
            filters.append(_time_bound(attribute, high, after=False))
    return [
        entry
        for entry in store.entries_of(patient.ins, patient.oid)
        if shown(store, entry, caller) and all(keep(entry) for keep in filters)
    ]


def _code_among(attribute: str, wanted: set[str]) -> Callable[[Entry], bool]:
    return lambda entry: getattr(entry, attribute) in wanted


def _time_bound(attribute: str, bound: str, *, after: bool) -> Callable[[Entry], bool]:
    """Entries whose DTM `attribute` is at or after bound (`…From`), or before it (`…To`); absent never matches."""
    def keep(entry: Entry) -> bool:
        moment = getattr(entry, attribute)
        return bool(moment) and (_padded(moment) >= _padded(bound)) == after

    return keep


def _get_documents(store: Store, caller: Caller, query: Query) -> list[Entry]:
    uuids, unique_ids = query.many("$XDSDocumentEntryEntryUUID"), query.many("$XDSDocumentEntryUniqueId")
    if bool(uuids) == bool(unique_ids):
        raise refused(codes.PARAM_NUMBER, "$XDSDocumentEntryEntryUUID ou $XDSDocumentEntryUniqueId, un seul")
    require_access(store, caller, caller.patient)
    found = [entry for uuid in uuids if (entry := store.entry(uuid)) is not None]
    for unique_id in unique_ids:
        found += store.entries_by_unique_id(unique_id)
    return [entry for entry in found if _belongs(entry, caller.patient) and shown(store, entry, caller)]


def _belongs(entry: Entry, patient: PatientRef) -> bool:
    return PatientRef(entry.ins, entry.oid) == patient


def _get_associations(store: Store, caller: Caller, query: Query) -> list[etree._Element]:
    uuids = query.many("$uuid")
    if not uuids:
        raise refused(codes.MISSING_PARAM, "$uuid est requis")
    require_access(store, caller, caller.patient)
    found = []
    for association in store.associations_of(uuids):
        ends = [store.entry(association.source), store.entry(association.target)]
        if all(
            entry is None or (_belongs(entry, caller.patient) and shown(store, entry, caller))
            for entry in ends
        ) and any(entry is not None for entry in ends):
            element = etree.fromstring(association.xml)
            element.set("status", c.STATUS_APPROVED)
            found.append(element)
    return found


def stored_query(store: Store, caller: Caller, payload: etree._Element) -> etree._Element:
    """Answer an ITI-18 request (raises `Refused` for an AdhocQueryResponse Failure)."""
    query = read_query(payload)
    if query.query_id == c.QUERY_FIND_DOCUMENTS:
        entries = _find_documents(store, caller, query)
    elif query.query_id == c.QUERY_GET_DOCUMENTS:
        entries = _get_documents(store, caller, query)
    elif query.query_id == c.QUERY_GET_ASSOCIATIONS:
        associations = _get_associations(store, caller, query)
        if query.return_type == "ObjectRef":
            return query_response([_object_ref(found.get("id", "")) for found in associations])
        return query_response(associations)
    else:
        raise refused(UNKNOWN_QUERY, f"requête stockée {query.query_id!r} non prise en charge")
    if query.return_type == "ObjectRef":
        return query_response([_object_ref(entry.entry_uuid) for entry in entries])
    return query_response([render_entry(entry) for entry in entries])


@dataclass(frozen=True)
class Retrieved:
    repository_id: str
    unique_id: str
    mime_type: str
    content: bytes


def retrieve(
    store: Store, caller: Caller, payload: etree._Element, repository_id: str
) -> tuple[list[Retrieved], list[tuple[str, str]]]:
    """ITI-43: the documents asked for that exist in this repository and that the caller may see."""
    if payload.tag != f"{{{c.XDSB}}}RetrieveDocumentSetRequest":
        raise refused(codes.REGISTRY_ERROR, "RetrieveDocumentSetRequest attendu")
    require_access(store, caller, caller.patient)
    found: list[Retrieved] = []
    errors: list[tuple[str, str]] = []
    for request in payload.iterfind(f"{{{c.XDSB}}}DocumentRequest"):
        repository = (request.findtext(f"{{{c.XDSB}}}RepositoryUniqueId") or "").strip()
        unique_id = (request.findtext(f"{{{c.XDSB}}}DocumentUniqueId") or "").strip()
        if repository != repository_id:
            errors.append((codes.UNKNOWN_REPOSITORY, f"entrepôt {repository!r} inconnu"))
            continue
        versions = store.entries_by_unique_id(unique_id)
        latest = max(versions, key=lambda version: version.version) if versions else None
        entries = (
            [latest]
            if latest is not None
            and latest.status in RETRIEVABLE
            and _belongs(latest, caller.patient)
            and visible(latest, caller)
            else []
        )
        content = store.content(unique_id) if entries else None
        if content is None:
            errors.append((codes.DOCUMENT_UNIQUE_ID_ERROR, f"document {unique_id!r} introuvable"))
            continue
        mime_type = etree.fromstring(entries[-1].xml).get("mimeType", "application/octet-stream")
        found.append(
            Retrieved(repository_id=repository, unique_id=unique_id, mime_type=mime_type, content=content)
        )
    return found, errors
