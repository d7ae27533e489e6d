"""Consulting a patient's DMP: list its documents, read one, import one, and tell when new ones arrived.

SEGUR wave 2: "consult the DMP from the software (list, open, import); information that a new document is
present in the DMP". Each use case awaits the DMP client (network) and sends database work to `offload`
(the GUI passes its single database thread; the default is `asyncio.to_thread`), so none of them blocks the
caller's loop (SC.DMP/UX.10).

What was seen is remembered per patient as the set of entryUUIDs listed (`DmpConsultation`): a document is
new when its entryUUID was never listed here, whatever its creation date. An imported document is stored
with the exact bytes retrieved, once per uniqueId and patient.

Nothing from the DMP is trusted: a listed entry about another patient is dropped (and logged), an entry the
client could not read is skipped; both are said to the user (`Consultation.skipped`). Retrieved bytes must
match the registry's hash and size and pass `received_checks` (recordTarget INS, CDA or PDF, size cap) before
they are shown or stored.

Listing, reading and importing DMP documents is clinical reading: refused (`NotPermitted`) to a role that may
not (IE.33, the secretariat), before any request. Counting the new documents (the badge) is not.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lgc_app.audit.events import AuditEvent
from lgc_app.audit.trail import record
from lgc_app.auth.permissions import Permission, require
from lgc_app.dmp.consultation_models import DmpConsultation, DmpReceivedDocument
from lgc_app.dmp.models import DmpDocumentState
from lgc_app.dmp.opposition import PatientOpposed, check_no_opposition
from lgc_app.dmp.received_checks import content_refusal
from lgc_app.documents.models import Document
from lgc_app.documents.valuesets import TYPE_CODES
from lgc_app.errors import UserError
from lgc_app.mss.inbox.models import InboxItem, InboxMessage, ItemState
from lgc_app.offload import Offload
from lgc_app.patients.models import Patient
from lgc_app.persistence.base import utcnow
from lgc_app.persistence.database import Database
from lgc_app.session import Session as UserSession
from services.dmp.models import Author, Code, DocumentEntryInfo, DocumentQuery, PatientId, RetrievedDocument
from services.dmp.results import EntryList

log = logging.getLogger("lgc.dmp.consultation")


class DmpReader(Protocol):
    """The part of `services.dmp.client.DmpClient` consultation needs (tests may pass their own)."""

    async def find_documents(self, patient: PatientId,
                             filters: DocumentQuery | None = None) -> list[DocumentEntryInfo]:
        """May return an `EntryList`, whose `skipped` reasons the consultation passes on."""

    async def retrieve(self, patient: PatientId, repository_id: str, unique_id: str) -> RetrievedDocument: ...


class ConsultationError(UserError):
    """A consultation request the software refuses before or after asking the DMP; the message is French."""

    code = "DMP-CONSULTATION"
    summary = "La consultation du DMP est impossible."


class NotQualifiedError(ConsultationError):
    """Only a qualified INS may be sent to the DMP (PROTOCOLS §1.3)."""

    code = "DMP-NOT-QUALIFIED"
    summary = "Le DMP ne peut être consulté que pour une identité qualifiée (INS qualifiée)."


class AlreadyImportedError(ConsultationError):
    """This document (uniqueId) is already in the patient's local record."""

    code = "DMP-ALREADY-IMPORTED"
    summary = "Ce document est déjà dans le dossier du patient."


class IntegrityMismatchError(ConsultationError):
    """The bytes retrieved do not match the registry's hash or size: nothing is stored."""

    code = "DMP-INTEGRITY"
    summary = "Le document reçu du DMP ne correspond pas à son empreinte : il n'a pas été enregistré."


class RefusedContentError(ConsultationError):
    """The bytes retrieved are not a document of this patient we can read (other INS, not CDA/PDF, too big)."""

    code = "DMP-CONTENT-REFUSED"
    summary = "Le document reçu du DMP a été refusé : il n'a pas été enregistré dans le dossier."


