"""Who may do what on a DMP: access refusals (§8), masking, and TD0.2 / TD0.4 (§3.0, §3.1).

TD0.2 answer, in the DMP's shape (§3.0): `PRPA_IN201308UV02` with `controlActProcess/queryAck/
queryResponseCode` `OK` (a DMP exists) or `NF` (none); `…/registrationEvent/subject1/patient/statusCode`
`active` (open) or `terminated` (closed), a closed DMP adding `reasonOf/detectedIssueEvent` with the closing
reason; the attention lines `AUTORISATION` (`VALIDE`, `INTERDIT` when the patient blocked professionals,
`NON_EXISTE` before TD0.4; the sandbox never answers `EXPIRE`) and `STATUT_MT`.
TD0.4: `setAuthorization` carries `action` and optionally `role`, no patient (the VIHF `resource-id` names
it); answer `setAuthorizationResponse/status` = `OK` or the refusal code.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from lxml import etree

from services.dmp import constants as c
from services.sandbox.dmp import codes
from services.sandbox.dmp.codes import Fault, refused
from services.sandbox.dmp.patients import PatientRef
from services.sandbox.dmp.store import Entry, Patient, Store
from services.sandbox.dmp.vihf_check import Caller

# The sandbox's wording of a closed DMP (the DMP's own closing reasons are not public): RoleStatus and reason.
DMP_STATUS_CLOSED = "terminated"
CLOSING_REASON = ("FERMETURE_DEMANDE_PATIENT", "DMP fermé à la demande du patient")
TREATING_DOCTOR_NONE = "NON"  # STATUT_MT of a professional who is not the médecin traitant (assumed value)


def _v3(tag: str) -> str:
    return f"{{{c.HL7V3}}}{tag}"


def same_patient(caller: Caller, patient: PatientRef) -> None:
    """The VIHF `resource-id` must name the patient the request is about (§8)."""
    if caller.patient != patient:
        raise Fault(codes.VIHF_INVALIDE, "VIHF refusé : resource-id différent du patient de la requête")


def authorization(store: Store, caller: Caller, patient: Patient) -> str:
    """The `AUTORISATION` of TD0.2 (§3.0): `INTERDIT` when the patient blocked professionals."""
    if patient.opposition:
        return c.AUTHORIZATION_FORBIDDEN
    if patient.authorize_all or store.authorized(patient.ins, caller.practitioner_id):
        return c.AUTHORIZATION_VALID
    return c.AUTHORIZATION_NONE


def limitations(store: Store, caller: Caller, patient: Patient) -> list[str]:
    found = []
    if patient.dmp != "open":
        found.append(codes.DMP_FERME)
    if patient.opposition:
        found.append(codes.OPPOSITION_PATIENT)
    if not patient.authorize_all and not store.authorized(patient.ins, caller.practitioner_id):
        found.append(codes.AUTORISATION_ABSENTE)
    return found


def require_access(store: Store, caller: Caller, ref: PatientRef) -> Patient:
    """The patient's DMP, if this professional may use it; else a refusal (§8)."""
    if not ref.qualified:
        raise refused(codes.INS_NON_QUALIFIE, f"identifiant {ref.ins} (OID {ref.oid}) : INS non qualifié")
    same_patient(caller, ref)
    patient = store.patient(ref.ins, ref.oid)
    if patient is None:
        raise refused(codes.UNKNOWN_PATIENT, f"aucun DMP pour le patient {ref.ins}")
    found = limitations(store, caller, patient)
    if found:
        raise refused(found[0], f"accès refusé au DMP du patient {ref.ins}")
    return patient


def visible(entry: Entry, caller: Caller) -> bool:
    """Deleted entries are gone; `MASQUE_PS` hides an entry from every professional but its author (§8)."""
    if entry.status == c.STATUS_DELETED:
        return False
    masked = f"{c.MASQUE_PS}^{c.CS_CONFIDENTIALITY_DMP}" in entry.confidentiality_codes
    return not masked or entry.submitter == caller.practitioner_id


