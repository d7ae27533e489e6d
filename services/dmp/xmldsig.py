"""XML-DSig building blocks of the DMP signatures (the VIHF's enveloped signature, `vihf`; the XAdES signature
of the submission sets, `dsg`).

Made here rather than with signxml, whose `sign()` costs more than a millisecond per call besides the key
operation (it parses and serialises the tree several times and re-reads the certificate): here each signed part
is canonicalised once, with lxml, and the certificate comes from the `SigningKey`. The elements and algorithms
are the ones signxml writes (the simulator verifies them with its own checker, `services.sandbox.dmp.xmldsig`):
SHA-256 digests, RSA (PKCS#1 v1.5) or ECDSA with SHA-256, `X509Data` with the certificate chain.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from lxml import etree

from services.dmp import constants as c
from services.dmp.constants import DSIG11, EXC_C14N, SHA256
from services.dmp.signing import SigningKey, sha256_base64

# Named curves of an ECDSA KeyValue (RFC 4051 §2.2, XML-DSig 1.1 §4.5.2.3).
CURVE_OIDS = {"secp256r1": "1.2.840.10045.3.1.7", "secp384r1": "1.3.132.0.34", "secp521r1": "1.3.132.0.35"}


def ds(tag: str) -> str:
    return f"{{{c.DS}}}{tag}"


def canonical(element: etree._Element, algorithm: str) -> bytes:
    """`element` (and its subtree, in its document's namespace context) canonicalised by `algorithm`."""
    return etree.tostring(element, method="c14n", exclusive=algorithm == EXC_C14N)


def digest(element: etree._Element, algorithm: str) -> str:
    return sha256_base64(canonical(element, algorithm))


def signed_info(parent: etree._Element, key: SigningKey, c14n: str) -> etree._Element:
    """A `ds:SignedInfo` without references yet (`reference` adds them), appended to `parent`."""
    info = etree.SubElement(parent, ds("SignedInfo"))
    etree.SubElement(info, ds("CanonicalizationMethod"), Algorithm=c14n)
    etree.SubElement(info, ds("SignatureMethod"), Algorithm=key.signature_method)
    return info


def reference(info: etree._Element, uri: str, digest_value: str, *, transforms: Sequence[str] = (),
              **attributes: str) -> etree._Element:
    """A `ds:Reference` to `uri` with its SHA-256 digest, appended to `info`."""
    element = etree.SubElement(info, ds("Reference"), URI=uri)
    for name, value in attributes.items():
        element.set(name, value)
    if transforms:
        listed = etree.SubElement(element, ds("Transforms"))
        for algorithm in transforms:
            etree.SubElement(listed, ds("Transform"), Algorithm=algorithm)
    etree.SubElement(element, ds("DigestMethod"), Algorithm=SHA256)
    etree.SubElement(element, ds("DigestValue")).text = digest_value
    return element


def signature_value(signature: etree._Element, info: etree._Element, key: SigningKey, c14n: str) -> None:
    """Sign `info` (canonicalised in place, as a verifier reads it) into a `ds:SignatureValue` after it."""
    value = etree.Element(ds("SignatureValue"))
    value.text = base64.b64encode(key.sign(canonical(info, c14n))).decode("ascii")
    info.addnext(value)


def key_info(signature: etree._Element, key: SigningKey, *, key_value: bool = False,
             **attributes: str) -> etree._Element:
    """`ds:KeyInfo` with the certificate chain, after the signature's last child; with the public key's
    `ds:KeyValue` first when `key_value` (XAdES, as signxml writes it)."""
    info = etree.SubElement(signature, ds("KeyInfo"), attributes)
    if key_value:
        _key_value(etree.SubElement(info, ds("KeyValue")), key)
    data = etree.SubElement(info, ds("X509Data"))
    for text in key.chain_base64:
        etree.SubElement(data, ds("X509Certificate")).text = text
    return info


def _key_value(parent: etree._Element, key: SigningKey) -> None:
    public = key.certificate.public_key()
    if isinstance(public, rsa.RSAPublicKey):
        numbers = public.public_numbers()
        rsa_value = etree.SubElement(parent, ds("RSAKeyValue"))
        etree.SubElement(rsa_value, ds("Modulus")).text = _integer(numbers.n)
        etree.SubElement(rsa_value, ds("Exponent")).text = _integer(numbers.e)
    elif isinstance(public, ec.EllipticCurvePublicKey):
        ec_value = etree.SubElement(parent, f"{{{DSIG11}}}ECKeyValue", nsmap={"dsig11": DSIG11})
        etree.SubElement(ec_value, f"{{{DSIG11}}}NamedCurve", URI=f"urn:oid:{CURVE_OIDS[public.curve.name]}")
        point = public.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
        etree.SubElement(ec_value, f"{{{DSIG11}}}PublicKey").text = base64.b64encode(point).decode("ascii")
    else:
        raise ValueError("clé de signature non prise en charge (RSA ou EC attendue)")


def _integer(value: int) -> str:
    """An XML-DSig CryptoBinary: the big-endian bytes of `value`, base64."""
    return base64.b64encode(value.to_bytes((value.bit_length() + 7) // 8, "big")).decode("ascii")
