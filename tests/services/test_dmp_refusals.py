"""Each refusal of the DMP simulator (PROTOCOLS §3.6, §8), seen through the client as a `DmpError`.

Metadata the client never gets wrong is broken on purpose by wrapping `services.dmp.metadata` builders.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from lxml import etree

from services.dmp import constants as c
from services.dmp import metadata
from services.dmp.errors import DmpError
from services.dmp.models import Code, PatientId, Submission
from services.sandbox.server import RunningSandbox
from tests.helpers.dmp import (
    DmpWire,
    dmp_wire,
    make_entry,
    make_submission,
    patient_id,
    random_ins,
    xds_validator,
)

RIM = f"{{{c.RIM}}}"


@pytest.fixture(scope="module")
def xds(shared_dir: Path) -> ModuleType:
    return xds_validator(shared_dir)


async def refusal(wire: DmpWire, submission: Submission, xds: ModuleType | None = None) -> DmpError:
    with pytest.raises(DmpError) as caught:
        await wire.client.provide_and_register(submission)
    assert not caught.value.transient
    if xds is not None:
        exchange = wire.exchanges[-1]
        assert xds.check(exchange.response, exchange.response_type) == []
    return caught.value


def tamper_entries(monkeypatch: pytest.MonkeyPatch, change: Callable[[etree._Element], None]) -> None:
    build = metadata.document_entry

    def tampered(entry):  # type: ignore[no-untyped-def]
        element = build(entry)
        change(element)
        return element

    monkeypatch.setattr(metadata, "document_entry", tampered)


def drop_classification(scheme: str) -> Callable[[etree._Element], None]:
    def change(element: etree._Element) -> None:
        for found in element.findall(f"{RIM}Classification"):
            if found.get("classificationScheme") == scheme:
                element.remove(found)

    return change


def drop_slot(name: str) -> Callable[[etree._Element], None]:
    def change(element: etree._Element) -> None:
        for found in element.findall(f"{RIM}Slot"):
            if found.get("name") == name:
                element.remove(found)

    return change


def set_slot(name: str, value: str) -> Callable[[etree._Element], None]:
    def change(element: etree._Element) -> None:
        for found in element.findall(f"{RIM}Slot"):
            if found.get("name") == name:
                found.find(f"{RIM}ValueList/{RIM}Value").text = value

    return change


async def test_unknown_patient(sandbox: RunningSandbox, xds: ModuleType) -> None:
    async with dmp_wire(sandbox) as wire:
        stranger = patient_id(random_ins())
        assert (await refusal(wire, make_submission(stranger), xds)).code == "XDSUnknownPatientId"


@pytest.mark.parametrize(
    "patient",
    [
        PatientId(ins="285037505612306", oid="1.2.250.1.213.1.4.2"),
        PatientId(ins="285037505612399", oid=c.OID_INS_NIR_TEST),
    ],
    ids=["not-an-ins-oid", "bad-key"],
)
async def test_non_qualified_ins(sandbox: RunningSandbox, xds: ModuleType, patient: PatientId) -> None:
    async with dmp_wire(sandbox) as wire:
        error = await refusal(wire, make_submission(patient), xds)
        assert error.code == "INS_NON_QUALIFIE"
        assert "qualifiée" in error.text


@pytest.mark.parametrize(
    ("state", "code"),
    [
        ({"dmp": "closed"}, "DMP_FERME"),
        ({"opposition": True}, "OPPOSITION_PATIENT"),
        ({"authorize_all": False}, "AUTORISATION_ABSENTE"),
    ],
)
async def test_access_refusals(
    sandbox: RunningSandbox, xds: ModuleType, state: dict[str, object], code: str
) -> None:
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient(**state)
        assert (await refusal(wire, make_submission(patient), xds)).code == code
        with pytest.raises(DmpError) as query:
            await wire.client.find_documents(patient)
        assert query.value.code == code


@pytest.mark.parametrize(
    "scheme",
    [
        c.DE_CLASS_CODE,
        c.DE_TYPE_CODE,
        c.DE_FORMAT_CODE,
        c.DE_CONFIDENTIALITY_CODE,
        c.DE_HEALTHCARE_FACILITY_TYPE_CODE,
        c.DE_PRACTICE_SETTING_CODE,
        c.DE_AUTHOR,
    ],
    ids=[
        "classCode",
        "typeCode",
        "formatCode",
        "confidentialityCode",
        "healthcareFacilityTypeCode",
        "practiceSettingCode",
        "author",
    ],
)
async def test_missing_coded_metadata(
    sandbox: RunningSandbox, xds: ModuleType, monkeypatch: pytest.MonkeyPatch, scheme: str
) -> None:
    tamper_entries(monkeypatch, drop_classification(scheme))
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        error = await refusal(wire, make_submission(patient), xds)
        assert error.code == "XDSRegistryMetadataError"
        assert await wire.client.find_documents(patient) == []


@pytest.mark.parametrize("name", ["creationTime", "languageCode", "sourcePatientInfo"])
async def test_missing_slot(sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    tamper_entries(monkeypatch, drop_slot(name))
    async with dmp_wire(sandbox) as wire:
        assert (await refusal(wire, make_submission(await wire.patient()))).code == "XDSRegistryMetadataError"


@pytest.mark.parametrize(
    "field",
    [
        "class_code",
        "type_code",
        "format_code",
        "healthcare_facility_type",
        "practice_setting",
        "confidentiality",
    ],
)
async def test_code_outside_its_value_set(sandbox: RunningSandbox, field: str) -> None:
    wrong = Code("ZZZ", "1.2.3.4", "inconnu")
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        entry = make_entry(patient, **{field: [wrong] if field == "confidentiality" else wrong})
        error = await refusal(wire, make_submission(patient, entry))
        assert error.code == "XDSRegistryMetadataError"
        assert any("hors du jeu de valeurs" in found.context for found in error.errors)


async def test_patient_id_mismatch(sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        patient, other = await wire.patient(), await wire.patient()
        assert (
            await refusal(wire, make_submission(patient, make_entry(other)))
        ).code == "XDSPatientIdDoesNotMatch"


async def test_missing_submission_set_status(
    sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        metadata,
        "has_member",
        lambda source, target, **slots: metadata.association(c.ASSOC_HAS_MEMBER, source, target),
    )
    async with dmp_wire(sandbox) as wire:
        assert (await refusal(wire, make_submission(await wire.patient()))).code == "XDSRegistryMetadataError"


async def test_duplicate_unique_id_with_other_content(sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        first = make_entry(patient, b"contenu A")
        await wire.client.provide_and_register(make_submission(patient, first))
        other = make_entry(patient, b"contenu B", unique_id=first.unique_id)
        assert (await refusal(wire, make_submission(patient, other))).code == "XDSDuplicateUniqueIdInRegistry"


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [("hash", "0" * 40, "XDSNonIdenticalHash"), ("size", "1", "XDSNonIdenticalSize")],
)
async def test_hash_and_size_are_recomputed(
    sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch, name: str, value: str, code: str
) -> None:
    tamper_entries(monkeypatch, set_slot(name, value))
    async with dmp_wire(sandbox) as wire:
        assert (await refusal(wire, make_submission(await wire.patient()))).code == code


async def test_replacement_of_an_unknown_entry(sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        entry = make_entry(patient, replaces="urn:uuid:00000000-0000-4000-8000-000000000000")
        assert (await refusal(wire, make_submission(patient, entry))).code == "UnresolvedReferenceException"


async def test_replacement_of_a_deprecated_entry(sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        first = make_entry(patient, b"v1")
        await wire.client.provide_and_register(make_submission(patient, first))
        await wire.client.provide_and_register(
            make_submission(patient, make_entry(patient, b"v2", replaces=first.entry_uuid))
        )
        late = make_entry(patient, b"v2 bis", replaces=first.entry_uuid)
        assert (await refusal(wire, make_submission(patient, late))).code == "XDSMetadataUpdateError"


async def test_retrieve_unknown_document_or_repository(sandbox: RunningSandbox, xds: ModuleType) -> None:
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        await wire.client.provide_and_register(make_submission(patient))
        [entry] = await wire.client.find_documents(patient)
        with pytest.raises(DmpError) as unknown:
            await wire.client.retrieve(patient, entry.repository_id, "1.2.3.4.5.404")
        assert unknown.value.code == "XDSDocumentUniqueIdError"
        with pytest.raises(DmpError) as repository:
            await wire.client.retrieve(patient, "9.9.9", entry.unique_id)
        assert repository.value.code == "XDSUnknownRepositoryId"
        exchange = wire.exchanges[-1]
        assert xds.check(exchange.response, exchange.response_type) == []


async def test_another_patients_document_is_not_retrieved(sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        patient, other = await wire.patient(), await wire.patient()
        await wire.client.provide_and_register(make_submission(patient))
        [entry] = await wire.client.find_documents(patient)
        with pytest.raises(DmpError) as refused:
            await wire.client.retrieve(other, entry.repository_id, entry.unique_id)
        assert refused.value.code == "XDSDocumentUniqueIdError"
