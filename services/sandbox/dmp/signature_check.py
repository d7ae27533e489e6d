"""Checking the XAdES signature of an ITI-41 submission set (PROTOCOLS §3.0, §3.2: required by the DMP).

The signature document must be a `ds:Signature` that verifies (XAdES: signed properties, signing certificate
digest) with a certificate issued by the sandbox CA, valid at its signing time, for the calling structure;
the signed `ds:Manifest` must name every other document of the set by its uniqueId (`urn:oid:…`) with the
right digest of the bytes received, and nothing else. Written from the specifications, not from the client.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime, timedelta
from urllib.parse import unquote

from cryptography import x509
from cryptography.x509.oid import NameOID
from lxml import etree

from services.dmp import constants as c
from services.sandbox.ca import Pki
from services.sandbox.dmp import xmldsig
from services.sandbox.dmp.codes import SIGNATURE_INVALIDE
from services.xml import UnsafeXmlError, parse_bytes

CLOCK_SKEW = timedelta(minutes=2)
MAX_AGE = timedelta(days=1)  # sandbox rule: a set is signed when sent, not kept signed for days
URN_OID = "urn:oid:"
XADES_REFERENCES = 3  # the Manifest's object, the KeyInfo and the SignedProperties
# XML-DSig digest algorithms a Manifest reference may use (SHA-1 is refused: XAdES deprecates it).
DIGESTS = {
    c.XMLENC + "sha256": hashlib.sha256,
    c.XMLDSIG_MORE + "sha384": hashlib.sha384,
    c.XMLENC + "sha512": hashlib.sha512,
}


class SignatureRefused(ValueError):
    """The submission-set signature is missing or does not verify; the message is French."""

    code = SIGNATURE_INVALIDE


def _ds(tag: str) -> str:
    return f"{{{c.DS}}}{tag}"


def _xades(tag: str) -> str:
    return f"{{{c.XADES}}}{tag}"


def _b64(text: str) -> bytes:
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except ValueError:  # binascii.Error is a ValueError
        raise SignatureRefused("valeur base64 illisible dans la signature") from None


def _certificate(text: str) -> x509.Certificate:
    try:
        return x509.load_der_x509_certificate(_b64(text))
    except ValueError:
        raise SignatureRefused("certificat du signataire illisible") from None


def _signer(signature: etree._Element, pki: Pki) -> x509.Certificate:
    text = signature.findtext(f"{_ds('KeyInfo')}/{_ds('X509Data')}/{_ds('X509Certificate')}")
    if not text:
        raise SignatureRefused("certificat du signataire absent de la signature")
    cert = _certificate(text)
    if not pki.issued_by_ca(cert):
        raise SignatureRefused("certificat du signataire non émis par une autorité reconnue")
    return cert


def _signing_time(properties: etree._Element, cert: x509.Certificate, now: datetime) -> None:
    text = properties.findtext(f"{_xades('SignedSignatureProperties')}/{_xades('SigningTime')}")
    try:
        moment = datetime.fromisoformat((text or "").strip().replace("Z", "+00:00"))
    except ValueError:
        raise SignatureRefused(f"SigningTime absent ou illisible ({text!r})") from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if moment > now + CLOCK_SKEW or moment < now - MAX_AGE:
        raise SignatureRefused(f"heure de signature {moment:%Y-%m-%d %H:%M} hors de la période admise")
    if not cert.not_valid_before_utc <= moment <= cert.not_valid_after_utc:
        raise SignatureRefused("certificat du signataire non valide à l'heure de la signature")


def _signing_certificate(properties: etree._Element, signature: etree._Element, cert: x509.Certificate) -> None:
    """XAdES SigningCertificate (or V2, exactly one of them): its first `Cert` is the signer's certificate, the
    others certificates of the signature's KeyInfo, each named by its digest."""
    signature_properties = properties.find(_xades("SignedSignatureProperties"))
    holders = [] if signature_properties is None else [
        found for name in ("SigningCertificate", "SigningCertificateV2")
        if (found := signature_properties.find(_xades(name))) is not None
    ]
    if len(holders) != 1:
        raise SignatureRefused("un xades:SigningCertificate (ou V2) attendu dans les propriétés signées")
    known = [cert, *(_certificate(text) for text in signature.xpath(
        "ds:KeyInfo/ds:X509Data/ds:X509Certificate/text()", namespaces={"ds": c.DS}))]
    certs = holders[0].findall(f"{_xades('Cert')}/{_xades('CertDigest')}")
    if not certs:
        raise SignatureRefused("xades:SigningCertificate sans empreinte de certificat")
    for index, digest in enumerate(certs):
        method = digest.find(_ds("DigestMethod"))
        algorithm = "" if method is None else method.get("Algorithm", "")
        if algorithm not in xmldsig.DIGESTS:
            raise SignatureRefused(f"algorithme d'empreinte du certificat non admis : {algorithm!r}")
        value = _b64(digest.findtext(_ds("DigestValue")) or "")
        candidates = known[:1] if index == 0 else known
        if not any(value == candidate.fingerprint(xmldsig.DIGESTS[algorithm]()) for candidate in candidates):
            raise SignatureRefused("empreinte de certificat de xades:SigningCertificate différente")


