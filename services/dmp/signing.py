"""The signing certificate and key of the DMP calls: the structure's ORG_SIGN certificate in indirect mode,
or the CPS (PROTOCOLS §3.0). Both the VIHF and the submission-set XAdES signature are made with it; the TLS
client certificate (ORG_AUTH_CLI) is another certificate, used only by the transport.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import cached_property

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.hazmat.primitives.serialization import Encoding, load_pem_private_key
from cryptography.x509.oid import NameOID

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
# XML-DSig SignatureMethod of each `SigningKey.algorithm`.
SIGNATURE_METHODS = {
    "rsa-sha256": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    "ecdsa-sha256": "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
}


@dataclass(frozen=True)
class SigningKey:
    """What the XML signatures need of the key, derived once per key (the certificate is not re-read per
    signature)."""

    cert_pem: bytes  # the signing certificate first, then its chain if any
    certificate: x509.Certificate
    key: PrivateKey
    algorithm: str  # rsa-sha256 or ecdsa-sha256 (`SIGNATURE_METHODS`)

    @classmethod
    def load(cls, cert_pem: bytes, key_pem: bytes, *, password: bytes | None = None) -> SigningKey:
        certificate = x509.load_pem_x509_certificates(cert_pem)[0]
        key = load_pem_private_key(key_pem, password=password)
        if isinstance(key, rsa.RSAPrivateKey):
            algorithm = "rsa-sha256"
        elif isinstance(key, ec.EllipticCurvePrivateKey):
            algorithm = "ecdsa-sha256"
        else:
            raise ValueError("clé de signature non prise en charge (RSA ou EC attendue)")
        return cls(cert_pem=cert_pem, certificate=certificate, key=key, algorithm=algorithm)

    @property
    def subject(self) -> str:
        """The certificate's DN in RFC 4514/2253 form (the VIHF Issuer, §3.5)."""
        return self.certificate.subject.rfc4514_string()

    @property
    def signature_method(self) -> str:
        return SIGNATURE_METHODS[self.algorithm]

    @cached_property
    def chain_der(self) -> tuple[bytes, ...]:
        """The DER certificates of `cert_pem`, the signing certificate first."""
        return tuple(cert.public_bytes(Encoding.DER) for cert in x509.load_pem_x509_certificates(self.cert_pem))

    @cached_property
    def chain_base64(self) -> tuple[str, ...]:
        """`chain_der` as the texts of `ds:X509Certificate` elements."""
        return tuple(base64.b64encode(der).decode("ascii") for der in self.chain_der)

    def sign(self, data: bytes) -> bytes:
        """The XML-DSig SignatureValue of `data` with SHA-256: RSASSA-PKCS1-v1_5 (what a CPS card computes), or
        ECDSA as the two integers r‖s of the curve's size (RFC 4051), not DER."""
        if isinstance(self.key, rsa.RSAPrivateKey):
            return self.key.sign(data, PKCS1v15(), hashes.SHA256())
        r, s = decode_dss_signature(self.key.sign(data, ec.ECDSA(hashes.SHA256())))
        size = (self.key.curve.key_size + 7) // 8
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def sha256_base64(data: bytes) -> str:
    """An XML-DSig DigestValue (SHA-256)."""
    return base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def certificate_structure(certificate: x509.Certificate) -> str:
    """The national structure identifier a structure (or CPS) certificate names: its subject's OU, as the
    IGC-Santé writes it (the VIHF `Identifiant_Structure` must equal it in indirect mode, §3.0)."""
    units = certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)
    return str(units[0].value) if units else ""
