"""The simulator's own XML-DSig core validation (XML Signature 1.1 §3.2), for its two signatures: the VIHF's
enveloped signature and the submission set's enveloping XAdES one.

It replaced signxml's verifier, which parsed and serialized the whole document a dozen times per signature
(close to half of the simulator's CPU per ITI-41). Same checks, on the tree already parsed:

- the `ds:Signature` is valid against the XML-DSig schema (signxml's copy of it);
- `SignedInfo`, canonicalized by its CanonicalizationMethod, verifies with the certificate's key under its
  SignatureMethod (RSA PKCS#1 v1.5 or ECDSA; SHA-1 refused, as signxml does by default); a `KeyValue` or
  `DEREncodedKeyValue` beside the certificate must be the certificate's key;
- every `Reference` names one element of the signature's document by `#id` (an id found twice is refused:
  signature wrapping) or the whole document by `""`; its transforms may only be the enveloped-signature
  transform and the canonicalizations; its digest (SHA-1 refused) must match.

What was signed is returned reparsed from the canonical bytes ("see what is signed": no comment nor text that
the digest did not cover). The certificate's trust (issuer, validity) is the caller's business.
"""

from __future__ import annotations

import base64
import binascii
import importlib.resources
import threading
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from lxml import etree

from services.dmp.constants import C14N, DS, DSIG11, ENVELOPED, EXC_C14N, XMLDSIG_MORE, XMLENC
from services.xml import UnsafeXmlError, parse_bytes

# Algorithm URI → (exclusive, with comments). C14N 1.1 is left out: lxml does not implement it.
CANONICALIZATIONS = {
    C14N: (False, False),
    C14N + "#WithComments": (False, True),
    EXC_C14N: (True, False),
    EXC_C14N + "WithComments": (True, True),
}
DIGESTS: dict[str, type[hashes.HashAlgorithm]] = {
    XMLDSIG_MORE + "sha224": hashes.SHA224,
    XMLENC + "sha256": hashes.SHA256,
    XMLDSIG_MORE + "sha384": hashes.SHA384,
    XMLENC + "sha512": hashes.SHA512,
}
# SignatureMethod URI → (RSA or EC key expected, hash).
SIGNATURE_METHODS: dict[str, tuple[type[rsa.RSAPublicKey | ec.EllipticCurvePublicKey], type[hashes.HashAlgorithm]]] = {
    XMLDSIG_MORE + f"{kind}-{name}": (key, digest)
    for kind, key in (("rsa", rsa.RSAPublicKey), ("ecdsa", ec.EllipticCurvePublicKey))
    for name, digest in (("sha224", hashes.SHA224), ("sha256", hashes.SHA256), ("sha384", hashes.SHA384),
                         ("sha512", hashes.SHA512))
}
_BY_ID = etree.XPath("//*[@*[local-name() = 'Id' or local-name() = 'ID' or local-name() = 'id'] = $id]")


class XmlSignatureError(ValueError):
    """The signature does not verify; the message (French) says why."""


@dataclass(frozen=True)
class SignedReference:
    uri: str
    type: str  # the Reference's Type attribute ("" when absent)
    signed_xml: etree._Element  # what was signed, reparsed from its canonical form


def _load_schema() -> etree.XMLSchema:
    """The XML-DSig 1.1 schema (including the 1.0 core), from signxml's package data."""
    with importlib.resources.as_file(importlib.resources.files("signxml.schemas")) as folder:
        return etree.XMLSchema(etree.parse(str(folder / "xmldsig1-schema.xsd")))


# Compiled at import, on the thread that loads the simulator, not by its first requests: those arrive together
# on the server's threads, and a sandbox whose first two checks compiled it at once answered HTTP 500 to every
# request after ("xmlSchemaPValAttrNodeValue, the given type is not a built-in type": libxml2's table of
# built-in types, initialised by the first compilation, was left broken). A validator's error log belongs to its
# schema object: validations take turns.
_SCHEMA = _load_schema()
_SCHEMA_LOCK = threading.Lock()


