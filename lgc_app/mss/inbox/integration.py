"""Integrating a stored message: report or document message, archive read, each document checked, matched,
put in the patient's record, or listed with its reason (KO work list).

Each stored message is processed in one transaction (`process_stored`): the message state, its items, the
record rows, the lab results and the replies (outbox orders) commit together, so a crash leaves it `stored` and
the next run processes it once. Hostile or unreadable messages are moved to the quarantine folder. A message
without an XDM archive brings its PDF attachments as documents to match by hand.

An automatic integration failure (KO) answers a requested MDN with `processed/Error` (§4.0); a message whose
documents are all integrated (or duplicates) answers `processed`; a document waiting for manual matching defers
the MDN until a user matches or rejects it (`worklist`).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from lgc_app.audit.events import AuditEvent
from lgc_app.audit.trail import record
from lgc_app.dmp.consultation import type_label
from lgc_app.dmp.consultation_models import DmpReceivedDocument
from lgc_app.dmp.received_checks import content_refusal
from lgc_app.documents.rendering.cda_display import PDF_MAGIC
from lgc_app.errors import explain
from lgc_app.mss.inbox import store
from lgc_app.mss.inbox.hooks import InboxHooks, Reply
from lgc_app.mss.inbox.matching import Traits, document_traits, find_patient
from lgc_app.mss.inbox.models import InboxItem, InboxMessage, ItemState, MessageState
from lgc_app.patients.models import Patient
from lgc_app.persistence.base import utcnow
from lgc_app.persistence.database import Database
from services.dmp.models import PatientId
from services.mss.mdn import build_mdn
from services.mss.message_parse import MessageError, ParsedMessage, parse_message
from services.mss.xdm_read import XdmDocument, XdmError, read_xdm

log = logging.getLogger("lgc.mss.inbox")

ORIGIN = "par MSSanté"
SYSTEM_ACTOR = "réception MSSanté"
CDA_TYPES = frozenset({"text/xml", "application/xml", "application/hl7-v3+xml"})


@dataclass
class Counts:
    integrated: int = 0
    to_match: int = 0
    ko: int = 0
    duplicates: int = 0
    reports: int = 0

    def add(self, other: Counts) -> None:
        for name in ("integrated", "to_match", "ko", "duplicates", "reports"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def count(self, state: ItemState) -> None:
        name = {ItemState.INTEGRATED: "integrated", ItemState.TO_MATCH: "to_match", ItemState.KO: "ko",
                ItemState.DUPLICATE: "duplicates", ItemState.REJECTED: "ko"}[state]
        setattr(self, name, getattr(self, name) + 1)


def process_stored(db: Database, hooks: InboxHooks) -> Counts:
    """Process every message still `stored` (just fetched, or left by a crash), one transaction each."""
    with db.reading() as session:
        pending = list(session.scalars(select(InboxMessage.id).where(
            InboxMessage.state == MessageState.STORED.value).order_by(InboxMessage.id)))
    total = Counts()
    for message_row_id in pending:
        try:
            with db.unit_of_work() as session:
                message = session.get(InboxMessage, message_row_id, with_for_update=True)
                if message is not None and message.state == MessageState.STORED.value:
                    total.add(process_message(session, message, hooks))
        except Exception as exc:  # one message's bug must not stop the others
            total.add(_set_aside(db, message_row_id, exc))
    return total


def _set_aside(db: Database, message_row_id: int, error: Exception) -> Counts:
    """A message whose processing failed unexpectedly: listed KO with the bug's log reference, its raw bytes kept
    where they are (no MDN: "Réessayer" processes it again once the cause is fixed)."""
    explanation = explain(error)
    counts = Counts()
    with db.unit_of_work() as session:
        message = session.get(InboxMessage, message_row_id, with_for_update=True)
        if message is None or message.state != MessageState.STORED.value:
            return counts
        message.state, message.reason_code = MessageState.PROCESSED.value, explanation.code
        _message_item(session, message, ItemState.KO, explanation.code,
                      f"Le message n'a pas pu être intégré. {explanation.text} Il est conservé : « Réessayer » le "
                      "traitera de nouveau.", counts)
    return counts


def process_message(session: Session, message: InboxMessage, hooks: InboxHooks) -> Counts:
    counts = Counts()
    if message.quarantined:  # streamed straight to the quarantine: over the size cap, never loaded
        _refuse(session, message, "MSG-TOO-LARGE", f"Le message ({message.size // (1024 * 1024)} Mo) dépasse la "
                                                   "taille maximale acceptée.", counts)
        return counts
    raw = store.read(message.raw_path)
    if hooks.reports(session, raw):
        message.state = MessageState.REPORT.value
        counts.reports += 1
        return counts
    try:
        parsed = parse_message(raw)
    except MessageError as exc:
        _refuse(session, message, exc.code, exc.text, counts)
        return counts
    message.sender, message.subject, message.sent_at = parsed.sender[:200], parsed.subject, parsed.date
    message.mdn_to = parsed.mdn_to[:200]
    if parsed.xdm is None:
        _loose_documents(session, message, parsed, counts)
        message.state = MessageState.PROCESSED.value
        settle_mdn(session, message, hooks)
        return counts
    try:
        submission = read_xdm(parsed.xdm)
    except XdmError as exc:
        _refuse(session, message, exc.code, exc.text, counts)
        _answer(session, message, hooks, error=(exc.code, exc.text))
        return counts
    for document in submission.documents:
        traits = document_traits(document)  # the CDA parsed once for the item's label and the matching
        item = _item(session, message, document, traits)
        if item.state == "":
            counts.count(integrate(session, item, document.content, message, hooks, parsed=parsed,
                                   document=document, traits=traits))
        else:  # processed before (a retried message keeps its decided items)
            counts.count(ItemState(item.state))
    message.state = MessageState.PROCESSED.value
    settle_mdn(session, message, hooks)
    return counts


def _item(session: Session, message: InboxMessage, document: XdmDocument, traits: Traits | None) -> InboxItem:
    existing = session.scalar(select(InboxItem).where(InboxItem.message_row_id == message.id,
                                                      InboxItem.unique_id == document.unique_id[:128]))
    if existing is not None:
        return existing
    entry = document.entry
    item = InboxItem(message_row_id=message.id, unique_id=document.unique_id[:128], state="", reason_code="",
                     reason="", title=(entry.title or type_label(entry.type_code) or message.subject)[:255],
                     mime_type=entry.mime_type[:100], type_code=entry.type_code.code if entry.type_code else None,
                     type_display=type_label(entry.type_code)[:200],
                     format_code=entry.format_code.code if entry.format_code else None,
                     class_code=entry.class_code.code if entry.class_code else None, author=document.author[:200],
                     creation_time=entry.creation_time, patient_ins=document.patient.ins[:15],
                     patient_oid=document.patient.oid[:32], patient_label=traits.label[:300] if traits else "",
                     content=document.content, seen=False, handled_by="")
    session.add(item)
    session.flush()
    return item


def integrate(session: Session, item: InboxItem, content: bytes, message: InboxMessage, hooks: InboxHooks, *,
              parsed: ParsedMessage | None = None, document: XdmDocument | None = None,
              traits: Traits | None = None, patient_id: int | None = None, actor: str = SYSTEM_ACTOR) -> ItemState:
    """Check, match (unless `patient_id` is chosen by hand) and put one document in the record; sets and returns
    the item's state."""
    declared = PatientId(item.patient_ins, item.patient_oid) if item.patient_ins else None
    refusal = content_refusal(content, item.mime_type, declared, origin=ORIGIN) if declared else \
        content_refusal(content, item.mime_type, None, origin=ORIGIN)
    if refusal is not None:
        _set(item, ItemState.KO, "DOC-REFUSED", refusal)
        return ItemState.KO
    if patient_id is None:
        if document is None:
            _set(item, ItemState.TO_MATCH, "PATIENT-TO-MATCH", "Patient à rapprocher à la main.")
            return ItemState.TO_MATCH
        match = find_patient(session, document, traits)
        if match.patient_id is None:
            _set(item, ItemState.TO_MATCH, "PATIENT-TO-MATCH", match.reason)
            return ItemState.TO_MATCH
        patient_id = match.patient_id
    already = session.scalar(select(DmpReceivedDocument).where(DmpReceivedDocument.unique_id == item.unique_id))
    if already is not None:
        if already.patient_id != patient_id:
            _set(item, ItemState.KO, "DOC-OTHER-PATIENT", "Ce document (même identifiant unique) est déjà dans le "
                                                          "dossier d'un autre patient : il n'a pas été intégré.")
            return ItemState.KO
        where = "par MSSanté" if already.origin == "mss" else "du DMP"
        _set(item, ItemState.DUPLICATE, "DOC-DUPLICATE", f"Doublon : ce document a déjà été reçu {where} le "
                                                         f"{already.imported_at:%d/%m/%Y} ; il n'est pas intégré "
                                                         "une seconde fois.")
        item.patient_id, item.received_document_id = patient_id, already.id
        return ItemState.DUPLICATE
    received = DmpReceivedDocument(
        patient_id=patient_id, unique_id=item.unique_id, entry_uuid="", repository_id="",
        title=item.title or item.type_display, mime_type=item.mime_type, class_code=item.class_code,
        type_code=item.type_code, type_display=item.type_display, format_code=item.format_code,
        author=item.author, creation_time=item.creation_time, size=len(content),
        sha1=hashlib.sha1(content).hexdigest(),  # noqa: S324 - the XDS hash is SHA-1
        content=content, imported_by=actor, imported_at=utcnow(), origin="mss", origin_sender=message.sender,
        origin_message_id=message.message_id)
    session.add(received)
    session.flush()
    record(session, AuditEvent.DOCUMENT_RECEIVED, actor, "", f"document reçu {received.id}",
           f"Reçu par MSSanté de {message.sender} : {received.title} (uniqueId {item.unique_id})",
           patient_id=patient_id)
    item.patient_id, item.received_document_id = patient_id, received.id
    _set(item, ItemState.INTEGRATED, "", "")
    item.content = None  # the record keeps the bytes now
    if item.mime_type in CDA_TYPES:
        hooks.lab_results(session, patient_id=patient_id, source=f"mss:{item.unique_id}", cda=content)
    return ItemState.INTEGRATED


