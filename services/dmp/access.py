"""TD0.2 (test of DMP existence and authorisation) and TD0.4 (set the professional's authorisation), §3.1.

The answer of TD0.2 is read where the DMP puts it (PROTOCOLS §3.0, TLSi kit and DRIMbox): a
`PRPA_IN201308UV02` whose `queryAck/queryResponseCode` says whether a DMP exists (`OK`/`NF`), whose
`registrationEvent/subject1/patient/statusCode` says whether it is open (`active`), whose
`detectedIssueEvent` gives the closing reason, and whose attention lines carry the professional's
authorisation (`AUTORISATION` = `VALIDE`/`EXPIRE`/`INTERDIT`/`NON_EXISTE`) and `STATUT_MT`. The patient's
opposition is not in it: the software records it locally (`lgc_app.dmp.opposition`).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from lxml import etree

from services.dmp import constants as c
from services.dmp.models import AuthorizationState, DmpStatus, PatientId


def _v3(tag: str) -> str:
    return f"{{{c.HL7V3}}}{tag}"


def _device(parent: etree._Element, tag: str, root: str) -> None:
    holder = etree.SubElement(parent, _v3(tag), typeCode="RCV" if tag == "receiver" else "SND")
    device = etree.SubElement(holder, _v3("device"), classCode="DEV", determinerCode="INSTANCE")
    etree.SubElement(device, _v3("id"), root=root)


def existence_test(patient: PatientId, *, sender_id: str, now: datetime | None = None) -> etree._Element:
    """`PRPA_IN201307UV02` with reasonCode TEST_EXST and the patient's INS as parameter."""
    now = now or datetime.now(UTC)
    message = etree.Element(_v3("PRPA_IN201307UV02"), nsmap={None: c.HL7V3}, ITSVersion="XML_1.0")
    etree.SubElement(message, _v3("id"), root=str(uuid.uuid4()))
    etree.SubElement(message, _v3("creationTime"), value=now.astimezone(UTC).strftime("%Y%m%d%H%M%S"))
    etree.SubElement(
        message, _v3("interactionId"), root="2.16.840.1.113883.1.6", extension="PRPA_IN201307UV02"
    )
    etree.SubElement(message, _v3("processingCode"), code="P")
    etree.SubElement(message, _v3("processingModeCode"), code="T")
    etree.SubElement(message, _v3("acceptAckCode"), code="AL")
    _device(message, "receiver", "1.2.250.1.213.4.1.1.1")
    _device(message, "sender", sender_id)
    control = etree.SubElement(message, _v3("controlActProcess"), classCode="CACT", moodCode="EVN")
    etree.SubElement(control, _v3("code"), code="PRPA_TE201307UV02", codeSystem="2.16.840.1.113883.1.6")
    etree.SubElement(control, _v3("reasonCode"), code=c.TD02_REASON_CODE, codeSystem=c.TD02_REASON_SYSTEM)
    query = etree.SubElement(control, _v3("queryByParameter"))
    etree.SubElement(query, _v3("queryId"), root=str(uuid.uuid4()))
    etree.SubElement(query, _v3("statusCode"), code="new")
    etree.SubElement(query, _v3("responsePriorityCode"), code="I")
    parameters = etree.SubElement(query, _v3("parameterList"))
    identifier = etree.SubElement(parameters, _v3("patientIdentifier"))
    etree.SubElement(identifier, _v3("value"), root=patient.oid, extension=patient.ins)
    etree.SubElement(identifier, _v3("semanticsText")).text = "Patient.id"
    return message


def _attention(response: etree._Element, keyword: str) -> str:
    """The value code of the `attentionLine` whose `keyWordText/@code` is `keyword` ("" when absent)."""
    for line in response.iterfind(_v3("attentionLine")):
        word = line.find(_v3("keyWordText"))
        value = line.find(_v3("value"))
        if word is not None and word.get("code") == keyword and value is not None:
            return value.get("code", "")
    return ""


def existence_status(response: etree._Element) -> DmpStatus:
    if response.tag != _v3("PRPA_IN201308UV02"):
        raise ValueError(f"réponse TD0.2 inattendue : {etree.QName(response).text}")
    answer = response.find(f"{_v3('controlActProcess')}/{_v3('queryAck')}/{_v3('queryResponseCode')}")
    exists = answer is not None and answer.get("code") == "OK"
    patient_path = f"{_v3('registrationEvent')}/{_v3('subject1')}/{_v3('patient')}/{_v3('statusCode')}"
    status = response.find(f".//{patient_path}")
    is_open = exists and status is not None and status.get("code") == c.DMP_STATUS_OPEN
    reason = response.find(f".//{_v3('detectedIssueEvent')}/{_v3('code')}")
    closing_reason = "" if reason is None else reason.get("displayName") or reason.get("code") or ""
    authorization_code = _attention(response, c.ATTENTION_AUTHORIZATION)
    try:
        authorization = AuthorizationState(authorization_code or c.AUTHORIZATION_NONE)
    except ValueError:
        raise ValueError(f"autorisation TD0.2 inconnue : {authorization_code!r}") from None
    return DmpStatus(
        exists=exists,
        open=is_open,
        authorization=authorization,
        closing_reason="" if is_open else closing_reason,
        treating_doctor=_attention(response, c.ATTENTION_TREATING_DOCTOR),
    )


def set_authorization(action: str, *, role: str = "") -> etree._Element:
    """`setAuthorization` (ns urn:si-dmp-habilitations): `AJOUT`/`SUPPRESSION` and optionally the role.

    No patient element (§3.0): the DMP takes the patient from the VIHF `resource-id`.
    """
    request = etree.Element(f"{{{c.HABILITATIONS}}}setAuthorization", nsmap={None: c.HABILITATIONS})
    etree.SubElement(request, f"{{{c.HABILITATIONS}}}action").text = action
    if role:
        etree.SubElement(request, f"{{{c.HABILITATIONS}}}role").text = role
    return request


def authorization_status(response: etree._Element) -> str:
    if response.tag != f"{{{c.HABILITATIONS}}}setAuthorizationResponse":
        raise ValueError(f"réponse TD0.4 inattendue : {etree.QName(response).text}")
    return response.findtext(f"{{{c.HABILITATIONS}}}status", "")
