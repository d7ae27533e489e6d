"""A document received from the DMP is checked before it is shown or enters the record (issue 12):
recordTarget INS, CDA or declared PDF, hash and size; entries about another patient never listed."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from lxml import etree

from lgc_app.dmp import consultation, received_checks
from lgc_app.dmp.consultation import DocumentFilter, IntegrityMismatchError, RefusedContentError
from lgc_app.persistence.database import Database
from services.dmp import constants as c
from services.dmp.models import DocumentEntryInfo, DocumentQuery, PatientId, RetrievedDocument
from services.sandbox.dmp import control
from services.sandbox.server import RunningSandbox
from tests.helpers.composition import practitioner_session
from tests.helpers.dmp import DmpWire, dmp_wire, random_ins
from tests.helpers.dmp_consultation import qualified_patient

READER = practitioner_session()  # a practitioner reads the DMP (IE.33)
XML = "text/xml"


def cda(ins: str, *, oid: str = c.OID_INS_NIR_TEST) -> bytes:
    return (f'<ClinicalDocument xmlns="urn:hl7-org:v3"><title>Synthèse</title><recordTarget><patientRole>'
            f'<id root="1.2.250.1.999" extension="IPP-1"/><id root="{oid}" extension="{ins}"/>'
            f"</patientRole></recordTarget><component><structuredBody/></component></ClinicalDocument>"
            ).encode()


async def _patient(wire: DmpWire, db: Database) -> tuple[str, int]:
    ins = random_ins()
    await control.register_patient(wire.http, wire.url, ins, family_name="MARTIN", given_name="ALICE",
                                   birth_date="1980-01-01")
    return ins, qualified_patient(db, ins, birth_name="MARTIN", given_name="ALICE", birth_date="1980-01-01")


async def _listed(wire: DmpWire, db: Database, ins: str, patient_id: int, content: bytes,
                  mime_type: str = XML) -> consultation.DmpDocument:
    await control.add_foreign_document(wire.http, wire.url, ins, content=content, mime_type=mime_type,
                                       title="Reçu")
    [document] = (await consultation.consult(db, wire.client, patient_id, DocumentFilter(), reader=READER)).documents
    return document


def _nothing_stored(db: Database, patient_id: int) -> None:
    assert consultation.received_documents(db, patient_id) == []


async def test_a_vsm_of_another_patient_is_refused(db: Database, sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        ins, patient_id = await _patient(wire, db)
        document = await _listed(wire, db, ins, patient_id, cda(random_ins()))
        with pytest.raises(RefusedContentError, match="concerne un autre patient"):
            await consultation.fetch(db, wire.client, patient_id, document, reader=READER)
        with pytest.raises(RefusedContentError, match="concerne un autre patient"):
            await consultation.import_document(db, wire.client, patient_id, document, reader=READER)
    _nothing_stored(db, patient_id)


async def test_a_cda_naming_the_patient_is_imported(db: Database, sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        ins, patient_id = await _patient(wire, db)
        document = await _listed(wire, db, ins, patient_id, cda(ins))
        received_id = await consultation.import_document(db, wire.client, patient_id, document, reader=READER)
    assert consultation.received_content(db, received_id, READER) == (XML, cda(ins))


@pytest.mark.parametrize(("content", "mime_type", "reason"), [
    (cda("", oid="1.2.250.1.999"), XML, "ne porte pas l'INS"),  # no INS in recordTarget
    (b"<html><body>pas un CDA</body></html>", XML, "n'est pas un document CDA"),
    (b"<ClinicalDocument", XML, "pas un document CDA lisible"),
    (b"MZ\x90\x00 not a pdf", "application/pdf", "n'est pas un PDF"),
    (b"\x00\x01", "application/octet-stream", "pas pris en charge"),
    (b"Compte rendu en texte brut.", "text/plain", "seuls les documents CDA et PDF"),
    (b"%PDF-1.4 declared as text", "text/plain", "pas pris en charge"),
])
async def test_unreadable_content_is_refused(db: Database, sandbox: RunningSandbox, content: bytes,
                                             mime_type: str, reason: str) -> None:
    async with dmp_wire(sandbox) as wire:
        ins, patient_id = await _patient(wire, db)
        document = await _listed(wire, db, ins, patient_id, content, mime_type)
        with pytest.raises(RefusedContentError, match=reason):
            await consultation.import_document(db, wire.client, patient_id, document, reader=READER)
    _nothing_stored(db, patient_id)


def test_a_cda_must_be_declared_as_xml() -> None:
    ins = random_ins()
    patient = PatientId(ins, c.OID_INS_NIR_TEST)
    assert received_checks.content_refusal(cda(ins), "text/xml; charset=UTF-8", patient) is None
    assert "pas pris en charge" in (received_checks.content_refusal(cda(ins), "text/plain", patient) or "")


async def test_the_simulators_own_documents_pass_the_checks(db: Database, sandbox: RunningSandbox) -> None:
    """A document "from another professional" is a CDA naming the patient (no content given: the simulator's)."""
    async with dmp_wire(sandbox) as wire:
        ins, patient_id = await _patient(wire, db)
        await control.add_foreign_document(wire.http, wire.url, ins)
        [document] = (await consultation.consult(db, wire.client, patient_id, DocumentFilter(),
                                                 reader=READER)).documents
        content = await consultation.fetch(db, wire.client, patient_id, document, reader=READER)
    assert document.mime_type == "text/xml"
    assert received_checks.record_target_ins(etree.fromstring(content)) == {(ins, c.OID_INS_NIR_TEST)}


def test_a_cda_over_the_size_cap_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    ins = random_ins()
    patient = PatientId(ins, c.OID_INS_NIR_TEST)
    assert received_checks.content_refusal(cda(ins), XML, patient) is None
    monkeypatch.setattr(received_checks, "MAX_XML_BYTES", 100)
    assert "trop volumineux" in (received_checks.content_refusal(cda(ins), XML, patient) or "")


async def test_an_entry_without_hash_vouches_for_nothing(db: Database, sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        ins, patient_id = await _patient(wire, db)
        document = await _listed(wire, db, ins, patient_id, cda(ins))
        with pytest.raises(IntegrityMismatchError):
            await consultation.fetch(db, wire.client, patient_id, dataclasses.replace(document, hash=""),
                                     reader=READER)


class _MixedRegistry:
    """Answers the real listing plus the same entries relabelled for another patient (a mis-filing registry)."""

    def __init__(self, wire: DmpWire) -> None:
        self._client = wire.client

    async def find_documents(self, patient: PatientId, filters: DocumentQuery | None = None) -> Any:
        entries: list[DocumentEntryInfo] = await self._client.find_documents(patient, filters)
        other = PatientId(random_ins(), patient.oid)
        return [*entries, *(dataclasses.replace(entry, entry_uuid=entry.entry_uuid + "-x", patient=other)
                            for entry in entries)]

    async def retrieve(self, patient: PatientId, repository_id: str, unique_id: str) -> RetrievedDocument:
        return await self._client.retrieve(patient, repository_id, unique_id)


async def test_entries_about_another_patient_are_dropped_and_said(db: Database, sandbox: RunningSandbox,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    async with dmp_wire(sandbox) as wire:
        ins, patient_id = await _patient(wire, db)
        await control.add_foreign_document(wire.http, wire.url, ins, content=cda(ins), mime_type=XML)
        registry = _MixedRegistry(wire)
        result = await consultation.consult(db, registry, patient_id, DocumentFilter(), reader=READER)
        assert await consultation.check_new_documents(db, registry, patient_id) == 0
    assert [d.entry_uuid.endswith("-x") for d in result.documents] == [False]
    assert result.skipped == (consultation.FOREIGN_ENTRY,)
    assert "about another patient" in caplog.text