def _loose_documents(session: Session, message: InboxMessage, parsed: ParsedMessage, counts: Counts) -> None:
    """A message without an XDM archive (a colleague's letter as a PDF, a plain text): each attachment declared
    PDF, and being one by its magic bytes, waits for manual matching as the document (no metadata names the
    patient); a message without one is listed to be read and matched by hand."""
    pdfs = {hashlib.sha256(a.data).hexdigest(): a for a in parsed.attachments
            if a.content_type.lower() == "application/pdf"}  # the same PDF attached twice is one document
    if not pdfs:
        _message_item(session, message, ItemState.TO_MATCH, "MSG-NO-XDM",
                      "Message sans document structuré (IHE_XDM.zip) ni PDF : à lire et rattacher à la main.", counts)
        return
    for digest, attachment in pdfs.items():
        unique_id = f"pdf:{digest}"  # stable: the same PDF received again is a duplicate
        item = session.scalar(select(InboxItem).where(InboxItem.message_row_id == message.id,
                                                      InboxItem.unique_id == unique_id))
        if item is None:
            name = attachment.filename or message.subject or "Document PDF reçu"
            genuine = attachment.data.startswith(PDF_MAGIC)
            item = InboxItem(message_row_id=message.id, unique_id=unique_id, title=name[:255],
                             mime_type="application/pdf", type_display="Document PDF", author=message.sender,
                             creation_time=message.sent_at, patient_ins="", patient_oid="", patient_label="",
                             content=attachment.data if genuine else None, seen=False, handled_by="")
            session.add(item)
            if genuine:
                _set(item, ItemState.TO_MATCH, "MSG-NO-XDM", "Document PDF reçu sans archive structurée "
                                                             "(IHE_XDM.zip) : patient à rapprocher à la main.")
            else:
                _set(item, ItemState.KO, "DOC-NOT-PDF", f"La pièce jointe « {name[:100]} » est déclarée PDF mais "
                                                        "n'en est pas un : elle n'a pas été intégrée.")
            session.flush()
        counts.count(ItemState(item.state))