FOREIGN_ENTRY = "Un document du DMP concernant un autre patient a été écarté de la liste."


@dataclass(frozen=True)
class DocumentFilter:
    """What the user narrows the list to; every field empty means the whole DMP (approved documents).

    Type and dates go to the DMP query (ITI-18 `$XDSDocumentEntryTypeCode`, `…CreationTimeFrom/To`); the
    author is matched here, on the names the registry returns (our client does not send
    `$XDSDocumentEntryAuthorPerson`, whose wildcard syntax the DMP guide does not specify).
    """

    type_code: str | None = None  # a code of `TYPE_CODES`
    created_from: date | None = None
    created_to: date | None = None  # inclusive
    author: str = ""

    @property
    def is_empty(self) -> bool:
        return self.type_code is None and self.created_from is None and self.created_to is None \
            and not self.author.strip()


@dataclass(frozen=True)
class DmpDocument:
    """One line of the DMP document list, detached from the wire model."""

    entry_uuid: str
    unique_id: str
    repository_id: str
    title: str
    mime_type: str
    type_code: str | None
    type_label: str
    class_code: str | None
    class_label: str
    format_code: str | None
    authors: tuple[str, ...]
    creation_time: datetime | None
    size: int | None
    hash: str
    is_new: bool
    imported: bool

    @property
    def author_label(self) -> str:
        return ", ".join(self.authors)


@dataclass(frozen=True)
class Consultation:
    """The outcome of one listing: the documents shown and when the DMP was consulted."""

    patient_id: int
    documents: list[DmpDocument]
    consulted_at: datetime
    previous_consultation: datetime | None
    skipped: tuple[str, ...] = ()  # why entries of the answer are not listed (French), for the user


@dataclass(frozen=True)
class Arrival:
    """The document arrived again by MSSanté: a duplicate, not integrated a second time."""

    sender: str
    received_at: datetime


@dataclass(frozen=True)
class ReceivedDocument:
    """A document of the local record that came from outside: imported from the DMP, or received by MSSanté
    (`origin` "mss", from `origin_sender`; `imported_at` is then when it was received and integrated). No
    content: see `received_content`."""

    id: int
    unique_id: str
    title: str
    mime_type: str
    type_label: str
    author: str
    creation_time: datetime | None
    imported_at: datetime
    imported_by: str
    origin: str = "dmp"  # "dmp" | "mss"
    origin_sender: str = ""
    origin_message_id: str = ""
    duplicates: tuple[Arrival, ...] = ()  # later arrivals of the same document, oldest first

    @property
    def by_mss(self) -> bool:
        return self.origin == "mss"


# --- patient -----------------------------------------------------------------------------------------------

def patient_ref(session: Session, patient_id: int) -> PatientId:
    """The patient's INS as the DMP knows it.

    Raises:
        ConsultationError: unknown patient, or the patient's opposition to the DMP is recorded.
        NotQualifiedError: the identity is not qualified (its INS may not leave the software).
    """
    patient = session.get(Patient, patient_id)
    if patient is None:
        raise ConsultationError(f"Patient {patient_id} introuvable.")
    try:
        check_no_opposition(session, patient_id)
    except PatientOpposed as exc:
        raise ConsultationError(str(exc)) from None
    exported = patient.ins_for_export()
    if exported is None:
        raise NotQualifiedError("Le DMP ne peut être consulté que pour une identité qualifiée (INS qualifiée).")
    matricule, oid = exported
    return PatientId(ins=matricule, oid=oid)


def _patient_ref(db: Database, patient_id: int) -> PatientId:
    with db.reading() as session:
        return patient_ref(session, patient_id)


# --- listing -----------------------------------------------------------------------------------------------

