"""VIHF and mutual-TLS refusals of the DMP simulator (PROTOCOLS §3.5, §8), and transport failures
(injected timeouts, 500s, dropped connections, SOAP faults) seen as transient `DmpError`s.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from cryptography.x509.oid import NameOID
from lxml import etree

from services.dmp import constants as c
from services.dmp import errors
from services.dmp.errors import DmpError
from services.dmp.models import PatientId
from services.dmp.vihf import VihfContext, VihfSigner
from services.sandbox.server import RunningSandbox
from tests.helpers.dmp import CONTEXT, dmp_wire, make_submission, patient_id, random_ins


class TamperingSigner(VihfSigner):
    """Signs, then changes the practitioner: the signature no longer matches."""

    def sign(
        self, context: VihfContext, patient: PatientId, *, now: dt.datetime | None = None
    ) -> etree._Element:
        assertion = super().sign(context, patient, now=now)
        assertion.find(f"{{{c.SAML2}}}Subject/{{{c.SAML2}}}NameID").text = "899700000099"
        return assertion


class UnsignedSigner(VihfSigner):
    def sign(
        self, context: VihfContext, patient: PatientId, *, now: dt.datetime | None = None
    ) -> etree._Element:
        assertion = super().sign(context, patient, now=now)
        assertion.remove(assertion.find(f"{{{c.DS}}}Signature"))
        return assertion


class StaleSigner(VihfSigner):
    """An assertion issued two hours ago: its NotOnOrAfter has passed."""

    def sign(
        self, context: VihfContext, patient: PatientId, *, now: dt.datetime | None = None
    ) -> etree._Element:
        return super().sign(context, patient, now=dt.datetime.now(dt.UTC) - dt.timedelta(hours=2))


class OtherPatientSigner(VihfSigner):
    """resource-id names another patient than the request's."""

    def sign(
        self, context: VihfContext, patient: PatientId, *, now: dt.datetime | None = None
    ) -> etree._Element:
        return super().sign(context, patient_id(random_ins()), now=now)


def structure_signer(kind: type[VihfSigner]):  # type: ignore[no-untyped-def]
    return lambda sandbox: kind(
        sandbox.manifest.structure_cert.read_bytes(), sandbox.manifest.structure_key.read_bytes()
    )


def expired_certificate_signer(sandbox: RunningSandbox) -> VihfSigner:
    """A signer whose certificate the sandbox CA issued, but which expired yesterday."""
    ca_key = load_pem_private_key(sandbox.pki.ca_key.read_bytes(), password=None)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CABINET EXPIRE")]))
        .issuer_name(sandbox.pki.ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=30))
        .not_valid_after(now - dt.timedelta(days=1))
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=True,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )  # type: ignore[arg-type]
    return VihfSigner(
        cert.public_bytes(serialization.Encoding.PEM),
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
    )


def unknown_ca_signer(sandbox: RunningSandbox) -> VihfSigner:
    return VihfSigner(
        sandbox.manifest.unknown_client_cert.read_bytes(), sandbox.manifest.unknown_client_key.read_bytes()
    )


@pytest.mark.parametrize(
    "signer",
    [
        structure_signer(TamperingSigner),
        structure_signer(UnsignedSigner),
        structure_signer(StaleSigner),
        structure_signer(OtherPatientSigner),
        expired_certificate_signer,
        unknown_ca_signer,
    ],
    ids=[
        "bad-signature",
        "unsigned",
        "expired-assertion",
        "resource-id-mismatch",
        "expired-certificate",
        "signer-from-unknown-ca",
    ],
)
async def test_vihf_refused(sandbox: RunningSandbox, signer) -> None:  # type: ignore[no-untyped-def]
    async with dmp_wire(sandbox, signer=signer) as wire:
        patient = await wire.patient()
        with pytest.raises(DmpError) as refused:
            await wire.client.provide_and_register(make_submission(patient))
        assert refused.value.code == "VIHF_INVALIDE" and not refused.value.transient
        assert refused.value.text == errors.MESSAGES["VIHF_INVALIDE"]


@pytest.mark.parametrize(
    "change",
    [{"lps_homologation": ""}, {"vihf_version": "2.0"}, {"authentication_mode": "AUCUNE"}],
    ids=["empty-homologation", "bad-version", "bad-authentication-mode"],
)
async def test_vihf_with_a_bad_attribute(sandbox: RunningSandbox, change: dict[str, str]) -> None:
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        client = wire.client.with_context(VihfContext(**{**CONTEXT.__dict__, **change}))
        with pytest.raises(DmpError) as refused:
            await client.find_documents(patient)
        assert refused.value.code == "VIHF_INVALIDE"


async def test_request_without_vihf(sandbox: RunningSandbox) -> None:
    envelope = f"""<soap:Envelope xmlns:soap="{c.SOAP12}" xmlns:wsa="{c.WSA}"><soap:Header>
        <wsa:Action>{c.ACTION_ITI18}</wsa:Action><wsa:MessageID>urn:uuid:{uuid.uuid4()}</wsa:MessageID>
        </soap:Header><soap:Body><x/></soap:Body></soap:Envelope>""".encode()
    async with dmp_wire(sandbox) as wire:
        response = await wire.http.post(
            wire.url + c.PATH_REGISTRY,
            content=envelope,
            headers={"Content-Type": "application/soap+xml; charset=UTF-8"},
        )
        assert response.status_code == 400
        assert b"VIHF_INVALIDE" in response.content and b"Sender" in response.content


async def test_client_certificate_from_an_unknown_ca_fails_the_handshake(sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox, cert="unknown") as wire:
        with pytest.raises(DmpError) as refused:
            await wire.client.test_dmp(patient_id("285037505612306"))
        assert refused.value.code == errors.TLS and not refused.value.transient


@pytest.mark.parametrize(
    ("fault", "code"),
    [
        ("timeout", errors.TIMEOUT),
        ("error", errors.SERVER),
        ("drop", errors.NETWORK),
        ("soap_fault", "SERVICE_INDISPONIBLE"),
    ],
)
async def test_injected_faults_are_transient(sandbox: RunningSandbox, fault: str, code: str) -> None:
    async with dmp_wire(sandbox, http_timeout=1.0) as wire:
        patient = await wire.patient()
        submission = make_submission(patient)
        sandbox.set_faults(fail_next=[fault])
        with pytest.raises(DmpError) as failed:
            await wire.client.provide_and_register(submission)
        assert failed.value.code == code and failed.value.transient
        assert (await wire.client.provide_and_register(submission)).success  # the retry goes through
        assert len(await wire.client.find_documents(patient)) == 1
