"""The IHE DSG signature of an ITI-41 submission set, in XAdES (PROTOCOLS §3.0, §3.2).

The DMP requires every feed to be signed (DMPi 2.10, TD2): a `ds:Signature` enveloping a `ds:Manifest` whose
references name each document of the set by its uniqueId (`urn:oid:…`) with the SHA-256 digest of the exact
bytes sent. XAdES adds the signing time and the signing certificate's digest. It is made with the signing
certificate (ORG_SIGN or CPS), sent as one more document (§3.2 metadata) linked by a `signs` association.
"""

from __future__ import annotations

import copy
import weakref
from collections.abc import Sequence
from datetime import UTC, datetime
from urllib.parse import quote

from lxml import etree

from services.dmp import constants as c
from services.dmp.constants import C14N, SHA256
from services.dmp.ids import random_hex
from services.dmp.models import DocumentEntry
from services.dmp.signing import SigningKey, sha256_base64, sha256_hex
from services.dmp.xmldsig import digest as c14n_digest
from services.dmp.xmldsig import ds, key_info, reference, signature_value, signed_info

MANIFEST_ID = "IHEManifest"
OBJECT_ID = "object"
SIGNED_PROPERTIES = "http://uri.etsi.org/01903#SignedProperties"
DESCRIPTION = "Manifeste IHE DSG du lot de soumission"
NSMAP = {"ds": c.DS, "xades": c.XADES}
# `_certificate_info` by key, forgotten with the key (a card's goes with its session).
_CERTIFICATE_INFO: weakref.WeakKeyDictionary[SigningKey, tuple[etree._Element, str]] = weakref.WeakKeyDictionary()


def _xades(tag: str) -> str:
    return f"{{{c.XADES}}}{tag}"


def document_uri(unique_id: str) -> str:
    """DSG names a document by its uniqueId as a URN; `^` of a root^extension id is percent-encoded."""
    return "urn:oid:" + quote(unique_id, safe=".")


def manifest(documents: Sequence[DocumentEntry]) -> etree._Element:
    """`ds:Manifest` with one reference (uniqueId, SHA-256 of the bytes) per document of the set."""
    element = etree.Element(ds("Manifest"), nsmap={"ds": c.DS}, Id=MANIFEST_ID)
    for entry in documents:
        reference(element, document_uri(entry.unique_id), sha256_base64(entry.content))
    return element


def _signed_properties(parent: etree._Element, key: SigningKey, signature_id: str, object_reference: str,
                       now: datetime) -> etree._Element:
    """`xades:SignedProperties`: signing time, SHA-256 of each certificate of the chain (SigningCertificateV2),
    format of the signed object."""
    qualifying = etree.SubElement(parent, _xades("QualifyingProperties"), Target=f"#{signature_id}")
    properties = etree.SubElement(qualifying, _xades("SignedProperties"), Id=f"{signature_id}-SignedProperties")
    signature_properties = etree.SubElement(properties, _xades("SignedSignatureProperties"))
    etree.SubElement(signature_properties, _xades("SigningTime")).text = now.isoformat(timespec="seconds")
    certificates = etree.SubElement(signature_properties, _xades("SigningCertificateV2"))
    for der in key.chain_der:
        certificate_digest = etree.SubElement(etree.SubElement(certificates, _xades("Cert")), _xades("CertDigest"))
        etree.SubElement(certificate_digest, ds("DigestMethod"), Algorithm=SHA256)
        etree.SubElement(certificate_digest, ds("DigestValue")).text = sha256_base64(der)
    object_format = etree.SubElement(
        etree.SubElement(properties, _xades("SignedDataObjectProperties")), _xades("DataObjectFormat"),
        ObjectReference=f"#{object_reference}")
    etree.SubElement(object_format, _xades("Description")).text = DESCRIPTION
    etree.SubElement(object_format, _xades("MimeType")).text = "text/xml"
    return properties


def _certificate_info(key: SigningKey) -> tuple[etree._Element, str]:
    """The `ds:KeyInfo` of `key`'s signatures (public key and certificate chain, an Id per certificate) and its
    digest in a signature's namespace context: the same for every signature by that key."""
    found = _CERTIFICATE_INFO.get(key)
    if found is None:
        signature = etree.Element(ds("Signature"), nsmap=NSMAP)
        info = key_info(signature, key, key_value=True, Id=f"Certificate-{sha256_hex(key.chain_der[0])[:16]}")
        found = _CERTIFICATE_INFO[key] = (info, c14n_digest(info, C14N))
    return found


def sign_documents(documents: Sequence[DocumentEntry], key: SigningKey, *, now: datetime | None = None) -> bytes:
    """The serialized XAdES signature of `documents` (CPU work: callers on an event loop use a thread).

    Enveloping: the signature holds the manifest in `ds:Object Id="object"`, the XAdES properties in another
    `ds:Object`; SignedInfo references the manifest's object, the signed properties and the KeyInfo.
    Inclusive C14N throughout: the XAdES references carry no Transforms, so a verifier canonicalizes them with
    the inclusive default; signing them with another algorithm would never verify.
    """
    token = random_hex(4).upper()
    signature_id, reference_id = f"Signature{token}", f"Reference{token}"
    signature = etree.Element(ds("Signature"), nsmap=NSMAP, Id=signature_id)
    info = signed_info(signature, key, C14N)
    certificate, certificate_digest = _certificate_info(key)
    signature.append(copy.deepcopy(certificate))
    properties = _signed_properties(etree.SubElement(signature, ds("Object")), key, signature_id, reference_id,
                                    now or datetime.now(UTC))
    signed_object = etree.SubElement(signature, ds("Object"), Id=OBJECT_ID)
    signed_object.append(manifest(documents))
    reference(info, f"#{OBJECT_ID}", c14n_digest(signed_object, C14N), transforms=[C14N], Id=reference_id)
    reference(info, f"#{properties.get('Id')}", c14n_digest(properties, C14N), Type=SIGNED_PROPERTIES)
    reference(info, f"#{certificate.get('Id')}", certificate_digest)
    signature_value(signature, info, key, C14N)
    return etree.tostring(signature, xml_declaration=True, encoding="UTF-8")

