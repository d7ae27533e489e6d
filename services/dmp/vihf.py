"""VIHF: the SAML 2.0 assertion the DMP requires in `wsse:Security`, signed with XML-DSig (PROTOCOLS §3.5).

Each call carries an assertion for that call's patient (`resource-id`). Signing is CPU work (and a card
operation with a CPS): `AssertionCache` lets the calls for one practitioner and one patient share a signed
assertion while it has at least half its validity left; callers on a shared event loop sign in a thread.
"""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from lxml import etree

from services.dmp import constants as c
from services.dmp.constants import ENVELOPED, EXC_C14N
from services.dmp.ids import uuid4_text
from services.dmp.models import Code, PatientId
from services.dmp.signing import SigningKey
from services.dmp.xmldsig import digest as c14n_digest
from services.dmp.xmldsig import ds, key_info, reference, signature_value, signed_info

NAMEID_UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"
VALIDITY = timedelta(minutes=10)
CLOCK_SKEW = timedelta(minutes=1)
# A signed assertion is reused only while at least half its validity is left (the DMP may check it minutes
# after it was sent, clocks drift).
REUSE = VALIDITY / 2
NORMAL_ACCESS = Code("normal", c.CS_PURPOSE_OF_USE, "Accès normal")


@dataclass(frozen=True)
class VihfContext:
    """Who calls the DMP, from where, with which software: everything of the VIHF but the patient."""

    practitioner_id: str  # national identifier, e.g. 899700366240 (8-prefixed RPPS)
    practitioner_name: str  # "NOM Prénom"
    profession: Code  # 1.2.250.1.71.1.2.7, e.g. 10 Médecin
    structure_id: str
    secteur: str  # TRE_R02 code, e.g. SA07
    lps_name: str
    lps_version: str
    lps_homologation: str
    savoir_faire: Code | None = None  # 1.2.250.1.71.4.2.5; required for doctors and pharmacists
    authentication_mode: str = c.AUTH_MODE_DIRECT
    authn_context: str = c.AUTHN_CPS
    purpose_of_use: Code = NORMAL_ACCESS
    lps_id: str = ""
    vihf_version: str = "3.0"


class VihfSigner:
    """Builds and signs the VIHF with the signing certificate and key (PEM): the structure's ORG_SIGN
    certificate in indirect mode, or the CPS; never the TLS authentication certificate (§3.0)."""

    def __init__(self, cert_pem: bytes, key_pem: bytes, *, key_password: bytes | None = None) -> None:
        self.key = SigningKey.load(cert_pem, key_pem, password=key_password)

    @classmethod
    def of(cls, key: SigningKey) -> VihfSigner:
        """The signer of a key loaded elsewhere: the CPS card's (`services.card.key.card_signing_key`)."""
        signer = cls.__new__(cls)
        signer.key = key
        return signer

    def sign(
        self, context: VihfContext, patient: PatientId, *, now: datetime | None = None
    ) -> etree._Element:
        """The signed `saml2:Assertion` for one call about `patient`: an enveloped XML-DSig signature of the
        assertion (its `ID`), exclusive C14N, with the signing certificate."""
        now = now or datetime.now(UTC)
        assertion = build_assertion(context, patient, issuer=self.key.subject, now=now)
        assertion_digest = c14n_digest(assertion, EXC_C14N)  # before the signature is in: what it covers
        signature = etree.SubElement(assertion, ds("Signature"))  # under the assertion's ds prefix
        assertion[0].addnext(signature)  # after Issuer, where SAML wants it
        info = signed_info(signature, self.key, EXC_C14N)
        reference(info, f"#{assertion.get('ID')}", assertion_digest, transforms=[ENVELOPED, EXC_C14N])
        key_info(signature, self.key)
        signature_value(signature, info, self.key, EXC_C14N)
        return assertion


