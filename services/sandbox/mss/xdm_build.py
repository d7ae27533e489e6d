"""An `IHE_XDM.ZIP` as another LPS builds it (IHE ITI-32, PROTOCOLS §4.3): INDEX.HTM, README.TXT and
`IHE_XDM/SUBSET01/` with METADATA.XML (ebRIM SubmitObjectsRequest, the French metadata of §3.4) and the CDA.
"""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

from services.dmp import constants as c
from services.sandbox.dmp.value_sets import ASS_X04_CLASS_OF_TYPE

_HL7 = "{urn:hl7-org:v3}"
# formatCode of the volets the CI-SIS examples follow, by the volet's templateId (TRE_A06 / TRE_A11)
_FORMATS = {
    "1.2.250.1.213.1.1.1.55": ("urn:ihe:lab:xd-lab:2008", c.CS_FORMAT_IHE),  # CR-BIO
    "1.2.250.1.213.1.1.1.13": ("urn:asip:ci-sis:vsm:2012", c.CS_FORMAT_CISIS),
    "1.2.250.1.213.1.1.1.46": ("urn:asip:ci-sis:vac-note:2021", c.CS_FORMAT_CISIS),
    "1.3.6.1.4.1.19376.1.2.20": ("urn:ihe:iti:xds-sd:pdf:2008", c.CS_FORMAT_IHE),
}
_DEFAULT_FORMAT = ("urn:asipSante:modelesHorsProfils:2011", c.CS_FORMAT_CISIS)
SOFTWARE = "LPS-TIERS (logiciel d'un autre éditeur, simulé par la sandbox)"


@dataclass(frozen=True)
class CdaFacts:
    """What METADATA.XML restates from the CDA header."""

    unique_id: str
    type_code: str
    type_system: str
    title: str
    created: str  # YYYYMMDDHHMMSS, UTC
    confidentiality: str
    patient_id: str  # CX
    family: str
    given: str
    birth_date: str  # YYYYMMDD
    sex: str
    author_id: str
    author_family: str
    author_given: str
    format_code: tuple[str, str]


def facts(root: etree._Element) -> CdaFacts:
    document_id = root.find(f"{_HL7}id")
    code = root.find(f"{_HL7}code")
    assert document_id is not None and code is not None
    unique = document_id.get("root", "") + (f"^{document_id.get('extension')}" if document_id.get("extension") else "")
    role = root.find(f"{_HL7}recordTarget/{_HL7}patientRole")
    assert role is not None
    ins = next((i for i in role.iterfind(f"{_HL7}id") if i.get("root") in c.INS_OIDS), role.find(f"{_HL7}id"))
    patient = role.find(f"{_HL7}patient")
    assert ins is not None and patient is not None
    author = root.find(f"{_HL7}author/{_HL7}assignedAuthor")
    templates = [t.get("root", "") for t in root.iterfind(f"{_HL7}templateId")]
    return CdaFacts(
        unique_id=unique, type_code=code.get("code", ""), type_system=code.get("codeSystem", ""),
        title=(root.findtext(f"{_HL7}title") or "").strip(), created=_utc(root.find(f"{_HL7}effectiveTime")),
        confidentiality=_attr(root, "confidentialityCode", "code") or "N",
        patient_id=f"{ins.get('extension', '')}^^^&{ins.get('root', '')}&ISO" +
                   ("^NH" if ins.get("root") in c.INS_OIDS else ""),
        family=(patient.findtext(f"{_HL7}name/{_HL7}family") or "").strip(),
        given=(patient.findtext(f"{_HL7}name/{_HL7}given") or "").strip(),
        birth_date=_attr(patient, "birthTime", "value")[:8],
        sex=_attr(patient, "administrativeGenderCode", "code"),
        author_id=_attr(author, "id", "extension") if author is not None else "",
        author_family=(author.findtext(f"{_HL7}assignedPerson/{_HL7}name/{_HL7}family") or "").strip()
        if author is not None else "",
        author_given=(author.findtext(f"{_HL7}assignedPerson/{_HL7}name/{_HL7}given") or "").strip()
        if author is not None else "",
        format_code=next((_FORMATS[t] for t in templates if t in _FORMATS), _DEFAULT_FORMAT),
    )


def _attr(parent: etree._Element | None, child: str, name: str) -> str:
    found = parent.find(f"{_HL7}{child}") if parent is not None else None
    return found.get(name, "") if found is not None else ""


