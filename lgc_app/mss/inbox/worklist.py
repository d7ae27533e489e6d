"""The received documents and the KO work list: list with the reason, retry, match by hand, reject with a reply.

Each use case owns its transaction and returns frozen snapshots. Reading a document's content and matching it
to a patient are clinical acts (`READ_CLINICAL`); the list itself shows no clinical content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lgc_app.auth.permissions import Permission, require
from lgc_app.dmp.consultation_models import DmpReceivedDocument
from lgc_app.dmp.received_checks import content_refusal
from lgc_app.errors import UserError
from lgc_app.mss.inbox import integration, store
from lgc_app.mss.inbox.hooks import InboxHooks, Reply
from lgc_app.mss.inbox.models import InboxItem, InboxMessage, ItemState, MessageState
from lgc_app.patients.models import Patient
from lgc_app.persistence.base import utcnow
from lgc_app.persistence.database import Database
from lgc_app.session import Session as UserSession
from services.dmp.models import PatientId
from services.mss.message_parse import MessageError, parse_message
from services.mss.xdm_read import XdmDocument, XdmError, read_xdm

OPEN_STATES = (ItemState.TO_MATCH, ItemState.KO)


class InboxError(UserError):
    code = "MSS-INBOX"
    summary = "Cette action sur le document reçu est impossible."


@dataclass(frozen=True)
class InboxEntry:
    id: int
    state: ItemState
    reason: str
    reason_code: str
    title: str
    type_label: str
    author: str
    sender: str
    subject: str
    received_at: datetime
    patient_label: str  # the identity as received
    patient_id: int | None
    patient_name: str  # the local patient it is integrated into or was matched to
    seen: bool
    quarantined: bool
    has_content: bool

    @property
    def state_label(self) -> str:
        return self.state.label


def list_inbox(db: Database, *, states: tuple[ItemState, ...] | None = None) -> list[InboxEntry]:
    """Received documents, newest first (`states` narrows, e.g. `OPEN_STATES` for the KO work list)."""
    with db.reading() as session:
        query = (select(InboxItem, InboxMessage, Patient)
                 .join(InboxMessage, InboxMessage.id == InboxItem.message_row_id)
                 .outerjoin(Patient, Patient.id == InboxItem.patient_id)
                 .order_by(InboxMessage.received_at.desc(), InboxItem.id.desc()))
        if states is not None:
            query = query.where(InboxItem.state.in_([state.value for state in states]))
        return [InboxEntry(item.id, ItemState(item.state), item.reason, item.reason_code, item.title,
                           item.type_display, item.author, message.sender, message.subject, message.received_at,
                           item.patient_label, item.patient_id, patient.display_name if patient else "", item.seen,
                           message.quarantined, item.received_document_id is not None or item.unique_id != "")
                for item, message, patient in session.execute(query)]


def badge_counts(db: Database) -> dict[str, int]:
    """{"new": not yet opened, "to_match": …, "ko": …} for the inbox's badges."""
    with db.reading() as session:
        by_state: dict[str, int] = {state: count for state, count in session.execute(
            select(InboxItem.state, func.count()).group_by(InboxItem.state))}
        new = session.scalar(select(func.count()).select_from(InboxItem).where(InboxItem.seen.is_(False))) or 0
    return {"new": new, "to_match": by_state.get(ItemState.TO_MATCH.value, 0),
            "ko": by_state.get(ItemState.KO.value, 0)}


def item_content(db: Database, item_id: int, reader: UserSession) -> tuple[str, bytes]:
    """(MIME type, bytes) of a received document, from the record once integrated; marks it seen."""
    require(reader, Permission.READ_CLINICAL)
    with db.unit_of_work() as session:
        item = _get(session, item_id)
        item.seen = True
        if item.received_document_id is not None:
            received = session.get(DmpReceivedDocument, item.received_document_id)
            if received is not None:
                return received.mime_type, received.content
        if item.content is None:
            raise InboxError("Ce message n'a pas de document lisible (voir la raison indiquée).")
        return item.mime_type, item.content