def _instant(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _saml(tag: str) -> str:
    return f"{{{c.SAML2}}}{tag}"


def _attribute(statement: etree._Element, name: str, *values: str | etree._Element) -> None:
    attribute = etree.SubElement(statement, _saml("Attribute"), Name=name)
    for value in values:
        holder = etree.SubElement(attribute, _saml("AttributeValue"))
        if isinstance(value, str):
            holder.text = value
        else:
            holder.append(value)


def _hl7_ce(tag: str, code: Code) -> etree._Element:
    element = etree.Element(f"{{{c.HL7V3}}}{tag}", nsmap={None: c.HL7V3, "xsi": c.XSI})
    element.set(f"{{{c.XSI}}}type", "CE")
    element.set("code", code.code)
    element.set("codeSystem", code.scheme)
    if code.display:
        element.set("displayName", code.display)
    return element


def build_assertion(
    context: VihfContext, patient: PatientId, *, issuer: str, now: datetime
) -> etree._Element:
    """The unsigned assertion (`VihfSigner.sign` puts the signature after its `Issuer`)."""
    assertion = etree.Element(
        _saml("Assertion"),
        nsmap={"saml2": c.SAML2, "ds": c.DS, "xsi": c.XSI},
        ID=f"_{uuid4_text()}",
        IssueInstant=_instant(now),
        Version="2.0",
    )
    etree.SubElement(assertion, _saml("Issuer"), Format=c.VIHF_ISSUER_FORMAT).text = issuer
    subject = etree.SubElement(assertion, _saml("Subject"))
    etree.SubElement(subject, _saml("NameID"), Format=NAMEID_UNSPECIFIED).text = context.practitioner_id
    etree.SubElement(
        assertion,
        _saml("Conditions"),
        NotBefore=_instant(now - CLOCK_SKEW),
        NotOnOrAfter=_instant(now + VALIDITY),
    )
    authn = etree.SubElement(assertion, _saml("AuthnStatement"), AuthnInstant=_instant(now))
    authn_context = etree.SubElement(authn, _saml("AuthnContext"))
    etree.SubElement(authn_context, _saml("AuthnContextClassRef")).text = context.authn_context

    statement = etree.SubElement(assertion, _saml("AttributeStatement"))
    _attribute(statement, c.ATTR_VIHF_VERSION, context.vihf_version)
    _attribute(statement, c.ATTR_STRUCTURE, context.structure_id)
    _attribute(statement, c.ATTR_SECTEUR, f"{context.secteur}^{c.CS_SECTEUR}")
    _attribute(statement, c.ATTR_SUBJECT_ID, context.practitioner_name)
    roles = [_hl7_ce("Role", context.profession)]
    if context.savoir_faire is not None:
        roles.append(_hl7_ce("Role", context.savoir_faire))
    _attribute(statement, c.ATTR_ROLE, *roles)
    _attribute(statement, c.ATTR_AUTH_MODE, context.authentication_mode)
    _attribute(statement, c.ATTR_RESOURCE_ID, patient.cx)
    _attribute(statement, c.ATTR_RESOURCE_URN, c.RESOURCE_URN_DMP)
    _attribute(statement, c.ATTR_PURPOSE_OF_USE, _hl7_ce("PurposeOfUse", context.purpose_of_use))
    _attribute(statement, c.ATTR_LPS_NAME, context.lps_name)
    _attribute(statement, c.ATTR_LPS_VERSION, context.lps_version)
    _attribute(statement, c.ATTR_LPS_HOMOLOGATION, context.lps_homologation)
    if context.lps_id:
        _attribute(statement, c.ATTR_LPS_ID, context.lps_id)
    return assertion


class AssertionCache:
    """Signed assertions by (signing certificate, VIHF context, patient), reused for `REUSE` after signing.

    The context names the practitioner and the authentication; the patient is the assertion's `resource-id`:
    an assertion is never given for another patient, another practitioner or another signer. Thread-safe;
    at most `size` assertions are kept (the oldest goes first).
    """

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._signed: dict[tuple[bytes, VihfContext, PatientId], tuple[datetime, etree._Element]] = {}
        self._lock = threading.Lock()

    def assertion(self, signer: VihfSigner, context: VihfContext, patient: PatientId, *,
                  now: datetime | None = None) -> etree._Element:
        """A signed assertion for `patient` (a copy the caller may insert in its envelope)."""
        now = now or datetime.now(UTC)
        key = (signer.key.cert_pem, context, patient)
        with self._lock:
            cached = self._signed.get(key)
        if cached is not None and timedelta(0) <= now - cached[0] < REUSE:
            return copy.deepcopy(cached[1])
        signed = signer.sign(context, patient, now=now)
        with self._lock:
            self._signed.pop(key, None)  # re-inserted last: the dict's order is the signing order
            self._signed[key] = (now, signed)
            while len(self._signed) > self.size:
                del self._signed[next(iter(self._signed))]
        return copy.deepcopy(signed)
