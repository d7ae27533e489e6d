"""DMP client ↔ DMP simulator over loopback mutual TLS: every transaction, MTOM both ways, document lifecycle.

Every XDS request the client sends and every XDS answer the simulator returns is checked against the official
ebRS/XDS.b schemas (`shared/ihe/xds/validate.py`).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType

import pytest
from lxml import etree

from services.dmp import constants as c
from services.dmp import mtom
from services.dmp.errors import DmpError
from services.dmp.models import AuthorizationState, Code, DocumentQuery
from services.sandbox.dmp import control
from services.sandbox.server import RunningSandbox
from tests.helpers.dmp import (
    AUTHOR,
    CONTENT_TYPE,
    MASQUE_PS,
    NORMAL,
    OTHER_CONTEXT,
    DmpWire,
    Exchange,
    dmp_wire,
    make_entry,
    make_submission,
    patient_id,
    xds_validator,
)

XDS_PATHS = (c.PATH_REGISTRY, c.PATH_REPOSITORY)


@pytest.fixture(scope="module")
def xds(shared_dir: Path) -> ModuleType:
    return xds_validator(shared_dir)


def mtom_root(exchange: Exchange) -> bytes:
    return mtom.split_multipart(exchange.request_type, exchange.request).root


def assert_wire_valid(wire: DmpWire, xds: ModuleType) -> int:
    """Every XDS request and answer recorded so far is schema-valid; returns how many were checked."""
    checked = 0
    for exchange in wire.exchanges:
        if not exchange.url.endswith(XDS_PATHS):
            continue
        assert xds.check(exchange.request, exchange.request_type) == [], exchange.url
        assert xds.check(exchange.response, exchange.response_type) == [], exchange.url
        checked += 2
    return checked


async def test_td02_reports_open_closed_and_authorisation(sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        open_dmp = await wire.client.test_dmp(await wire.patient())
        assert open_dmp.accessible and open_dmp.authorization is AuthorizationState.VALID
        assert open_dmp.closing_reason == "" and open_dmp.treating_doctor == "NON"
        closed = await wire.client.test_dmp(await wire.patient(dmp="closed"))
        assert closed.exists and not closed.open and closed.closing_reason == "DMP fermé à la demande du patient"
        blocked = await wire.client.test_dmp(await wire.patient(opposition=True))
        assert blocked.authorization is AuthorizationState.FORBIDDEN and not blocked.accessible
        unknown = await wire.client.test_dmp(patient_id("278049934101703"))
        assert not unknown.exists and not unknown.accessible


async def test_td02_answer_carries_the_dmp_fields_where_the_dmp_puts_them(sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        await wire.client.test_dmp(await wire.patient(dmp="closed"))
        answer = etree.fromstring(wire.exchanges[-1].response)
        v3 = {"v3": c.HL7V3}
        [status] = answer.xpath("//v3:registrationEvent/v3:subject1/v3:patient/v3:statusCode/@code", namespaces=v3)
        [authorization] = answer.xpath(
            "//v3:PRPA_IN201308UV02/v3:attentionLine[v3:keyWordText/@code='AUTORISATION']/v3:value/@code",
            namespaces=v3,
        )
        assert status != c.DMP_STATUS_OPEN and authorization == c.AUTHORIZATION_VALID
        assert answer.xpath("//v3:reasonOf/v3:detectedIssueEvent/v3:code/@code", namespaces=v3)


async def test_td04_gives_the_missing_authorisation(sandbox: RunningSandbox, xds: ModuleType) -> None:
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient(authorize_all=False)
        assert (await wire.client.test_dmp(patient)).authorization is AuthorizationState.NONE
        with pytest.raises(DmpError) as refused:
            await wire.client.find_documents(patient)
        assert refused.value.code == "AUTORISATION_ABSENTE" and not refused.value.transient

        await wire.client.set_authorization(patient, treating_doctor=True)

        request = etree.fromstring(wire.exchanges[-1].request)
        [body] = request.find(f"{{{c.SOAP12}}}Body")
        assert [child.tag.split("}")[1] for child in body] == ["action", "role"]  # no patient (§3.0)
        assert (await wire.client.test_dmp(patient)).accessible
        assert await wire.client.find_documents(patient) == []
        await wire.client.set_authorization(patient, granted=False)
        assert (await wire.client.test_dmp(patient)).authorization is AuthorizationState.NONE
        assert assert_wire_valid(wire, xds) == 4


async def test_feed_find_and_retrieve_binary_content_mtom_both_ways(
    sandbox: RunningSandbox, xds: ModuleType
) -> None:
    content = os.urandom(50_000) + b"\r\n--\r\n" + os.urandom(100)  # binary, with CRLF and dashes inside
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        submission = make_submission(patient, make_entry(patient, content))

        result = await wire.client.provide_and_register(submission)

        assert result.success and result.entry_uuids == (submission.documents[0].entry_uuid,)
        feed = wire.exchanges[-1]
        assert (
            feed.request_type.startswith("multipart/related")
            and 'type="application/xop+xml"' in feed.request_type
        )
        [entry] = await wire.client.find_documents(patient)
        assert entry.entry_uuid == submission.documents[0].entry_uuid
        assert entry.unique_id == submission.documents[0].unique_id
        assert (entry.status, entry.size, entry.mime_type) == (
            c.STATUS_APPROVED,
            len(content),
            "application/pdf",
        )
        assert entry.class_code == submission.documents[0].class_code
        assert entry.confidentiality == (NORMAL,)
        assert entry.authors[0].person_id == AUTHOR.person_id
        assert entry.creation_time == submission.documents[0].creation_time

        document = await wire.client.retrieve(patient, entry.repository_id, entry.unique_id)

        assert document.content == content and document.mime_type == "application/pdf"
        assert wire.exchanges[-1].response_type.startswith("multipart/related")
        assert wire.exchanges[-1].request_type.startswith("multipart/related")
        assert assert_wire_valid(wire, xds) == 6


async def test_find_documents_filters(sandbox: RunningSandbox, xds: ModuleType) -> None:
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        old = datetime(2020, 5, 1, 10, 0, tzinfo=UTC)
        report = make_entry(patient, creation_time=old)
        vsm = make_entry(
            patient,
            b"<ClinicalDocument/>",
            mime_type="text/xml",
            title="VSM",
            class_code=Code("11", c.CS_CLASS_CODE, "Synthèse"),
            type_code=Code("60591-5", c.CS_LOINC, "Synthèse médicale"),
            format_code=Code("urn:asip:ci-sis:vsm:2012", c.CS_FORMAT_CISIS, "VSM"),
        )
        await wire.client.provide_and_register(make_submission(patient, report, vsm))

        by_class = await wire.client.find_documents(patient, DocumentQuery(class_codes=(vsm.class_code,)))
        by_type = await wire.client.find_documents(patient, DocumentQuery(type_codes=(report.type_code, vsm.type_code)))
        recent = await wire.client.find_documents(patient, DocumentQuery(creation_from=old + timedelta(days=1)))
        before = await wire.client.find_documents(patient, DocumentQuery(creation_to=old + timedelta(seconds=1)))
        deprecated = await wire.client.find_documents(patient, DocumentQuery(statuses=(c.STATUS_DEPRECATED,)))

        assert [entry.unique_id for entry in by_class] == [vsm.unique_id]
        assert {entry.unique_id for entry in by_type} == {vsm.unique_id, report.unique_id}
        assert [entry.unique_id for entry in recent] == [vsm.unique_id]
        assert [entry.unique_id for entry in before] == [report.unique_id]
        assert deprecated == []
        assert assert_wire_valid(wire, xds) == 12


async def test_get_documents_and_associations(sandbox: RunningSandbox, xds: ModuleType) -> None:
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        submission = make_submission(patient)
        entry = submission.documents[0]
        await wire.client.provide_and_register(submission)

        by_uuid = await wire.client.get_documents(patient, entry_uuids=[entry.entry_uuid])
        by_unique_id = await wire.client.get_documents(patient, unique_ids=[entry.unique_id])
        associations = await wire.client.get_associations(patient, [entry.entry_uuid])

        assert [found.unique_id for found in by_uuid] == [entry.unique_id]
        assert [found.entry_uuid for found in by_unique_id] == [entry.entry_uuid]
        [member] = associations
        assert (member.association_type, member.source, member.target) == (
            c.ASSOC_HAS_MEMBER,
            submission.entry_uuid,
            entry.entry_uuid,
        )
        assert assert_wire_valid(wire, xds) == 8


async def test_identical_resend_is_idempotent(sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        submission = make_submission(patient)
        await wire.client.provide_and_register(submission)

        again = await wire.client.provide_and_register(submission)

        assert again.success
        assert len(await wire.client.find_documents(patient)) == 1


async def test_replacement_deprecates_the_old_version(sandbox: RunningSandbox, xds: ModuleType) -> None:
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        first = make_entry(patient, b"version 1")
        await wire.client.provide_and_register(make_submission(patient, first))
        second = make_entry(patient, b"version 2", replaces=first.entry_uuid)

        await wire.client.provide_and_register(make_submission(patient, second))

        [current] = await wire.client.find_documents(patient)
        [old] = await wire.client.find_documents(patient, DocumentQuery(statuses=(c.STATUS_DEPRECATED,)))
        assert (current.entry_uuid, old.entry_uuid) == (second.entry_uuid, first.entry_uuid)
        links = await wire.client.get_associations(patient, [second.entry_uuid])
        assert any(
            link.association_type == c.ASSOC_RPLC and link.target == first.entry_uuid for link in links
        )
        replaced = await wire.client.retrieve(patient, old.repository_id, old.unique_id)
        assert replaced.content == b"version 1"
        assert assert_wire_valid(wire, xds) == 12


async def test_masking_hides_the_document_from_other_professionals(
    sandbox: RunningSandbox, xds: ModuleType
) -> None:
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        await wire.client.provide_and_register(make_submission(patient))
        [entry] = await wire.client.find_documents(patient)
        other = wire.as_(OTHER_CONTEXT)
        assert len(await other.find_documents(patient)) == 1

        result = await wire.client.update_visibility(
            entry, [NORMAL, MASQUE_PS], author=AUTHOR, content_type=CONTENT_TYPE
        )

        assert result.success
        [masked] = await wire.client.find_documents(patient)
        assert masked.masked and masked.lid == entry.lid and masked.version == "2"
        assert masked.unique_id == entry.unique_id
        assert await other.find_documents(patient) == []
        with pytest.raises(DmpError) as hidden:
            await other.retrieve(patient, masked.repository_id, masked.unique_id)
        assert hidden.value.code == "XDSDocumentUniqueIdError"
        assert (await wire.client.retrieve(patient, masked.repository_id, masked.unique_id)).content

        await wire.client.update_visibility(masked, [NORMAL], author=AUTHOR, content_type=CONTENT_TYPE)
        [visible] = await other.find_documents(patient)
        assert not visible.masked and visible.version == "3"
        assert assert_wire_valid(wire, xds) >= 16


async def test_deletion(sandbox: RunningSandbox, xds: ModuleType) -> None:
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        await wire.client.provide_and_register(make_submission(patient))
        [entry] = await wire.client.find_documents(patient)

        result = await wire.client.delete(entry, author=AUTHOR, content_type=CONTENT_TYPE)

        assert result.success
        assert await wire.client.find_documents(patient) == []
        state = await control.patient_state(wire.http, wire.url, patient.ins)
        assert state["statuses"][entry.entry_uuid] == c.STATUS_DELETED
        with pytest.raises(DmpError) as gone:
            await wire.client.retrieve(patient, entry.repository_id, entry.unique_id)
        assert gone.value.code == "XDSDocumentUniqueIdError"
        with pytest.raises(DmpError) as twice:
            await wire.client.delete(entry, author=AUTHOR, content_type=CONTENT_TYPE)
        assert twice.value.code == "XDSMetadataUpdateError"
        assert assert_wire_valid(wire, xds) == 12


async def test_only_the_author_may_delete(sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        await wire.client.provide_and_register(make_submission(patient))
        [entry] = await wire.client.find_documents(patient)
        with pytest.raises(DmpError) as refused:
            await wire.as_(OTHER_CONTEXT).delete(entry, author=AUTHOR, content_type=CONTENT_TYPE)
        assert refused.value.code == "XDSMetadataUpdateError"
        assert len(await wire.client.find_documents(patient)) == 1


async def test_documents_from_another_professional_are_found(
    sandbox: RunningSandbox, xds: ModuleType
) -> None:
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        created = await control.add_foreign_document(
            wire.http,
            wire.url,
            patient.ins,
            content=b"Lettre du cardiologue",
            title="Lettre de liaison",
            author_name="CARDIO^Claire",
        )

        [entry] = await wire.client.find_documents(patient)

        assert (entry.entry_uuid, entry.unique_id, entry.title) == (
            created["entry_uuid"],
            created["unique_id"],
            "Lettre de liaison",
        )
        assert entry.authors[0].family_name == "CARDIO"
        document = await wire.client.retrieve(patient, entry.repository_id, entry.unique_id)
        assert document.content == b"Lettre du cardiologue"
        masked = await control.add_foreign_document(
            wire.http,
            wire.url,
            patient.ins,
            content=b"secret",
            confidentiality=[f"N^{c.CS_CONFIDENTIALITY_HL7}", f"MASQUE_PS^{c.CS_CONFIDENTIALITY_DMP}"],
        )
        assert masked["unique_id"] not in {
            found.unique_id for found in await wire.client.find_documents(patient)
        }
        assert assert_wire_valid(wire, xds) == 6


async def test_seeded_patient_holds_a_foreign_document(sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        entries = await wire.client.find_documents(patient_id("285037505612306"))
        assert any(entry.authors and entry.authors[0].person_id == "810000000019" for entry in entries)


async def test_submission_set_is_signed_in_xades(sandbox: RunningSandbox, xds: ModuleType) -> None:
    async with dmp_wire(sandbox) as wire:
        patient = await wire.patient()
        submission = make_submission(patient)

        result = await wire.client.provide_and_register(submission)

        assert result.entry_uuids == (submission.documents[0].entry_uuid,)
        request = etree.fromstring(mtom_root(wire.exchanges[-1]))
        rim = {"rim": c.RIM}
        [signature_id] = request.xpath(
            "//rim:ExtrinsicObject[rim:Classification/@nodeRepresentation=$code]/@id",
            namespaces=rim, code=c.SIGNATURE_CLASS_CODE,
        )
        assert request.xpath(
            "//rim:Association[@associationType=$signs][@sourceObject=$source][@targetObject=$target]",
            namespaces=rim, signs=c.ASSOC_SIGNS, source=signature_id, target=submission.entry_uuid,
        )
        assert len(request.xpath("//rim:Slot[@name='legalAuthenticator']", namespaces=rim)) == 2
        [entry] = await wire.client.find_documents(patient)  # the signature is not a document of the patient
        assert entry.unique_id == submission.documents[0].unique_id
        links = await wire.client.get_associations(patient, [signature_id])
        assert any(link.association_type == c.ASSOC_SIGNS for link in links)
        assert assert_wire_valid(wire, xds) == 6


