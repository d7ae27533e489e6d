"""DMP consultation use cases against the DMP simulator: list with filters, read, import, new-documents check."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest

from lgc_app.dmp import client_factory, consultation
from lgc_app.dmp.consultation import (
    AlreadyImportedError,
    DocumentFilter,
    IntegrityMismatchError,
    NotQualifiedError,
)
from lgc_app.dmp.models import DmpDocumentState
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.kinds import DocumentType
from lgc_app.persistence.database import Database
from lgc_app.session import SECRETARIAT, Authentication, Session, practitioner_by_rpps
from services.dmp import constants as c
from services.dmp.errors import DmpError
from services.sandbox.dmp import control
from services.sandbox.server import RunningSandbox
from tests.helpers.composition import STANDALONE, practitioner_session
from tests.helpers.dmp import DmpWire, dmp_wire, random_ins
from tests.helpers.dmp_consultation import DUPONT_INS, qualified_patient
from tests.helpers.dmp_feed import add_author, feed_settings, validated
from tests.helpers.patients import add_patient

READER = practitioner_session()  # a practitioner reads the DMP (IE.33)
CERT = "CERT_DECL^1.2.250.1.213.1.1.4.12"
CERT_CLASS = "52^1.2.250.1.213.1.1.4.1"


async def _fresh(wire: DmpWire, db: Database) -> tuple[str, int]:
    """A patient of our own in the simulator (empty DMP) and its qualified local identity."""
    ins = random_ins()
    await control.register_patient(wire.http, wire.url, ins, family_name="MARTIN", given_name="ALICE",
                                   birth_date="1980-01-01")
    return ins, qualified_patient(db, ins, birth_name="MARTIN", given_name="ALICE", birth_date="1980-01-01")


async def _foreign(wire: DmpWire, ins: str, **metadata: object) -> dict[str, str]:
    """A document of another professional: by default the simulator's CDA consultation report for `ins`."""
    return await control.add_foreign_document(wire.http, wire.url, ins, **metadata)  # type: ignore[arg-type]


async def test_lists_dupont_documents_from_another_professional(db: Database, sandbox: RunningSandbox) -> None:
    patient_id = qualified_patient(db, DUPONT_INS)
    async with dmp_wire(sandbox) as wire:
        result = await consultation.consult(db, wire.client, patient_id, DocumentFilter(), reader=READER)
    assert result.previous_consultation is None
    foreign = [d for d in result.documents if d.title == "Compte rendu de consultation de cardiologie"]
    assert foreign, result.documents
    assert foreign[0].authors == ("Claire CARDIO",)
    assert foreign[0].type_label == "CR ou fiche de consultation ou de visite"
    assert foreign[0].is_new and not foreign[0].imported


