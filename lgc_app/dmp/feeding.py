"""Systematic DMP feeding (SC.DMP/ALI/PROG.02): the order planned at validation, preferences, withholding.

`plan_document_feed` is the DMP send planner (`documents.dispatch`): it runs INSIDE the validation unit of work,
so the order and the document's DMP state commit with the validation or not at all. No network here.

Routing (master/slave): a slave only writes the order, targeted at its master (`workstation.master`), the
workstation holding the CPS; a master targets itself; a standalone workstation leaves the target open. The
workstation is the acting user's (`Actor.workstation`, from the session).

A document of a patient whose identity is not qualified is not ordered at all: its INS may not leave the
software (PROTOCOLS §1.3), so an order could only fail; the document shows "non envoyé (identité non
qualifiée)" instead, and `release` sends it once the identity is qualified.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from lgc_app.dmp.models import DmpDocumentState, DmpState, DmpTypePreference
from lgc_app.dmp.opposition import check_no_opposition, opposition_of
from lgc_app.dmp.state import effective_state
from lgc_app.documents.actors import Actor
from lgc_app.documents.errors import DocumentError, DocumentNotFoundError
from lgc_app.documents.identifiers import new_document_oid
from lgc_app.documents.kinds import DocumentStatus, DocumentType
from lgc_app.documents.models import Document
from lgc_app.documents.types import registered_types, spec_for
from lgc_app.outbox import orders
from lgc_app.outbox.clock import database_now
from lgc_app.outbox.models import OrderStatus, SendOrder
from lgc_app.patients.models import Patient
from lgc_app.persistence.database import Database

KIND = "dmp.feed"
# With the outbox backoff (10 s doubling, capped at 1 h, full jitter) 24 attempts span about half a day:
# a DMP outage of a morning must not leave documents "à traiter".
MAX_ATTEMPTS = 24


class FeedingError(DocumentError):
    """A DMP feeding action the document's state forbids; French message shown to the user."""

    code = "DMP-FEEDING"
    summary = "Cette action d'envoi au DMP est impossible dans l'état du document."


# --- preferences --------------------------------------------------------------------------------------


def _preferences(session: Session, practitioner_id: int) -> dict[DocumentType, bool]:
    chosen = {row.document_type: row.send_to_dmp for row in session.scalars(
        select(DmpTypePreference).where(DmpTypePreference.practitioner_id == practitioner_id))}
    # no choice made: the type's default (key documents of the care pathway, SEGUR.md; see each type's spec)
    return {kind: chosen.get(kind, spec_for(kind).dmp_by_default) for kind in registered_types()}


def type_preferences(db: Database, practitioner_id: int) -> dict[DocumentType, bool]:
    """Per document type, whether this practitioner's validated documents go to the DMP."""
    with db.reading() as session:
        return _preferences(session, practitioner_id)


def set_type_preference(db: Database, practitioner_id: int, document_type: DocumentType, send_to_dmp: bool,
                        actor: Actor) -> None:
    """Choose whether documents of this type go to the DMP; only the practitioner may decide it."""
    if actor.practitioner_id != practitioner_id:
        raise FeedingError("Seul le praticien concerné peut choisir les documents envoyés à son DMP patient.")
    with db.unit_of_work() as session:
        now = database_now(session)
        row = session.get(DmpTypePreference, (practitioner_id, document_type))
        if row is None:
            session.add(DmpTypePreference(practitioner_id=practitioner_id, document_type=document_type,
                                          send_to_dmp=send_to_dmp, updated_by=actor.login, updated_at=now))
        else:
            row.send_to_dmp, row.updated_by, row.updated_at = send_to_dmp, actor.login, now


# --- planning (inside the validation transaction) -----------------------------------------------------


def unique_id_of(document: Document) -> str:
    """XDS uniqueId = the CDA ClinicalDocument/id: `root`, or `root^extension` (PROTOCOLS §3.4)."""
    root, extension = document.cda_id_root, document.cda_id_extension
    return f"{root}^{extension}" if extension else root


def _record(session: Session, document: Document, state: DmpState, actor: Actor,
            reason: str | None = None) -> DmpDocumentState:
    row = session.get(DmpDocumentState, document.id)
    now = database_now(session)
    if row is None:
        row = DmpDocumentState(document_id=document.id, decided_by=actor.login, decided_at=now, state=state)
        session.add(row)
    row.state, row.reason, row.decided_by, row.decided_at = state, reason, actor.login, now
    return row


