"""The DMP simulator's own readers, without HTTP: the XML-DSig core validation behind the VIHF and XAdES checks
(`services.sandbox.dmp.xmldsig`), the MTOM splitting of a request (`services.sandbox.dmp.wire`) and the VIHF
check's memory of the assertions it checked (`services.sandbox.dmp.vihf_check`)."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from lxml import etree

from services.dmp import constants as c
from services.dmp import dsg, mtom
from services.dmp.models import PatientId
from services.dmp.signing import SigningKey
from services.dmp.vihf import VihfSigner
from services.sandbox.ca import TEST_STRUCTURE_ID, Pki, ensure_pki
from services.sandbox.dmp import wire, xmldsig
from services.sandbox.dmp.codes import MALFORMED, Fault
from services.sandbox.dmp.signature_check import SignatureRefused, check_submission_signature
from services.sandbox.dmp.vihf_check import CheckedAssertions, check_vihf
from tests.helpers.dmp import CONTEXT, make_entry, patient_id, random_ins

ACTION = c.ACTION_ITI41


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return ensure_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def key(pki: Pki) -> SigningKey:
    return SigningKey.load(pki.structure_sign_cert.read_bytes(), pki.structure_sign_key.read_bytes())


def _ds(tag: str) -> str:
    return f"{{{c.DS}}}{tag}"


def _xades(tag: str) -> str:
    return f"{{{c.XADES}}}{tag}"


# --- XAdES signature of a submission set -------------------------------------------------------------------

def _signed_set(key: SigningKey) -> tuple[bytes, dict[str, bytes]]:
    entry = make_entry(patient_id(random_ins()))
    return dsg.sign_documents([entry], key), {entry.unique_id: entry.content}


def _edited(data: bytes, edit: Callable[[etree._Element], None]) -> bytes:
    signature = etree.fromstring(data)
    edit(signature)
    return etree.tostring(signature)


def test_a_xades_signature_of_the_set_verifies(pki: Pki, key: SigningKey) -> None:
    data, documents = _signed_set(key)
    check_submission_signature(data, documents, pki, structure_id=TEST_STRUCTURE_ID)


def _later_signing_time(signature: etree._Element) -> None:
    found = next(signature.iter(_xades("SigningTime")))
    found.text = (found.text or "").replace("20", "21", 1)


def _other_signature_value(signature: etree._Element) -> None:
    value = signature.find(_ds("SignatureValue"))
    assert value is not None
    raw = bytearray(base64.b64decode(value.text or ""))
    raw[10] ^= 1
    value.text = base64.b64encode(bytes(raw)).decode()


def _wrapped_manifest(signature: etree._Element) -> None:
    """Signature wrapping: a second element with the Manifest's Id, holding other digests."""
    manifest = next(signature.iter(_ds("Manifest")))
    decoy = etree.fromstring(etree.tostring(manifest))
    next(decoy.iter(_ds("DigestValue"))).text = base64.b64encode(b"\0" * 32).decode()
    etree.SubElement(signature, _ds("Object")).append(decoy)