def _manifest_digests(signed: list[etree._Element]) -> dict[str, tuple[str, str]]:
    """uniqueId → (digest algorithm, digest) of the references of the *signed* Manifest."""
    manifests = [found for element in signed for found in element.iter(_ds("Manifest"))]
    if len(manifests) != 1:
        raise SignatureRefused("la signature ne porte pas sur un ds:Manifest des documents")
    digests = {}
    for reference in manifests[0].iterfind(_ds("Reference")):
        uri = reference.get("URI", "")
        if not uri.startswith(URN_OID):
            raise SignatureRefused(f"référence {uri!r} : uniqueId de document (urn:oid:…) attendu")
        method = reference.find(_ds("DigestMethod"))
        digests[unquote(uri[len(URN_OID):])] = (
            "" if method is None else method.get("Algorithm", ""),
            (reference.findtext(_ds("DigestValue")) or "").strip(),
        )
    return digests


def check_submission_signature(
    data: bytes, documents: dict[str, bytes], pki: Pki, *, structure_id: str, now: datetime | None = None
) -> None:
    """Raise `SignatureRefused` unless `data` is a valid XAdES signature of exactly `documents`.

    Args:
        documents: uniqueId → bytes received, for every document of the set but the signature itself.
        structure_id: the caller's structure (VIHF): the signer must be that structure or one of its people.
    """
    now = now or datetime.now(UTC)
    try:
        signature = parse_bytes(data)
    except UnsafeXmlError:
        raise SignatureRefused("le document de signature n'est pas du XML lisible") from None
    if signature.tag != _ds("Signature"):
        raise SignatureRefused("le document de signature n'est pas une ds:Signature")
    cert = _signer(signature, pki)
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        raise SignatureRefused("certificat du signataire expiré ou pas encore valide")
    units = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)
    if not units or units[0].value != structure_id:
        raise SignatureRefused("signataire d'une autre structure que l'appelant")
    try:
        references = xmldsig.verify(signature, cert)
    except xmldsig.XmlSignatureError as exc:
        raise SignatureRefused(f"signature XAdES invalide ({exc})") from None
    if len(references) != XADES_REFERENCES:
        raise SignatureRefused(f"signature XAdES invalide ({len(references)} références au lieu de 3)")
    signed = [reference.signed_xml for reference in references]
    properties = [element for element in signed if element.tag == _xades("SignedProperties")]
    if len(properties) != 1:
        raise SignatureRefused("signature XAdES invalide (propriétés signées absentes ou en double)")
    _signing_certificate(properties[0], signature, cert)
    _signing_time(properties[0], cert, now)
    digests = _manifest_digests([element for element in signed if element is not properties[0]])
    if set(digests) != set(documents):
        raise SignatureRefused("le manifeste signé ne désigne pas exactement les documents du lot")
    for unique_id, content in documents.items():
        algorithm, value = digests[unique_id]
        if algorithm not in DIGESTS:
            raise SignatureRefused(f"algorithme d'empreinte non admis pour {unique_id} : {algorithm!r}")
        if base64.b64encode(DIGESTS[algorithm](content).digest()).decode("ascii") != value:
            raise SignatureRefused(f"empreinte du document {unique_id} différente de celle signée")
