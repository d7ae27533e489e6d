"""The CDA R2 content of a document "from another professional" (simulator side, its own lxml code).

A minimal but valid ClinicalDocument with a narrative (N3) body: the LGC accepts from the DMP only a CDA whose
recordTarget names the patient's INS (CI-SIS "Volet structuration minimale" §recordTarget) or a declared PDF,
so the simulator's documents are real CDA, written the way a cardiologist's software would.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from lxml import etree

from services.dmp import constants as c

HL7 = "urn:hl7-org:v3"
CUSTODIAN_ROOT = "1.2.250.1.71.4.2.2"  # identifiant national de structure
CUSTODIAN_ID = "3810000000019"
_CONFIDENTIALITY_SYSTEM = "2.16.840.1.113883.5.25"
_NARRATIVE = (
    ("Motif de consultation", ["Bilan cardiologique demandé par le médecin traitant (palpitations d'effort)."]),
    ("Examen clinique", ["Pression artérielle 128/78 mmHg, fréquence cardiaque 72/min, auscultation normale.",
                         "Électrocardiogramme : rythme sinusal, pas de trouble de la repolarisation."]),
    ("Conclusion", ["Examen cardiologique normal. Pas de traitement. Contrôle dans un an ou si symptômes."]),
)


def _element(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{HL7}}}{name}", attributes)
    element.text = text
    return element


def consultation_report(*, ins: str, oid: str, family_name: str, given_name: str, birth_date: str, sex: str,
                        title: str, type_code: str, author_id: str, author_name: str, created: datetime) -> bytes:
    """A CDA R2 "compte rendu de consultation" for the patient, signed by `author_name` (`FAMILY^Given`)."""
    root = etree.Element(f"{{{HL7}}}ClinicalDocument", nsmap={None: HL7})
    _element(root, "typeId", root="2.16.840.1.113883.1.3", extension="POCD_HD000040")
    _element(root, "id", root=f"2.25.{uuid.uuid4().int}")
    code, _, system = type_code.partition("^")
    _element(root, "code", code=code, codeSystem=system, displayName=title)
    _element(root, "title", title)
    timestamp = created.astimezone(UTC).strftime("%Y%m%d%H%M%S+0000")
    _element(root, "effectiveTime", value=timestamp)
    _element(root, "confidentialityCode", code="N", codeSystem=_CONFIDENTIALITY_SYSTEM)
    _element(root, "languageCode", code="fr-FR")
    role = _element(_element(root, "recordTarget"), "patientRole")
    _element(role, "id", root=oid, extension=ins)
    patient = _element(role, "patient")
    name = _element(patient, "name")
    _element(name, "given", given_name)
    _element(name, "family", family_name, qualifier="BR")
    _element(patient, "administrativeGenderCode", code=sex, codeSystem="2.16.840.1.113883.5.1")
    _element(patient, "birthTime", value=birth_date.replace("-", ""))
    author = _element(root, "author")
    _element(author, "time", value=timestamp)
    assigned = _element(author, "assignedAuthor")
    _element(assigned, "id", root=c.OID_RPPS, extension=author_id)
    family, _, given = author_name.partition("^")
    person_name = _element(_element(assigned, "assignedPerson"), "name")
    _element(person_name, "prefix", "Dr")
    _element(person_name, "given", given)
    _element(person_name, "family", family)
    organisation = _element(_element(_element(root, "custodian"), "assignedCustodian"),
                            "representedCustodianOrganization")
    _element(organisation, "id", root=CUSTODIAN_ROOT, extension=CUSTODIAN_ID)
    _element(organisation, "name", "Cabinet de cardiologie (sandbox DMP)")
    body = _element(_element(root, "component"), "structuredBody")
    for heading, paragraphs in _NARRATIVE:
        section = _element(_element(body, "component"), "section")
        _element(section, "title", heading)
        text = _element(section, "text")
        for paragraph in paragraphs:
            _element(text, "paragraph", paragraph)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
