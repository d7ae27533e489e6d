"""Mapping a validated document to the ITI-41 submission the DMP receives (PROTOCOLS §3.2–§3.4).

The entry carries the frozen CDA bytes and the identifiers stored when the order was planned (uniqueId,
entryUUID, submission-set uniqueId): every attempt sends the same entry, so a retry after a lost answer is
recognised by the DMP instead of creating a second document. The dates are read back from the CDA header
itself, so that the XDS metadata always agree with the document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from lxml import etree

from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.metadata import metadata_of
from lgc_app.documents.models import Document, Practitioner
from lgc_app.documents.valuesets import AUTHOR_SPECIALTIES, TRE_G15
from lgc_app.documents.valuesets import Code as DocumentCode
from lgc_app.errors import UserError
from lgc_app.patients.models import Patient
from services.dmp import constants as c
from services.dmp.models import Author, Code, DocumentEntry, PatientId, SourcePatient, Submission
from services.xml import parse_bytes

CDA_MIME_TYPE = "text/xml"
# contentTypeCode of the submission set: TRE_R209 TypeActivite (PROTOCOLS §3.0). Office care is 07; the
# structure may configure another activity (setting `cabinet.activity_type`).
ACTIVITY_TYPES = {
    c.CONTENT_TYPE_OFFICE_CARE: "Consultation / soins externes",
    "04": "Hospitalisation de jour",
}
_HL7 = "{urn:hl7-org:v3}"
_SEX = {"M": "M", "F": "F"}  # anything else (indeterminate) is HL7 v2 "U"


class SubmissionError(UserError, ValueError):
    """The document cannot be turned into a submission (a bug or a corrupt row); French message."""

    code = "DMP-SUBMISSION"
    summary = "Ce document ne peut pas être préparé pour le DMP."


@dataclass(frozen=True)
class CdaTimes:
    created: datetime
    service_start: datetime | None
    service_stop: datetime | None


def _instant(value: str | None) -> datetime | None:
    """An HL7 TS to the second with its offset (YYYYMMDDHHMMSS±ZZZZ): ISO 8601 basic format once the date and
    the time are separated (`fromisoformat` is some fifteen times faster than `strptime`)."""
    if not value:
        return None
    return datetime.fromisoformat(f"{value[:8]}T{value[8:]}").astimezone(UTC)


def cda_times(cda: bytes) -> CdaTimes:
    """effectiveTime and documentationOf/serviceEvent/effectiveTime low/high of the frozen CDA."""
    root = parse_bytes(cda)
    created = _instant(_value(root, "effectiveTime"))
    if created is None:
        raise SubmissionError("Date du document introuvable dans le CDA.")
    period = f"documentationOf/{_HL7}serviceEvent/{_HL7}effectiveTime"
    return CdaTimes(created, _instant(_value(root, f"{period}/{_HL7}low")),
                    _instant(_value(root, f"{period}/{_HL7}high")))


def _value(root: etree._Element, path: str) -> str | None:
    element = root.find(f"{_HL7}{path}")
    return element.get("value") if element is not None else None


def _code(code: DocumentCode) -> Code:
    return Code(code.code, code.system, code.display)


def birth_date(value: str) -> date:
    """PID-7 takes a full date: an RNIV partial date (`00` month or day) is sent as its first day.

    sourcePatientInfo is informative (the INS identifies the patient); the CDA keeps the exact partial date.
    """
    year, month, day = value.split("-")
    return date(int(year), int(month) or 1, int(day) or 1)


def author_of(practitioner: Practitioner, cabinet: Cabinet) -> Author:
    specialty = AUTHOR_SPECIALTIES.get(practitioner.specialty)
    return Author(
        person_id=practitioner.national_id,
        family_name=practitioner.family_name,
        given_name=practitioner.given_name,
        specialty=Code(practitioner.specialty, TRE_G15, specialty.display if specialty else ""),
        institution_name=cabinet.name,
        institution_id=cabinet.structure_id,
    )


def patient_id_of(patient: Patient) -> PatientId:
    """The qualified INS; SubmissionError when the identity is not (or no longer) qualified."""
    ins = patient.ins_for_export()
    if ins is None:
        raise SubmissionError("Identité du patient non qualifiée : son INS ne peut pas être transmis au DMP.")
    return PatientId(ins=ins[0], oid=ins[1])


def content_type(activity_type: str) -> Code:
    """The submission set's contentTypeCode for a TRE_R209 activity code."""
    return Code(activity_type, c.CS_CONTENT_TYPE, ACTIVITY_TYPES.get(activity_type, ""))


