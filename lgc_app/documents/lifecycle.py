"""Use cases of the document lifecycle: draft → validated (frozen) → replaced / archived / deleted.

Every use case runs in one `db.unit_of_work()` and records a `DocumentEvent` (who, when, from, to).
A validated document is never edited in place: a correction is `replace()`, a new draft of the same
setId with version + 1 whose CDA points to its parent by relatedDocument RPLC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lgc_app.audit.events import AuditEvent
from lgc_app.audit.trail import record
from lgc_app.auth.permissions import Permission, require
from lgc_app.documents import dispatch, metadata
from lgc_app.documents.actors import Actor
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.cda.parties import DocumentHeader, Identifier
from lgc_app.documents.content import Content, to_json
from lgc_app.documents.errors import (
    DocumentConflictError,
    DocumentContentError,
    DocumentNotFoundError,
    DocumentStateError,
)
from lgc_app.documents.identifiers import new_document_oid
from lgc_app.documents.kinds import DocumentStatus, DocumentType
from lgc_app.documents.models import Document, DocumentEvent, Practitioner
from lgc_app.documents.parties import author_party, organization, patient_party
from lgc_app.documents.printable import pdf_spec
from lgc_app.documents.rendering import render_pdf
from lgc_app.documents.types import parse_content, spec_for
from lgc_app.documents.valuesets import CONFIDENTIALITY_LEVELS, TYPE_CODES
from lgc_app.patients.models import Patient
from lgc_app.persistence.base import utcnow
from lgc_app.persistence.database import Database
from lgc_app.session import Session as UserSession
from services.xml import UnsafeXmlError, parse_bytes

S = DocumentStatus
# action -> (statuses it may start from, status it leads to); the French verb names it in errors.
TRANSITIONS: dict[str, tuple[frozenset[DocumentStatus], DocumentStatus, str]] = {
    "validated": (frozenset({S.DRAFT}), S.VALIDATED, "de valider"),
    "replaced": (frozenset({S.VALIDATED}), S.REPLACED, "de remplacer"),
    "archived": (frozenset({S.VALIDATED}), S.ARCHIVED, "d'archiver"),
    "deleted": (frozenset({S.DRAFT, S.VALIDATED, S.ARCHIVED}), S.DELETED, "de supprimer"),
}


@dataclass(frozen=True)
class DocumentSummary:
    """One line of a document list."""

    id: int
    type: DocumentType
    status: DocumentStatus
    title: str
    patient_id: int
    patient_name: str
    version_number: int
    updated_at: datetime
    author_id: int  # only the author decides the document's DMP fate (lgc_app.dmp.feeding)


@dataclass(frozen=True)
class DocumentEventLine:
    """One lifecycle transition as an editor shows it (who, when, what)."""

    action: str
    actor: str
    at: datetime
    note: str | None


@dataclass(frozen=True)
class DocumentDetail:
    """Everything an editor shows of one document version, read in one transaction (no live ORM object).

    `row_version` is the optimistic-concurrency counter to hand back on the next save.
    """

    id: int
    patient_id: int
    type: DocumentType
    status: DocumentStatus
    title: str
    content: Content
    row_version: int
    version_number: int
    replaces_id: int | None
    replaced_by_id: int | None
    author_id: int
    author_name: str
    validated_at: datetime | None
    updated_at: datetime
    sharing: metadata.SharingMetadata
    events: tuple[DocumentEventLine, ...]

    @property
    def is_draft(self) -> bool:
        return self.status is DocumentStatus.DRAFT


def create_draft(
    db: Database,
    *,
    patient_id: int,
    author_id: int,
    document_type: DocumentType,
    actor: Actor,
    cabinet: Cabinet,
    title: str | None = None,
    content: Content | None = None,
) -> int:
    """A new draft (version 1 of a new setId) with the type's default sharing metadata; returns its id.

    Raises:
        UnknownDocumentTypeError: no module registered this type.
    """
    spec = spec_for(document_type)
    content = content if content is not None else spec.new_content()
    with db.unit_of_work() as session:
        if session.get(Patient, patient_id) is None:
            raise DocumentNotFoundError(f"Patient {patient_id} introuvable.")
        if session.get(Practitioner, author_id) is None:
            raise DocumentNotFoundError(f"Praticien {author_id} introuvable.")
        document = Document(
            patient_id=patient_id,
            author_id=author_id,
            type=document_type,
            title=title or spec.label,
            status=S.DRAFT,
            content=to_json(content),
            set_id=new_document_oid(),
            version_number=1,
            cda_id_root=new_document_oid(),
            **metadata.default_columns(document_type, cabinet.sector),
        )
        session.add(document)
        session.flush()
        _event(session, document, "created", None, actor)
        return document.id


def update_draft(
    db: Database,
    document_id: int,
    actor: Actor,
    *,
    title: str | None = None,
    content: Content | None = None,
    expected_version: int | None = None,
) -> int:
    """Save a draft's title and/or content (autosave); returns the new row version.

    Raises:
        DocumentStateError: the document is not a draft.
        DocumentConflictError: `expected_version` is stale (edited on another workstation meanwhile).
    """
    with db.unit_of_work() as session:
        document = _draft(session, document_id, expected_version)
        if title is not None:
            if not title.strip():
                raise DocumentContentError("Le titre du document ne peut pas être vide.")
            document.title = title.strip()
        if content is not None:
            document.content = to_json(content)
        session.flush()
        return document.version


def update_metadata(
    db: Database, document_id: int, actor: Actor, *, expected_version: int | None = None, **changes: Any
) -> metadata.SharingMetadata:
    """Change sharing metadata (codes, confidentiality, visibility flags) of a draft, checked against
    the CI-SIS value sets.

    Raises:
        MetadataError: unknown field or code outside its value set.
        DocumentStateError: the document is no longer a draft.
    """
    with db.unit_of_work() as session:
        document = _draft(session, document_id, expected_version)
        metadata.check_changes(document.type, changes)
        for name, value in changes.items():
            setattr(document, name, value)
        session.flush()
        return metadata.metadata_of(document)


def validate(
    db: Database, document_id: int, actor: Actor, cabinet: Cabinet, *, planners: dispatch.SendPlanners,
    now: datetime | None = None,
) -> list[str]:
    """Freeze a draft: render its PDF, build and check its CDA, store both, mark it validated, retire the
    version it replaces and plan its sends (`planners`, from the composition root) — all in one transaction.
    Returns the planned order ids.

    CPU-heavy (PDF, CDA): async callers use `asyncio.to_thread`.

    Raises:
        DocumentStateError: not a draft, or the actor is not the document's author.
        DocumentContentError: incomplete content or cabinet settings.
    """
    now = now or utcnow()
    cabinet.check()
    with db.unit_of_work() as session:
        document = _locked(session, document_id)
        _check_transition(document, "validated")
        if actor.practitioner_id != document.author_id:
            raise DocumentStateError("Seul l'auteur du document peut le valider.")
        spec = spec_for(document.type)
        content = spec.parse(document.content)
        content.check()
        patient = session.get(Patient, document.patient_id)
        assert patient is not None  # foreign key
        parent = session.get(Document, document.replaces_id) if document.replaces_id else None
        if parent is not None:
            _check_transition(parent, "replaced")
        pdf = render_pdf(
            pdf_spec(
                document_type=document.type,
                title=document.title,
                content=content,
                patient=patient,
                author=document.author,
                cabinet=cabinet,
                created_at=now,
                document_id=document.cda_id_root,
            )
        )
        header = _header(document, spec.service_period(content, now), patient, cabinet, parent, now)
        cda = spec.build_cda(header, content, pdf)
        try:
            parse_bytes(cda)
        except UnsafeXmlError as exc:  # a bug of ours, never the user's: refuse to freeze it
            raise DocumentContentError(f"Document CDA invalide, validation refusée ({exc}).") from None
        document.cda_xml = cda
        document.pdf = pdf
        document.validated_at = now
        _move(session, document, "validated", actor)
        if parent is not None:
            _move(
                session, parent, "replaced", actor, note=f"remplacé par la version {document.version_number}"
            )
        session.flush()
        planned = dispatch.plan_sends(session, document, actor, planners)
        # Journaled last: the journal's chain head stays locked until the commit and every workstation's
        # journal waits for it (a health centre's masters and slaves), so it is taken as late as possible.
        _audit(session, document, AuditEvent.DOCUMENT_VALIDATED, actor, f"Validé : {document.title}")
        return planned


def replace(db: Database, document_id: int, actor: Actor) -> int:
    """Start a new version of a validated document (same setId, version + 1); returns the new draft's id.

    The old version stays validated until the new one is validated, then becomes `replaced`.
    """
    with db.unit_of_work() as session:
        parent = _locked(session, document_id)
        _check_transition(parent, "replaced")
        pending = successor_of(session, parent.id)
        if pending is not None:
            raise DocumentStateError(f"Une nouvelle version de ce document existe déjà (document {pending}).")
        columns = {name: getattr(parent, name) for name in (*metadata.EDITABLE_FIELDS, "format_code")}
        draft = Document(
            patient_id=parent.patient_id,
            author_id=parent.author_id,
            type=parent.type,
            title=parent.title,
            status=S.DRAFT,
            content=dict(parent.content),
            set_id=parent.set_id,
            version_number=parent.version_number + 1,
            cda_id_root=new_document_oid(),
            replaces_id=parent.id,
            **columns,
        )
        session.add(draft)
        session.flush()
        _event(session, draft, "created", None, actor, note=f"nouvelle version de {parent.id}")
        return draft.id


def archive(db: Database, document_id: int, actor: Actor, *, reason: str | None = None) -> None:
    """Archive a validated document; `reason` is recorded on its event."""
    with db.unit_of_work() as session:
        document = _locked(session, document_id)
        _move(session, document, "archived", actor, note=reason)
        _audit(session, document, AuditEvent.DOCUMENT_ARCHIVED, actor, _with_reason(document.title, reason))


def delete(db: Database, document_id: int, actor: Actor, *, reason: str | None = None) -> None:
    """Mark a document deleted (the row and its frozen bytes are kept as evidence); `reason` is recorded."""
    with db.unit_of_work() as session:
        document = _locked(session, document_id)
        _move(session, document, "deleted", actor, note=reason)
        _audit(session, document, AuditEvent.DOCUMENT_DELETED, actor, _with_reason(document.title, reason))


def _with_reason(title: str, reason: str | None) -> str:
    return f"{title} ; motif : {reason}" if reason else title


def _audit(session: Session, document: Document, event: AuditEvent, actor: Actor, detail: str) -> None:
    """Validating, archiving or deleting a document changes the patient's record: journaled (issue 11)."""
    record(session, event, actor.login, actor.workstation.name, f"document {document.id}", detail,
           patient_id=document.patient_id)


