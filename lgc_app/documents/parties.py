"""ORM rows → the frozen parties a CDA header names (patient, author, cabinet)."""

from __future__ import annotations

from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.cda.parties import AuthorParty, Identifier, Organization, PatientParty
from lgc_app.documents.errors import DocumentContentError
from lgc_app.documents.identifiers import local_patient_id
from lgc_app.documents.models import Document, Practitioner
from lgc_app.documents.valuesets import AUTHOR_SPECIALTIES, FACILITY_TYPES, PRACTICE_SETTINGS
from lgc_app.patients.models import Patient


def birth_time(birth_date: str) -> str:
    """HL7 TS of an RNIV birth date `AAAA-MM-JJ` where `00` marks an unknown month or day."""
    year, month, day = birth_date.split("-")
    if month == "00":
        return year
    return f"{year}{month}" if day == "00" else f"{year}{month}{day}"


def patient_party(patient: Patient, cabinet: Cabinet) -> PatientParty:
    """The patient as the header shows it: the INS only when `ins_for_export()` allows (QUAL)."""
    ins = patient.ins_for_export()
    return PatientParty(
        local_id=local_patient_id(cabinet.structure_id, patient.id),
        ins=Identifier(ins[1], ins[0]) if ins else None,
        birth_name=patient.birth_name,
        birth_given_names=patient.birth_given_names,
        first_birth_given_name=patient.first_birth_given_name,
        sex=str(patient.sex),
        birth_time=birth_time(patient.birth_date),
        used_name=patient.used_name or "",
        used_given_name=patient.used_given_name or "",
        birth_place_code=patient.birth_place_code or "",
        street=" ".join(x for x in (patient.address_line1, patient.address_line2) if x),
        postal_code=patient.postal_code or "",
        city=patient.city or "",
        phones=(patient.phone,) if patient.phone else (),
        email=patient.email or "",
    )


def author_party(practitioner: Practitioner) -> AuthorParty:
    specialty = AUTHOR_SPECIALTIES.get(practitioner.specialty)
    if specialty is None:
        raise DocumentContentError(f"Spécialité {practitioner.specialty} inconnue du jeu de valeurs JDV_J01.")
    return AuthorParty(
        national_id=practitioner.national_id,
        given_name=practitioner.given_name,
        family_name=practitioner.family_name,
        specialty=specialty,
        civility=practitioner.civility,
        title=practitioner.title,
        phone=practitioner.phone or "",
    )


def organization(cabinet: Cabinet, document: Document) -> Organization:
    return Organization(
        national_id=cabinet.structure_id,
        name=cabinet.name,
        facility_type=FACILITY_TYPES[document.facility_type_code],
        practice_setting=PRACTICE_SETTINGS[document.practice_setting_code],
        phone=cabinet.phone,
    )