def _schema_valid(signature: etree._Element) -> bool:
    with _SCHEMA_LOCK:
        return _SCHEMA.validate(signature)


def _ds(tag: str) -> str:
    return f"{{{DS}}}{tag}"


def _b64(text: str | None) -> bytes:
    try:
        return base64.b64decode("".join((text or "").split()), validate=True)
    except binascii.Error:
        raise XmlSignatureError("valeur base64 illisible dans la signature") from None


def _canonical(element: etree._Element, method: etree._Element | None) -> bytes:
    algorithm = "" if method is None else method.get("Algorithm", "")
    if algorithm not in CANONICALIZATIONS:
        raise XmlSignatureError(f"canonicalisation non admise : {algorithm!r}")
    exclusive, with_comments = CANONICALIZATIONS[algorithm]
    prefixes = None
    if exclusive and method is not None:
        inclusive = method.find(f"{{{EXC_C14N}}}InclusiveNamespaces")
        prefixes = None if inclusive is None else inclusive.get("PrefixList", "").split()
    return etree.tostring(element, method="c14n", exclusive=exclusive, with_comments=with_comments,
                          inclusive_ns_prefixes=prefixes)


def _check_key_info(signature: etree._Element, key: rsa.RSAPublicKey | ec.EllipticCurvePublicKey) -> None:
    """A key given beside the certificate must be the certificate's (else: which one signed?)."""
    der = signature.findtext(f"{_ds('KeyInfo')}/{{{DSIG11}}}DEREncodedKeyValue")
    if der is not None and _b64(der) != key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo):
        raise XmlSignatureError("DEREncodedKeyValue différente de la clé du certificat")
    value = signature.find(f"{_ds('KeyInfo')}/{_ds('KeyValue')}")
    if value is None:
        return
    rsa_value = value.find(_ds("RSAKeyValue"))
    ec_value = value.find(f"{{{DSIG11}}}ECKeyValue")
    if rsa_value is not None and isinstance(key, rsa.RSAPublicKey):
        numbers = key.public_numbers()
        same = (int.from_bytes(_b64(rsa_value.findtext(_ds("Modulus"))), "big") == numbers.n
                and int.from_bytes(_b64(rsa_value.findtext(_ds("Exponent"))), "big") == numbers.e)
    elif ec_value is not None and isinstance(key, ec.EllipticCurvePublicKey):
        same = _b64(ec_value.findtext(f"{{{DSIG11}}}PublicKey")) == key.public_bytes(
            Encoding.X962, PublicFormat.UncompressedPoint)
    else:
        same = False
    if not same:
        raise XmlSignatureError("KeyValue différente de la clé du certificat")


def _verify_signed_info(signature: etree._Element, signed_info: etree._Element, cert: x509.Certificate) -> None:
    method = signed_info.find(_ds("SignatureMethod"))
    algorithm = "" if method is None else method.get("Algorithm", "")
    if algorithm not in SIGNATURE_METHODS:
        raise XmlSignatureError(f"algorithme de signature non admis : {algorithm!r}")
    key_type, digest = SIGNATURE_METHODS[algorithm]
    key = cert.public_key()
    if not isinstance(key, key_type):
        raise XmlSignatureError("algorithme de signature inadapté à la clé du certificat")
    value = _b64(signature.findtext(_ds("SignatureValue")))
    data = _canonical(signed_info, signed_info.find(_ds("CanonicalizationMethod")))
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(value, data, padding.PKCS1v15(), digest())
        else:
            assert isinstance(key, ec.EllipticCurvePublicKey)
            size = (key.key_size + 7) // 8  # XML-DSig carries r and s side by side, each on `size` bytes
            if len(value) != 2 * size:
                raise XmlSignatureError("valeur de signature ECDSA de longueur invalide")
            r, s = int.from_bytes(value[:size], "big"), int.from_bytes(value[size:], "big")
            key.verify(encode_dss_signature(r, s), data, ec.ECDSA(digest()))
    except InvalidSignature:
        raise XmlSignatureError("SignatureValue invalide pour SignedInfo") from None
    _check_key_info(signature, key)