def _fold(text: str) -> str:
    """Case- and accent-insensitive form for the author filter."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def author_name(author: Author) -> str:
    return " ".join(part for part in (author.given_name, author.family_name) if part) or author.person_id


def type_label(code: Code | None) -> str:
    if code is None:
        return ""
    known = TYPE_CODES.get(code.code)
    return known.display if known is not None else (code.display or code.code)


def _day_start(day: date) -> datetime:
    """Midnight of `day` on this workstation's clock, in UTC (the user thinks in local days)."""
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def document_query(filters: DocumentFilter) -> DocumentQuery:
    """The FindDocuments filters for those of `filters` the DMP applies itself (the author is filtered here)."""
    code = TYPE_CODES[filters.type_code] if filters.type_code is not None else None
    return DocumentQuery(
        type_codes=(Code(code.code, code.system, code.display),) if code is not None else (),
        creation_from=_day_start(filters.created_from) if filters.created_from is not None else None,
        # XDS "…To" is exclusive: the end of the last day asked for
        creation_to=_day_start(filters.created_to + timedelta(days=1)) if filters.created_to is not None else None,
    )


def _matches_author(entry: DocumentEntryInfo, wanted: str) -> bool:
    wanted = _fold(wanted.strip())
    return not wanted or any(wanted in _fold(author_name(author)) for author in entry.authors)


def _own_entries(patient: PatientId, entries: Sequence[DocumentEntryInfo]) -> tuple[list[DocumentEntryInfo],
                                                                                   tuple[str, ...]]:
    """The entries about `patient`, and the reasons for those left out (unreadable, or another patient's)."""
    skipped = list(entries.skipped) if isinstance(entries, EntryList) else []
    own = []
    for entry in entries:
        if (entry.patient.ins, entry.patient.oid) == (patient.ins, patient.oid):
            own.append(entry)
        else:  # a registry answering about someone else: never shown in this record
            log.warning("DMP entry %.80r dropped: it is about another patient", entry.entry_uuid)
            skipped.append(FOREIGN_ENTRY)
    return own, tuple(skipped)


def _row(entry: DocumentEntryInfo, *, seen: set[str] | None, imported: set[str], own: set[str]) -> DmpDocument:
    """`own`: uniqueIds this cabinet sent, never "new" (a user does not need the DMP to tell them about what
    they wrote), whether or not a badge check ran before this listing."""
    return DmpDocument(
        entry_uuid=entry.entry_uuid, unique_id=entry.unique_id, repository_id=entry.repository_id,
        title=entry.title, mime_type=entry.mime_type,
        type_code=entry.type_code.code if entry.type_code else None, type_label=type_label(entry.type_code),
        class_code=entry.class_code.code if entry.class_code else None,
        class_label=entry.class_code.display if entry.class_code else "",
        format_code=entry.format_code.code if entry.format_code else None,
        authors=tuple(author_name(author) for author in entry.authors), creation_time=entry.creation_time,
        size=entry.size, hash=entry.hash,
        is_new=entry.unique_id not in own and (seen is None or entry.entry_uuid not in seen),
        imported=entry.unique_id in imported)


def _known(db: Database, patient_id: int) -> tuple[DmpConsultation | None, set[str], set[str]]:
    """The last consultation (detached), the uniqueIds already imported and those this cabinet sent."""
    with db.reading() as session:
        consultation = session.get(DmpConsultation, patient_id)
        if consultation is not None:
            session.expunge(consultation)
        imported = set(session.scalars(select(DmpReceivedDocument.unique_id)
                                       .where(DmpReceivedDocument.patient_id == patient_id)))
        return consultation, imported, _sent_unique_ids(session, patient_id)


