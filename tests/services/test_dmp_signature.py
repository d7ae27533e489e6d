"""The DMP's checks of what PROTOCOLS §3.0 makes mandatory, client ↔ simulator: the XAdES signature of every
submission set, legalAuthenticator, classCode by typeCode (ASS_X04), contentTypeCode (TRE_R209), and the
indirect mode's two structure certificates (the VIHF against the TLS certificate)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from lxml import etree

from services.dmp import constants as c
from services.dmp import dsg, metadata
from services.dmp.errors import DmpError
from services.dmp.models import Code, DocumentEntry
from services.dmp.signing import SigningKey
from services.dmp.vihf import VihfSigner
from services.sandbox.server import RunningSandbox
from tests.helpers.dmp import CONTEXT, DmpWire, dmp_wire, make_entry, make_submission

SIGNATURE_INVALIDE = "SIGNATURE_INVALIDE"
METADATA_ERROR = "XDSRegistryMetadataError"
VACCINATION_NOTE = Code("87273-9", c.CS_LOINC, "Note de vaccination")


def _rim(tag: str) -> str:
    return f"{{{c.RIM}}}{tag}"


def edited_requests(monkeypatch: pytest.MonkeyPatch, edit: Callable[[etree._Element], None]) -> None:
    """Make the client's ITI-41 requests go out edited by `edit` (what a faulty client would send)."""
    build = metadata.provide_and_register

    def edited(*args: object, **kwargs: object) -> etree._Element:
        request = build(*args, **kwargs)  # type: ignore[arg-type]
        edit(request)
        return request

    monkeypatch.setattr(metadata, "provide_and_register", edited)


def drop_signature(request: etree._Element) -> None:
    objects = request.find(f"{{{c.LCM}}}SubmitObjectsRequest/{_rim('RegistryObjectList')}")
    assert objects is not None
    [signature] = [
        extrinsic for extrinsic in objects.iterfind(_rim("ExtrinsicObject"))
        if any(found.get("nodeRepresentation") == c.SIGNATURE_CLASS_CODE for found in extrinsic)
    ]
    signature_id = signature.get("id")
    for element in [signature, *objects.iterfind(_rim("Association"))]:
        if signature_id in (element.get("id"), element.get("sourceObject"), element.get("targetObject")):
            objects.remove(element)
    for document in request.iterfind(f"{{{c.XDSB}}}Document"):
        if document.get("id") == signature_id:
            request.remove(document)


async def refusal_code(wire: DmpWire, **overrides: object) -> str:
    patient = await wire.patient()
    entries = overrides.pop("entries", None)
    submission = make_submission(patient, *(entries or []), **overrides)  # type: ignore[arg-type]
    with pytest.raises(DmpError) as refused:
        await wire.client.provide_and_register(submission)
    assert not await wire.client.find_documents(patient)  # a refused set changes nothing
    return refused.value.code


async def test_an_unsigned_submission_set_is_refused(sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    edited_requests(monkeypatch, drop_signature)
    async with dmp_wire(sandbox) as wire:
        assert await refusal_code(wire) == SIGNATURE_INVALIDE


async def test_a_signature_over_other_bytes_is_refused(sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        entry = make_entry(patient, b"%PDF-1.4 texte valide par le praticien")
        tampered = dataclasses.replace(entry, content=b"%PDF-1.4 un autre contenu")
        manifest = sandbox.manifest
        key = SigningKey.load(manifest.structure_sign_cert.read_bytes(), manifest.structure_sign_key.read_bytes())
        signature = dsg.sign_documents([entry], key)
        with pytest.raises(DmpError) as refused:
            await wire.client.provide_and_register(make_submission(patient, tampered, signature=signature))
        assert refused.value.code == SIGNATURE_INVALIDE and "empreinte" in refused.value.detail


async def test_a_signature_by_an_unknown_ca_is_refused(sandbox: RunningSandbox) -> None:
    manifest = sandbox.manifest
    unknown = SigningKey.load(manifest.unknown_client_cert.read_bytes(), manifest.unknown_client_key.read_bytes())
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        entry = make_entry(patient)
        with pytest.raises(DmpError) as refused:
            await wire.client.provide_and_register(
                make_submission(patient, entry, signature=dsg.sign_documents([entry], unknown))
            )
        assert refused.value.code == SIGNATURE_INVALIDE and "autorité" in refused.value.detail


async def test_a_signature_that_is_not_xades_is_refused(sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        assert await refusal_code(wire, signature=b"<pas-une-signature/>") == SIGNATURE_INVALIDE


async def test_legal_authenticator_is_required(sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    def drop_legal_authenticator(request: etree._Element) -> None:
        for found in list(request.iter(_rim("Slot"))):
            if found.get("name") == "legalAuthenticator":
                found.getparent().remove(found)

    edited_requests(monkeypatch, drop_legal_authenticator)
    async with dmp_wire(sandbox) as wire:
        assert await refusal_code(wire) == METADATA_ERROR


@pytest.mark.parametrize(("class_code", "accepted"), [("10", False), ("52", True)])
async def test_class_code_follows_ass_x04(sandbox: RunningSandbox, class_code: str, accepted: bool) -> None:
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        entry: DocumentEntry = make_entry(patient, class_code=Code(class_code, c.CS_CLASS_CODE),
                                          type_code=VACCINATION_NOTE)
        if accepted:
            assert (await wire.client.provide_and_register(make_submission(patient, entry))).success
        else:
            with pytest.raises(DmpError) as refused:
                await wire.client.provide_and_register(make_submission(patient, entry))
            assert refused.value.code == METADATA_ERROR and "ASS_X04" in refused.value.detail


async def test_content_type_outside_tre_r209_is_refused(sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        code = await refusal_code(wire, content_type=Code("99", c.CS_CONTENT_TYPE))
        assert code == METADATA_ERROR


async def vihf_fault(wire: DmpWire) -> str:
    with pytest.raises(DmpError) as refused:
        await wire.client.find_documents(await wire.patient())
    return f"{refused.value.code} {refused.value.detail}"


async def test_vihf_structure_must_be_the_tls_certificates(sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        wire.client = wire.as_(dataclasses.replace(CONTEXT, structure_id="399999999999999"))
        assert "Identifiant_Structure différent" in await vihf_fault(wire)


async def test_indirect_mode_refuses_a_vihf_signed_with_the_authentication_key(sandbox: RunningSandbox) -> None:
    def authentication_key(running: RunningSandbox) -> VihfSigner:
        return VihfSigner(running.manifest.structure_cert.read_bytes(), running.manifest.structure_key.read_bytes())

    async with dmp_wire(sandbox, signer=authentication_key) as wire:
        assert "certificat d'authentification" in await vihf_fault(wire)


async def test_indirect_mode_with_two_keys_is_accepted(sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        assert await wire.client.find_documents(await wire.patient()) == []
        assertion = etree.fromstring(wire.exchanges[-1].request).find(f".//{{{c.SAML2}}}Assertion")
        assert assertion is not None
        values = {
            attribute.get("Name"): attribute.findtext(f"{{{c.SAML2}}}AttributeValue")
            for attribute in assertion.iter(f"{{{c.SAML2}}}Attribute")
        }
        assert values[c.ATTR_AUTH_MODE] == c.AUTH_MODE_INDIRECT
        assert values[c.ATTR_STRUCTURE] == "399999000000013"