def get_document(db: Database, document_id: int, reader: UserSession) -> DocumentDetail:
    """One document version as an editor shows it: content, sharing metadata, history, next version.

    Raises:
        NotPermitted: `reader`'s role may not read clinical content (IE.33: the secretariat sees the list only).
        DocumentNotFoundError: no such document.
    """
    require(reader, Permission.READ_CLINICAL)
    with db.reading() as session:
        document = _get(session, document_id)
        return DocumentDetail(
            id=document.id, patient_id=document.patient_id, type=document.type, status=document.status,
            title=document.title, content=parse_content(document.type, document.content),
            row_version=document.version, version_number=document.version_number,
            replaces_id=document.replaces_id, replaced_by_id=successor_of(session, document.id),
            author_id=document.author_id, author_name=document.author.display_name,
            validated_at=document.validated_at, updated_at=document.updated_at,
            sharing=metadata.metadata_of(document),
            events=tuple(DocumentEventLine(e.action, e.actor, e.at, e.note) for e in document.events),
        )


def get_metadata(db: Database, document_id: int) -> metadata.SharingMetadata:
    with db.reading() as session:
        return metadata.metadata_of(_get(session, document_id))


def list_documents(db: Database, *, patient_id: int | None = None) -> list[DocumentSummary]:
    with db.reading() as session:
        query = (
            select(Document, Patient).join(Patient, Patient.id == Document.patient_id).order_by(Document.id)
        )
        if patient_id is not None:
            query = query.where(Document.patient_id == patient_id)
        return [
            DocumentSummary(
                d.id, d.type, d.status, d.title, p.id, p.display_name, d.version_number, d.updated_at, d.author_id
            )
            for d, p in session.execute(query)
        ]