def _foreign_key_value(signature: etree._Element) -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key().public_numbers()
    modulus = next(signature.iter(_ds("Modulus")))
    modulus.text = base64.b64encode(other.n.to_bytes((other.n.bit_length() + 7) // 8, "big")).decode()


def _outside_the_schema(signature: etree._Element) -> None:
    signature.insert(0, etree.Element(_ds("Unknown")))


def _sha1_reference(signature: etree._Element) -> None:
    next(signature.iter(_ds("DigestMethod"))).set("Algorithm", "http://www.w3.org/2000/09/xmldsig#sha1")


@pytest.mark.parametrize("edit", [_later_signing_time, _other_signature_value, _wrapped_manifest,
                                  _foreign_key_value, _outside_the_schema, _sha1_reference],
                         ids=["signed-property-changed", "signature-value", "wrapping", "key-value", "schema",
                              "sha1"])
def test_an_altered_xades_signature_is_refused(pki: Pki, key: SigningKey,
                                               edit: Callable[[etree._Element], None]) -> None:
    data, documents = _signed_set(key)
    with pytest.raises(SignatureRefused, match="signature XAdES invalide"):
        check_submission_signature(_edited(data, edit), documents, pki, structure_id=TEST_STRUCTURE_ID)


# --- the VIHF's enveloped signature ------------------------------------------------------------------------

def _assertion(key: SigningKey) -> etree._Element:
    patient: PatientId = patient_id(random_ins())
    return VihfSigner.of(key).sign(CONTEXT, patient)


def _signature(assertion: etree._Element) -> etree._Element:
    signature = assertion.find(_ds("Signature"))
    assert signature is not None
    return signature


def test_an_enveloped_signature_verifies_and_gives_what_it_signed(key: SigningKey) -> None:
    assertion = _assertion(key)
    [reference] = xmldsig.verify(_signature(assertion), key.certificate)
    assert reference.signed_xml.tag == f"{{{c.SAML2}}}Assertion"
    assert reference.signed_xml.get("ID") == assertion.get("ID")
    assert reference.signed_xml.find(_ds("Signature")) is None  # the enveloped signature is not signed data


def test_a_changed_assertion_does_not_verify(key: SigningKey) -> None:
    assertion = _assertion(key)
    name = assertion.find(f"{{{c.SAML2}}}Subject/{{{c.SAML2}}}NameID")
    assert name is not None
    name.text = "899700000099"
    with pytest.raises(xmldsig.XmlSignatureError, match="empreinte"):
        xmldsig.verify(_signature(assertion), key.certificate)


def test_an_assertion_signed_by_another_key_does_not_verify(pki: Pki, key: SigningKey) -> None:
    other = SigningKey.load(pki.cps_cert.read_bytes(), pki.cps_key.read_bytes())
    with pytest.raises(xmldsig.XmlSignatureError):
        xmldsig.verify(_signature(_assertion(other)), key.certificate)


# --- MTOM requests ------------------------------------------------------------------------------------------

ENVELOPE = (f'<soap:Envelope xmlns:soap="{c.SOAP12}" xmlns:wsa="{c.WSA}"><soap:Header><wsa:Action>{ACTION}'
            "</wsa:Action></soap:Header><soap:Body><x/></soap:Body></soap:Envelope>").encode()


def test_the_parts_of_a_client_request_come_out_byte_for_byte() -> None:
    content = b"%PDF\r\n--not-the-boundary\r\n\x00\xff\r\n"
    content_type, body = mtom.build_multipart(ENVELOPE, {"doc@x": content, "empty@x": b""}, action=ACTION)
    request = wire.read_request(content_type, body)
    assert request.action == ACTION
    assert request.attachments == {"doc@x": content, "empty@x": b""}


def _message(*parts: bytes, boundary: str = "b", start: str = "<root>", epilogue: bytes = b"") -> tuple[str, bytes]:
    content_type = f'multipart/related; boundary="{boundary}"; type="application/xop+xml"; start="{start}"'
    return content_type, b"preamble\r\n" + b"".join(b"--b \t\r\n" + part + b"\r\n" for part in parts) + epilogue


ROOT = b"Content-Type: application/xop+xml\r\nContent-ID: <root>\r\n\r\n" + ENVELOPE


def test_base64_parts_folded_headers_padding_preamble_and_epilogue() -> None:
    encoded = (b"Content-ID:\r\n\t<doc>\r\ncontent-transfer-encoding: BASE64\r\n\r\n"
               + base64.encodebytes(b"\x00" * 100))
    content_type, body = _message(ROOT, encoded, epilogue=b"--b--\r\nepilogue")
    assert wire.read_request(content_type, body).attachments == {"doc": b"\x00" * 100}


@pytest.mark.parametrize(("content_type", "body"), [
    _message(ROOT),  # no close delimiter: truncated
    _message(b"Content-ID: <root>\r\n\r\n" + ENVELOPE, epilogue=b"--b--"),  # root not xop+xml
    _message(ROOT.replace(b"<root>", b"<other>"), epilogue=b"--b--"),  # no root part
    _message(ROOT, b"Content-ID: <d>\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nx", epilogue=b"--b--"),
    _message(ROOT, b"Content-ID <d>\r\n\r\nx", epilogue=b"--b--"),  # header line without colon
    ("multipart/related", b"--b\r\n\r\n--b--"),  # no boundary
], ids=["truncated", "root-type", "no-root", "unknown-encoding", "bad-header", "no-boundary"])
def test_malformed_mime_is_a_sender_fault(content_type: str, body: bytes) -> None:
    with pytest.raises(Fault) as fault:
        wire.read_request(content_type, body)
    assert fault.value.subcode == MALFORMED


# --- the VIHF check's memory of checked assertions ---------------------------------------------------------

def _header(assertion: etree._Element) -> etree._Element:
    header = etree.Element(f"{{{c.SOAP12}}}Header")
    etree.SubElement(header, f"{{{c.WSSE}}}Security").append(assertion)
    return header


def test_a_checked_assertion_still_meets_the_clock_and_the_tls_certificate(pki: Pki, key: SigningKey) -> None:
    tls = x509.load_pem_x509_certificate(pki.structure_cert.read_bytes())
    header, checked = _header(_assertion(key)), CheckedAssertions()
    now = dt.datetime.now(dt.UTC)
    caller = check_vihf(header, pki, tls=tls, now=now, checked=checked)
    assert check_vihf(header, pki, tls=tls, now=now, checked=checked) == caller
    with pytest.raises(Fault, match="expirée"):
        check_vihf(header, pki, tls=tls, now=now + dt.timedelta(hours=2), checked=checked)
    with pytest.raises(Fault, match="mode indirect"):  # the same assertion over a connection made with its key
        check_vihf(header, pki, tls=key.certificate, now=now, checked=checked)


def _ec_key() -> SigningKey:
    """A P-256 key and a self-issued certificate (the sandbox's signing keys are all RSA)."""
    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "SIGNATAIRE EC")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(private.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1)).sign(private, hashes.SHA256()))
    return SigningKey.load(cert.public_bytes(serialization.Encoding.PEM), private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))


def test_ecdsa_signatures_verify_and_their_changes_do_not() -> None:
    key = _ec_key()
    assertion = _assertion(key)
    xmldsig.verify(_signature(assertion), key.certificate)
    signature = etree.fromstring(_signed_set(key)[0])
    assert len(xmldsig.verify(signature, key.certificate)) == 3
    _other_signature_value(signature)
    with pytest.raises(xmldsig.XmlSignatureError, match="SignatureValue"):
        xmldsig.verify(signature, key.certificate)
