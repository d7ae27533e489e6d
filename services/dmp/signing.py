"""The signing certificate and key of the DMP calls: the structure's ORG_SIGN certificate in indirect mode,
or the CPS (PROTOCOLS §3.0). Both the VIHF and the submission-set XAdES signature are made with it; the TLS
client certificate (ORG_AUTH_CLI) is another certificate, used only by the transport.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from cryptography.x509.oid import NameOID

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


@dataclass(frozen=True)
class SigningKey:
    cert_pem: bytes  # the signing certificate first, then its chain if any
    certificate: x509.Certificate
    key: PrivateKey
    algorithm: str  # signxml's name: rsa-sha256 or ecdsa-sha256

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


def certificate_structure(certificate: x509.Certificate) -> str:
    """The national structure identifier a structure (or CPS) certificate names: its subject's OU, as the
    IGC-Santé writes it (the VIHF `Identifiant_Structure` must equal it in indirect mode, §3.0)."""
    units = certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)
    return str(units[0].value) if units else ""
