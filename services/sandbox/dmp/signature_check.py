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
from signxml.exceptions import InvalidCertificate, InvalidDigest, InvalidInput, InvalidSignature
from signxml.xades import XAdESSignatureConfiguration, XAdESVerifier, XAdESVerifyResult

from services.dmp import constants as c
from services.sandbox.ca import Pki
from services.sandbox.dmp.codes import SIGNATURE_INVALIDE
from services.xml import UnsafeXmlError, parse_bytes

CLOCK_SKEW = timedelta(minutes=2)
MAX_AGE = timedelta(days=1)  # sandbox rule: a set is signed when sent, not kept signed for days
URN_OID = "urn:oid:"
# XML-DSig digest algorithms a Manifest reference may use (SHA-1 is refused: XAdES deprecates it).
DIGESTS = {
    "http://www.w3.org/2001/04/xmlenc#sha256": hashlib.sha256,
    "http://www.w3.org/2001/04/xmldsig-more#sha384": hashlib.sha384,
    "http://www.w3.org/2001/04/xmlenc#sha512": hashlib.sha512,
}


class SignatureRefused(ValueError):
    """The submission-set signature is missing or does not verify; the message is French."""

    code = SIGNATURE_INVALIDE


def _ds(tag: str) -> str:
    return f"{{{c.DS}}}{tag}"


def _signer(signature: etree._Element, pki: Pki) -> x509.Certificate:
    text = signature.findtext(f"{_ds('KeyInfo')}/{_ds('X509Data')}/{_ds('X509Certificate')}")
    if not text:
        raise SignatureRefused("certificat du signataire absent de la signature")
    try:
        cert = x509.load_der_x509_certificate(base64.b64decode("".join(text.split()), validate=True))
    except ValueError:
        raise SignatureRefused("certificat du signataire illisible") from None
    if not pki.issued_by_ca(cert):
        raise SignatureRefused("certificat du signataire non émis par une autorité reconnue")
    return cert


def _signing_time(result: XAdESVerifyResult, cert: x509.Certificate, now: datetime) -> None:
    text = result.signed_properties.findtext(f"{{{c.XADES}}}SigningTime")
    try:
        moment = datetime.fromisoformat((text or "").strip().replace("Z", "+00:00"))
    except ValueError:
        raise SignatureRefused(f"SigningTime absent ou illisible ({text!r})") from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if moment > now + CLOCK_SKEW or moment < now - MAX_AGE:
        raise SignatureRefused(f"heure de signature {moment:%Y-%m-%d %H:%M} hors de la période admise")
    if not cert.not_valid_before_utc <= moment <= cert.not_valid_after_utc:
        raise SignatureRefused("certificat du signataire non valide à l'heure de la signature")


def _manifest_digests(results: list[object]) -> dict[str, tuple[str, str]]:
    """uniqueId → (digest algorithm, digest) of the references of the *signed* Manifest."""
    manifests = [
        found
        for result in results
        if not isinstance(result, XAdESVerifyResult) and getattr(result, "signed_xml", None) is not None
        for found in result.signed_xml.iter(_ds("Manifest"))  # type: ignore[attr-defined]
    ]
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
    units = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)
    if not units or units[0].value != structure_id:
        raise SignatureRefused("signataire d'une autre structure que l'appelant")
    try:
        results = XAdESVerifier().verify(
            data, x509_cert=cert, expect_config=XAdESSignatureConfiguration(expect_references=3)
        )
    except (InvalidSignature, InvalidDigest, InvalidInput, InvalidCertificate, ValueError) as exc:
        raise SignatureRefused(f"signature XAdES invalide ({type(exc).__name__})") from None
    signed_properties = [result for result in results if isinstance(result, XAdESVerifyResult)]
    _signing_time(signed_properties[0], cert, now)
    digests = _manifest_digests(list(results))
    if set(digests) != set(documents):
        raise SignatureRefused("le manifeste signé ne désigne pas exactement les documents du lot")
    for unique_id, content in documents.items():
        algorithm, value = digests[unique_id]
        if algorithm not in DIGESTS:
            raise SignatureRefused(f"algorithme d'empreinte non admis pour {unique_id} : {algorithm!r}")
        if base64.b64encode(DIGESTS[algorithm](content).digest()).decode("ascii") != value:
            raise SignatureRefused(f"empreinte du document {unique_id} différente de celle signée")
