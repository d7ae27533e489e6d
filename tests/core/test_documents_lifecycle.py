"""Document lifecycle: drafts, validation (freeze), replacement (RPLC), archive, delete, events, conflicts."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from lxml import etree
from sqlalchemy import select

from lgc_app.dmp import feeding
from lgc_app.documents import lifecycle
from lgc_app.documents.actors import Actor
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.content import Content, NarrativeContent, PrescriptionContent, Section
from lgc_app.documents.errors import DocumentConflictError, DocumentContentError, DocumentStateError
from lgc_app.documents.kinds import DocumentStatus, DocumentType
from lgc_app.documents.models import Document, DocumentEvent
from lgc_app.documents.practitioners import add_practitioner
from lgc_app.documents.types import registered_types, spec_for
from lgc_app.patients.vocabulary import IdentityStatus
from lgc_app.persistence.database import Database
from tests.helpers.cisis import add_patient, sample_content
from tests.helpers.composition import PLANNERS, STANDALONE, practitioner_session

CABINET = Cabinet(structure_id="3123456789012", name="Cabinet médical des Érables", sector="SA08")
NS = {"h": "urn:hl7-org:v3"}


@dataclass(frozen=True)
class World:
    patient_id: int
    author: Actor
    secretary: Actor


@pytest.fixture
def world(db: Database) -> World:
    with db.unit_of_work() as session:
        patient_id = add_patient(session, status=IdentityStatus.QUAL).id
    author_id = add_practitioner(db, rpps="10001234567", given_name="Hélène", family_name="Durand")
    return World(patient_id, Actor("hdurand", author_id, workstation=STANDALONE),
                 Actor("secretariat", workstation=STANDALONE))


def _draft(db: Database, world: World, document_type: DocumentType, content: Content | None = None, *,
           actor: Actor | None = None) -> int:
    """A draft of the world's author, created by `actor` (the author by default)."""
    return lifecycle.create_draft(db, patient_id=world.patient_id, author_id=world.author.practitioner_id or 0,
                                  document_type=document_type, actor=actor or world.author, cabinet=CABINET,
                                  content=content)


def _letter(db: Database, world: World, text: str = "Cher confrère, je vous adresse Mme PAT-TROIS.") -> int:
    content = NarrativeContent((Section("Courrier", (text,)),), recipient="Dr Lefèvre")
    return _draft(db, world, DocumentType.LETTER, content, actor=world.secretary)


def _status(db: Database, document_id: int) -> DocumentStatus:
    with db.reading() as session:
        document = session.get(Document, document_id)
        assert document is not None
        return document.status


def test_draft_is_editable_then_frozen_by_validation(db: Database, world: World) -> None:
    document_id = _letter(db, world)
    version = lifecycle.update_draft(
        db,
        document_id,
        world.secretary,
        title="Lettre au Dr Lefèvre",
        content=NarrativeContent((Section("Courrier", ("Texte corrigé.",)),)),
    )
    lifecycle.update_draft(
        db,
        document_id,
        world.secretary,
        expected_version=version,
        content=NarrativeContent((Section("Courrier", ("Texte définitif, œdème.",)),)),
    )
    # a letter is not sent to the DMP by default: nothing planned for it (MSSanté: the patient has no mailbox here)
    assert lifecycle.validate(db, document_id, world.author, CABINET, planners=(feeding.plan_document_feed,)) == []
    with db.reading() as session:
        document = session.get(Document, document_id)
        assert document is not None and document.status is DocumentStatus.VALIDATED
        assert document.title == "Lettre au Dr Lefèvre" and document.validated_at is not None
        assert document.pdf is not None and document.pdf.startswith(b"%PDF-")
        root = etree.fromstring(document.cda_xml or b"")
        assert root.findtext("h:title", namespaces=NS) == "Lettre au Dr Lefèvre"
        events = session.scalars(
            select(DocumentEvent).where(DocumentEvent.document_id == document_id).order_by(DocumentEvent.id)
        ).all()
        assert [(e.action, e.from_status, e.to_status, e.actor) for e in events] == [
            ("created", None, DocumentStatus.DRAFT, "secretariat"),
            ("validated", DocumentStatus.DRAFT, DocumentStatus.VALIDATED, "hdurand"),
        ]
    with pytest.raises(DocumentStateError, match="seul un brouillon peut être modifié"):
        lifecycle.update_draft(db, document_id, world.author, title="Autre titre")
    with pytest.raises(DocumentStateError, match="Impossible de valider"):
        lifecycle.validate(db, document_id, world.author, CABINET, planners=PLANNERS)


def test_only_the_author_validates(db: Database, world: World) -> None:
    document_id = _letter(db, world)
    with pytest.raises(DocumentStateError, match="Seul l'auteur"):
        lifecycle.validate(db, document_id, world.secretary, CABINET, planners=PLANNERS)
    assert _status(db, document_id) is DocumentStatus.DRAFT