def _remember(db: Database, patient_id: int, user: str, shown: Sequence[DmpDocument], *,
              complete: bool) -> datetime:
    """Record the consultation: what was shown is now seen; a complete listing clears the badge."""
    now = utcnow()
    with db.unit_of_work() as session:
        consultation = session.get(DmpConsultation, patient_id, with_for_update=True)
        if consultation is None:
            consultation = DmpConsultation(patient_id=patient_id, seen_entry_uuids=[], new_count=0)
            session.add(consultation)
        seen = set(consultation.seen_entry_uuids or [])
        newly_seen = sum(1 for document in shown if document.entry_uuid not in seen)
        consultation.seen_entry_uuids = sorted(seen | {document.entry_uuid for document in shown})
        consultation.new_count = 0 if complete else max(0, (consultation.new_count or 0) - newly_seen)
        consultation.consulted_at, consultation.consulted_by = now, user
        consultation.checked_at = now
    return now


async def consult(db: Database, client: DmpReader, patient_id: int, filters: DocumentFilter, *,
                  reader: UserSession, offload: Offload = asyncio.to_thread) -> Consultation:
    """List the patient's DMP documents matching `filters`, newest first, and remember what was shown (as
    consulted by `reader`).

    Raises:
        NotPermitted, NotQualifiedError, ConsultationError: refused before any request.
        DmpError: the DMP refused or could not be reached (its `text` is French).
    """
    require(reader, Permission.READ_CLINICAL)
    user = reader.who
    patient = await offload(_patient_ref, db, patient_id)
    previous, imported, own = await offload(_known, db, patient_id)
    entries, skipped = _own_entries(patient, await client.find_documents(patient, document_query(filters)))
    seen = set(previous.seen_entry_uuids or []) if previous is not None else None
    documents = [_row(entry, seen=seen, imported=imported, own=own) for entry in entries
                 if _matches_author(entry, filters.author)]
    documents.sort(key=lambda d: d.creation_time or datetime.min.replace(tzinfo=UTC), reverse=True)
    consulted_at = await offload(_remember, db, patient_id, user, documents, complete=filters.is_empty)
    log.info("DMP consulted for patient %s: %d document(s) shown, %d skipped", patient_id, len(documents),
             len(skipped))
    return Consultation(patient_id, documents, consulted_at,
                        previous.consulted_at if previous is not None else None, skipped)


# --- reading and importing ---------------------------------------------------------------------------------

def _check_integrity(document: DmpDocument, content: bytes) -> None:
    """The registry's SHA-1 and size describe the bytes stored: anything else was altered on the way."""
    digest = hashlib.sha1(content).hexdigest()  # noqa: S324 - XDS hash is SHA-1 (PROTOCOLS §3.4)
    if document.hash.lower() != digest:  # an entry without hash cannot vouch for any bytes
        raise IntegrityMismatchError("Le document reçu du DMP ne correspond pas à son empreinte : il n'a pas "
                                     "été enregistré.")
    if document.size is not None and document.size != len(content):
        raise IntegrityMismatchError("Le document reçu du DMP n'a pas la taille annoncée : il n'a pas été "
                                     "enregistré.")


def _check_received(document: DmpDocument, content: bytes, patient: PatientId) -> None:
    """Integrity first (the bytes are those registered), then content (this patient's, readable, capped)."""
    _check_integrity(document, content)
    refusal = content_refusal(content, document.mime_type, patient)
    if refusal is not None:
        log.warning("DMP document %.80r refused: %s", document.unique_id, refusal)
        raise RefusedContentError(refusal)


async def fetch(db: Database, client: DmpReader, patient_id: int, document: DmpDocument, *,
                reader: UserSession, offload: Offload = asyncio.to_thread) -> bytes:
    """The bytes of one DMP document (ITI-43), checked (`_check_received`) before display.

    Raises:
        NotPermitted: `reader`'s role may not read clinical content (before any request).
        IntegrityMismatchError, RefusedContentError: the bytes may not be shown for this patient.
    """
    require(reader, Permission.READ_CLINICAL)
    patient = await offload(_patient_ref, db, patient_id)
    retrieved = await client.retrieve(patient, document.repository_id, document.unique_id)
    await offload(_check_received, document, retrieved.content, patient)
    return retrieved.content