def _referenced(signature: etree._Element, uri: str) -> etree._Element:
    root = signature.getroottree().getroot()
    if uri == "":
        return root
    if not uri.startswith("#") or uri.startswith("#xpointer("):
        raise XmlSignatureError(f"référence {uri!r} non admise (#identifiant attendu)")
    found = _BY_ID(root, id=uri[1:])
    if not isinstance(found, list) or len(found) != 1:
        raise XmlSignatureError(f"référence {uri!r} : {len(found) if isinstance(found, list) else 0} élément(s)")
    element = found[0]
    assert isinstance(element, etree._Element)
    return element


def _without(element: etree._Element, signature: etree._Element) -> etree._Element:
    """A copy of `element` without `signature` (enveloped-signature transform), the text around it kept.

    Copied by serialization, not deepcopy: the copy keeps every namespace in scope, as inclusive C14N of the
    element in its document would render them."""
    path = []
    node = signature
    while node is not element:
        parent = node.getparent()
        if parent is None:  # the signature is not inside: the transform removes nothing
            return element
        path.append(parent.index(node))
        node = parent
    copy = parse_bytes(etree.tostring(element))
    target = copy
    for index in reversed(path):
        target = target[index]
    parent, previous, tail = target.getparent(), target.getprevious(), target.tail
    assert parent is not None
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(target)
    return copy


def _verify_reference(signature: etree._Element, reference: etree._Element) -> SignedReference:
    uri = reference.get("URI")
    if uri is None:
        raise XmlSignatureError("référence sans URI")
    element = _referenced(signature, uri)
    transforms = reference.findall(f"{_ds('Transforms')}/{_ds('Transform')}")
    c14n: etree._Element | None = None
    for transform in transforms:
        algorithm = transform.get("Algorithm", "")
        if algorithm == ENVELOPED:
            element = _without(element, signature)
        elif algorithm in CANONICALIZATIONS:
            c14n = transform
        else:
            raise XmlSignatureError(f"transformation non admise : {algorithm!r}")
    if c14n is None:  # XML-DSig §4.4.3.2: a node-set becomes octets by inclusive C14N 1.0
        c14n = etree.Element(_ds("CanonicalizationMethod"), Algorithm=C14N)
    data = _canonical(element, c14n)
    method = reference.find(_ds("DigestMethod"))
    algorithm = "" if method is None else method.get("Algorithm", "")
    if algorithm not in DIGESTS:
        raise XmlSignatureError(f"algorithme d'empreinte non admis : {algorithm!r}")
    digest = hashes.Hash(DIGESTS[algorithm]())
    digest.update(data)
    if digest.finalize() != _b64(reference.findtext(_ds("DigestValue"))):
        raise XmlSignatureError(f"empreinte de la référence {uri!r} différente")
    try:
        signed = parse_bytes(data)
    except UnsafeXmlError:
        raise XmlSignatureError(f"référence {uri!r} : contenu signé illisible") from None
    return SignedReference(uri=uri, type=reference.get("Type", ""), signed_xml=signed)


def verify(signature: etree._Element, cert: x509.Certificate) -> list[SignedReference]:
    """Core validation of `signature` (in its document) with `cert`'s key; raises `XmlSignatureError`."""
    if signature.tag != _ds("Signature"):
        raise XmlSignatureError("ds:Signature attendue")
    if not _schema_valid(signature):
        raise XmlSignatureError("ds:Signature non conforme au schéma XML-DSig")
    signed_info = signature.find(_ds("SignedInfo"))
    assert signed_info is not None  # the schema requires it
    _verify_signed_info(signature, signed_info, cert)
    return [_verify_reference(signature, reference) for reference in signed_info.iterfind(_ds("Reference"))]
