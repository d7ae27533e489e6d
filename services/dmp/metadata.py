"""ebRIM building for ITI-41 (Provide and Register) and ITI-57 (Update Document Set), PROTOCOLS §3.2–§3.4.

Pure functions from wire models to lxml elements; no I/O. The element order inside each registry object is
the ebRIM 3.0 schema's (Slot*, Name, Description, Classification*, ExternalIdentifier*).
"""

from __future__ import annotations

import copy
import hashlib
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime

from lxml import etree

from services.dmp import constants as c
from services.dmp.models import (
    Author,
    Code,
    DocumentEntry,
    DocumentEntryInfo,
    PatientId,
    SourcePatient,
    Submission,
)
from services.xml import parse_bytes

NSMAP = {"rim": c.RIM, "lcm": c.LCM, "xdsb": c.XDSB, "xop": c.XOP}


def rim(tag: str) -> str:
    return f"{{{c.RIM}}}{tag}"


def new_id() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def object_id(registry_object: etree._Element) -> str:
    """The id of a registry object built here (each gets one from new_id()); KeyError if it has none."""
    return registry_object.attrib["id"]


def new_oid() -> str:
    """A unique OID derived from a UUID (ITU-T X.667, arc 2.25): for submission-set uniqueIds."""
    return f"2.25.{uuid.uuid4().int}"


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


def add_name(parent: etree._Element, text: str, tag: str = "Name") -> None:
    etree.SubElement(etree.SubElement(parent, rim(tag)), rim("LocalizedString"), value=text)


def code_classification(object_id: str, scheme: str, code: Code) -> etree._Element:
    classification = etree.Element(
        rim("Classification"),
        id=new_id(),
        classificationScheme=scheme,
        classifiedObject=object_id,
        nodeRepresentation=code.code,
    )
    add_slot(classification, "codingScheme", [code.scheme])
    add_name(classification, code.display or code.code)
    return classification


def add_code(parent: etree._Element, scheme: str, code: Code) -> None:
    parent.append(code_classification(object_id(parent), scheme, code))


def add_author(parent: etree._Element, scheme: str, author: Author) -> None:
    classification = etree.SubElement(
        parent,
        rim("Classification"),
        id=new_id(),
        classificationScheme=scheme,
        classifiedObject=object_id(parent),
        nodeRepresentation="",
    )
    add_slot(classification, "authorPerson", [xcn(author)])
    if author.institution_name or author.institution_id:
        add_slot(classification, "authorInstitution", [xon(author)])
    if author.role is not None:
        add_slot(classification, "authorRole", [coded(author.role)])
    add_slot(classification, "authorSpecialty", [coded(author.specialty)])


def add_external_id(parent: etree._Element, scheme: str, value: str, name: str) -> None:
    identifier = etree.SubElement(
        parent,
        rim("ExternalIdentifier"),
        id=new_id(),
        registryObject=object_id(parent),
        identificationScheme=scheme,
        value=value,
    )
    add_name(identifier, name)


def document_entry(entry: DocumentEntry) -> etree._Element:
    extrinsic = etree.Element(
        rim("ExtrinsicObject"),
        id=entry.entry_uuid,
        mimeType=entry.mime_type,
        objectType=c.DOCUMENT_ENTRY_TYPE,
    )
    add_slot(extrinsic, "creationTime", [dtm(entry.creation_time)])
    add_slot(extrinsic, "hash", [hashlib.sha1(entry.content).hexdigest()])  # noqa: S324 - XDS mandates SHA-1
    add_slot(extrinsic, "languageCode", [entry.language])
    add_slot(extrinsic, "legalAuthenticator", [xcn(entry.legal_authenticator)])
    if entry.service_start is not None:
        add_slot(extrinsic, "serviceStartTime", [dtm(entry.service_start)])
    if entry.service_stop is not None:
        add_slot(extrinsic, "serviceStopTime", [dtm(entry.service_stop)])
    add_slot(extrinsic, "size", [str(len(entry.content))])
    add_slot(extrinsic, "sourcePatientId", [entry.patient.cx])
    add_slot(extrinsic, "sourcePatientInfo", source_patient_info(entry.patient, entry.source_patient))
    if entry.uri:
        add_slot(extrinsic, "URI", [entry.uri])
    add_name(extrinsic, entry.title)
    if entry.comments:
        add_name(extrinsic, entry.comments, "Description")
    for author in entry.authors:
        add_author(extrinsic, c.DE_AUTHOR, author)
    add_code(extrinsic, c.DE_CLASS_CODE, entry.class_code)
    for code in entry.confidentiality:
        add_code(extrinsic, c.DE_CONFIDENTIALITY_CODE, code)
    for code in entry.event_codes:
        add_code(extrinsic, c.DE_EVENT_CODE, code)
    add_code(extrinsic, c.DE_FORMAT_CODE, entry.format_code)
    add_code(extrinsic, c.DE_HEALTHCARE_FACILITY_TYPE_CODE, entry.healthcare_facility_type)
    add_code(extrinsic, c.DE_PRACTICE_SETTING_CODE, entry.practice_setting)
    add_code(extrinsic, c.DE_TYPE_CODE, entry.type_code)
    add_external_id(extrinsic, c.DE_PATIENT_ID, entry.patient.cx, "XDSDocumentEntry.patientId")
    add_external_id(extrinsic, c.DE_UNIQUE_ID, entry.unique_id, "XDSDocumentEntry.uniqueId")
    return extrinsic


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
    package = etree.Element(rim("RegistryPackage"), id=entry_uuid)
    add_slot(package, "submissionTime", [dtm(submission_time)])
    if title:
        add_name(package, title)
    etree.SubElement(
        package,
        rim("Classification"),
        id=new_id(),
        classifiedObject=entry_uuid,
        classificationNode=c.SUBMISSION_SET_NODE,
    )
    add_author(package, c.SS_AUTHOR, author)
    add_code(package, c.SS_CONTENT_TYPE_CODE, content_type)
    add_external_id(package, c.SS_UNIQUE_ID, unique_id, "XDSSubmissionSet.uniqueId")
    add_external_id(package, c.SS_SOURCE_ID, source_id, "XDSSubmissionSet.sourceId")
    add_external_id(package, c.SS_PATIENT_ID, patient.cx, "XDSSubmissionSet.patientId")
    return package


def association(kind: str, source: str, target: str, slots: dict[str, str] | None = None) -> etree._Element:
    element = etree.Element(
        rim("Association"), id=new_id(), associationType=kind, sourceObject=source, targetObject=target
    )
    for name, value in (slots or {}).items():
        add_slot(element, name, [value])
    return element


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
