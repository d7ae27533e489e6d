"""ITI-18 Registry Stored Query requests (PROTOCOLS §3.3): FindDocuments, GetDocuments, GetAssociations."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from services.dmp import constants as c
from services.dmp.metadata import add_slot, dtm, rim
from services.dmp.models import Code, DocumentQuery, PatientId


def quoted_list(values: Iterable[str]) -> str:
    """Stored-query multi-value syntax: `('a','b')`, with `'` doubled inside values."""
    return "(" + ",".join("'" + value.replace("'", "''") + "'" for value in values) + ")"


def coded_list(codes: Iterable[Code]) -> str:
    return quoted_list(f"{code.code}^^{code.scheme}" for code in codes)


def adhoc_query(query_id: str, slots: dict[str, str], *, return_type: str = "LeafClass") -> etree._Element:
    request = etree.Element(f"{{{c.QUERY}}}AdhocQueryRequest", nsmap={"query": c.QUERY, "rim": c.RIM})
    etree.SubElement(
        request, f"{{{c.QUERY}}}ResponseOption", returnComposedObjects="true", returnType=return_type
    )
    query = etree.SubElement(request, rim("AdhocQuery"), id=query_id)
    for name, value in slots.items():
        add_slot(query, name, [value])
    return request


def find_documents(patient: PatientId, filters: DocumentQuery) -> etree._Element:
    slots = {
        "$XDSDocumentEntryPatientId": f"'{patient.cx}'",
        "$XDSDocumentEntryStatus": quoted_list(filters.statuses),
    }
    for name, codes in (
        ("$XDSDocumentEntryClassCode", filters.class_codes),
        ("$XDSDocumentEntryTypeCode", filters.type_codes),
        ("$XDSDocumentEntryFormatCode", filters.format_codes),
        ("$XDSDocumentEntryConfidentialityCode", filters.confidentiality_codes),
    ):
        if codes:
            slots[name] = coded_list(codes)
    for name, moment in (
        ("$XDSDocumentEntryCreationTimeFrom", filters.creation_from),
        ("$XDSDocumentEntryCreationTimeTo", filters.creation_to),
        ("$XDSDocumentEntryServiceStartTimeFrom", filters.service_start_from),
        ("$XDSDocumentEntryServiceStartTimeTo", filters.service_start_to),
    ):
        if moment is not None:
            slots[name] = dtm(moment)
    return adhoc_query(c.QUERY_FIND_DOCUMENTS, slots)


def get_documents(*, entry_uuids: Iterable[str] = (), unique_ids: Iterable[str] = ()) -> etree._Element:
    entry_uuids, unique_ids = list(entry_uuids), list(unique_ids)
    if bool(entry_uuids) == bool(unique_ids):
        raise ValueError("GetDocuments prend des entryUUID ou des uniqueId, pas les deux")
    if entry_uuids:
        return adhoc_query(c.QUERY_GET_DOCUMENTS, {"$XDSDocumentEntryEntryUUID": quoted_list(entry_uuids)})
    return adhoc_query(c.QUERY_GET_DOCUMENTS, {"$XDSDocumentEntryUniqueId": quoted_list(unique_ids)})


def get_associations(entry_uuids: Iterable[str]) -> etree._Element:
    return adhoc_query(c.QUERY_GET_ASSOCIATIONS, {"$uuid": quoted_list(entry_uuids)})