def test_incomplete_content_or_cabinet_is_refused_in_french(db: Database, world: World) -> None:
    document_id = _draft(db, world, DocumentType.PRESCRIPTION, PrescriptionContent())
    with pytest.raises(DocumentContentError, match="Ordonnance vide"):
        lifecycle.validate(db, document_id, world.author, CABINET, planners=PLANNERS)
    with pytest.raises(DocumentContentError, match=r"cabinet\.structure_id"):
        lifecycle.validate(db, document_id, world.author, Cabinet(structure_id="", name="X"), planners=PLANNERS)
    assert _status(db, document_id) is DocumentStatus.DRAFT  # nothing committed


@pytest.mark.parametrize("document_type", registered_types())
def test_every_type_starts_as_a_blank_draft(db: Database, world: World, document_type: DocumentType) -> None:
    document_id = _draft(db, world, document_type)
    assert _status(db, document_id) is DocumentStatus.DRAFT
    draft = lifecycle.get_document(db, document_id, practitioner_session())
    assert draft.content == spec_for(document_type).new_content()


def test_blank_vaccination_note_is_refused_at_validation(db: Database, world: World) -> None:
    document_id = _draft(db, world, DocumentType.VAC_NOTE)
    with pytest.raises(DocumentContentError, match="nom du vaccin manquant"):
        lifecycle.validate(db, document_id, world.author, CABINET, planners=PLANNERS)


def test_stale_autosave_is_a_conflict(db: Database, world: World) -> None:
    document_id = _letter(db, world)
    first = lifecycle.update_draft(db, document_id, world.secretary, title="Poste 1")
    lifecycle.update_draft(db, document_id, world.author, title="Poste 2", expected_version=first)
    with pytest.raises(DocumentConflictError, match="autre poste"):
        lifecycle.update_draft(db, document_id, world.secretary, title="Poste 1 bis", expected_version=first)


def test_replacement_is_a_new_version_with_rplc(db: Database, world: World) -> None:
    first = _draft(db, world, DocumentType.VSM, sample_content(DocumentType.VSM))
    lifecycle.validate(db, first, world.author, CABINET, planners=PLANNERS)
    with pytest.raises(DocumentStateError, match="Impossible de remplacer"):
        lifecycle.replace(
            db, lifecycle.replace(db, first, world.author), world.author
        )  # a draft is not replaced
    with pytest.raises(DocumentStateError, match="existe déjà"):
        lifecycle.replace(db, first, world.author)
    with db.reading() as session:
        second = session.scalar(select(Document.id).where(Document.replaces_id == first))
        old, new = session.get(Document, first), session.get(Document, second)
        assert old is not None and new is not None
        assert (new.set_id, new.version_number, new.status) == (old.set_id, 2, DocumentStatus.DRAFT)
        assert new.cda_id_root != old.cda_id_root and new.content == old.content
    assert _status(db, first) is DocumentStatus.VALIDATED  # until the new version is validated
    lifecycle.validate(db, second, world.author, CABINET, planners=PLANNERS)
    assert _status(db, first) is DocumentStatus.REPLACED
    with db.reading() as session:
        old, new = session.get(Document, first), session.get(Document, second)
        root = etree.fromstring(new.cda_xml or b"")
        assert root.find("h:setId", NS).get("root") == old.set_id
        assert root.find("h:versionNumber", NS).get("value") == "2"
        related = root.find("h:relatedDocument", NS)
        assert related.get("typeCode") == "RPLC"
        assert related.find("h:parentDocument/h:id", NS).get("root") == old.cda_id_root
    with pytest.raises(DocumentStateError, match="il est remplacé"):
        lifecycle.archive(db, first, world.author)


def test_archive_and_delete_transitions(db: Database, world: World) -> None:
    draft = _letter(db, world)
    lifecycle.delete(db, draft, world.secretary)
    assert _status(db, draft) is DocumentStatus.DELETED
    with pytest.raises(DocumentStateError, match=r"Impossible de supprimer le document .* il est supprimé"):
        lifecycle.delete(db, draft, world.secretary)
    with pytest.raises(DocumentStateError, match=r"Impossible d'archiver le document .* il est supprimé"):
        lifecycle.archive(db, draft, world.secretary)
    validated = _letter(db, world)
    lifecycle.validate(db, validated, world.author, CABINET, planners=PLANNERS)
    lifecycle.archive(db, validated, world.author)
    assert _status(db, validated) is DocumentStatus.ARCHIVED
    lifecycle.delete(db, validated, world.author)
    assert _status(db, validated) is DocumentStatus.DELETED
    summaries = lifecycle.list_documents(db, patient_id=world.patient_id)
    assert [(s.id, s.status) for s in summaries] == [
        (draft, DocumentStatus.DELETED),
        (validated, DocumentStatus.DELETED),
    ]
    # the frozen bytes stay as evidence
    assert lifecycle.frozen_bytes(db, validated, practitioner_session()).startswith(b"<?xml")
    with pytest.raises(DocumentStateError, match="n'a pas été validé"):
        lifecycle.frozen_bytes(db, draft, practitioner_session())
