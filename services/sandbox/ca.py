"""The sandbox's test PKI: a root CA, a server certificate, the test CPS, the structure's two certificates
(authentication ORG_AUTH_CLI for mutual TLS, signature ORG_SIGN for the VIHF and XAdES, PROTOCOLS §3.0), and
a second, unknown CA whose client certificate every mutual-TLS listener must refuse (PROTOCOLS.md §8).

Created once per state folder under `<state>/pki/` and reused afterwards: clients configured with these
files keep working across sandbox restarts. A missing file or a certificate close to expiry regenerates
the whole set (a half-written PKI is never mixed with a new one).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

# The test professional (8 + RPPS, PROTOCOLS.md §3.5/§5.3) and the test structure (IDNST = 3 + SIRET, §6).
TEST_PRACTITIONER_ID = "899700366240"
TEST_PRACTITIONER_SURNAME = "MEDECIN-TEST"
TEST_PRACTITIONER_GIVEN_NAME = "PAUL"
TEST_STRUCTURE_ID = "399999000000013"
TEST_STRUCTURE_NAME = "CABINET MEDICAL DE TEST"
# The PIN of the test CPS as a software card (cps.p12, services/card/pkcs12_card.py): a test value, published.
TEST_CPS_PIN = "1234"

_CA_YEARS = 10
_LEAF_DAYS = 825
_RENEW_BEFORE = dt.timedelta(days=7)
_ISSUED_CACHE_SIZE = 256

Key = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey

_FILES = {
    "ca_cert": "ca.pem", "ca_key": "ca.key",
    "server_cert": "server.pem", "server_key": "server.key",
    "cps_cert": "cps.pem", "cps_key": "cps.key", "cps_pkcs12": "cps.p12",
    "structure_cert": "structure.pem", "structure_key": "structure.key",
    "structure_sign_cert": "structure-sign.pem", "structure_sign_key": "structure-sign.key",
    "unknown_ca_cert": "unknown-ca.pem",
    "unknown_client_cert": "unknown-client.pem", "unknown_client_key": "unknown-client.key",
}


@dataclass(frozen=True)
class Pki:
    """Paths of the test PKI files, and the loaded root certificate."""

    folder: Path
    ca_cert: Path
    ca_key: Path
    server_cert: Path
    server_key: Path
    cps_cert: Path
    cps_key: Path
    cps_pkcs12: Path  # the test CPS as a software card (PKCS#12, password TEST_CPS_PIN)
    structure_cert: Path  # authentication (TLS client) certificate of the structure
    structure_key: Path
    structure_sign_cert: Path  # signing certificate of the structure (no TLS client use)
    structure_sign_key: Path
    unknown_ca_cert: Path
    unknown_client_cert: Path
    unknown_client_key: Path
    ca: x509.Certificate
    # Certificates already found issued by `ca`: every DMP request carries the same few signing certificates
    # (VIHF, XAdES), and an ECDSA verification of the CA's signature on each was a sizeable share of the
    # simulator's CPU. Positive answers only, bounded: foreign certificates are checked every time.
    _issued: dict[x509.Certificate, None] = field(default_factory=dict, init=False, compare=False, repr=False)

    def issued_by_ca(self, cert: x509.Certificate) -> bool:
        """True when `cert` was signed by the sandbox's root CA (e.g. the certificate in a VIHF signature)."""
        if cert in self._issued:  # certificates compare (and hash) by their DER bytes
            return True
        try:
            cert.verify_directly_issued_by(self.ca)
        except (ValueError, TypeError, InvalidSignature):
            return False
        if len(self._issued) >= _ISSUED_CACHE_SIZE:
            self._issued.clear()
        self._issued[cert] = None
        return True


def ensure_pki(state_dir: Path) -> Pki:
    """Return the PKI of `state_dir`, creating it on first use (or when incomplete or expiring)."""
    folder = state_dir / "pki"
    if not _usable(folder):
        _create(folder)
    return _load(folder)


def _load(folder: Path) -> Pki:
    paths = {field: folder / name for field, name in _FILES.items()}
    ca = x509.load_pem_x509_certificate(paths["ca_cert"].read_bytes())
    return Pki(folder=folder, ca=ca, **paths)


def _usable(folder: Path) -> bool:
    if not all((folder / name).is_file() for name in _FILES.values()):
        return False
    limit = dt.datetime.now(dt.UTC) + _RENEW_BEFORE
    for name in _FILES.values():
        if name.endswith(".pem"):
            cert = x509.load_pem_x509_certificate((folder / name).read_bytes())
            if cert.not_valid_after_utc < limit:
                return False
    return True


