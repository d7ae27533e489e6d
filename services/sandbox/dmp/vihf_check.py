"""Checking the VIHF of a request (PROTOCOLS.md §3.5, §8): present, signed, signature valid, signer issued
by the sandbox CA and valid now, assertion not expired, every required attribute present and well formed.

The authentication class must agree with the signer and the mode (§3.0, §5.0): a CPS card signs SmartcardPKI
assertions in direct mode for its holder only; the structure signs TLSClient and MobileTwoFactorUnregistered
(Pro Santé Connect) ones in indirect mode.

Against the TLS client certificate (§3.0): `Identifiant_Structure` must be the structure the certificate
names (its OU), and in indirect mode the VIHF must be signed with the structure's signing certificate, not
with the authentication certificate used for TLS (two keys).

Any failure raises `Fault(VIHF_INVALIDE)`; success gives the `Caller` the simulator authorises against.
"""

from __future__ import annotations

import base64
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from lxml import etree

from services.dmp import constants as c
from services.sandbox.ca import Pki
from services.sandbox.dmp import xmldsig
from services.sandbox.dmp.codes import VIHF_INVALIDE, Fault
from services.sandbox.dmp.patients import PatientRef, parse_cx
from services.xml import parse_bytes

CLOCK_SKEW = timedelta(minutes=2)
AUTHN_CLASSES = frozenset({c.AUTHN_CPS, c.AUTHN_ECPS, c.AUTHN_STRUCTURE})
INDIRECT_MODES = frozenset(c.AUTH_MODES - {c.AUTH_MODE_DIRECT})
REQUIRED = (
    c.ATTR_VIHF_VERSION,
    c.ATTR_STRUCTURE,
    c.ATTR_SECTEUR,
    c.ATTR_SUBJECT_ID,
    c.ATTR_ROLE,
    c.ATTR_AUTH_MODE,
    c.ATTR_RESOURCE_ID,
    c.ATTR_RESOURCE_URN,
    c.ATTR_PURPOSE_OF_USE,
    c.ATTR_LPS_NAME,
    c.ATTR_LPS_VERSION,
    c.ATTR_LPS_HOMOLOGATION,
)


@dataclass(frozen=True)
class Caller:
    practitioner_id: str
    structure_id: str
    patient: PatientRef  # the VIHF resource-id


def _refuse(text: str) -> Fault:
    return Fault(VIHF_INVALIDE, f"VIHF refusé : {text}")


def _saml(tag: str) -> str:
    return f"{{{c.SAML2}}}{tag}"


