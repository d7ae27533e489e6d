"""The CI-SIS CDA header, shared by every document type (CI-SIS "Volet Structuration minimale" header).

Each builder passes a `Volet` (its templateIds and fixed codes); everything else comes from the
`DocumentHeader` snapshot. Element order follows POCD_MT000040.ClinicalDocument.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from lgc_app.documents.cda.parties import AuthorParty, DocumentHeader, Identifier, Organization, PatientParty
from lgc_app.documents.cda.xmltree import HL7, NSMAP, coded, sub, timestamp
from lgc_app.documents.valuesets import ADMINISTRATIVE_GENDERS, HL7_ACT_CODE, RPPS_ROOT, STRUCTURE_ROOT, Code

HL7_FRANCE_TEMPLATE = "2.16.840.1.113883.2.8.2.1"
CISIS_TEMPLATE = "1.2.250.1.213.1.1.1.1"
AMBULATORY_ENCOUNTER = Code("AMB", HL7_ACT_CODE, "Ambulatoire (hors établissement)")


@dataclass(frozen=True)
class Volet:
    """What a volet fixes in the header."""

    template_ids: tuple[tuple[str, str | None], ...]  # after the HL7 France and CI-SIS ones
    service_event_code: Code | None = None
    namespaces: tuple[tuple[str, str], ...] = ()  # extra prefixes (eP-MED's pharm:)


def build_header(header: DocumentHeader, volet: Volet) -> etree._Element:
    """The ClinicalDocument element with its complete header; the caller appends the body."""
    nsmap = dict(NSMAP) | dict(volet.namespaces)
    doc = etree.Element(f"{{{HL7}}}ClinicalDocument", nsmap=nsmap)
    sub(doc, "realmCode", code="FR")
    sub(doc, "typeId", root="2.16.840.1.113883.1.3", extension="POCD_HD000040")
    sub(doc, "templateId", root=HL7_FRANCE_TEMPLATE)
    sub(doc, "templateId", root=CISIS_TEMPLATE)
    for root, extension in volet.template_ids:
        element = sub(doc, "templateId", root=root)
        if extension:
            element.set("extension", extension)
    _identifier(doc, "id", header.document_id)
    coded(doc, "code", header.type_code)
    sub(doc, "title", header.title)
    created = timestamp(header.created_at)
    sub(doc, "effectiveTime", value=created)
    coded(doc, "confidentialityCode", header.confidentiality)
    sub(doc, "languageCode", code="fr-FR")
    _identifier(doc, "setId", header.set_id)
    sub(doc, "versionNumber", value=str(header.version_number))
    _record_target(doc, header.patient)
    author_element(doc, header.author, header.organization, created)
    custodian = sub(sub(sub(doc, "custodian"), "assignedCustodian"), "representedCustodianOrganization")
    _organization_body(custodian, header.organization)
    legal = sub(doc, "legalAuthenticator")
    sub(legal, "time", value=created)
    sub(legal, "signatureCode", code="S")
    _assigned_entity(legal, header.author, header.organization)
    _documentation_of(doc, header, volet)
    if header.replaces is not None:
        related = sub(doc, "relatedDocument", typeCode="RPLC")
        _identifier(sub(related, "parentDocument"), "id", header.replaces)
    _component_of(doc, header)
    return doc


def _identifier(parent: etree._Element, tag: str, identifier: Identifier) -> etree._Element:
    element = sub(parent, tag, root=identifier.root)
    if identifier.extension:
        element.set("extension", identifier.extension)
    return element


def _record_target(doc: etree._Element, patient: PatientParty) -> None:
    role = sub(sub(doc, "recordTarget"), "patientRole")
    # The INS travels only for a qualified identity (Référentiel INS; PROTOCOLS.md §1.3); the local id
    # under the cabinet's root is always there, so patientRole/id is never empty.
    if patient.ins is not None:
        _identifier(role, "id", patient.ins)
    _identifier(role, "id", patient.local_id)
    if patient.street or patient.postal_code or patient.city:
        addr = sub(role, "addr", use="H")
        for tag, value in (
            ("streetAddressLine", patient.street),
            ("postalCode", patient.postal_code),
            ("city", patient.city),
        ):
            if value:
                sub(addr, tag, value)
    else:
        sub(role, "addr", nullFlavor="UNK")
    for phone in patient.phones:
        sub(role, "telecom", value=f"tel:{phone}", use="H")
    if patient.email:
        sub(role, "telecom", value=f"mailto:{patient.email}", use="H")
    if not patient.phones and not patient.email:
        sub(role, "telecom", nullFlavor="UNK")
    person = sub(role, "patient", classCode="PSN")
    name = sub(person, "name")
    # Birth traits (qualifier BR), then used traits (CL), as the CI-SIS header prescribes.
    sub(name, "family", patient.birth_name, qualifier="BR")
    sub(name, "given", patient.birth_given_names)
    sub(name, "given", patient.first_birth_given_name, qualifier="BR")
    if patient.used_name:
        sub(name, "family", patient.used_name, qualifier="CL")
    if patient.used_given_name:
        sub(name, "given", patient.used_given_name, qualifier="CL")
    coded(person, "administrativeGenderCode", ADMINISTRATIVE_GENDERS[patient.sex])
    sub(person, "birthTime", value=patient.birth_time)
    if patient.birth_place_code:
        place_addr = sub(sub(sub(person, "birthplace"), "place"), "addr")
        sub(place_addr, "county", patient.birth_place_code)


def _person_name(parent: etree._Element, author: AuthorParty) -> None:
    name = sub(parent, "name")
    if author.civility:
        sub(name, "prefix", author.civility)
    sub(name, "given", author.given_name)
    sub(name, "family", author.family_name)
    if author.title:
        sub(name, "suffix", author.title)


def _professional(parent: etree._Element, author: AuthorParty) -> None:
    """id, code and telecom of a PS, in the order assignedAuthor/assignedEntity expect."""
    sub(parent, "id", root=RPPS_ROOT, extension=author.national_id)
    coded(parent, "code", author.specialty)
    if author.phone:
        sub(parent, "telecom", value=f"tel:{author.phone}", use="WP")


def _organization_body(parent: etree._Element, organization: Organization) -> None:
    sub(parent, "id", root=STRUCTURE_ROOT, extension=organization.national_id)
    sub(parent, "name", organization.name)
    if organization.phone:
        sub(parent, "telecom", value=f"tel:{organization.phone}", use="WP")


def author_element(
    parent: etree._Element, author: AuthorParty, organization: Organization, time: str
) -> None:
    """An `author` (document header, or the validating author of an entry such as a vaccination)."""
    element = sub(parent, "author", typeCode="AUT", contextControlCode="OP")
    sub(element, "time", value=time)
    assigned = sub(element, "assignedAuthor")
    _professional(assigned, author)
    _person_name(sub(assigned, "assignedPerson"), author)
    _organization_body(sub(assigned, "representedOrganization"), organization)


def _assigned_entity(
    parent: etree._Element, author: AuthorParty, organization: Organization
) -> etree._Element:
    entity = sub(parent, "assignedEntity")
    _professional(entity, author)
    _person_name(sub(entity, "assignedPerson"), author)
    represented = sub(entity, "representedOrganization")
    _organization_body(represented, organization)
    coded(represented, "standardIndustryClassCode", organization.practice_setting)
    return entity


def _documentation_of(doc: etree._Element, header: DocumentHeader, volet: Volet) -> None:
    event = sub(sub(doc, "documentationOf"), "serviceEvent", classCode="ACT")
    if volet.service_event_code is not None:
        coded(event, "code", volet.service_event_code)
    period = sub(event, "effectiveTime")
    sub(period, "low", value=timestamp(header.service_start))
    if header.service_end is not None:
        sub(period, "high", value=timestamp(header.service_end))
    _assigned_entity(sub(event, "performer", typeCode="PRF"), header.author, header.organization)


def _component_of(doc: etree._Element, header: DocumentHeader) -> None:
    encounter = sub(sub(doc, "componentOf"), "encompassingEncounter")
    coded(encounter, "code", AMBULATORY_ENCOUNTER)
    sub(sub(encounter, "effectiveTime"), "low", value=timestamp(header.service_start))
    facility = sub(sub(encounter, "location"), "healthCareFacility")
    sub(facility, "id", root=STRUCTURE_ROOT, extension=header.organization.national_id)
    coded(facility, "code", header.organization.facility_type)