def _enqueue(session: Session, document: Document, row: DmpDocumentState, actor: Actor) -> str:
    """The order, with the entry's identifiers fixed now so that every attempt sends the same entry."""
    row.unique_id = row.unique_id or unique_id_of(document)
    row.entry_uuid = row.entry_uuid or f"urn:uuid:{uuid.uuid4()}"
    row.submission_uid = row.submission_uid or new_document_oid()
    workstation = actor.workstation
    order = orders.enqueue(
        session, kind=KIND, payload_ref=f"document:{document.id}",
        payload={"document_id": document.id, "unique_id": row.unique_id, "entry_uuid": row.entry_uuid},
        ordered_by=actor.login, origin_workstation=workstation.name,
        target_workstation=workstation.executor, max_attempts=MAX_ATTEMPTS)
    row.order = order
    return order.id


def _follows_dmp_entry(session: Session, document: Document) -> bool:
    """Its previous version is (or is about to be) in the DMP: the new one must replace it there."""
    if document.replaces_id is None:
        return False
    previous = session.get(DmpDocumentState, document.replaces_id)
    return previous is not None and previous.state in (DmpState.SENT, DmpState.PENDING)


def plan_document_feed(session: Session, document: Document, actor: Actor) -> list[str]:
    """Decide the DMP fate of a document being validated; returns the ids of the orders created."""
    existing = session.get(DmpDocumentState, document.id)
    if existing is not None and existing.state is DmpState.WITHHELD:
        return []  # withheld while a draft: the recorded reason stands
    patient = session.get(Patient, document.patient_id)
    assert patient is not None  # foreign key
    wanted = _preferences(session, document.author_id)[document.type] or _follows_dmp_entry(session, document)
    if not wanted:
        _record(session, document, DmpState.EXCLUDED, actor,
                f"Les documents « {document.type.label} » ne sont pas envoyés au DMP (réglage du praticien).")
        return []
    if patient.ins_for_export() is None:
        _record(session, document, DmpState.UNQUALIFIED, actor, UNQUALIFIED_REASON)
        return []
    return [_enqueue(session, document, _record(session, document, DmpState.PENDING, actor), actor)]


UNQUALIFIED_REASON = ("L'identité du patient n'est pas qualifiée : son INS ne peut pas être transmis, le document "
                      "n'est pas envoyé au DMP. Qualifiez l'identité puis envoyez-le.")


# --- the practitioner's decisions on one document -----------------------------------------------------


AUTHOR_ONLY = "Seul l'auteur du document peut décider de son envoi au DMP."


def _document_of_author(session: Session, document_id: int, actor: Actor) -> Document:
    document = session.scalar(select(Document).where(Document.id == document_id).with_for_update(of=Document))
    if document is None:
        raise DocumentNotFoundError(f"Document {document_id} introuvable.")
    if actor.practitioner_id != document.author_id:
        raise FeedingError(AUTHOR_ONLY)
    return document


def _current(session: Session, row: DmpDocumentState | None) -> tuple[DmpState | None, SendOrder | None]:
    if row is None:
        return None, None
    order = session.get(SendOrder, row.order_id, with_for_update=True) if row.order_id else None
    return effective_state(row, order.status if order else None, order.last_error if order else None)[0], order


def withhold_refusal(status: DocumentStatus, state: DmpState | None, order: OrderStatus | None) -> str | None:
    """Why "Ne pas envoyer au DMP" is impossible for a document in this state; None when it is possible.

    The GUI enables the action with it, `withhold` refuses with it: one rule for both.
    """
    if status not in (DocumentStatus.DRAFT, DocumentStatus.VALIDATED):
        return f"Le document est {status.label.lower()} : il n'y a plus d'envoi au DMP à retenir."
    if state in (DmpState.SENT, DmpState.REPLACED):
        return "Ce document est déjà dans le DMP : il ne peut plus être retenu."
    if state is DmpState.WITHHELD:
        return "Ce document est déjà retenu hors du DMP."
    if order is OrderStatus.IN_PROGRESS:
        return "Ce document est en cours d'envoi au DMP : réessayez dans un instant."
    return None