def frozen_bytes(db: Database, document_id: int, reader: UserSession, *, pdf: bool = False) -> bytes:
    """The CDA (or PDF) frozen at validation.

    Raises:
        NotPermitted: `reader`'s role may not read clinical content.
        DocumentStateError: the document was never validated.
    """
    require(reader, Permission.READ_CLINICAL)
    with db.reading() as session:
        document = _get(session, document_id)
        data = document.pdf if pdf else document.cda_xml
        if data is None:
            raise DocumentStateError(f"Le document {document_id} n'a pas été validé : rien à exporter.")
        return data


# --- helpers -------------------------------------------------------------------------------------------


def _get(session: Session, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise DocumentNotFoundError(f"Document {document_id} introuvable.")
    return document


def successor_of(session: Session, document_id: int) -> int | None:
    """The next version of a document (draft or validated), if one was started and not deleted."""
    return session.scalar(
        select(Document.id).where(Document.replaces_id == document_id, Document.status != S.DELETED)
    )


def _locked(session: Session, document_id: int) -> Document:
    """The row locked for the transaction on PostgreSQL (SQLite serialises writers anyway)."""
    document = session.scalar(select(Document).where(Document.id == document_id).with_for_update(of=Document))
    if document is None:
        raise DocumentNotFoundError(f"Document {document_id} introuvable.")
    return document


def _draft(session: Session, document_id: int, expected_version: int | None) -> Document:
    document = _get(session, document_id)
    if document.status is not S.DRAFT:
        raise DocumentStateError(
            f"Le document {document_id} est {document.status.label.lower()} : "
            "seul un brouillon peut être modifié."
        )
    if expected_version is not None and document.version != expected_version:
        raise DocumentConflictError(
            "Ce brouillon a été modifié sur un autre poste depuis son ouverture : "
            "rechargez-le avant d'enregistrer."
        )
    return document


def _check_transition(document: Document, action: str) -> None:
    allowed, _target, verb = TRANSITIONS[action]
    if document.status not in allowed:
        raise DocumentStateError(
            f"Impossible {verb} le document {document.id} : il est {document.status.label.lower()}."
        )


def _move(
    session: Session, document: Document, action: str, actor: Actor, *, note: str | None = None
) -> None:
    _check_transition(document, action)
    before = document.status
    document.status = TRANSITIONS[action][1]
    _event(session, document, action, before, actor, note=note)


def _event(
    session: Session,
    document: Document,
    action: str,
    before: DocumentStatus | None,
    actor: Actor,
    *,
    note: str | None = None,
) -> None:
    session.add(
        DocumentEvent(
            document_id=document.id,
            action=action,
            from_status=before,
            to_status=document.status,
            actor=actor.login,
            note=note,
        )
    )


def _header(
    document: Document,
    service_period: tuple[datetime, datetime | None],
    patient: Patient,
    cabinet: Cabinet,
    parent: Document | None,
    now: datetime,
) -> DocumentHeader:
    start, end = service_period
    return DocumentHeader(
        document_id=Identifier(document.cda_id_root, document.cda_id_extension),
        set_id=Identifier(document.set_id),
        version_number=document.version_number,
        title=document.title,
        created_at=now,
        type_code=TYPE_CODES[document.type_code],
        confidentiality=CONFIDENTIALITY_LEVELS[document.confidentiality_code],
        patient=patient_party(patient, cabinet),
        author=author_party(document.author),
        organization=organization(cabinet, document),
        service_start=start,
        service_end=end,
        replaces=Identifier(parent.cda_id_root, parent.cda_id_extension) if parent else None,
    )