def _ensure_not_imported(db: Database, patient_id: int, unique_id: str) -> None:
    with db.reading() as session:
        if _imported_id(session, patient_id, unique_id) is not None:
            raise AlreadyImportedError("Ce document est déjà dans le dossier du patient.")


def _imported_id(session: Session, patient_id: int, unique_id: str) -> int | None:
    return session.scalar(select(DmpReceivedDocument.id).where(DmpReceivedDocument.patient_id == patient_id,
                                                                DmpReceivedDocument.unique_id == unique_id))


def _store(db: Database, patient_id: int, patient: PatientId, document: DmpDocument, content: bytes,
           user: str, workstation: str) -> int:
    _check_received(document, content, patient)
    try:
        with db.unit_of_work() as session:
            received = DmpReceivedDocument(
                patient_id=patient_id, unique_id=document.unique_id, entry_uuid=document.entry_uuid,
                repository_id=document.repository_id, title=document.title[:255] or document.type_label,
                mime_type=document.mime_type, class_code=document.class_code, type_code=document.type_code,
                type_display=document.type_label, format_code=document.format_code,
                author=document.author_label[:200], creation_time=document.creation_time, size=len(content),
                sha1=hashlib.sha1(content).hexdigest(),  # noqa: S324 - XDS hash is SHA-1
                content=content, imported_by=user, imported_at=utcnow())
            session.add(received)
            session.flush()
            record(session, AuditEvent.DOCUMENT_RECEIVED, user, workstation, f"document reçu {received.id}",
                   f"Importé du DMP : {received.title} (uniqueId {document.unique_id})", patient_id=patient_id)
            return received.id
    except IntegrityError:  # imported meanwhile from another workstation: the unique constraint decides
        raise AlreadyImportedError("Ce document est déjà dans le dossier du patient.") from None


async def import_document(db: Database, client: DmpReader, patient_id: int, document: DmpDocument, *,
                          reader: UserSession, offload: Offload = asyncio.to_thread) -> int:
    """Retrieve a DMP document and keep it in the patient's local record (journaled: `reader`, from which
    workstation); returns its local id.

    Raises:
        NotPermitted: `reader`'s role may not read clinical content (before any request).
        AlreadyImportedError: already imported (checked before the request, and again when storing).
        IntegrityMismatchError: the bytes do not match the registry's hash or size.
        RefusedContentError: another patient's document (recordTarget INS), unreadable, or over the size cap.
        DmpError: the DMP refused or could not be reached.
    """
    require(reader, Permission.READ_CLINICAL)
    await offload(_ensure_not_imported, db, patient_id, document.unique_id)
    patient = await offload(_patient_ref, db, patient_id)
    retrieved = await client.retrieve(patient, document.repository_id, document.unique_id)
    document_id = await offload(_store, db, patient_id, patient, document, retrieved.content, reader.who,
                                reader.workstation.name)
    log.info("DMP document imported for patient %s as received document %s", patient_id, document_id)
    return document_id


def received_documents(db: Database, patient_id: int) -> list[ReceivedDocument]:
    """The documents imported from the DMP or received by MSSanté into the patient's record, with their origin
    and the duplicates received since; most recent first."""
    with db.reading() as session:
        rows = list(session.scalars(select(DmpReceivedDocument).where(DmpReceivedDocument.patient_id == patient_id)
                                    .order_by(DmpReceivedDocument.imported_at.desc(),
                                              DmpReceivedDocument.id.desc())))
        duplicates: dict[int | None, list[Arrival]] = {}
        for received_id, sender, received_at in session.execute(
                select(InboxItem.received_document_id, InboxMessage.sender, InboxMessage.received_at)
                .join(InboxMessage, InboxMessage.id == InboxItem.message_row_id)
                .where(InboxItem.state == ItemState.DUPLICATE.value,
                       InboxItem.received_document_id.in_([row.id for row in rows]))
                .order_by(InboxMessage.received_at, InboxItem.id)):
            duplicates.setdefault(received_id, []).append(Arrival(sender, received_at))
        return [ReceivedDocument(row.id, row.unique_id, row.title, row.mime_type, row.type_display, row.author,
                                 row.creation_time, row.imported_at, row.imported_by, row.origin, row.origin_sender,
                                 row.origin_message_id, tuple(duplicates.get(row.id, ()))) for row in rows]


