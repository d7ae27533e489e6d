"""The sandbox's test PKI: created once, reused, shaped like CPS and structure certificates."""

from __future__ import annotations

import ipaddress
import stat
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from services.sandbox.ca import TEST_PRACTITIONER_ID, TEST_STRUCTURE_ID, TEST_STRUCTURE_NAME, Pki, ensure_pki


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return ensure_pki(tmp_path_factory.mktemp("state"))


def _cert(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())


def _attr(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    return str(cert.subject.get_attributes_for_oid(oid)[0].value)


def test_private_keys_are_owner_only(pki: Pki) -> None:
    for key in (pki.ca_key, pki.server_key, pki.cps_key, pki.structure_key, pki.unknown_client_key):
        assert stat.S_IMODE(key.stat().st_mode) == 0o600, key


def test_server_certificate_names_every_loopback_form(pki: Pki) -> None:
    san = _cert(pki.server_cert).extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.DNSName) == ["localhost"]
    assert set(san.get_values_for_type(x509.IPAddress)) == {ipaddress.ip_address("127.0.0.1"),
                                                             ipaddress.ip_address("::1")}
    assert pki.issued_by_ca(_cert(pki.server_cert))


def test_cps_certificate_carries_the_practitioner_id(pki: Pki) -> None:
    cps = _cert(pki.cps_cert)
    assert _attr(cps, NameOID.COMMON_NAME) == TEST_PRACTITIONER_ID
    assert _attr(cps, NameOID.SERIAL_NUMBER) == TEST_PRACTITIONER_ID
    assert _attr(cps, NameOID.ORGANIZATION_NAME) == TEST_STRUCTURE_NAME
    assert isinstance(cps.public_key(), rsa.RSAPublicKey) and cps.public_key().key_size == 2048
    eku = cps.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ExtendedKeyUsageOID.CLIENT_AUTH in eku
    assert pki.issued_by_ca(cps)


def test_structure_certificate_carries_the_structure_id(pki: Pki) -> None:
    structure = _cert(pki.structure_cert)
    assert _attr(structure, NameOID.COMMON_NAME) == TEST_STRUCTURE_NAME
    assert _attr(structure, NameOID.ORGANIZATIONAL_UNIT_NAME) == TEST_STRUCTURE_ID
    assert TEST_STRUCTURE_ID.startswith("3")
    assert isinstance(structure.public_key(), rsa.RSAPublicKey) and structure.public_key().key_size == 2048
    assert pki.issued_by_ca(structure)


def test_unknown_ca_client_is_not_from_the_test_ca(pki: Pki) -> None:
    unknown = _cert(pki.unknown_client_cert)
    assert not pki.issued_by_ca(unknown)
    assert unknown.issuer == _cert(pki.unknown_ca_cert).subject


def test_pki_is_reused_then_regenerated_when_incomplete(tmp_path: Path) -> None:
    first = ensure_pki(tmp_path)
    files = sorted(first.folder.iterdir())
    before = {path.name: path.read_bytes() for path in files}
    again = ensure_pki(tmp_path)
    assert {path.name: path.read_bytes() for path in sorted(again.folder.iterdir())} == before

    first.cps_key.unlink()
    regenerated = ensure_pki(tmp_path)
    assert regenerated.cps_key.is_file()
    assert regenerated.ca_cert.read_bytes() != before["ca.pem"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".pki-")]
