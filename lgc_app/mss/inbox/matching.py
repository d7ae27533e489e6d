"""Who a received document is about: automatic matching only on a qualified INS and the four traits.

A document is integrated without a human only when the INS it carries (metadata patientId, and the CDA's
recordTarget) is a well-formed INS under a known INS OID AND exactly one local patient has the status QUAL with
that INS AND the four strict traits agree (birth name, first birth given name, birth date, sex; RNIV). Anything
else is proposed for manual matching with the reason, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from lgc_app.documents.rendering.cda_display import INS_OIDS
from lgc_app.documents.rendering.narrative import HL7
from lgc_app.patients.matricule import is_valid_matricule
from lgc_app.patients.models import Patient
from lgc_app.patients.traits import fold
from lgc_app.patients.vocabulary import IdentityStatus
from services.dmp.metadata import rim
from services.mss.xdm_read import XdmDocument
from services.xml import UnsafeXmlError, parse_bytes

_PATIENT = f"{{{HL7}}}recordTarget/{{{HL7}}}patientRole/{{{HL7}}}patient"


@dataclass(frozen=True)
class Traits:
    """The four strict traits as the document gives them (folded capitals; birth date YYYY-MM-DD)."""

    birth_name: str
    first_given_name: str
    birth_date: str
    sex: str

    @property
    def label(self) -> str:
        return f"{self.birth_name} {self.first_given_name} né(e) le {self.birth_date} ({self.sex})".strip()

    @classmethod
    def from_label(cls, label: str) -> Traits | None:
        """The traits an `InboxItem.patient_label` was written from (None when it is not such a label), to show
        them side by side with a patient's before a manual match."""
        found = _LABEL.fullmatch(label)
        return cls(*found.group("name", "given", "date", "sex")) if found else None


# the given name is one word (`_traits` keeps the first); the birth name may have several
_LABEL = re.compile(r"(?P<name>.+) (?P<given>\S+) né\(e\) le (?P<date>\S*) \((?P<sex>\S?)\)")


@dataclass(frozen=True)
class Match:
    patient_id: int | None  # set only for an automatic match
    reason: str  # why not matched automatically (French), "" when matched


def document_traits(document: XdmDocument) -> Traits | None:
    """From the CDA's recordTarget when the document is a CDA, else from the metadata's sourcePatientInfo."""
    if document.entry.mime_type in ("text/xml", "application/xml", "application/hl7-v3+xml"):
        try:
            return _cda_traits(parse_bytes(document.content))
        except UnsafeXmlError:
            return None
    return _source_patient_traits(document.entry.raw)


def _cda_traits(root: etree._Element) -> Traits | None:
    patient = root.find(_PATIENT)
    if patient is None:
        return None
    name = patient.find(f"{{{HL7}}}name")
    if name is None:
        return None
    families = name.findall(f"{{{HL7}}}family")
    givens = name.findall(f"{{{HL7}}}given")
    family = next((f for f in families if f.get("qualifier") == "BR"), families[0] if families else None)
    given = next((g for g in givens if g.get("qualifier") == "BR"), givens[0] if givens else None)
    birth = patient.find(f"{{{HL7}}}birthTime")
    sex = patient.find(f"{{{HL7}}}administrativeGenderCode")
    if family is None or given is None or birth is None or sex is None:
        return None
    return _traits(family.text or "", (given.text or "").split(" ")[0], birth.get("value", ""), sex.get("code", ""))


def _source_patient_traits(raw: bytes) -> Traits | None:
    if not raw:
        return None
    try:
        extrinsic = parse_bytes(raw)
    except UnsafeXmlError:
        return None
    fields: dict[str, str] = {}
    for slot in extrinsic.iterfind(rim("Slot")):
        if slot.get("name") == "sourcePatientInfo":
            for value in slot.iterfind(f"{rim('ValueList')}/{rim('Value')}"):
                key, _, text = (value.text or "").partition("|")
                fields[key] = text
    name = fields.get("PID-5", "").split("^")
    if len(name) < 2 or not fields.get("PID-7") or not fields.get("PID-8"):
        return None
    return _traits(name[0], name[1].split(" ")[0], fields["PID-7"], fields["PID-8"])


def _traits(family: str, given: str, birth: str, sex: str) -> Traits:
    digits = birth.strip()[:8]
    date = f"{digits[:4]}-{digits[4:6] or '00'}-{digits[6:8] or '00'}" if digits.isdigit() else ""
    return Traits(fold(family.strip()), fold(given.strip()), date, sex.strip().upper()[:1])


def qualified_format(ins: str, oid: str) -> bool:
    return oid in INS_OIDS and len(ins) == 15 and is_valid_matricule(ins)


def find_patient(session: Session, document: XdmDocument, traits: Traits | None = None) -> Match:
    """The automatic match of `document`, or the reason there is none (see the module docstring); `traits`: its
    `document_traits` if the caller has them (read here otherwise)."""
    ins, oid = document.patient.ins, document.patient.oid
    if not qualified_format(ins, oid):
        return Match(None, "L'identifiant du patient reçu n'est pas une INS qualifiée : rapprochement manuel.")
    candidates = list(session.scalars(select(Patient).where(Patient.ins_matricule == ins, Patient.ins_oid == oid,
                                                            Patient.status == IdentityStatus.QUAL)))
    if len(candidates) != 1:
        return Match(None, "Aucun patient à l'identité qualifiée ne porte cette INS : rapprochement manuel."
                     if not candidates else "Plusieurs patients portent cette INS : rapprochement manuel.")
    traits = traits or document_traits(document)
    patient = candidates[0]
    if traits is None:
        return Match(None, "Les traits d'identité du patient sont absents du document : rapprochement manuel.")
    local = Traits(fold(patient.birth_name), fold(patient.first_birth_given_name), patient.birth_date,
                   patient.sex.value)
    if traits != local:
        return Match(None, "Conflit d'identité : les traits reçus (nom, prénom, date de naissance, sexe) diffèrent "
                           "de ceux du patient à l'INS identique : rapprochement manuel.")
    return Match(patient.id, "")