def release_refusal(status: DocumentStatus, state: DmpState | None) -> str | None:
    """Why "Envoyer au DMP" is impossible for a document in this state; None when it is possible (the
    identity's qualification and the patient's opposition are checked by `release` itself)."""
    if status is not DocumentStatus.VALIDATED:
        return f"Seul un document validé peut être envoyé au DMP (celui-ci est {status.label.lower()})."
    if state in (DmpState.SENT, DmpState.REPLACED, DmpState.PENDING):
        return f"Envoi au DMP déjà {'en attente' if state is DmpState.PENDING else 'fait'}."
    return None


def withhold(db: Database, document_id: int, actor: Actor, reason: str) -> None:
    """Keep one document out of the DMP, with the reason recorded; its waiting order is cancelled.

    Raises:
        FeedingError: no reason, not the author, already sent or withheld, or being sent right now.
    """
    reason = reason.strip()
    if not reason:
        raise FeedingError("Indiquez pourquoi ce document n'est pas envoyé au DMP.")
    with db.unit_of_work() as session:
        document = _document_of_author(session, document_id, actor)
        row = session.get(DmpDocumentState, document.id)
        state, order = _current(session, row)
        refusal = withhold_refusal(document.status, state, order.status if order is not None else None)
        if refusal is not None:
            raise FeedingError(refusal)
        if order is not None and order.status in (OrderStatus.PENDING, OrderStatus.FAILED):
            orders.cancel(session, order.id, actor.login, workstation=actor.workstation.name)
        _record(session, document, DmpState.WITHHELD, actor, reason)


def _release(session: Session, document_id: int, actor: Actor) -> str:
    document = _document_of_author(session, document_id, actor)
    row = session.get(DmpDocumentState, document.id)
    state, order = _current(session, row)
    refusal = release_refusal(document.status, state)
    if refusal is not None:
        raise FeedingError(refusal)
    patient = session.get(Patient, document.patient_id)
    assert patient is not None
    if patient.ins_for_export() is None:
        raise FeedingError(UNQUALIFIED_REASON)
    check_no_opposition(session, patient.id)  # refused now rather than by the worker, with the same words
    row = _record(session, document, DmpState.PENDING, actor)
    if order is not None and order.status is OrderStatus.FAILED:
        orders.retry(session, order.id, actor.login, workstation=actor.workstation.name)
        return order.id
    return _enqueue(session, document, row, actor)


def release(db: Database, document_id: int, actor: Actor) -> str:
    """Send to the DMP a validated document that was withheld, excluded by its type, refused or whose
    patient has been qualified since; returns the order id (a failed order is retried under its own id).

    Raises:
        FeedingError: not validated, not the author, already sent or waiting, identity still not qualified.
        PatientOpposed: the patient's opposition to the DMP is recorded.
    """
    with db.unit_of_work() as session:
        return _release(session, document_id, actor)


# --- documents that waited for the identity's qualification (issue 13 item 2) ---------------------------


def _waiting(session: Session, patient_id: int, actor: Actor) -> list[int]:
    if opposition_of(session, patient_id) is not None:
        return []  # nothing may go to this patient's DMP: nothing to offer
    return list(session.scalars(
        select(Document.id).join(DmpDocumentState, DmpDocumentState.document_id == Document.id)
        .where(Document.patient_id == patient_id, Document.author_id == actor.practitioner_id,
               Document.status == DocumentStatus.VALIDATED, DmpDocumentState.state == DmpState.UNQUALIFIED)
        .order_by(Document.id)))


def waiting_for_qualification(db: Database, patient_id: int, actor: Actor) -> list[int]:
    """The patient's validated documents by this practitioner that were not sent because the identity was
    not qualified (only their author may send them); none while the patient's opposition is in force."""
    if actor.practitioner_id is None:
        return []
    with db.reading() as session:
        return _waiting(session, patient_id, actor)


def release_waiting(db: Database, patient_id: int, actor: Actor) -> list[str]:
    """Send every document `waiting_for_qualification` lists, in one transaction; returns the order ids.

    Raises:
        FeedingError: the identity is still not qualified (nothing is sent).
    """
    if actor.practitioner_id is None:
        return []
    with db.unit_of_work() as session:
        return [_release(session, document_id, actor) for document_id in _waiting(session, patient_id, actor)]
