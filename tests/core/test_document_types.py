"""The registry of document types: a new type is one module registering its spec; an unknown type is an error."""

from __future__ import annotations

import base64
import dataclasses
import io
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from lxml import etree
from sqlalchemy import select
from sqlalchemy.exc import StatementError

from lgc_app.documents import lifecycle
from lgc_app.documents.actors import Actor
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.content import NarrativeContent, Section
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.models import Document
from lgc_app.documents.practitioners import add_practitioner
from lgc_app.documents.types import (
    DocumentTypeSpec,
    SharingDefaults,
    UnknownDocumentTypeError,
    register,
    registered_types,
    spec_for,
)
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database
from tests.helpers import sport_certificate
from tests.helpers.cisis import add_patient, cisis_errors
from tests.helpers.composition import PLANNERS, STANDALONE, practitioner_session
from tests.helpers.sport_certificate import SPORT_CERTIFICATE

CABINET = Cabinet(structure_id="3123456789012", name="Cabinet médical des Érables", sector="SA07")
NS = {"h": "urn:hl7-org:v3"}
UNKNOWN = DocumentType("TEST_NEVER_REGISTERED")


@pytest.fixture
def author(db: Database) -> Actor:
    return Actor("hdurand", add_practitioner(db, rpps="10001234567", given_name="Hélène", family_name="Durand"),
                 workstation=STANDALONE)


@pytest.fixture
def patient_id(db: Database) -> int:
    with db.unit_of_work() as session:
        return add_patient(session, status=IdentityStatus.QUAL).id


@pytest.fixture
def sport() -> Iterator[DocumentTypeSpec]:
    with sport_certificate.registered() as spec:
        yield spec


def _draft(db: Database, patient_id: int, author: Actor, document_type: DocumentType) -> int:
    return lifecycle.create_draft(db, patient_id=patient_id, author_id=author.practitioner_id or 0,
                                  document_type=document_type, actor=author, cabinet=CABINET)


def test_a_new_type_needs_only_its_module(
    db: Database, author: Actor, patient_id: int, sport: DocumentTypeSpec, shared_dir: Path, tmp_path: Path
) -> None:
    assert SPORT_CERTIFICATE in registered_types()
    document_id = _draft(db, patient_id, author, SPORT_CERTIFICATE)
    draft = lifecycle.get_document(db, document_id, practitioner_session())
    assert (draft.type, draft.title) == (SPORT_CERTIFICATE, "Certificat d'aptitude au sport")
    assert draft.content == sport.starter  # the spec's starter content
    assert (draft.sharing.type_code.code, draft.sharing.class_code.code) == ("89601-9", "52")  # ASS_X04
    text = NarrativeContent((Section("Discipline", ("Course à pied, compétition.",)),))
    lifecycle.update_draft(db, document_id, author, content=text)

    lifecycle.validate(db, document_id, author, CABINET, planners=PLANNERS)

    cda = lifecycle.frozen_bytes(db, document_id, practitioner_session())
    pdf = lifecycle.frozen_bytes(db, document_id, practitioner_session(), pdf=True)
    assert cisis_errors(shared_dir, cda, tmp_path) == []
    body = etree.fromstring(cda).find("h:component/h:nonXMLBody/h:text", NS)
    assert body is not None and base64.b64decode(body.text or "") == pdf  # N1: the PDF is the body
    printed = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert sport_certificate.HEADING in printed  # the type's own layout was used
    assert "Course à pied, compétition." in printed


def test_an_unregistered_type_is_an_error(db: Database, author: Actor, patient_id: int) -> None:
    with pytest.raises(UnknownDocumentTypeError, match="TEST_NEVER_REGISTERED"):
        spec_for(UNKNOWN)
    with pytest.raises(UnknownDocumentTypeError):
        _draft(db, patient_id, author, UNKNOWN)
    with pytest.raises(UnknownDocumentTypeError):
        _ = UNKNOWN.label
    with db.reading() as session:
        assert session.scalars(select(Document)).all() == []  # nothing stored


def test_the_type_column_refuses_an_unregistered_code(db: Database, author: Actor, patient_id: int) -> None:
    document_id = _draft(db, patient_id, author, DocumentType.LETTER)
    with pytest.raises(StatementError) as raised, db.unit_of_work() as session:
        document = session.get(Document, document_id)
        assert document is not None
        document.type = UNKNOWN
    assert isinstance(raised.value.orig, UnknownDocumentTypeError)  # the bind of the column checked it
    assert lifecycle.get_document(db, document_id, practitioner_session()).type is DocumentType.LETTER


def test_a_document_whose_type_is_no_longer_registered_is_listed_but_not_opened(
    db: Database, author: Actor, patient_id: int
) -> None:
    with sport_certificate.registered():
        document_id = _draft(db, patient_id, author, SPORT_CERTIFICATE)
    assert [d.type for d in lifecycle.list_documents(db)] == [SPORT_CERTIFICATE]
    with pytest.raises(UnknownDocumentTypeError):
        lifecycle.get_document(db, document_id, practitioner_session())
    with pytest.raises(UnknownDocumentTypeError):
        lifecycle.validate(db, document_id, author, CABINET, planners=PLANNERS)


def test_register_refuses_a_second_spec_and_codes_outside_ass_x04() -> None:
    vsm = spec_for(DocumentType.VSM)
    with pytest.raises(ValueError, match="registered twice"):
        register(vsm)
    unlisted = dataclasses.replace(sport_certificate.SPEC, sharing=SharingDefaults("60591-5", "x", False))
    with pytest.raises(ValueError, match="ASS_X04"):
        register(unlisted)  # a J07 typeCode ASS_X04 gives no classCode for
    with pytest.raises(ValueError, match="20 characters"):
        register(dataclasses.replace(sport_certificate.SPEC, type=DocumentType("TEST_" + "X" * 16)))
    assert SPORT_CERTIFICATE not in registered_types()


def test_class_codes_follow_ass_x04() -> None:
    # PROTOCOLS.md §3.0: the vaccination note is a "Certificat, déclaration" (52), not a "Compte rendu"
    classes = {t: (spec_for(t).sharing.type_code, spec_for(t).sharing.class_code) for t in registered_types()}
    assert classes[DocumentType.VAC_NOTE] == ("87273-9", "52")
    assert classes[DocumentType.VSM] == ("SYNTH", "11")
    assert classes[DocumentType.PRESCRIPTION] == ("57833-6", "42")
    assert classes[DocumentType.CERTIFICATE] == ("89601-9", "52")
    assert classes[DocumentType.LETTER] == ("96349-6", "10")
    assert classes[DocumentType.CONSULTATION_REPORT] == ("11488-4", "10")