def retry(db: Database, item_id: int, hooks: InboxHooks, reader: UserSession) -> ItemState:
    """Process again: the whole message for a message-level item, else this document's integration."""
    with db.unit_of_work() as session:
        item = _open_item(session, item_id)
        message = _message(session, item)
        if item.unique_id == "":
            if message.quarantined:  # hostile content stays refused: retrying cannot change the bytes
                return ItemState(item.state)
            session.delete(item)
            message.state = MessageState.STORED.value
            session.flush()
            integration.process_message(session, message, hooks)
            return ItemState.INTEGRATED
        if item.content is None:
            raise InboxError("Le contenu de ce document n'est plus disponible.")
        state = integration.integrate(session, item, item.content, message, hooks,
                                      document=_xdm_document(message, item), actor=reader.who)
        integration.settle_mdn(session, message, hooks)
        return state


def match_by_hand(db: Database, item_id: int, patient_id: int, hooks: InboxHooks, reader: UserSession) -> ItemState:
    """Integrate the document into the record of the patient the user chose.

    Raises:
        InboxError: unknown patient, or its qualified INS differs from the one the document names.
    """
    require(reader, Permission.READ_CLINICAL)
    with db.unit_of_work() as session:
        item = _open_item(session, item_id)
        patient = session.get(Patient, patient_id)
        if patient is None:
            raise InboxError(f"Patient {patient_id} introuvable.")
        if item.content is None:
            raise InboxError("Ce message n'a pas de document à rattacher.")
        exported = patient.ins_for_export()
        if exported is not None and item.patient_ins and (item.patient_ins, item.patient_oid) != exported:
            raise InboxError("Le document porte l'INS d'un autre patient : il ne peut pas être rattaché à ce dossier.")
        if exported is not None:
            refusal = content_refusal(item.content, item.mime_type, PatientId(*exported), origin=integration.ORIGIN)
            if refusal is not None:
                raise InboxError(refusal)
        message = _message(session, item)
        state = integration.integrate(session, item, item.content, message, hooks, patient_id=patient_id,
                                      actor=reader.who)
        item.handled_by = reader.who
        integration.settle_mdn(session, message, hooks)
        return state


def reject(db: Database, item_id: int, reply_text: str, hooks: InboxHooks, reader: UserSession) -> None:
    """Reject the document and reply to its sender with `reply_text` (and the MDN Error if one was asked)."""
    with db.unit_of_work() as session:
        item = _open_item(session, item_id)
        message = _message(session, item)
        text = reply_text.strip() or "Le document transmis n'a pas pu être intégré au dossier du patient."
        item.state, item.reason_code = ItemState.REJECTED.value, "REJECTED"
        item.reason = f"Rejeté par {reader.who} : {text}"[:500]
        item.handled_by = reader.who
        if message.sender:
            hooks.reply(session, Reply("rejection", message.sender, message.message_id,
                                       _rejection(hooks.mailbox, message, item, text)))
        integration.settle_mdn(session, message, hooks)


def _rejection(mailbox: str, message: InboxMessage, item: InboxItem, text: str) -> bytes:
    reply = EmailMessage()
    reply["From"] = mailbox
    reply["To"] = message.sender
    reply["Subject"] = f"Document non intégré : {item.title}"[:200]
    reply["Date"] = format_datetime(utcnow())
    reply["Message-ID"] = make_msgid(domain=mailbox.rpartition("@")[2] or None)
    reply["In-Reply-To"] = message.message_id
    reply["References"] = message.message_id
    reply.set_content(f"{text}\n\nDocument : {item.title}\nMessage reçu : {message.subject}\n", charset="utf-8")
    return reply.as_bytes()


def _get(session: Session, item_id: int) -> InboxItem:
    item = session.get(InboxItem, item_id, with_for_update=True)
    if item is None:
        raise InboxError(f"Document reçu {item_id} introuvable.")
    return item


def _open_item(session: Session, item_id: int) -> InboxItem:
    item = _get(session, item_id)
    if item.state not in (ItemState.TO_MATCH.value, ItemState.KO.value):
        raise InboxError(f"Ce document est déjà traité ({ItemState(item.state).label.lower()}).")
    return item


def _message(session: Session, item: InboxItem) -> InboxMessage:
    message = session.get(InboxMessage, item.message_row_id)
    assert message is not None  # the foreign key cascades
    return message


def _xdm_document(message: InboxMessage, item: InboxItem) -> XdmDocument | None:
    """The document as the archive describes it, for automatic matching on retry (None if unreadable now)."""
    try:
        parsed = parse_message(store.read(message.raw_path))
        if parsed.xdm is None:
            return None
        documents = read_xdm(parsed.xdm).documents
    except (MessageError, XdmError, OSError):
        return None
    return next((document for document in documents if document.unique_id[:128] == item.unique_id), None)