def received_content(db: Database, received_id: int, reader: UserSession) -> tuple[str, bytes]:
    """(MIME type, bytes) of an imported document, exactly as retrieved (NotPermitted for a role that may not
    read clinical content)."""
    require(reader, Permission.READ_CLINICAL)
    with db.reading() as session:
        row = session.get(DmpReceivedDocument, received_id)
        if row is None:
            raise ConsultationError(f"Document reçu {received_id} introuvable.")
        return row.mime_type, row.content


# --- new documents (badge) ---------------------------------------------------------------------------------

def _sent_unique_ids(session: Session, patient_id: int) -> set[str]:
    """uniqueIds of the patient's documents this cabinet fed to the DMP (`DmpDocumentState`)."""
    return set(session.scalars(select(DmpDocumentState.unique_id)
                               .join(Document, Document.id == DmpDocumentState.document_id)
                               .where(Document.patient_id == patient_id, DmpDocumentState.unique_id.is_not(None))))


def _record_check(db: Database, patient_id: int, entries: Sequence[tuple[str, str]]) -> int:
    """Store the count of (entry_uuid, unique_id) never listed here; the cabinet's own documents count as
    seen (a user does not need the DMP to tell them about what they wrote)."""
    with db.unit_of_work() as session:
        consultation = session.get(DmpConsultation, patient_id, with_for_update=True)
        if consultation is None:
            consultation = DmpConsultation(patient_id=patient_id, seen_entry_uuids=[])
            session.add(consultation)
        seen = set(consultation.seen_entry_uuids or [])
        sent = _sent_unique_ids(session, patient_id)
        own = {entry_uuid for entry_uuid, unique_id in entries if unique_id in sent}
        if not own <= seen:
            seen |= own
            consultation.seen_entry_uuids = sorted(seen)
        consultation.new_count = sum(1 for entry_uuid, _ in entries if entry_uuid not in seen)
        consultation.checked_at = utcnow()
        return consultation.new_count


async def check_new_documents(db: Database, client: DmpReader, patient_id: int, *,
                              offload: Offload = asyncio.to_thread) -> int:
    """Ask the DMP which documents were never listed here; stores and returns their number (the badge).

    A patient never consulted counts every document of its DMP as new, except those this cabinet sent. A DMP
    that may not be queried (identity not qualified, opposition) has nothing new, without a request: the badge
    is checked at each opening of a patient, and that refusal is expected, not a failure (the DMP panel says
    why when it is opened).
    """
    try:
        patient = await offload(_patient_ref, db, patient_id)
    except ConsultationError:
        return 0
    entries, _ = _own_entries(patient, await client.find_documents(patient))
    return await offload(_record_check, db, patient_id, [(entry.entry_uuid, entry.unique_id) for entry in entries])


def new_document_counts(db: Database, patient_ids: Iterable[int]) -> dict[int, int]:
    """Last known number of new DMP documents per patient (no network): only patients with some are listed."""
    ids = list(patient_ids)
    if not ids:
        return {}
    with db.reading() as session:
        rows = session.execute(select(DmpConsultation.patient_id, DmpConsultation.new_count)
                               .where(DmpConsultation.patient_id.in_(ids), DmpConsultation.new_count > 0))
        return {patient_id: count for patient_id, count in rows}


def qualified_patients(session: Session, patient_ids: Iterable[int]) -> list[int]:
    """Those of `patient_ids` whose DMP may be queried (qualified INS)."""
    ids = list(patient_ids)
    if not ids:
        return []
    rows = session.scalars(select(Patient).where(Patient.id.in_(ids)))
    return [patient.id for patient in rows if patient.ins_for_export() is not None]