def _utc(element: etree._Element | None) -> str:
    value = element.get("value", "") if element is not None else ""
    try:
        moment = datetime.strptime(value[:14] + value[14:].replace(":", ""), "%Y%m%d%H%M%S%z")
    except ValueError:
        return value[:14]
    return moment.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def metadata(documents: list[tuple[str, bytes, CdaFacts]], *, source_id: str, author_institution: str) -> bytes:
    """SubmitObjectsRequest: one SubmissionSet, a DocumentEntry per (URI, content, facts), HasMember links."""
    lcm, rim = c.LCM, c.RIM
    root = etree.Element(f"{{{lcm}}}SubmitObjectsRequest", nsmap={"lcm": lcm, "rim": rim})
    objects = etree.SubElement(root, f"{{{rim}}}RegistryObjectList")
    first = documents[0][2]
    now = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    package = etree.SubElement(objects, f"{{{rim}}}RegistryPackage", id="SubmissionSet01",
                               objectType="urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject")
    _slot(package, "submissionTime", now)
    _name(package, "Envoi MSSanté")
    _classification(package, c.SS_CONTENT_TYPE_CODE, "07", "1.2.250.1.213.2.2", "Consultation / soins externes")
    author = _classification(package, c.SS_AUTHOR, "", "", "")
    _author_slots(author, first, author_institution)
    etree.SubElement(objects, f"{{{rim}}}Classification", id="cl-ss", classifiedObject="SubmissionSet01",
                     classificationNode=c.SUBMISSION_SET_NODE)
    for scheme, value, label in ((c.SS_PATIENT_ID, first.patient_id, "XDSSubmissionSet.patientId"),
                                 (c.SS_SOURCE_ID, source_id, "XDSSubmissionSet.sourceId"),
                                 (c.SS_UNIQUE_ID, f"2.25.{uuid.uuid4().int}", "XDSSubmissionSet.uniqueId")):
        _external(package, scheme, value, label)
    for number, (uri, content, fact) in enumerate(documents, start=1):
        entry_id = f"Document{number:02d}"
        entry = etree.SubElement(objects, f"{{{rim}}}ExtrinsicObject", id=entry_id, mimeType="text/xml",
                                 objectType=c.DOCUMENT_ENTRY_TYPE)
        for name, value in (("creationTime", fact.created), ("hash", hashlib.sha1(content).hexdigest()),  # noqa: S324
                            ("languageCode", "fr-FR"), ("size", str(len(content))),
                            ("sourcePatientId", fact.patient_id), ("URI", uri)):
            _slot(entry, name, value)
        _slot(entry, "sourcePatientInfo", f"PID-3|{fact.patient_id}", f"PID-5|{fact.family}^{fact.given}^^^^^L",
              f"PID-7|{fact.birth_date}", f"PID-8|{fact.sex}")
        _name(entry, fact.title)
        _author_slots(_classification(entry, c.DE_AUTHOR, "", "", ""), fact, author_institution)
        class_code = ASS_X04_CLASS_OF_TYPE.get((fact.type_code, fact.type_system), ("10", c.CS_CLASS_CODE))
        for scheme, code, system in ((c.DE_CLASS_CODE, *class_code),
                                     (c.DE_CONFIDENTIALITY_CODE, fact.confidentiality, "2.16.840.1.113883.5.25"),
                                     (c.DE_FORMAT_CODE, *fact.format_code),
                                     (c.DE_HEALTHCARE_FACILITY_TYPE_CODE, "SA07", c.CS_SECTEUR),
                                     (c.DE_PRACTICE_SETTING_CODE, "AMBULATOIRE", c.CS_PRACTICE_SETTING),
                                     (c.DE_TYPE_CODE, fact.type_code, fact.type_system)):
            _classification(entry, scheme, code, system, code)
        _external(entry, c.DE_PATIENT_ID, fact.patient_id, "XDSDocumentEntry.patientId")
        _external(entry, c.DE_UNIQUE_ID, fact.unique_id, "XDSDocumentEntry.uniqueId")
        etree.SubElement(objects, f"{{{rim}}}Association", id=f"Association{number:02d}",
                         associationType=c.ASSOC_HAS_MEMBER, sourceObject="SubmissionSet01", targetObject=entry_id)
        _slot(objects[-1], "SubmissionSetStatus", "Original")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _slot(parent: etree._Element, name: str, *values: str) -> None:
    slot = etree.SubElement(parent, f"{{{c.RIM}}}Slot", name=name)
    value_list = etree.SubElement(slot, f"{{{c.RIM}}}ValueList")
    for value in values:
        etree.SubElement(value_list, f"{{{c.RIM}}}Value").text = value


def _name(parent: etree._Element, text: str) -> None:
    etree.SubElement(etree.SubElement(parent, f"{{{c.RIM}}}Name"), f"{{{c.RIM}}}LocalizedString", value=text)


def _classification(parent: etree._Element, scheme: str, code: str, system: str, label: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{c.RIM}}}Classification", id=f"cl-{uuid.uuid4().hex[:12]}",
                               classificationScheme=scheme, classifiedObject=parent.get("id", ""),
                               nodeRepresentation=code)
    if system:
        _slot(element, "codingScheme", system)
        _name(element, label)
    return element


def _author_slots(author: etree._Element, fact: CdaFacts, institution: str) -> None:
    _slot(author, "authorPerson", f"{fact.author_id}^{fact.author_family}^{fact.author_given}^^^^^^&"
                                  f"{c.OID_RPPS}&ISO^D^^^IDNPS")
    _slot(author, "authorInstitution", institution)


def _external(parent: etree._Element, scheme: str, value: str, label: str) -> None:
    element = etree.SubElement(parent, f"{{{c.RIM}}}ExternalIdentifier", id=f"ei-{uuid.uuid4().hex[:12]}",
                               registryObject=parent.get("id", ""), identificationScheme=scheme, value=value)
    _name(element, label)


def archive(files: list[tuple[str, bytes]]) -> bytes:
    """A deflated zip of `files` in that order (names as given: the hostile variants need odd ones)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, data in files:
            zipped.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data,
                            compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def readme(sender: str) -> bytes:
    return (f"Archive IHE XDM (ITI-32) produite par {SOFTWARE}.\r\nEmetteur : {sender}\r\n"
            "Contenu : IHE_XDM/SUBSET01/METADATA.XML et les documents CDA qu'il decrit.\r\n").encode()


def index(title: str) -> bytes:
    return ("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>IHE XDM</title></head><body>"
            f"<h1>Documents transmis</h1><ul><li><a href=\"IHE_XDM/SUBSET01/DOC0001.XML\">{title}</a></li></ul>"
            "<p><a href=\"README.TXT\">README.TXT</a></p></body></html>").encode()
