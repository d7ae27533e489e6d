"""Documents "from another professional": registered straight into the simulator's registry (control route,
demo seed), so that consultation (ITI-18, ITI-43) has something the LGC did not send itself.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

from services.dmp import constants as c
from services.sandbox.dmp import value_sets
from services.sandbox.dmp.ebrim import new_uuid, rim
from services.sandbox.dmp.foreign_cda import consultation_report
from services.sandbox.dmp.store import SEPARATOR, Entry, Patient, Store

OTHER_PRACTITIONER_ID = "810000000019"
OTHER_PRACTITIONER_NAME = "CARDIO^Claire"


@dataclass(frozen=True)
class ForeignDocument:
    """What a control-route caller may set; codes are `code^scheme` and must be in the value sets."""

    title: str = "Compte rendu de consultation de cardiologie"
    content: bytes | None = None  # None: a CDA R2 consultation report for the patient (foreign_cda.py)
    mime_type: str = "text/xml"
    class_code: str = f"10^{c.CS_CLASS_CODE}"
    type_code: str = f"11488-4^{c.CS_LOINC}"
    # no CI-SIS volet for a cardiology consultation report: the generic "hors profils" model (TRE_A06)
    format_code: str = f"urn:asipSante:modelesHorsProfils:2011^{c.CS_FORMAT_CISIS}"
    confidentiality: tuple[str, ...] = (f"N^{c.CS_CONFIDENTIALITY_HL7}",)
    author_id: str = OTHER_PRACTITIONER_ID
    author_name: str = OTHER_PRACTITIONER_NAME  # FAMILY^Given
    creation_time: datetime = field(default_factory=lambda: datetime.now(UTC))

    def problems(self) -> list[str]:
        found = []
        for label, value, allowed in (
            ("class_code", self.class_code, value_sets.J57_CLASS_CODE),
            ("type_code", self.type_code, value_sets.J07_TYPE_CODE),
            ("format_code", self.format_code, value_sets.FORMAT_CODE),
        ):
            if tuple(value.split("^", 1)) not in allowed:
                found.append(f"{label} {value!r} hors du jeu de valeurs")
        for value in self.confidentiality:
            if tuple(value.split("^", 1)) not in value_sets.J08_CONFIDENTIALITY:
                found.append(f"confidentialité {value!r} hors du jeu de valeurs")
        return found


def _slot(parent: etree._Element, name: str, *values: str) -> None:
    value_list = etree.SubElement(etree.SubElement(parent, rim("Slot"), name=name), rim("ValueList"))
    for value in values:
        etree.SubElement(value_list, rim("Value")).text = value


def _classification(parent: etree._Element, scheme: str, coded: str) -> None:
    code, _, system = coded.partition("^")
    element = etree.SubElement(
        parent,
        rim("Classification"),
        id=new_uuid(),
        classificationScheme=scheme,
        classifiedObject=parent.attrib["id"],
        nodeRepresentation=code,
    )
    _slot(element, "codingScheme", system)
    etree.SubElement(etree.SubElement(element, rim("Name")), rim("LocalizedString"), value=code)


def add_foreign_document(
    store: Store, patient: Patient, document: ForeignDocument, repository_id: str
) -> Entry:
    content = document.content
    if content is None:
        content = consultation_report(
            ins=patient.ins, oid=patient.oid, family_name=patient.family_name, given_name=patient.given_name,
            birth_date=patient.birth_date, sex=patient.sex, title=document.title, type_code=document.type_code,
            author_id=document.author_id, author_name=document.author_name, created=document.creation_time)
    entry_uuid = new_uuid()
    unique_id = f"2.25.{uuid.uuid4().int}"
    digest = hashlib.sha1(content).hexdigest()  # noqa: S324 - XDS hash is SHA-1
    created = document.creation_time.astimezone(UTC).strftime("%Y%m%d%H%M%S")
    cx = f"{patient.ins}^^^&{patient.oid}&ISO^NH"
    family, _, given = document.author_name.partition("^")
    element = etree.Element(
        rim("ExtrinsicObject"),
        nsmap={"rim": c.RIM},
        id=entry_uuid,
        mimeType=document.mime_type,
        objectType=c.DOCUMENT_ENTRY_TYPE,
    )
    _slot(element, "creationTime", created)
    _slot(element, "hash", digest)
    _slot(element, "languageCode", "fr-FR")
    _slot(element, "repositoryUniqueId", repository_id)
    _slot(element, "size", str(len(content)))
    _slot(element, "sourcePatientId", cx)
    _slot(
        element,
        "sourcePatientInfo",
        f"PID-3|{cx}",
        f"PID-5|{patient.family_name}^{patient.given_name}^^^^^L",
        f"PID-7|{patient.birth_date.replace('-', '')}",
        f"PID-8|{patient.sex}",
    )
    etree.SubElement(etree.SubElement(element, rim("Name")), rim("LocalizedString"), value=document.title)
    author = etree.SubElement(
        element,
        rim("Classification"),
        id=new_uuid(),
        classificationScheme=c.DE_AUTHOR,
        classifiedObject=entry_uuid,
        nodeRepresentation="",
    )
    _slot(author, "authorPerson", f"{document.author_id}^{family}^{given}^^^^^^&{c.OID_RPPS}&ISO^D^^^IDNPS")
    _slot(author, "authorSpecialty", f"G15_10/SM04^Cardiologie^{c.CS_AUTHOR_SPECIALTY}")
    _classification(element, c.DE_CLASS_CODE, document.class_code)
    for coded in document.confidentiality:
        _classification(element, c.DE_CONFIDENTIALITY_CODE, coded)
    _classification(element, c.DE_FORMAT_CODE, document.format_code)
    healthcare, practice = f"SA07^{c.CS_SECTEUR}", f"AMBULATOIRE^{c.CS_PRACTICE_SETTING}"
    _classification(element, c.DE_HEALTHCARE_FACILITY_TYPE_CODE, healthcare)
    _classification(element, c.DE_PRACTICE_SETTING_CODE, practice)
    _classification(element, c.DE_TYPE_CODE, document.type_code)
    for scheme, value in ((c.DE_PATIENT_ID, cx), (c.DE_UNIQUE_ID, unique_id)):
        etree.SubElement(
            element,
            rim("ExternalIdentifier"),
            id=new_uuid(),
            registryObject=entry_uuid,
            identificationScheme=scheme,
            value=value,
        )
    entry = Entry(
        entry_uuid=entry_uuid,
        lid=entry_uuid,
        version=1,
        unique_id=unique_id,
        ins=patient.ins,
        oid=patient.oid,
        status=c.STATUS_APPROVED,
        class_code=document.class_code,
        type_code=document.type_code,
        format_code=document.format_code,
        healthcare=healthcare,
        practice=practice,
        confidentiality=SEPARATOR.join(document.confidentiality),
        creation_time=created,
        service_start="",
        submitter=document.author_id,
        repository_id=repository_id,
        hash=digest,
        size=len(content),
        xml=etree.tostring(element),
    )
    store.add_entry(entry)
    store.put_content(unique_id, content)
    return entry