def _set(item: InboxItem, state: ItemState, code: str, reason: str) -> None:
    item.state, item.reason_code, item.reason = state.value, code, reason[:500]


def _message_item(session: Session, message: InboxMessage, state: ItemState, code: str, reason: str,
                  counts: Counts) -> None:
    """The item standing for a whole message (empty uniqueId): unreadable, hostile, or without archive."""
    item = session.scalar(select(InboxItem).where(InboxItem.message_row_id == message.id, InboxItem.unique_id == ""))
    if item is None:
        item = InboxItem(message_row_id=message.id, unique_id="", title=(message.subject or "Message reçu")[:255],
                         mime_type="message/rfc822", author=message.sender, patient_ins="", patient_oid="",
                         patient_label="", type_display="", seen=False, handled_by="")
        session.add(item)
    _set(item, state, code, reason)
    counts.count(state)


def _refuse(session: Session, message: InboxMessage, code: str, text: str, counts: Counts) -> None:
    log.warning("MSSanté message %s refused: %s", message.id, code)
    message.state, message.reason_code = MessageState.REFUSED.value, code
    if not message.quarantined:
        message.raw_path = store.quarantine(message.raw_path)
        message.quarantined = True
    _message_item(session, message, ItemState.KO, code, f"{text} Le message a été mis en quarantaine.", counts)


def settle_mdn(session: Session, message: InboxMessage, hooks: InboxHooks) -> None:
    """Answer a requested MDN once every item is decided: Error if one is KO or rejected, else processed."""
    if not message.mdn_to or message.mdn_sent:
        return
    states = list(session.scalars(select(InboxItem.state).where(InboxItem.message_row_id == message.id)))
    if not states or ItemState.TO_MATCH.value in states:
        return
    failed = session.scalar(select(InboxItem).where(
        InboxItem.message_row_id == message.id,
        InboxItem.state.in_([ItemState.KO.value, ItemState.REJECTED.value])).order_by(InboxItem.id).limit(1))
    _answer(session, message, hooks, error=(failed.reason_code or "KO", failed.reason) if failed else None)


def _answer(session: Session, message: InboxMessage, hooks: InboxHooks, *, error: tuple[str, str] | None) -> None:
    if not message.mdn_to or message.mdn_sent:
        return
    mdn = build_mdn(original_message_id=message.message_id, original_recipient=hooks.mailbox,
                    final_recipient=hooks.mailbox, to=message.mdn_to, sender=hooks.mailbox,
                    subject=message.subject, error=error)
    hooks.reply(session, Reply("mdn", message.mdn_to, message.message_id, mdn.as_bytes()))
    message.mdn_sent = True


def patient_exists(session: Session, patient_id: int) -> bool:
    return session.get(Patient, patient_id) is not None
