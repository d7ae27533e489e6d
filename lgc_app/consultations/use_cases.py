"""Use cases of the consultation record; each runs in its own transaction and returns frozen snapshots.

The practitioner of a consultation is the session's practitioner (a secretariat session cannot open one).
A consultation stays editable (autosave): `save_consultation` takes the row version read with it and
refuses a stale one (edited on another workstation meanwhile). Creating, opening and changing a consultation
is journaled in the same transaction (issue 11: every read or change of a patient record); the journal names
the consultation, never its clinical content.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from lgc_app.audit.events import AuditEvent
from lgc_app.audit.trail import record as audit
from lgc_app.auth.permissions import Permission, require
from lgc_app.consultations.errors import (
    ConsultationConflictError,
    ConsultationError,
    ConsultationNotFoundError,
)
from lgc_app.consultations.models import Consultation, ConsultationDocument
from lgc_app.consultations.vitals import VitalSigns
from lgc_app.documents.actors import Actor
from lgc_app.documents.kinds import DocumentType
from lgc_app.documents.models import Document, Practitioner
from lgc_app.patients.models import Patient
from lgc_app.persistence.base import utcnow
from lgc_app.persistence.database import Database
from lgc_app.session import Session as UserSession

REASON_LENGTH = 200  # consultations.reason


@dataclass(frozen=True)
class ConsultationRecord:
    """What the practitioner writes during a consultation."""

    reason: str = ""
    history: str = ""
    examination: str = ""
    conclusion: str = ""
    vitals: VitalSigns = field(default_factory=VitalSigns)


@dataclass(frozen=True)
class LinkedDocument:
    id: int
    type: DocumentType
    title: str


@dataclass(frozen=True)
class ConsultationView:
    """One consultation as the screen shows it; `row_version` is handed back on the next save."""

    id: int
    patient_id: int
    practitioner_id: int
    practitioner_name: str
    started_at: datetime
    record: ConsultationRecord
    row_version: int
    documents: tuple[LinkedDocument, ...]


@dataclass(frozen=True)
class ConsultationSummary:
    id: int
    started_at: datetime
    reason: str
    practitioner_name: str


def _audit(session: Session, actor: Actor, event: AuditEvent, row: Consultation, detail: str) -> None:
    audit(session, event, actor.login, actor.workstation.name, f"consultation {row.id}", detail,
          patient_id=row.patient_id)


def start_consultation(db: Database, patient_id: int, actor: Actor, *, now: datetime | None = None
                       ) -> ConsultationView:
    """A new, empty consultation of this patient by the acting practitioner (`actor`).

    Raises:
        ConsultationError: the session is not a practitioner's.
        ConsultationNotFoundError: no such patient or practitioner.
    """
    practitioner_id = actor.practitioner_id
    if practitioner_id is None:
        raise ConsultationError("Seul un praticien peut ouvrir une consultation : changez d'utilisateur.")
    with db.unit_of_work() as session:
        if session.get(Patient, patient_id) is None:
            raise ConsultationNotFoundError(f"Patient {patient_id} introuvable.")
        if session.get(Practitioner, practitioner_id) is None:
            raise ConsultationNotFoundError(f"Praticien {practitioner_id} introuvable.")
        row = Consultation(patient_id=patient_id, practitioner_id=practitioner_id, created_by=actor.login,
                           started_at=now or utcnow())
        session.add(row)
        session.flush()
        _audit(session, actor, AuditEvent.CONSULTATION_CREATED, row, "Nouvelle consultation")
        return _view(session, row)


def save_consultation(db: Database, consultation_id: int, record: ConsultationRecord, *,
                      expected_version: int, actor: Actor) -> int:
    """Store what was typed (autosave); returns the new row version.

    Raises:
        VitalSignError: a vital sign outside its plausible range.
        ConsultationError: a reason too long for its column.
        ConsultationConflictError: `expected_version` is stale.
    """
    record.vitals.check()
    if len(record.reason.strip()) > REASON_LENGTH:
        raise ConsultationError(f"Le motif de consultation est limité à {REASON_LENGTH} caractères.")
    try:
        with db.unit_of_work() as session:
            row = _get(session, consultation_id)
            if row.version != expected_version:
                raise ConsultationConflictError()
            row.reason = record.reason.strip()
            row.history, row.examination, row.conclusion = record.history, record.examination, record.conclusion
            for item in fields(record.vitals):
                setattr(row, item.name, getattr(record.vitals, item.name))
            session.flush()
            _audit(session, actor, AuditEvent.CONSULTATION_CHANGED, row, f"Consultation enregistrée (version "
                   f"{row.version})")
            return row.version
    except StaleDataError:  # another workstation saved between our read and our write
        raise ConsultationConflictError() from None


def get_consultation(db: Database, consultation_id: int, reader: UserSession) -> ConsultationView:
    """Raises NotPermitted when `reader`'s role may not read clinical notes (IE.33)."""
    require(reader, Permission.READ_CLINICAL)
    with db.reading() as session:
        return _view(session, _get(session, consultation_id))


def open_consultation(db: Database, consultation_id: int, reader: UserSession) -> ConsultationView:
    """The consultation `reader` opens to read or go on with it: checked (NotPermitted for a role that may not
    read clinical notes, IE.33) and journaled; `get_consultation` reads without journaling (drafting)."""
    require(reader, Permission.READ_CLINICAL)
    with db.unit_of_work() as session:
        row = _get(session, consultation_id)
        _audit(session, reader.actor(), AuditEvent.CONSULTATION_OPENED, row, "Consultation ouverte")
        return _view(session, row)


def list_consultations(db: Database, patient_id: int, reader: UserSession) -> list[ConsultationSummary]:
    """The patient's consultations, most recent first (their reasons are clinical: NotPermitted for the
    secretariat)."""
    require(reader, Permission.READ_CLINICAL)
    with db.reading() as session:
        rows = session.execute(select(Consultation, Practitioner).join(
            Practitioner, Practitioner.id == Consultation.practitioner_id)
            .where(Consultation.patient_id == patient_id)
            .order_by(Consultation.started_at.desc(), Consultation.id.desc()))
        return [ConsultationSummary(c.id, c.started_at, c.reason, p.display_name) for c, p in rows]


def consultation_of_document(db: Database, document_id: int) -> int | None:
    """The consultation a document was drafted from, if any."""
    with db.reading() as session:
        return session.scalar(select(ConsultationDocument.consultation_id)
                              .where(ConsultationDocument.document_id == document_id))


def _get(session: Session, consultation_id: int) -> Consultation:
    row = session.get(Consultation, consultation_id)
    if row is None:
        raise ConsultationNotFoundError(f"Consultation {consultation_id} introuvable.")
    return row


def _view(session: Session, row: Consultation) -> ConsultationView:
    practitioner = session.get(Practitioner, row.practitioner_id)
    assert practitioner is not None  # foreign key
    vitals = VitalSigns(**{item.name: getattr(row, item.name) for item in fields(VitalSigns)})
    documents = session.execute(select(Document.id, Document.type, Document.title)
                                .join(ConsultationDocument, ConsultationDocument.document_id == Document.id)
                                .where(ConsultationDocument.consultation_id == row.id).order_by(Document.id))
    return ConsultationView(
        id=row.id, patient_id=row.patient_id, practitioner_id=row.practitioner_id,
        practitioner_name=practitioner.display_name, started_at=row.started_at,
        record=ConsultationRecord(row.reason, row.history, row.examination, row.conclusion, vitals),
        row_version=row.version, documents=tuple(LinkedDocument(*document) for document in documents))