async def test_filters_by_type_date_and_author(db: Database, sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        ins, patient_id = await _fresh(wire, db)
        old = (datetime.now(UTC) - timedelta(days=40)).isoformat()
        await _foreign(wire, ins, title="Certificat ancien", type_code=CERT, class_code=CERT_CLASS,
                       creation_time=old, author_name="BLANC^Élise")
        await _foreign(wire, ins, title="CR récent", author_name="NOIR^Marc")

        async def titles(filters: DocumentFilter) -> list[str]:
            result = await consultation.consult(db, wire.client, patient_id, filters, reader=READER)
            return [d.title for d in result.documents]

        assert await titles(DocumentFilter()) == ["CR récent", "Certificat ancien"]  # newest first
        assert await titles(DocumentFilter(type_code="CERT_DECL")) == ["Certificat ancien"]
        assert await titles(DocumentFilter(created_from=date.today() - timedelta(days=7))) == ["CR récent"]
        assert await titles(DocumentFilter(created_to=date.today() - timedelta(days=30))) == ["Certificat ancien"]
        assert await titles(DocumentFilter(author="elise")) == ["Certificat ancien"]  # case, accents ignored


async def test_new_documents_are_counted_until_consulted(db: Database, sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        ins, patient_id = await _fresh(wire, db)
        await _foreign(wire, ins, title="Premier")
        assert await consultation.check_new_documents(db, wire.client, patient_id) == 1  # never consulted
        await consultation.consult(db, wire.client, patient_id, DocumentFilter(), reader=READER)
        assert await consultation.check_new_documents(db, wire.client, patient_id) == 0
        await _foreign(wire, ins, title="Deuxième")
        await _foreign(wire, ins, title="Troisième", type_code=CERT, class_code=CERT_CLASS)
        assert await consultation.check_new_documents(db, wire.client, patient_id) == 2
        assert consultation.new_document_counts(db, [patient_id]) == {patient_id: 2}
        # a filtered listing marks only what it showed as seen
        shown = await consultation.consult(db, wire.client, patient_id, DocumentFilter(type_code="CERT_DECL"),
                                           reader=READER)
        assert [(d.title, d.is_new) for d in shown.documents] == [("Troisième", True)]
        assert consultation.new_document_counts(db, [patient_id]) == {patient_id: 1}
        complete = await consultation.consult(db, wire.client, patient_id, DocumentFilter(), reader=READER)
        assert {d.title: d.is_new for d in complete.documents} == {"Premier": False, "Deuxième": True,
                                                                    "Troisième": False}
        assert complete.previous_consultation is not None
        assert consultation.new_document_counts(db, [patient_id]) == {}


async def test_fetch_and_import_once(db: Database, sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        ins, patient_id = await _fresh(wire, db)
        pdf = b"%PDF-1.4\nContenu exact du document."
        await _foreign(wire, ins, title="À importer", content=pdf, mime_type="application/pdf",
                       format_code=f"urn:ihe:iti:xds-sd:pdf:2008^{c.CS_FORMAT_IHE}")
        [document] = (await consultation.consult(db, wire.client, patient_id, DocumentFilter(),
                                                 reader=READER)).documents
        assert await consultation.fetch(db, wire.client, patient_id, document, reader=READER) == pdf
        received_id = await consultation.import_document(db, wire.client, patient_id, document, reader=READER)
        requests = len(wire.exchanges)
        with pytest.raises(AlreadyImportedError, match="déjà dans le dossier"):
            await consultation.import_document(db, wire.client, patient_id, document, reader=READER)
        assert len(wire.exchanges) == requests  # refused before asking the DMP
        [again] = (await consultation.consult(db, wire.client, patient_id, DocumentFilter(),
                                              reader=READER)).documents
    assert again.imported
    [received] = consultation.received_documents(db, patient_id)
    assert (received.id, received.title, received.author, received.imported_by) == (
        received_id, "À importer", "Claire CARDIO", READER.who)
    assert consultation.received_content(db, received_id, READER) == ("application/pdf", pdf)


async def test_altered_bytes_are_not_stored(db: Database, sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        ins, patient_id = await _fresh(wire, db)
        await _foreign(wire, ins)
        [document] = (await consultation.consult(db, wire.client, patient_id, DocumentFilter(),
                                                 reader=READER)).documents
        tampered = consultation.DmpDocument(**{**document.__dict__, "hash": "0" * 40})
        with pytest.raises(IntegrityMismatchError):
            await consultation.import_document(db, wire.client, patient_id, tampered, reader=READER)
    assert consultation.received_documents(db, patient_id) == []


async def test_unqualified_identity_is_refused_before_any_request(db: Database, sandbox: RunningSandbox) -> None:
    patient_id = add_patient(db, "PROVISOIRE", "JEAN", "1970-01-01", "M")
    async with dmp_wire(sandbox) as wire:
        with pytest.raises(NotQualifiedError, match="identité qualifiée"):
            await consultation.consult(db, wire.client, patient_id, DocumentFilter(), reader=READER)
        assert await consultation.check_new_documents(db, wire.client, patient_id) == 0  # the badge: no failure
        assert wire.exchanges == []


async def test_dmp_refusal_is_a_dmp_error(db: Database, sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        ins = random_ins()
        await control.register_patient(wire.http, wire.url, ins, dmp="closed")
        patient_id = qualified_patient(db, ins, birth_name="FERME", given_name="LUC", birth_date="1970-01-01")
        with pytest.raises(DmpError) as caught:
            await consultation.consult(db, wire.client, patient_id, DocumentFilter(), reader=READER)
    assert caught.value.text == "Le DMP de ce patient est fermé."
    assert consultation.new_document_counts(db, [patient_id]) == {}  # nothing remembered for a failed consultation


async def test_consultations_speak_for_the_session_practitioner_until_closed(
        db: Database, sandbox: RunningSandbox) -> None:
    settings = feed_settings(sandbox)
    connection = await asyncio.to_thread(client_factory.connect, settings)
    cabinet = Cabinet.from_settings(settings)
    with pytest.raises(consultation.ConsultationError, match="réservée aux professionnels de santé"):
        client_factory.consultation_client(connection, Session(SECRETARIAT, STANDALONE,
                                                               Authentication.CHOSEN_AT_START), cabinet)
    add_author(db)
    practitioner = practitioner_by_rpps(db, "99700366240")
    assert practitioner is not None
    client = client_factory.consultation_client(
        connection, Session(practitioner, STANDALONE, Authentication.CHOSEN_AT_START), cabinet)
    assert client.context.practitioner_name == "MEDECIN-TEST Paul"
    result = await consultation.consult(db, client, qualified_patient(db, DUPONT_INS), DocumentFilter(), reader=READER)
    assert result.documents
    await connection.aclose()  # what the GUI does at exit (Services.aclose)
    with pytest.raises(RuntimeError, match="closed"):
        await consultation.consult(db, client, qualified_patient(db, random_ins()), DocumentFilter(), reader=READER)


async def test_documents_this_cabinet_sent_are_not_new(db: Database, sandbox: RunningSandbox) -> None:
    async with dmp_wire(sandbox) as wire:
        ins, patient_id = await _fresh(wire, db)
        ours = await _foreign(wire, ins, title="Envoyé par le cabinet")
        await _foreign(wire, ins, title="Venu d'ailleurs")
        document_id = validated(db, patient_id, add_author(db).author, DocumentType.VSM)
        with db.unit_of_work() as session:  # as the worker records it once the DMP accepted the document
            state = session.get(DmpDocumentState, document_id)
            assert state is not None
            state.unique_id = ours["unique_id"]
        assert await consultation.check_new_documents(db, wire.client, patient_id) == 1
        with db.reading() as session:
            assert consultation.new_document_counts(db, [patient_id]) == {patient_id: 1}
        listed = await consultation.consult(db, wire.client, patient_id, DocumentFilter(), reader=READER)
        assert {d.title: d.is_new for d in listed.documents} == {"Envoyé par le cabinet": False,
                                                                  "Venu d'ailleurs": True}
