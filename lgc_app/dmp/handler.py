"""The `dmp.feed` outbox handler: send one validated document to the DMP (ITI-41), record state and trace.

Each attempt traces what was sent (document, identifiers, patient, author, the SOAP request without the
document bytes) and the DMP's answer: with the order's creation event (who, which workstation, when) this
is the homologation proof of SC.DMP/ALI/PROG.02. A `DmpError` marked transient is retried by the outbox;
any other is a refusal, shown on the document with the DMP's reason.

An attempt after the first follows an uncertain outcome (timeout, lost answer, worker killed): before
sending again, the handler asks the DMP (ITI-18 GetDocuments) whether the uniqueId is already registered,
so that a document is never registered twice even by a DMP less forgiving than the simulator.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, select
from sqlalchemy.orm import Session as OrmSession

from lgc_app.config import ConfigError, Settings
from lgc_app.dmp import client_factory
from lgc_app.dmp.access import dmp_access
from lgc_app.dmp.client_factory import DmpConnection, vihf_context
from lgc_app.dmp.models import DmpDocumentState, DmpOpposition, DmpState
from lgc_app.dmp.opposition import PatientOpposed, refusal
from lgc_app.dmp.recording import mark_sent, record_refused
from lgc_app.dmp.submission import EntryIds, SubmissionError, build_submission, describe
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.models import Document, Practitioner
from lgc_app.outbox.errors import PermanentSendError, TransientSendError
from lgc_app.outbox.handler import HandlerResult, OrderContext
from lgc_app.outbox.models import OrderStatus, SendOrder
from lgc_app.patients.models import Patient
from lgc_app.persistence.database import Database
from lgc_app.session import ActingSession, PractitionerIdentity
from services.dmp import constants as c
from services.dmp import mtom
from services.dmp.client import DmpClient, DmpExchange
from services.dmp.errors import DmpError
from services.dmp.models import Submission
from services.errors import Retry
from services.transport import TransportConfigError

TRACE_LIMIT = 40_000  # characters of one request or answer kept in the trace (a signed ITI-41 is ~25 kB)


@dataclass(frozen=True)
class FeedJob:
    document_id: int
    patient_id: int  # the journal names the patient of each outcome
    submission: Submission
    practitioner: PractitionerIdentity  # the VIHF speaks for the document's author
    replaced_document_id: int | None

    @property
    def unique_id(self) -> str:
        return self.submission.documents[0].unique_id

    @property
    def replaces(self) -> str | None:
        return self.submission.documents[0].replaces


_DOCUMENTS, _STATES, _PATIENTS, _AUTHORS, _OPPOSITIONS, _ORDERS = (
    cast(Table, model.__table__) for model in (Document, DmpDocumentState, Patient, Practitioner, DmpOpposition,
                                                SendOrder))
_PREVIOUS, _PREVIOUS_ORDER = _STATES.alias("previous"), _ORDERS.alias("previous_order")
# The columns build_submission and the identity rules read, by table.
_DOCUMENT = ("id", "title", "cda_xml", "class_code", "type_code", "format_code", "practice_setting_code",
             "facility_type_code", "confidentiality_code", "masked_from_professionals", "hidden_from_patient",
             "hidden_from_legal_representatives", "replaces_id", "patient_id")
_PATIENT = ("id", "status", "ins_matricule", "ins_oid", "birth_name", "first_birth_given_name", "birth_date", "sex")
_AUTHOR = ("id", "rpps", "title", "given_name", "family_name", "profession_code", "specialty_code")
# Everything a send needs, in one Core statement built once (every order sent reads it, the ORM's loading
# would cost more than the query): the document with its frozen CDA, its author, its DMP state, the patient,
# an opposition in force, and the previous version's DMP state and order when it replaces one.
_JOB = (select(*(_DOCUMENTS.c[name] for name in _DOCUMENT), *(_PATIENTS.c[name] for name in _PATIENT),
               *(_AUTHORS.c[name] for name in _AUTHOR), _STATES.c.state, _STATES.c.reason, _STATES.c.unique_id,
               _STATES.c.entry_uuid, _STATES.c.submission_uid, _OPPOSITIONS.c.recorded_at,
               _OPPOSITIONS.c.recorded_by, _PREVIOUS.c.state, _PREVIOUS.c.entry_uuid, _PREVIOUS_ORDER.c.status)
        .select_from(_DOCUMENTS)
        .join(_STATES, _STATES.c.document_id == _DOCUMENTS.c.id)
        .join(_PATIENTS, _PATIENTS.c.id == _DOCUMENTS.c.patient_id)
        .join(_AUTHORS, _AUTHORS.c.id == _DOCUMENTS.c.author_id)
        .outerjoin(_OPPOSITIONS, and_(_OPPOSITIONS.c.patient_id == _DOCUMENTS.c.patient_id,
                                      _OPPOSITIONS.c.withdrawn_at.is_(None)))
        .outerjoin(_PREVIOUS, _PREVIOUS.c.document_id == _DOCUMENTS.c.replaces_id)
        .outerjoin(_PREVIOUS_ORDER, _PREVIOUS_ORDER.c.id == _PREVIOUS.c.order_id)
        .where(_DOCUMENTS.c.id == bindparam("document")))


def _models(row: Sequence[Any]) -> tuple[Document, Patient]:
    """The document (with its author) and the patient as plain instances of their models, never added to a
    session: `build_submission` and the identity rules (`ins_for_export`) read them as they read loaded ones."""
    document_end = len(_DOCUMENT)
    patient_end = document_end + len(_PATIENT)
    author = Practitioner(**dict(zip(_AUTHOR, row[patient_end:patient_end + len(_AUTHOR)], strict=True)))
    document = Document(**dict(zip(_DOCUMENT, row[:document_end], strict=True)), author=author)
    return document, Patient(**dict(zip(_PATIENT, row[document_end:patient_end], strict=True)))


def _replacement_target(replaces_id: int | None, previous: DmpState | None, previous_entry: str | None,
                        previous_order: OrderStatus | None) -> str | None:
    """entryUUID of the previous version in the DMP; TransientSendError while it is still on its way."""
    if replaces_id is None or previous is None:
        return None
    if previous in (DmpState.SENT, DmpState.REPLACED):
        return previous_entry
    if previous is DmpState.PENDING and previous_order in (OrderStatus.PENDING, OrderStatus.IN_PROGRESS):
        raise TransientSendError("La version précédente de ce document n'est pas encore dans le DMP : "
                                 "envoi reporté.")
    return None  # the previous version never reached the DMP: this one goes as an original


def load_job(db: Database, document_id: int, cabinet: Cabinet, source_id: str,
             activity_type: str = c.CONTENT_TYPE_OFFICE_CARE) -> FeedJob:
    """Read the document and build its submission (blocking: database, CDA parsing).

    Raises:
        PatientOpposed: the patient's opposition to the DMP is recorded: nothing may be sent.
    """
    with db.reading_one() as connection:
        row = connection.execute(_JOB, {"document": document_id}).one_or_none()
    if row is None:
        raise PermanentSendError(f"Document {document_id} introuvable ou sans état DMP : rien à envoyer.")
    (state, reason, unique_id, entry_uuid, submission_uid, opposed_at, opposed_by, previous, previous_entry,
     previous_order) = row[len(_DOCUMENT) + len(_PATIENT) + len(_AUTHOR):]
    if state is DmpState.WITHHELD:
        raise PermanentSendError(f"Document retenu par le praticien ({reason}) : envoi abandonné.")
    if opposed_at is not None:
        raise refusal(opposed_at, opposed_by)
    document, patient = _models(row)
    replaces = _replacement_target(document.replaces_id, previous, previous_entry, previous_order)
    try:
        ids = EntryIds.stored(document_id, unique_id, entry_uuid, submission_uid)
        submission = build_submission(document, patient, cabinet, ids, source_id=source_id, replaces=replaces,
                                      now=datetime.now(UTC), activity_type=activity_type)
    except SubmissionError as exc:
        raise PermanentSendError(str(exc)) from None
    return FeedJob(document_id, patient.id, submission, PractitionerIdentity.of(document.author),
                   document.replaces_id)


def _decoded(data: bytes) -> str:
    text = data.decode("utf-8", errors="replace")
    return text if len(text) <= TRACE_LIMIT else text[:TRACE_LIMIT] + " […]"


def format_exchange(exchange: DmpExchange) -> str:
    """Request (its SOAP envelope; the document bytes are in the database) and answer, for the trace."""
    request = exchange.request_body
    if exchange.request_content_type.lower().startswith("multipart/related"):
        request = mtom.split_multipart(exchange.request_content_type, request).root
    status = "pas de réponse" if exchange.status_code is None else f"HTTP {exchange.status_code}"
    return (f"→ {exchange.action} {exchange.url} ({len(exchange.request_body)} octets)\n{_decoded(request)}\n"
            f"← {status} {exchange.response_content_type}\n{_decoded(exchange.response_body)}")


class FeedHandler:
    """The `dmp.feed` handler of one worker; builds its DMP connection in a thread, when the worker starts
    (`prepare`) or else on first use."""

    def __init__(self, settings: Settings, *, connect: Callable[[], DmpConnection] | None = None,
                 session: Callable[[], ActingSession | None] | None = None) -> None:
        """`session` gives the session acting on this workstation when an order runs (a CPS it signed in with
        signs its own documents, `lgc_app.dmp.access`); None: a worker without user (structure access)."""
        self._session = session or (lambda: None)
        self._cabinet = Cabinet.from_settings(settings)
        self._activity_type = settings["cabinet.activity_type"]
        self._source_id = client_factory.source_id(self._cabinet.structure_id)
        self._connect = connect or partial(client_factory.connect, settings)
        self._connection: DmpConnection | None = None
        self._connecting = asyncio.Lock()  # concurrent first orders share one connection

    async def connection(self) -> DmpConnection:
        async with self._connecting:
            if self._connection is None:
                try:
                    self._connection = await asyncio.to_thread(self._connect)
                except (ConfigError, TransportConfigError) as exc:
                    raise PermanentSendError(f"Accès au DMP non configuré : {exc.text}") from None
            return self._connection

    async def prepare(self) -> None:
        """Build the DMP connection now (worker start), not while the first orders are being sent.

        Raises:
            PermanentSendError: DMP access not configured (the worker logs it; orders will say it too).
        """
        await self.connection()

    async def aclose(self) -> None:
        """Close the DMP connection, when the worker stops (an order after this one opens a new one)."""
        async with self._connecting:
            connection, self._connection = self._connection, None
        if connection is not None:
            await connection.aclose()

    async def __call__(self, ctx: OrderContext) -> HandlerResult:
        document_id = int(ctx.payload["document_id"])
        try:
            job = await ctx.database(load_job, ctx.db, document_id, self._cabinet, self._source_id,
                                     self._activity_type)
        except PatientOpposed as exc:
            await ctx.database(record_refused, ctx.db, document_id, reason=str(exc),
                               answer="Non envoyé : opposition du patient", order_id=ctx.order_id,
                               workstation=ctx.workstation)
            raise PermanentSendError(str(exc)) from None
        connection = await self.connection()
        exchanges: list[DmpExchange] = []
        access = dmp_access(connection, self._session(), job.practitioner)
        # The worker's loop is its own: building, signing and parsing run inline (`DmpClient`).
        client = connection.client(vihf_context(connection, job.practitioner, self._cabinet, access.authentication),
                                   exchanges.append, vihf=access.signer, inline_cpu=True)
        ctx.trace(f"Authentification auprès du DMP (tentative {ctx.attempt}) : {access.label}")
        ctx.trace(f"Contenu envoyé (tentative {ctx.attempt}) :\n{describe(job.submission)}")
        try:
            return await self._send(ctx, client, job)
        except DmpError as exc:
            detail = f"{exc.code} : {exc.detail}"
            if exc.transient:
                raise TransientSendError(exc.text_for(Retry.AUTOMATIC), detail=detail) from None
            await ctx.database(record_refused, ctx.db, document_id, reason=exc.text, answer=f"Refus {exc.code}",
                               order_id=ctx.order_id, workstation=ctx.workstation)
            raise PermanentSendError(exc.text, detail=detail) from None
        finally:
            for exchange in exchanges:
                ctx.trace(format_exchange(exchange))

    async def _send(self, ctx: OrderContext, client: DmpClient, job: FeedJob) -> HandlerResult:
        if ctx.attempt > 1:
            found = await client.get_documents(job.submission.patient, unique_ids=[job.unique_id])
            if any(entry.unique_id == job.unique_id for entry in found):
                answer = "Déjà enregistré par une tentative précédente (vérifié par GetDocuments)"
                return HandlerResult(summary=f"DMP : {answer.lower()} ; uniqueId {job.unique_id}",
                                     commit=self._sent(ctx, job, answer))
        result = await client.provide_and_register(job.submission)
        answer = f"Accepté ({result.status.rsplit(':', 1)[-1]})"
        if result.warnings:
            answer += " ; avertissements : " + ", ".join(warning.code for warning in result.warnings)
        return HandlerResult(summary=f"DMP : document {answer.lower()} ; uniqueId {job.unique_id}",
                             commit=self._sent(ctx, job, answer))

    @staticmethod
    def _sent(ctx: OrderContext, job: FeedJob, answer: str) -> Callable[[OrmSession], None]:
        """The document's DMP state, written with the order's success (one transaction, `HandlerResult`)."""
        return partial(mark_sent, document_id=job.document_id, answer=answer, replaces=job.replaces,
                       replaced_document_id=job.replaced_document_id, ordered_by=ctx.ordered_by,
                       patient_id=job.patient_id, workstation=ctx.workstation)
