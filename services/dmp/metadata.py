"""ebRIM building for ITI-41 (Provide and Register) and ITI-57 (Update Document Set), PROTOCOLS §3.2–§3.4.

Pure functions from wire models to lxml elements; no I/O. The element order inside each registry object is
the ebRIM 3.0 schema's (Slot*, Name, Description, Classification*, ExternalIdentifier*).

The registry objects of a submission (some sixty elements per document) are written as XML text and parsed
once each: a quarter of the CPU of building them element by element with `SubElement`. Every value written
goes through `_text` (escaped, and refused when XML cannot carry it, as lxml refuses it).
"""

from __future__ import annotations

import copy
import functools
import hashlib
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime

from lxml import etree

from services.dmp import constants as c
from services.dmp.ids import uuid4_int, uuid4_text
from services.dmp.models import (
    Author,
    Code,
    DocumentEntry,
    DocumentEntryInfo,
    PatientId,
    SourcePatient,
    Submission,
)
from services.xml import parse_bytes, safe_parser

NSMAP = {"rim": c.RIM, "lcm": c.LCM, "xdsb": c.XDSB, "xop": c.XOP}
_RIM_XMLNS = f'xmlns:rim="{c.RIM}"'
# What XML 1.0 cannot carry; what a value may not carry as is in XML text or in a double-quoted attribute.
_NOT_XML = r"\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
_SPECIAL = r'&<>"\t\n\r'
_UNSAFE = re.compile(f"[{_NOT_XML}{_SPECIAL}]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
_PARSER = safe_parser()


def rim(tag: str) -> str:
    return f"{{{c.RIM}}}{tag}"


def new_id() -> str:
    return f"urn:uuid:{uuid4_text()}"


def object_id(registry_object: etree._Element) -> str:
    """The id of a registry object built here (each gets one from new_id()); KeyError if it has none."""
    return registry_object.attrib["id"]


def new_oid() -> str:
    """A unique OID derived from a UUID (ITU-T X.667, arc 2.25): for submission-set uniqueIds."""
    return f"2.25.{uuid4_int()}"


def dtm(moment: datetime) -> str:
    """XDS DTM in UTC, `AAAAMMJJHHMMSS` (§3.4)."""
    return moment.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def xcn(author: Author) -> str:
    """authorPerson as an XCN with the national identifier and its OID (IDNPS)."""
    return f"{author.person_id}^{author.family_name}^{author.given_name}^^^^^^&{c.OID_RPPS}&ISO^D^^^IDNPS"


def xon(author: Author) -> str:
    """authorInstitution as an XON with the national structure identifier (IDNST)."""
    return f"{author.institution_name}^^^^^&{c.OID_STRUCTURE}&ISO^IDNST^^^{author.institution_id}"


def coded(code: Code) -> str:
    return f"{code.code}^{code.display}^{code.scheme}"


def source_patient_info(patient: PatientId, source: SourcePatient) -> list[str]:
    birth: date = source.birth_date
    return [
        f"PID-3|{patient.cx}",
        f"PID-5|{source.family_name}^{source.given_name}^^^^^L",
        f"PID-7|{birth:%Y%m%d}",
        f"PID-8|{source.sex}",
    ]


def add_slot(parent: etree._Element, name: str, values: Iterable[str]) -> None:
    slot = etree.SubElement(parent, rim("Slot"), name=name)
    value_list = etree.SubElement(slot, rim("ValueList"))
    for value in values:
        etree.SubElement(value_list, rim("Value")).text = value


# --- registry objects as text ----------------------------------------------------------------------------
def _text(value: str) -> str:
    """`value` for XML text or a double-quoted attribute; ValueError if XML 1.0 cannot carry it."""
    if _UNSAFE.search(value) is None:
        return value
    return _UNSAFE.sub(_escape, value)


def _escape(found: re.Match[str]) -> str:
    character = found.group()
    if character not in _ESCAPES:
        raise ValueError(f"caractère {character!r} impossible en XML")
    return _ESCAPES[character]


def _slot(name: str, values: Iterable[str]) -> str:
    listed = "".join(f"<rim:Value>{_text(value)}</rim:Value>" for value in values)
    return f'<rim:Slot name="{_text(name)}"><rim:ValueList>{listed}</rim:ValueList></rim:Slot>'


def _name(text: str, tag: str = "Name") -> str:
    return f'<rim:{tag}><rim:LocalizedString value="{_text(text)}"/></rim:{tag}>'


def _classification(object_id: str, scheme: str, code: Code, *, xmlns: str = "") -> str:
    return (f'<rim:Classification{xmlns} id="{new_id()}" classificationScheme="{_text(scheme)}" '
            f'classifiedObject="{_text(object_id)}" {_coded_content(code)}</rim:Classification>')


@functools.lru_cache(maxsize=1024)
def _coded_content(code: Code) -> str:
    """What follows the ids of a code's classification: the same for every object (a few codes recur)."""
    return (f'nodeRepresentation="{_text(code.code)}">{_slot("codingScheme", [code.scheme])}'
            f'{_name(code.display or code.code)}')


def _author(object_id: str, scheme: str, author: Author) -> str:
    return (f'<rim:Classification id="{new_id()}" classificationScheme="{_text(scheme)}" '
            f'classifiedObject="{_text(object_id)}" nodeRepresentation="">{_author_slots(author)}</rim:Classification>')


@functools.lru_cache(maxsize=256)
def _author_slots(author: Author) -> str:
    slots = [_slot("authorPerson", [xcn(author)])]
    if author.institution_name or author.institution_id:
        slots.append(_slot("authorInstitution", [xon(author)]))
    if author.role is not None:
        slots.append(_slot("authorRole", [coded(author.role)]))
    slots.append(_slot("authorSpecialty", [coded(author.specialty)]))
    return "".join(slots)


def _external_id(object_id: str, scheme: str, value: str, name: str) -> str:
    return (f'<rim:ExternalIdentifier id="{new_id()}" registryObject="{_text(object_id)}" '
            f'identificationScheme="{_text(scheme)}" value="{_text(value)}">{_name(name)}</rim:ExternalIdentifier>')


def _registry_object(text: str) -> etree._Element:
    """The element of one registry object written above (`rim` declared on it)."""
    return etree.fromstring(text.encode("utf-8"), _PARSER)


def code_classification(object_id: str, scheme: str, code: Code) -> etree._Element:
    return _registry_object(_classification(object_id, scheme, code, xmlns=f" {_RIM_XMLNS}"))


def document_entry(entry: DocumentEntry) -> etree._Element:
    entry_id = entry.entry_uuid
    parts = [
        f'<rim:ExtrinsicObject {_RIM_XMLNS} id="{_text(entry_id)}" mimeType="{_text(entry.mime_type)}" '
        f'objectType="{c.DOCUMENT_ENTRY_TYPE}">',
        _slot("creationTime", [dtm(entry.creation_time)]),
        _slot("hash", [hashlib.sha1(entry.content).hexdigest()]),  # noqa: S324 - XDS mandates SHA-1
        _slot("languageCode", [entry.language]),
        _slot("legalAuthenticator", [xcn(entry.legal_authenticator)]),
    ]
    if entry.service_start is not None:
        parts.append(_slot("serviceStartTime", [dtm(entry.service_start)]))
    if entry.service_stop is not None:
        parts.append(_slot("serviceStopTime", [dtm(entry.service_stop)]))
    parts += [
        _slot("size", [str(len(entry.content))]),
        _slot("sourcePatientId", [entry.patient.cx]),
        _slot("sourcePatientInfo", source_patient_info(entry.patient, entry.source_patient)),
    ]
    if entry.uri:
        parts.append(_slot("URI", [entry.uri]))
    parts.append(_name(entry.title))
    if entry.comments:
        parts.append(_name(entry.comments, "Description"))
    parts += [_author(entry_id, c.DE_AUTHOR, author) for author in entry.authors]
    parts.append(_classification(entry_id, c.DE_CLASS_CODE, entry.class_code))
    parts += [_classification(entry_id, c.DE_CONFIDENTIALITY_CODE, code) for code in entry.confidentiality]
    parts += [_classification(entry_id, c.DE_EVENT_CODE, code) for code in entry.event_codes]
    parts += [
        _classification(entry_id, c.DE_FORMAT_CODE, entry.format_code),
        _classification(entry_id, c.DE_HEALTHCARE_FACILITY_TYPE_CODE, entry.healthcare_facility_type),
        _classification(entry_id, c.DE_PRACTICE_SETTING_CODE, entry.practice_setting),
        _classification(entry_id, c.DE_TYPE_CODE, entry.type_code),
        _external_id(entry_id, c.DE_PATIENT_ID, entry.patient.cx, "XDSDocumentEntry.patientId"),
        _external_id(entry_id, c.DE_UNIQUE_ID, entry.unique_id, "XDSDocumentEntry.uniqueId"),
        "</rim:ExtrinsicObject>",
    ]
    return _registry_object("".join(parts))


def submission_set(
    *,
    entry_uuid: str,
    unique_id: str,
    source_id: str,
    patient: PatientId,
    author: Author,
    content_type: Code,
    submission_time: datetime,
    title: str,
) -> etree._Element:
    package_id = _text(entry_uuid)
    parts = [f'<rim:RegistryPackage {_RIM_XMLNS} id="{package_id}">', _slot("submissionTime", [dtm(submission_time)])]
    if title:
        parts.append(_name(title))
    parts += [
        f'<rim:Classification id="{new_id()}" classifiedObject="{package_id}" '
        f'classificationNode="{c.SUBMISSION_SET_NODE}"/>',
        _author(entry_uuid, c.SS_AUTHOR, author),
        _classification(entry_uuid, c.SS_CONTENT_TYPE_CODE, content_type),
        _external_id(entry_uuid, c.SS_UNIQUE_ID, unique_id, "XDSSubmissionSet.uniqueId"),
        _external_id(entry_uuid, c.SS_SOURCE_ID, source_id, "XDSSubmissionSet.sourceId"),
        _external_id(entry_uuid, c.SS_PATIENT_ID, patient.cx, "XDSSubmissionSet.patientId"),
        "</rim:RegistryPackage>",
    ]
    return _registry_object("".join(parts))


def association(kind: str, source: str, target: str, slots: dict[str, str] | None = None) -> etree._Element:
    listed = "".join(_slot(name, [value]) for name, value in (slots or {}).items())
    return _registry_object(
        f'<rim:Association {_RIM_XMLNS} id="{new_id()}" associationType="{_text(kind)}" '
        f'sourceObject="{_text(source)}" targetObject="{_text(target)}">{listed}</rim:Association>')


def has_member(source: str, target: str, **slots: str) -> etree._Element:
    return association(c.ASSOC_HAS_MEMBER, source, target, {"SubmissionSetStatus": "Original", **slots})


def signature_entry(submission: Submission, signature: bytes) -> DocumentEntry:
    """The IHE DSG document entry carrying the submission set's detached signature (§3.2)."""
    first = submission.documents[0]
    return DocumentEntry(
        unique_id=new_oid(),
        title="Signature du lot de soumission",
        content=signature,
        mime_type="text/xml",
        class_code=Code(c.SIGNATURE_CLASS_CODE, c.SIGNATURE_CLASS_SYSTEM, "Digital Signature"),
        type_code=Code(c.SIGNATURE_TYPE_CODE, c.SIGNATURE_TYPE_SYSTEM, "Full Document"),
        format_code=Code(c.SIGNATURE_FORMAT_CODE, c.SIGNATURE_CLASS_SYSTEM, "Default Signature Style"),
        confidentiality=[Code(c.CONFIDENTIALITY_NORMAL, c.CS_CONFIDENTIALITY_HL7, "Normal")],
        healthcare_facility_type=first.healthcare_facility_type,
        practice_setting=first.practice_setting,
        authors=[submission.author],
        legal_authenticator=submission.author,
        patient=submission.patient,
        source_patient=first.source_patient,
        creation_time=submission.submission_time,
        event_codes=[Code(c.SIGNATURE_EVENT_CODE, "1.2.840.10065.1.12", "Source")],
    )


def registry_objects(submission: Submission) -> etree._Element:
    """`rim:RegistryObjectList` of a submission: its entries, the set, HasMember and RPLC/signs associations.

    Shared by ITI-41 (inside ProvideAndRegister) and the XDM `METADATA.XML` of MSSanté (ITI-32).
    """
    objects = etree.Element(rim("RegistryObjectList"))
    for entry in submission.documents:
        objects.append(document_entry(entry))
    objects.append(
        submission_set(
            entry_uuid=submission.entry_uuid,
            unique_id=submission.unique_id,
            source_id=submission.source_id,
            patient=submission.patient,
            author=submission.author,
            content_type=submission.content_type,
            submission_time=submission.submission_time,
            title=submission.title,
        )
    )
    for entry in submission.documents:
        objects.append(has_member(submission.entry_uuid, entry.entry_uuid))
        if entry.replaces:
            objects.append(association(c.ASSOC_RPLC, entry.entry_uuid, entry.replaces))
        if entry.class_code.code == c.SIGNATURE_CLASS_CODE:
            objects.append(association(c.ASSOC_SIGNS, entry.entry_uuid, submission.entry_uuid))
    return objects


def submit_objects_request(submission: Submission) -> etree._Element:
    """A bare `lcm:SubmitObjectsRequest` of the submission (ITI-42 form; the XDM `METADATA.XML`)."""
    request = etree.Element(f"{{{c.LCM}}}SubmitObjectsRequest", nsmap={"lcm": c.LCM, "rim": c.RIM})
    request.append(registry_objects(submission))
    return request


def provide_and_register(submission: Submission, content_ids: dict[str, str]) -> etree._Element:
    """`xdsb:ProvideAndRegisterDocumentSetRequest`; each Document refers to its MIME part by XOP.

    Args:
        submission: the set to send (a signature entry, when any, must already be in `documents`).
        content_ids: entryUUID → Content-ID of the MIME part holding that document.
    """
    request = etree.Element(f"{{{c.XDSB}}}ProvideAndRegisterDocumentSetRequest", nsmap=NSMAP)
    etree.SubElement(request, f"{{{c.LCM}}}SubmitObjectsRequest").append(registry_objects(submission))
    for entry in submission.documents:
        document = etree.SubElement(request, f"{{{c.XDSB}}}Document", id=entry.entry_uuid)
        etree.SubElement(document, f"{{{c.XOP}}}Include", href=f"cid:{content_ids[entry.entry_uuid]}")
    return request


def _update_request(package: etree._Element, *members: etree._Element) -> etree._Element:
    request = etree.Element(f"{{{c.LCM}}}SubmitObjectsRequest", nsmap=NSMAP)
    objects = etree.SubElement(request, rim("RegistryObjectList"))
    objects.append(package)
    for member in members:
        objects.append(member)
    return request


def new_version(
    entry: DocumentEntryInfo, confidentiality: list[Code], package: etree._Element
) -> etree._Element:
    """ITI-57 metadata update: a new version of `entry` (same lid) with other confidentiality codes."""
    extrinsic = copy.deepcopy(parse_bytes(entry.raw))
    version_id = new_id()
    extrinsic.set("id", version_id)
    extrinsic.set("lid", entry.lid)
    for attribute in ("status", "home"):
        extrinsic.attrib.pop(attribute, None)
    for child in list(extrinsic):
        if child.tag == rim("VersionInfo") or (
            child.tag == rim("Classification")
            and child.get("classificationScheme") == c.DE_CONFIDENTIALITY_CODE
        ):
            extrinsic.remove(child)
    classifications = extrinsic.findall(rim("Classification"))
    for child in classifications:
        child.set("id", new_id())
        child.set("classifiedObject", version_id)
    for child in extrinsic.findall(rim("ExternalIdentifier")):
        child.set("id", new_id())
        child.set("registryObject", version_id)
    # A DocumentEntry always keeps its classCode classification: the new codes go after the last one.
    anchor = classifications[-1]
    for code in confidentiality:
        classification = code_classification(version_id, c.DE_CONFIDENTIALITY_CODE, code)
        anchor.addnext(classification)
        anchor = classification
    member = has_member(object_id(package), version_id, PreviousVersion=entry.version)
    return _update_request(package, extrinsic, member)


def status_change(entry: DocumentEntryInfo, new_status: str, package: etree._Element) -> etree._Element:
    """ITI-57 availability change (deletion: NewStatus = Deleted, §3.4)."""
    change = association(
        c.ASSOC_UPDATE_AVAILABILITY,
        object_id(package),
        entry.entry_uuid,
        {"OriginalStatus": entry.status, "NewStatus": new_status},
    )
    member = association(
        c.ASSOC_HAS_MEMBER, object_id(package), object_id(change), {"SubmissionSetStatus": "Original"}
    )
    return _update_request(package, change, member)