def existence_test(store: Store, caller: Caller, payload: etree._Element) -> etree._Element:
    """TD0.2 (`PRPA_IN201307UV02`, reasonCode TEST_EXST)."""
    if payload.tag != _v3("PRPA_IN201307UV02"):
        raise Fault(codes.MALFORMED, "PRPA_IN201307UV02 attendu")
    control = payload.find(_v3("controlActProcess"))
    reason = None if control is None else control.find(_v3("reasonCode"))
    if reason is None or (reason.get("code"), reason.get("codeSystem")) != (
        c.TD02_REASON_CODE,
        c.TD02_REASON_SYSTEM,
    ):
        raise Fault(codes.MALFORMED, "reasonCode TEST_EXST attendu")
    value = payload.find(f".//{_v3('parameterList')}/{_v3('patientIdentifier')}/{_v3('value')}")
    if value is None or not value.get("root") or not value.get("extension"):
        raise Fault(codes.MALFORMED, "parameterList/patientIdentifier/value absent")
    ref = PatientRef(ins=value.get("extension", ""), oid=value.get("root", ""))
    same_patient(caller, ref)
    patient = store.patient(ref.ins, ref.oid) if ref.qualified else None

    answer = etree.Element(
        _v3("PRPA_IN201308UV02"), nsmap={None: c.HL7V3, "xsi": c.XSI}, ITSVersion="XML_1.0"
    )
    etree.SubElement(answer, _v3("id"), root=str(uuid.uuid4()))
    etree.SubElement(answer, _v3("creationTime"), value=datetime.now(UTC).strftime("%Y%m%d%H%M%S"))
    etree.SubElement(
        answer, _v3("interactionId"), root="2.16.840.1.113883.1.6", extension="PRPA_IN201308UV02"
    )
    if patient is not None:
        _attention_line(answer, c.ATTENTION_AUTHORIZATION, authorization(store, caller, patient))
        _attention_line(answer, c.ATTENTION_TREATING_DOCTOR, TREATING_DOCTOR_NONE)
    acknowledgement = etree.SubElement(answer, _v3("acknowledgement"))
    etree.SubElement(acknowledgement, _v3("typeCode"), code="AA")
    response = etree.SubElement(answer, _v3("controlActProcess"), classCode="CACT", moodCode="EVN")
    if patient is not None:
        subject = etree.SubElement(response, _v3("subject"), typeCode="SUBJ")
        event = etree.SubElement(subject, _v3("registrationEvent"), classCode="REG", moodCode="EVN")
        etree.SubElement(event, _v3("statusCode"), code="active")
        holder = etree.SubElement(
            etree.SubElement(event, _v3("subject1"), typeCode="SBJ"), _v3("patient"), classCode="PAT"
        )
        etree.SubElement(holder, _v3("id"), root=patient.oid, extension=patient.ins)
        is_open = patient.dmp == "open"
        etree.SubElement(holder, _v3("statusCode"), code=c.DMP_STATUS_OPEN if is_open else DMP_STATUS_CLOSED)
        if not is_open:
            detected = etree.SubElement(
                etree.SubElement(response, _v3("reasonOf"), typeCode="RSON"),
                _v3("detectedIssueEvent"),
                classCode="ALRT",
                moodCode="EVN",
            )
            etree.SubElement(
                detected, _v3("code"), code=CLOSING_REASON[0], displayName=CLOSING_REASON[1],
                codeSystem="urn:lgc:sandbox:dmp",
            )
    query_ack = etree.SubElement(response, _v3("queryAck"))
    etree.SubElement(query_ack, _v3("queryResponseCode"), code="OK" if patient is not None else "NF")
    return answer


def _attention_line(message: etree._Element, keyword: str, code: str) -> None:
    line = etree.SubElement(message, _v3("attentionLine"))
    etree.SubElement(line, _v3("keyWordText"), code=keyword).text = keyword
    value = etree.SubElement(line, _v3("value"), code=code)
    value.set(f"{{{c.XSI}}}type", "CE")


def set_authorization(store: Store, caller: Caller, payload: etree._Element) -> etree._Element:
    """TD0.4: `AJOUT` gives this professional access to the patient's DMP, `SUPPRESSION` removes it."""
    if payload.tag != f"{{{c.HABILITATIONS}}}setAuthorization":
        raise Fault(codes.MALFORMED, "setAuthorization attendu")
    if payload.find(f"{{{c.HABILITATIONS}}}patientINS") is not None:
        raise Fault(codes.MALFORMED, "setAuthorization ne porte pas de patient : il vient du VIHF (resource-id)")
    action = (payload.findtext(f"{{{c.HABILITATIONS}}}action") or "").strip()
    role = (payload.findtext(f"{{{c.HABILITATIONS}}}role") or "").strip()
    if action not in (c.AUTHORIZATION_ADD, c.AUTHORIZATION_REMOVE) or role not in ("", c.ROLE_TREATING_DOCTOR):
        raise Fault(codes.MALFORMED, "action (AJOUT, SUPPRESSION) absente ou rôle inconnu")
    ref = caller.patient
    patient = store.patient(ref.ins, ref.oid) if ref.qualified else None
    if not ref.qualified:
        status = codes.INS_NON_QUALIFIE
    elif patient is None:
        status = codes.DMP_INEXISTANT
    elif patient.dmp != "open":
        status = codes.DMP_FERME
    elif patient.opposition:
        status = codes.OPPOSITION_PATIENT
    else:
        store.set_authorization(patient.ins, caller.practitioner_id, action == c.AUTHORIZATION_ADD)
        status = "OK"
    answer = etree.Element(f"{{{c.HABILITATIONS}}}setAuthorizationResponse", nsmap={None: c.HABILITATIONS})
    etree.SubElement(answer, f"{{{c.HABILITATIONS}}}status").text = status
    return answer