def _create(folder: Path) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".pki-", dir=folder.parent))
    try:
        _generate(staging)
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _generate(out: Path) -> None:
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _ca_certificate(ca_key, "LGC Sandbox - AC racine de test")
    _write_cert(out / "ca.pem", ca)
    _write_key(out / "ca.key", ca_key)

    server_key = ec.generate_private_key(ec.SECP256R1())
    server_name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
                             x509.NameAttribute(NameOID.ORGANIZATION_NAME, "LGC Sandbox"),
                             x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    san = x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                       x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                       x509.IPAddress(ipaddress.ip_address("::1"))])
    server = _leaf(server_name, server_key, ca, ca_key, ExtendedKeyUsageOID.SERVER_AUTH, san)
    _write_cert(out / "server.pem", server)
    _write_key(out / "server.key", server_key)

    # RSA 2048 for the client certificates: XML-DSig signers (VIHF) commonly expect RSA keys.
    cps_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cps = _leaf(_cps_name(), cps_key, ca, ca_key, ExtendedKeyUsageOID.CLIENT_AUTH)
    _write_cert(out / "cps.pem", cps)
    _write_key(out / "cps.key", cps_key)
    (out / "cps.p12").write_bytes(pkcs12.serialize_key_and_certificates(
        b"CPS", cps_key, cps, None, serialization.BestAvailableEncryption(TEST_CPS_PIN.encode("ascii"))))

    structure_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    _write_cert(out / "structure.pem",
                _leaf(_structure_name(), structure_key, ca, ca_key, ExtendedKeyUsageOID.CLIENT_AUTH))
    _write_key(out / "structure.key", structure_key)

    sign_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    _write_cert(out / "structure-sign.pem", _leaf(_structure_name(), sign_key, ca, ca_key, None))
    _write_key(out / "structure-sign.key", sign_key)

    unknown_ca_key = ec.generate_private_key(ec.SECP256R1())
    unknown_ca = _ca_certificate(unknown_ca_key, "AC inconnue (refusée par la sandbox)")
    _write_cert(out / "unknown-ca.pem", unknown_ca)
    unknown_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    _write_cert(out / "unknown-client.pem",
                _leaf(_cps_name(), unknown_key, unknown_ca, unknown_ca_key, ExtendedKeyUsageOID.CLIENT_AUTH))
    _write_key(out / "unknown-client.key", unknown_key)


def _cps_name() -> x509.Name:
    """Subject shaped like a CPS authentication certificate: national id as CN and serialNumber."""
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, TEST_STRUCTURE_NAME),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, TEST_STRUCTURE_ID),
        x509.NameAttribute(NameOID.TITLE, "Médecin"),
        x509.NameAttribute(NameOID.SURNAME, TEST_PRACTITIONER_SURNAME),
        x509.NameAttribute(NameOID.GIVEN_NAME, TEST_PRACTITIONER_GIVEN_NAME),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, TEST_PRACTITIONER_ID),
        x509.NameAttribute(NameOID.COMMON_NAME, TEST_PRACTITIONER_ID),
    ])


def _structure_name() -> x509.Name:
    """Subject shaped like a cachet/software certificate: structure id in OU and serialNumber."""
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, TEST_STRUCTURE_NAME),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, TEST_STRUCTURE_ID),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, TEST_STRUCTURE_ID),
        x509.NameAttribute(NameOID.COMMON_NAME, TEST_STRUCTURE_NAME),
    ])


def _ca_certificate(key: ec.EllipticCurvePrivateKey, common_name: str) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "LGC Sandbox"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    public = key.public_key()
    return (x509.CertificateBuilder()
            .subject_name(name).issuer_name(name).public_key(public)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365 * _CA_YEARS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                                         key_cert_sign=True, crl_sign=True, encipher_only=False,
                                         decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
            .sign(key, hashes.SHA256()))


def _leaf(subject: x509.Name, key: Key, issuer: x509.Certificate, issuer_key: Key,
          usage: x509.ObjectIdentifier | None, san: x509.SubjectAlternativeName | None = None) -> x509.Certificate:
    """A leaf certificate for `usage` (extended key usage); None makes a signing-only certificate
    (non-repudiation, no extended usage: it cannot authenticate a TLS client)."""
    now = dt.datetime.now(dt.UTC)
    public = key.public_key()
    is_rsa = isinstance(key, rsa.RSAPrivateKey)
    builder = (x509.CertificateBuilder()
               .subject_name(subject).issuer_name(issuer.subject).public_key(public)
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(days=1))
               .not_valid_after(now + dt.timedelta(days=_LEAF_DAYS))
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=True,
                                            content_commitment=usage in (ExtendedKeyUsageOID.CLIENT_AUTH, None),
                                            key_encipherment=is_rsa, data_encipherment=False,
                                            key_agreement=False, key_cert_sign=False, crl_sign=False,
                                            encipher_only=False, decipher_only=False), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                              critical=False))
    if usage is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
    if san is not None:
        builder = builder.add_extension(san, critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def _write_cert(path: Path, cert: x509.Certificate) -> None:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def _write_key(path: Path, key: Key) -> None:
    data = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
