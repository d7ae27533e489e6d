"""FHIR search Bundles (parsed with `fhir.resources`) to the snapshots of `models.py`.

FHIR R4 JSON is read with the library's R4B models: Practitioner, PractitionerRole, Organization,
ContactPoint and Bundle did not change between R4 and R4B. Practitioners, their roles (`_revinclude`) and
the roles' organisations are joined here; MSSanté addresses are told apart from plain e-mails by the §6.0
extension, and a mailbox on the liste rouge is never returned.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.contactpoint import ContactPoint
from fhir.resources.R4B.extension import Extension
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.practitionerrole import PractitionerRole
from fhir.resources.R4B.resource import Resource
from pydantic import ValidationError

from services.annuaire import constants, errors
from services.annuaire.models import (
    Mailbox,
    MailboxKind,
    PracticePlace,
    PractitionerEntry,
    Qualification,
)


def parse_bundle(data: Any) -> Bundle:
    """Raises AnnuaireError(ANSWER) for anything but a valid FHIR Bundle."""
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        raise errors.AnnuaireError(errors.ANSWER, detail="not a Bundle")
    try:
        return Bundle.model_validate(data)
    except ValidationError as exc:
        raise errors.AnnuaireError(errors.ANSWER, detail=str(exc)[:500]) from None


def next_link(bundle: Bundle) -> str | None:
    return next((str(link.url) for link in bundle.link or () if link.relation == "next" and link.url), None)


def resources(bundle: Bundle) -> Iterator[Resource]:
    for entry in bundle.entry or ():
        if entry.resource is not None:
            yield entry.resource


def organisation_ids(roles: Iterable[PractitionerRole]) -> list[str]:
    """The ids of the organisations the roles reference (`Organization/<id>`), in order, without repeats."""
    ids: dict[str, None] = {}
    for role in roles:
        reference = role.organization.reference if role.organization else None
        if reference and reference.startswith("Organization/"):
            ids.setdefault(reference.split("/", 1)[1], None)
    return list(ids)


def practitioners(bundle: Bundle) -> tuple[list[Practitioner], list[PractitionerRole]]:
    """The matched practitioners and their included roles."""
    found: list[Practitioner] = []
    roles: list[PractitionerRole] = []
    for resource in resources(bundle):
        if isinstance(resource, Practitioner):
            found.append(resource)
        elif isinstance(resource, PractitionerRole):
            roles.append(resource)
    return found, roles


def organisations(bundles: Iterable[Bundle]) -> dict[str, Organization]:
    return {str(resource.id): resource for bundle in bundles for resource in resources(bundle)
            if isinstance(resource, Organization) and resource.id}


def entries(found: list[Practitioner], roles: list[PractitionerRole],
            organisations_by_id: dict[str, Organization], *, city: str = "") -> tuple[PractitionerEntry, ...]:
    """Join practitioners, roles and organisations; with `city`, keep those practising there."""
    roles_by_practitioner: dict[str, list[PractitionerRole]] = {}
    for role in roles:
        reference = role.practitioner.reference if role.practitioner else None
        if reference and reference.startswith("Practitioner/"):
            roles_by_practitioner.setdefault(reference.split("/", 1)[1], []).append(role)
    result = []
    for practitioner in found:
        places = tuple(place for role in roles_by_practitioner.get(str(practitioner.id), ())
                       if (place := _place(role, organisations_by_id)) is not None)
        if city and not any(_same_city(place.city, city) for place in places):
            continue
        result.append(_entry(practitioner, places))
    return tuple(result)


def _same_city(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _entry(practitioner: Practitioner, places: tuple[PracticePlace, ...]) -> PractitionerEntry:
    name = practitioner.name[0] if practitioner.name else None
    profession = specialty = None
    for qualification in practitioner.qualification or ():
        for coding in _codings(qualification.code):
            if coding[0] == constants.PROFESSION_SYSTEM and profession is None:
                profession = Qualification(coding[1], coding[2])
            elif coding[0] == constants.SPECIALTY_SYSTEM and specialty is None:
                specialty = Qualification(coding[1], coding[2])
    rpps = next((str(identifier.value) for identifier in practitioner.identifier or ()
                 if identifier.system == constants.RPPS_SYSTEM and identifier.value), "")
    return PractitionerEntry(
        resource_id=str(practitioner.id or ""),
        rpps=rpps,
        family=str(name.family or "") if name else "",
        given=" ".join(str(given) for given in (name.given or ())) if name else "",
        profession=profession,
        specialty=specialty,
        mailboxes=mailboxes(practitioner.telecom or ()),
        places=places,
    )


def _codings(concept: CodeableConcept | None) -> Iterator[tuple[str, str, str]]:
    for coding in (concept.coding or ()) if concept else ():
        if coding.system and coding.code:
            yield str(coding.system), str(coding.code), str(coding.display or coding.code)


def _place(role: PractitionerRole, organisations_by_id: dict[str, Organization]) -> PracticePlace | None:
    ids = organisation_ids([role])
    organisation = organisations_by_id.get(ids[0]) if ids else None
    if organisation is None:
        return None
    address = organisation.address[0] if organisation.address else None
    return PracticePlace(
        organisation_id=str(organisation.id),
        name=str(organisation.name or ""),
        address_lines=tuple(str(line) for line in (address.line or ())) if address else (),
        postal_code=str(address.postalCode or "") if address else "",
        city=str(address.city or "") if address else "",
        mailboxes=mailboxes(role.telecom or ()) + mailboxes(organisation.telecom or ()),
        emails=plain_emails(organisation.telecom or ()),
    )


def mailboxes(telecoms: Iterable[ContactPoint]) -> tuple[Mailbox, ...]:
    """The MSSanté mailboxes among `telecoms`, liste rouge left out (§6.0)."""
    found = []
    for telecom in telecoms:
        if telecom.system != "email" or not telecom.value or not _is_mssante(telecom):
            continue
        metadata = _metadata(telecom.extension or ())
        if metadata.get("listeRouge") is True:
            continue  # the holder asked not to be listed: never shown nor offered
        kind_code = metadata.get("type")
        try:
            kind = MailboxKind(kind_code) if isinstance(kind_code, str) else MailboxKind.PERSONAL
        except ValueError:
            continue  # a type this version does not know: do not guess who reads the box
        found.append(Mailbox(str(telecom.value), kind, str(metadata.get("description") or ""),
                             str(metadata.get("service") or "")))
    return tuple(found)


def plain_emails(telecoms: Iterable[ContactPoint]) -> tuple[str, ...]:
    """Contact e-mails that are not MSSanté: shown as such, never offered as a secure mailbox."""
    return tuple(str(telecom.value) for telecom in telecoms
                 if telecom.system == "email" and telecom.value and not _is_mssante(telecom))


def _is_mssante(telecom: ContactPoint) -> bool:
    return any(extension.url == constants.EMAIL_TYPE_EXTENSION and extension.valueCoding is not None
               and extension.valueCoding.code == constants.MSSANTE_CODE
               for extension in telecom.extension or ())


def _metadata(extensions: Iterable[Extension]) -> dict[str, object]:
    """The mailbox metadata sub-extensions by name, read from the discriminator or the metadata extension
    (the IG nests them under the profile's extension; both carriers are accepted)."""
    values: dict[str, object] = {}
    for extension in extensions:
        if extension.url not in (constants.EMAIL_TYPE_EXTENSION, constants.MAILBOX_METADATA_EXTENSION):
            continue
        for sub in extension.extension or ():
            name = str(sub.url)
            if sub.valueCodeableConcept is not None:
                values[name] = next((code for _, code, _ in _codings(sub.valueCodeableConcept)), None)
            elif sub.valueCoding is not None:
                values[name] = sub.valueCoding.code
            elif sub.valueBoolean is not None:
                values[name] = sub.valueBoolean
            elif sub.valueString is not None:
                values[name] = sub.valueString
    return values