@dataclass(frozen=True)
class EntryIds:
    """The identifiers of a send, chosen when it was planned so that every attempt sends the same entry."""

    unique_id: str  # the CDA ClinicalDocument/id (`unique_id_of`)
    entry_uuid: str
    submission_uid: str

    @classmethod
    def stored(cls, document_id: int, unique_id: str | None, entry_uuid: str | None,
               submission_uid: str | None) -> EntryIds:
        """The identifiers stored with the document's DMP state; SubmissionError when one is missing."""
        if not unique_id or not entry_uuid or not submission_uid:
            raise SubmissionError(f"Document {document_id} sans identifiants d'envoi.")
        return cls(unique_id, entry_uuid, submission_uid)


def build_submission(document: Document, patient: Patient, cabinet: Cabinet, ids: EntryIds, *,
                     source_id: str, replaces: str | None, now: datetime,
                     activity_type: str = c.CONTENT_TYPE_OFFICE_CARE, pid: PatientId | None = None
                     ) -> Submission:
    """The XDS submission of one validated document version: ITI-41 for the DMP, the XDM archive of MSSanté.

    `replaces`: RPLC target entryUUID; `pid`: the patientId when it is not the qualified INS (an MSSanté
    message about a patient whose identity is not qualified names them by the cabinet's local id). The
    author validated the document: they are also its legalAuthenticator (the CDA header says so too).
    """
    cda = document.cda_xml
    if cda is None:
        raise SubmissionError(f"Document {document.id} sans CDA figé.")
    times = cda_times(cda)
    shared = metadata_of(document)
    author = author_of(document.author, cabinet)
    pid = pid or patient_id_of(patient)
    entry = DocumentEntry(
        unique_id=ids.unique_id,
        title=document.title,
        content=cda,
        mime_type=CDA_MIME_TYPE,
        class_code=_code(shared.class_code),
        type_code=_code(shared.type_code),
        format_code=_code(shared.format_code),
        confidentiality=[_code(code) for code in shared.confidentiality_codes],
        healthcare_facility_type=_code(shared.facility_type),
        practice_setting=_code(shared.practice_setting),
        authors=[author],
        legal_authenticator=author,
        patient=pid,
        source_patient=SourcePatient(
            family_name=patient.birth_name, given_name=patient.first_birth_given_name,
            birth_date=birth_date(patient.birth_date), sex=_SEX.get(str(patient.sex), "U")),
        creation_time=times.created,
        service_start=times.service_start,
        service_stop=times.service_stop,
        replaces=replaces,
        entry_uuid=ids.entry_uuid,
    )
    return Submission(unique_id=ids.submission_uid, source_id=source_id, patient=pid, author=author,
                      content_type=content_type(activity_type), documents=[entry], submission_time=now,
                      title=document.title)


def describe(submission: Submission) -> str:
    """The content of a send order, for the trace (homologation proof): what went, for whom, by whom."""
    entry = submission.documents[0]
    lines = [
        f"Document : « {entry.title} » ({entry.type_code.display or entry.type_code.code}), "
        f"{len(entry.content)} octets, {entry.mime_type}",
        f"uniqueId {entry.unique_id} ; entryUUID {entry.entry_uuid} ; lot {submission.unique_id}",
        f"Patient : {submission.patient.cx}",
        f"Auteur : {entry.authors[0].family_name} {entry.authors[0].given_name} ({entry.authors[0].person_id})",
        "Confidentialité : " + ", ".join(code.code for code in entry.confidentiality),
    ]
    if entry.replaces:
        lines.append(f"Remplace l'entrée {entry.replaces} (association RPLC)")
    return "\n".join(lines)
