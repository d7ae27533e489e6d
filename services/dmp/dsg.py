"""The IHE DSG signature of an ITI-41 submission set, in XAdES (PROTOCOLS §3.0, §3.2).

The DMP requires every feed to be signed (DMPi 2.10, TD2): a `ds:Signature` enveloping a `ds:Manifest` whose
references name each document of the set by its uniqueId (`urn:oid:…`) with the SHA-256 digest of the exact
bytes sent. XAdES adds the signing time and the signing certificate's digest. It is made with the signing
certificate (ORG_SIGN or CPS), sent as one more document (§3.2 metadata) linked by a `signs` association.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from urllib.parse import quote

from lxml import etree
from signxml import DigestAlgorithm, methods
from signxml.xades import XAdESDataObjectFormat, XAdESSigner

from services.dmp import constants as c
from services.dmp.models import DocumentEntry
from services.dmp.signing import SigningKey

C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
MANIFEST_ID = "IHEManifest"


def _ds(tag: str) -> str:
    return f"{{{c.DS}}}{tag}"


def document_uri(unique_id: str) -> str:
    """DSG names a document by its uniqueId as a URN; `^` of a root^extension id is percent-encoded."""
    return "urn:oid:" + quote(unique_id, safe=".")


def manifest(documents: Sequence[DocumentEntry]) -> etree._Element:
    """`ds:Manifest` with one reference (uniqueId, SHA-256 of the bytes) per document of the set."""
    element = etree.Element(_ds("Manifest"), nsmap={"ds": c.DS}, Id=MANIFEST_ID)
    for entry in documents:
        reference = etree.SubElement(element, _ds("Reference"), URI=document_uri(entry.unique_id))
        etree.SubElement(reference, _ds("DigestMethod"), Algorithm=DigestAlgorithm.SHA256.value)
        digest = base64.b64encode(hashlib.sha256(entry.content).digest()).decode("ascii")
        etree.SubElement(reference, _ds("DigestValue")).text = digest
    return element


def sign_documents(documents: Sequence[DocumentEntry], key: SigningKey) -> bytes:
    """The serialized XAdES signature of `documents` (CPU work: callers on an event loop use a thread)."""
    signer = XAdESSigner(
        method=methods.enveloping,
        signature_algorithm=key.algorithm,
        digest_algorithm="sha256",
        # Inclusive C14N: the XAdES references carry no Transforms, so a verifier canonicalizes them with
        # the inclusive default; signing them with another algorithm would never verify.
        c14n_algorithm=C14N,
        data_object_format=XAdESDataObjectFormat(Description="Manifeste IHE DSG du lot de soumission"),
    )
    signature = signer.sign(manifest(documents), key=key.key, cert=key.cert_pem.decode("ascii"))
    return etree.tostring(signature, xml_declaration=True, encoding="UTF-8")
