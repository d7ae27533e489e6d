"""The `mss.send` and `mss.compose` outbox handler: build one MSSanté message, submit it, record each recipient.

The message row was written at planning with its Message-ID, ENVID and XDM entry identifiers (record first, then
send): every attempt builds the same message (its Date is the planning time), so a retry after a lost answer
gives the receivers a message they recognise by its Message-ID, and the DSNs and MDNs find their message by
Message-ID and ENVID. Recipients already accepted are not sent again. Without a Pro Santé Connect token for a
bearer mailbox the order waits (transient, French reason) and is retried. Each attempt traces what was sent
(headers, parts, sizes) and the operator's answer per recipient.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session as OrmSession

from lgc_app import __version__, lps
from lgc_app.config import Settings
from lgc_app.dmp.feeding import unique_id_of
from lgc_app.dmp.submission import EntryIds, SubmissionError, build_submission
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.identifiers import local_patient_id
from lgc_app.documents.models import Document
from lgc_app.mss.access import MailboxUnavailable, endpoint, mailbox_access
from lgc_app.mss.patient_objection import objection_of
from lgc_app.mss.planning import OBJECTED, PATIENT
from lgc_app.mss.preferences import preferences_of
from lgc_app.mss.sent_models import MssMessage, MssRecipient, RecipientStatus
from lgc_app.outbox.errors import PermanentSendError, TransientSendError
from lgc_app.outbox.handler import HandlerResult, OrderContext
from lgc_app.patients.models import Patient
from lgc_app.persistence.base import utcnow
from lgc_app.persistence.database import Database
from lgc_app.session import ActingSession
from services.dmp.models import PatientId
from services.errors import Retry, ServiceError
from services.mss.connection import MailboxAccess
from services.mss.message_build import Attachment, Documents, OutgoingMessage, PatientLabel, build_message
from services.mss.smtp import Submitted, submit
from services.mss.smtp_sessions import SmtpSessions

AccessBuilder = Callable[[Settings, ActingSession | None], MailboxAccess]
SOFTWARE = f"{lps.LPS_NAME} {__version__}"


@dataclass(frozen=True)
class SendJob:
    message_pk: int
    outgoing: OutgoingMessage
    envid: str
    created_at: datetime


def _document_part(session: OrmSession, document: Document, row: MssMessage, cabinet: Cabinet) -> Documents:
    from lgc_app.dmp.client_factory import source_id  # the DMP client's modules load when a message is sent

    patient = session.get(Patient, document.patient_id)
    assert patient is not None  # foreign key
    ins = patient.ins_for_export()
    local = local_patient_id(cabinet.structure_id, patient.id)
    pid = PatientId(ins[0], ins[1]) if ins else PatientId(local.extension or "", local.root, id_type="PI")
    if not row.entry_uuid or not row.submission_uid:
        raise PermanentSendError(f"Message MSSanté {row.id} sans identifiants d'envoi.")
    ids = EntryIds(unique_id_of(document), row.entry_uuid, row.submission_uid)
    try:
        submission = build_submission(document, patient, cabinet, ids, source_id=source_id(cabinet.structure_id),
                                      replaces=None, now=row.created_at, pid=pid)
    except SubmissionError as exc:
        raise PermanentSendError(exc.text) from None
    label = PatientLabel(patient.birth_name, patient.first_birth_given_name, patient.birth_date)
    return Documents(submission, (document.pdf or b"",), document.type.label, label, SOFTWARE)


def _text_for(document: Document) -> str:
    return (f"Bonjour,\n\nVeuillez trouver ci-joint le document « {document.title} » ({document.type.label}), "
            f"validé le {document.validated_at:%d/%m/%Y}.\n\nCordialement,\n{document.author.display_name}\n")


def load_job(db: Database, message_pk: int, *, cabinet: Cabinet, sender: str, nil: str,
             end_patient_exchange: Callable[[OrmSession, int], bool]) -> SendJob | None:
    """The message as it must go now, or None when no recipient is left to send to (blocking: database, XML)."""
    with db.unit_of_work() as session:
        row = session.get(MssMessage, message_pk)
        if row is None or not row.message_id or not row.envid:
            raise PermanentSendError(f"Message MSSanté {message_pk} introuvable : rien à envoyer.")
        if row.patient_id is not None and objection_of(session, row.patient_id) is not None:
            for recipient in row.recipients:  # the objection recorded since the planning wins
                if recipient.kind == PATIENT and recipient.status is RecipientStatus.PLANNED:
                    recipient.status, recipient.reason, recipient.updated_at = (RecipientStatus.NOT_SENT, OBJECTED,
                                                                                utcnow())
        pending = tuple(r.address for r in row.recipients if r.status is RecipientStatus.PLANNED)
        if not pending:
            return None
        document = session.get(Document, row.document_id) if row.document_id is not None else None
        documents = _document_part(session, document, row, cabinet) if document is not None else None
        author_id = document.author_id if document is not None else None
        outgoing = OutgoingMessage(
            sender=sender, recipients=pending, message_id=row.message_id, nil=nil,
            text=row.body or (_text_for(document) if document is not None else ""), subject=row.subject,
            documents=documents,
            attachments=tuple(Attachment(a.filename, a.content, a.mime_type) for a in row.attachments),
            end_patient_exchange=author_id is not None and end_patient_exchange(session, author_id))
        return SendJob(row.id, outgoing, row.envid, row.created_at)


def record_submitted(db: Database, message_pk: int, submitted: Submitted) -> None:
    with db.unit_of_work() as session:
        row = session.get(MssMessage, message_pk)
        assert row is not None
        now = utcnow()
        results = {result.address: result for result in submitted.recipients}
        for recipient in row.recipients:
            result = results.get(recipient.address)
            if result is None:
                continue
            recipient.updated_at = now
            if result.accepted:
                recipient.status, recipient.reason = RecipientStatus.SENT, ""
            else:
                recipient.status = RecipientStatus.FAILED
                recipient.reason = f"Refusé par le serveur MSSanté ({result.code}) : {result.reply}"[:1000]
        row.sent_at = now


def record_failed(db: Database, message_pk: int, reason: str) -> None:
    """A permanent failure: every recipient still planned failed with the reason."""
    with db.unit_of_work() as session:
        for recipient in session.query(MssRecipient).filter(MssRecipient.message_pk == message_pk,
                                                             MssRecipient.status == RecipientStatus.PLANNED):
            recipient.status, recipient.reason, recipient.updated_at = RecipientStatus.FAILED, reason, utcnow()


def describe(job: SendJob, raw: bytes) -> str:
    """The content of the message, for the trace: headers and parts, not the documents themselves."""
    message = job.outgoing
    parts = [f"{a.filename} ({len(a.content)} octets)" for a in message.attachments]
    if message.documents is not None:
        parts.insert(0, f"IHE_XDM.zip : {len(message.documents.submission.documents)} document(s), patient "
                        f"{message.documents.submission.patient.cx}")
    return "\n".join([f"Message-ID {message.message_id} ; ENVID {job.envid} ; {len(raw)} octets",
                      f"De {message.sender} à {', '.join(message.recipients)}", *parts])


def open_mailbox(build: AccessBuilder, settings: Settings, session: ActingSession | None) -> MailboxAccess:
    """The practice's mailbox for one order: without a PSC sign-in the order waits (transient), a mailbox or
    password not configured is permanent."""
    try:
        return build(settings, session)
    except MailboxUnavailable as exc:
        if exc.transient:
            raise TransientSendError(exc.text) from None
        raise PermanentSendError(exc.text) from None


async def submit_from_mailbox(settings: Settings, access: MailboxAccess, raw: bytes, recipients: tuple[str, ...],
                              *, envid: str, sessions: SmtpSessions, delivery_reports: bool = True) -> Submitted:
    """Submit `raw` from the mailbox to the configured (or SRV-discovered) server, on a session kept from the
    previous message where possible (`sessions`); operator failures become the outbox's transient or permanent
    errors (French reason, the operator's text in the detail)."""
    try:
        server = await endpoint(settings, access, "submission")
        return await submit(access, server, raw, recipients, envid=envid, delivery_reports=delivery_reports,
                            sessions=sessions)
    except ServiceError as exc:
        detail = f"{exc.code} : {exc.detail}"
        if exc.transient:
            raise TransientSendError(exc.text_for(Retry.AUTOMATIC), detail=detail) from None
        raise PermanentSendError(exc.reason, detail=detail) from None


class MailboxSender:
    """What the handlers submitting from the practice's mailbox share: the mailbox as the session acting when an
    order runs opens it, the software's `X-MSS-NIL`, and `sessions`, the submission sessions shared by the
    worker's MSSanté handlers (closed by `aclose`)."""

    def __init__(self, settings: Settings, *, session: Callable[[], ActingSession | None] | None = None,
                 access: AccessBuilder = mailbox_access, sessions: SmtpSessions | None = None) -> None:
        self._settings = settings
        self._sessions = sessions or SmtpSessions()
        self._session = session or (lambda: None)
        self._access = access
        self._nil = settings["mss.nil"] or lps.MSS_PRODUCT_REFERENCE

    def _mailbox(self) -> MailboxAccess:
        return open_mailbox(self._access, self._settings, self._session())

    async def aclose(self) -> None:
        """The worker is done: close the kept submission sessions."""
        await self._sessions.aclose()


class MssSendHandler(MailboxSender):
    """Runs `mss.send` and `mss.compose` orders of one worker."""

    def __init__(self, settings: Settings, *, session: Callable[[], ActingSession | None] | None = None,
                 access: AccessBuilder = mailbox_access, sessions: SmtpSessions | None = None) -> None:
        super().__init__(settings, session=session, access=access, sessions=sessions)
        self._cabinet = Cabinet.from_settings(settings)
        self._end = lambda session, author_id: preferences_of(session, author_id).end_patient_exchange

    async def __call__(self, ctx: OrderContext) -> HandlerResult:
        message_pk = int(ctx.payload["message"])
        sender = self._settings["mss.mailbox"]
        try:
            job = await asyncio.to_thread(load_job, ctx.db, message_pk, cabinet=self._cabinet, sender=sender,
                                          nil=self._nil, end_patient_exchange=self._end)
            if job is None:
                return HandlerResult(summary="MSSanté : aucun destinataire restant à servir")
            access = self._mailbox()
            raw = await asyncio.to_thread(lambda: build_message(job.outgoing, when=job.created_at.timestamp())
                                          .as_bytes())
            ctx.trace(f"Message envoyé (tentative {ctx.attempt}) :\n{describe(job, raw)}")
            submitted = await submit_from_mailbox(self._settings, access, raw, job.outgoing.recipients,
                                                  envid=job.envid, sessions=self._sessions)
        except PermanentSendError as exc:
            await asyncio.to_thread(record_failed, ctx.db, message_pk, exc.text)
            raise
        ctx.trace("Réponse du serveur : " + " ; ".join(
            f"{r.address} {r.code} {r.reply}" for r in submitted.recipients))
        await asyncio.to_thread(record_submitted, ctx.db, message_pk, submitted)
        accepted = sum(result.accepted for result in submitted.recipients)
        return HandlerResult(summary=f"MSSanté : message {job.outgoing.message_id} accepté pour {accepted} "
                                     f"destinataire(s) sur {len(submitted.recipients)}")