def _instant(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _refuse(f"horodatage illisible {value!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _signer(signature: etree._Element, pki: Pki) -> x509.Certificate:
    text = signature.findtext(f"{{{c.DS}}}KeyInfo/{{{c.DS}}}X509Data/{{{c.DS}}}X509Certificate")
    if not text:
        raise _refuse("certificat du signataire absent")
    try:
        cert = x509.load_der_x509_certificate(_b64(text))
    except ValueError:
        raise _refuse("certificat du signataire illisible") from None
    if not pki.issued_by_ca(cert):
        raise _refuse("certificat du signataire non émis par l'autorité de test")
    return cert


def _b64(text: str) -> bytes:
    return base64.b64decode("".join(text.split()), validate=True)


@dataclass(frozen=True)
class _Checked:
    """What an assertion that passed every check but the clock's gives, and what the clock checks need."""

    caller: Caller
    signer: x509.Certificate
    not_before: datetime | None
    not_after: datetime | None


class CheckedAssertions:
    """The assertions that passed every check but the clock's, by digest of their bytes and TLS certificate: a
    client reuses one signed assertion for several calls while it is valid, and the same bytes from the same
    client certificate pass the same checks. The clock's checks (assertion and signer validity) still run on
    every call. Thread-safe, bounded (the oldest goes first)."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._checked: OrderedDict[tuple[bytes, x509.Certificate | None], _Checked] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[bytes, x509.Certificate | None]) -> _Checked | None:
        with self._lock:
            return self._checked.get(key)

    def add(self, key: tuple[bytes, x509.Certificate | None], checked: _Checked) -> None:
        with self._lock:
            self._checked[key] = checked
            if len(self._checked) > self.size:
                self._checked.popitem(last=False)


def _verify_signature(assertion: etree._Element, data: bytes, cert: x509.Certificate) -> None:
    """The enveloped signature must be valid and must cover the assertion itself (its ID), nothing else.
    Verified on `data`, the assertion as its own document, as it was signed: its ID is looked up within it."""
    alone = parse_bytes(data)
    signature = alone.find(f"{{{c.DS}}}Signature")
    assert signature is not None  # _check found it
    try:
        references = xmldsig.verify(signature, cert)
    except xmldsig.XmlSignatureError as exc:
        raise _refuse(f"signature invalide ({exc})") from None
    signed = references[0].signed_xml if len(references) == 1 else None
    if signed is None or signed.tag != _saml("Assertion") or signed.get("ID") != assertion.get("ID"):
        raise _refuse("la signature ne porte pas sur l'assertion")


def _attributes(assertion: etree._Element) -> dict[str, list[etree._Element]]:
    found: dict[str, list[etree._Element]] = {}
    for attribute in assertion.iterfind(f"{_saml('AttributeStatement')}/{_saml('Attribute')}"):
        found.setdefault(attribute.get("Name", ""), []).extend(attribute.iterfind(_saml("AttributeValue")))
    return found


def _text(values: list[etree._Element]) -> str:
    return (values[0].text or "").strip() if values else ""


def _structure_of(cert: x509.Certificate) -> str:
    units = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)
    return str(units[0].value) if units else ""


def _authenticates_tls(cert: x509.Certificate) -> bool:
    try:
        usages = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        return False
    return ExtendedKeyUsageOID.CLIENT_AUTH in usages


def _same_key(first: x509.Certificate, second: x509.Certificate) -> bool:
    return first.public_key() == second.public_key()


def _check_against_tls(
    attributes: dict[str, list[etree._Element]], signer: x509.Certificate, tls: x509.Certificate | None
) -> None:
    if tls is None:
        return
    structure = _structure_of(tls)
    if structure and _text(attributes[c.ATTR_STRUCTURE]) != structure:
        raise _refuse(f"Identifiant_Structure différent de la structure du certificat TLS ({structure})")
    if _text(attributes[c.ATTR_AUTH_MODE]) in INDIRECT_MODES and (
        _same_key(signer, tls) or _authenticates_tls(signer)
    ):
        raise _refuse("mode indirect : VIHF signé avec le certificat d'authentification au lieu du certificat de "
                      "signature de la structure")


def _is_card(cert: x509.Certificate) -> bool:
    """A CPS names a person (surname, given name); a structure's certificate names the structure."""
    return bool(cert.subject.get_attributes_for_oid(NameOID.SURNAME))


def _card_holder(cert: x509.Certificate) -> str:
    """The national id of a CPS holder: the subject's serialNumber (8 + RPPS)."""
    values = cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    return str(values[0].value) if values else ""


def _check_authentication(authn: str, mode: str, practitioner: str, signer: x509.Certificate) -> None:
    """The three forms of §3.0/§5.0, and nothing in between: SmartcardPKI is signed by the practitioner's own
    card in direct mode; TLSClient (structure) and MobileTwoFactorUnregistered (Pro Santé Connect) are signed
    by the structure in indirect mode."""
    if authn == c.AUTHN_CPS:
        if not _is_card(signer):
            raise _refuse("SmartcardPKI : le VIHF n'est pas signé par une carte CPS")
        if _card_holder(signer) != practitioner:
            raise _refuse("SmartcardPKI : le porteur de la carte n'est pas le professionnel du VIHF (NameID)")
        if mode != c.AUTH_MODE_DIRECT:
            raise _refuse("SmartcardPKI : Authentification_Mode DIRECTE attendu")
        return
    if _is_card(signer):
        raise _refuse(f"{authn.rsplit(':', 1)[-1]} : VIHF signé par une carte CPS (SmartcardPKI attendu)")
    if mode not in INDIRECT_MODES:
        raise _refuse(f"{authn.rsplit(':', 1)[-1]} : mode indirect attendu (VIHF signé par la structure)")


def check_vihf(
    header: etree._Element, pki: Pki, *, tls: x509.Certificate | None = None, now: datetime | None = None,
    checked: CheckedAssertions | None = None,
) -> Caller:
    """The caller of a request; `tls` is the client certificate of the connection (None: not checked);
    `checked` spares checking again an assertion already checked (but for the clock)."""
    now = now or datetime.now(UTC)
    assertions = header.findall(f"{{{c.WSSE}}}Security/{_saml('Assertion')}")
    if len(assertions) != 1:
        raise _refuse("assertion SAML absente de wsse:Security" if not assertions else "plusieurs assertions")
    data = etree.tostring(assertions[0])
    key = (hashlib.sha256(data).digest(), tls)
    found = None if checked is None else checked.get(key)
    if found is None:
        found = _check(assertions[0], data, pki, tls)
        if checked is not None:
            checked.add(key, found)
    if not found.signer.not_valid_before_utc <= now <= found.signer.not_valid_after_utc:
        raise _refuse("certificat du signataire expiré ou pas encore valide")
    if found.not_after is not None and now >= found.not_after + CLOCK_SKEW:
        raise _refuse("assertion expirée (NotOnOrAfter dépassé)")
    if found.not_before is not None and now < found.not_before - CLOCK_SKEW:
        raise _refuse("assertion pas encore valide (NotBefore)")
    return found.caller


def _check(assertion: etree._Element, data: bytes, pki: Pki, tls: x509.Certificate | None) -> _Checked:
    """Every check that does not depend on the time of the call."""
    if assertion.get("Version") != "2.0" or not assertion.get("ID") or not assertion.get("IssueInstant"):
        raise _refuse("assertion SAML 2.0 mal formée (Version, ID, IssueInstant)")
    signature = assertion.find(f"{{{c.DS}}}Signature")
    if signature is None:
        raise _refuse("assertion non signée")
    signer = _signer(signature, pki)
    _verify_signature(assertion, data, signer)

    issuer = assertion.find(_saml("Issuer"))
    if issuer is None or issuer.get("Format") != c.VIHF_ISSUER_FORMAT or not (issuer.text or "").strip():
        raise _refuse("Issuer absent ou de format autre que X509SubjectName")
    conditions = assertion.find(_saml("Conditions"))
    not_before = None if conditions is None else _instant(conditions.get("NotBefore"))
    not_after = None if conditions is None else _instant(conditions.get("NotOnOrAfter"))
    practitioner = (assertion.findtext(f"{_saml('Subject')}/{_saml('NameID')}") or "").strip()
    if not practitioner:
        raise _refuse("Subject/NameID (identifiant du professionnel) absent")
    authn = assertion.findtext(
        f"{_saml('AuthnStatement')}/{_saml('AuthnContext')}/{_saml('AuthnContextClassRef')}"
    )
    if authn is None:
        raise _refuse("AuthnStatement absent")
    if authn.strip() not in AUTHN_CLASSES:
        raise _refuse(f"AuthnContextClassRef inconnu : {authn.strip()!r}")

    attributes = _attributes(assertion)
    missing = [name for name in REQUIRED if not attributes.get(name)]
    if missing:
        raise _refuse(f"attribut(s) obligatoire(s) absent(s) : {', '.join(missing)}")
    if _text(attributes[c.ATTR_VIHF_VERSION]) not in c.VIHF_VERSIONS:
        raise _refuse("VIHF_Version doit valoir 3.0 ou 4.0")
    if not _text(attributes[c.ATTR_SECTEUR]).endswith(f"^{c.CS_SECTEUR}"):
        raise _refuse("Secteur_Activite doit être de la forme code^1.2.250.1.71.4.2.4")
    roles = [value.find(f"{{{c.HL7V3}}}Role") for value in attributes[c.ATTR_ROLE]]
    if not any(
        role is not None and role.get("codeSystem") == c.CS_PROFESSION and role.get("code") for role in roles
    ):
        raise _refuse("rôle « profession » (1.2.250.1.71.1.2.7) absent")
    if _text(attributes[c.ATTR_AUTH_MODE]) not in c.AUTH_MODES:
        raise _refuse("Authentification_Mode inconnu")
    if _text(attributes[c.ATTR_RESOURCE_URN]) != c.RESOURCE_URN_DMP:
        raise _refuse("Ressource_URN doit valoir urn:dmp")
    purpose = attributes[c.ATTR_PURPOSE_OF_USE][0].find(f"{{{c.HL7V3}}}PurposeOfUse")
    if purpose is None or not purpose.get("code"):
        raise _refuse("purposeofuse mal formé")
    for name in (c.ATTR_STRUCTURE, c.ATTR_LPS_NAME, c.ATTR_LPS_VERSION, c.ATTR_LPS_HOMOLOGATION):
        if not _text(attributes[name]):
            raise _refuse(f"attribut {name} vide")
    _check_authentication(authn.strip(), _text(attributes[c.ATTR_AUTH_MODE]), practitioner, signer)
    _check_against_tls(attributes, signer, tls)
    patient = parse_cx(_text(attributes[c.ATTR_RESOURCE_ID]))
    if patient is None:
        raise _refuse("resource-id n'est pas un identifiant patient CX")
    caller = Caller(
        practitioner_id=practitioner, structure_id=_text(attributes[c.ATTR_STRUCTURE]), patient=patient
    )
    return _Checked(caller=caller, signer=signer, not_before=not_before, not_after=not_after)
