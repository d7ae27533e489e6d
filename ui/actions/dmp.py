"""DMP actions of the GUI: consultation and feeding decisions, one core use case per function.

Each is a coroutine for the task bridge (`TaskManager.run`): DMP requests are awaited on the loop, database
work goes to the database thread (`run_db`), so a 3 s DMP answer never freezes the window (SC.DMP/UX.10).
Reads return detached, frozen snapshots that widgets may keep.
"""

from __future__ import annotations

import asyncio

from lgc_app.bootstrap import AppContext
from lgc_app.dmp import client_factory, consultation, feeding
from lgc_app.dmp.consultation import Consultation, DmpDocument, DmpReader, DocumentFilter, ReceivedDocument
from lgc_app.documents.actors import Actor
from lgc_app.documents.errors import DocumentError
from lgc_app.documents.kinds import DocumentType
from lgc_app.outbox.errors import OrderStateError
from lgc_app.persistence.database import Database
from services.dmp import errors as dmp_errors
from services.dmp.errors import DmpError
from ui.actions.patients import user_of
from ui.tasks import describe_error, run_db

CLIENT_KEY = "dmp"


# The catalogue's transient messages promise an automatic retry, true for send orders only: a consultation
# is retried by the user ("Réessayer").
_CONSULTATION_MESSAGES = {
    dmp_errors.NETWORK: "Le DMP est injoignable (erreur réseau). Vérifiez la connexion puis réessayez.",
    dmp_errors.TIMEOUT: "Le DMP n'a pas répondu à temps. Réessayez dans un instant.",
    dmp_errors.SERVER: "Le DMP rencontre une erreur technique. Réessayez dans un instant.",
    "SERVICE_INDISPONIBLE": "Le DMP est momentanément indisponible. Réessayez dans un instant.",
}


def error_text(error: BaseException, label: str) -> str:
    """The French sentence for a failed DMP action: the DMP catalogue, our own refusals, or the generic one."""
    if isinstance(error, DmpError):
        return _CONSULTATION_MESSAGES.get(error.code, error.user_message)
    if isinstance(error, consultation.ConsultationError | OrderStateError | DocumentError):
        return str(error)
    return describe_error(error, label)


async def dmp_client(context: AppContext) -> DmpReader:
    """The workstation's DMP client, built once (in a thread: the TLS context costs tens of ms).

    While it is being built, `context.clients["dmp"]` holds the future, so concurrent callers share it.
    """
    held = context.clients.get(CLIENT_KEY)
    if held is None:
        held = asyncio.ensure_future(run_db(client_factory.consultation_client, context.database,
                                            context.settings))
        context.clients[CLIENT_KEY] = held
    if not isinstance(held, asyncio.Future):
        return held
    try:
        client = await asyncio.shield(held)  # a cancelled caller must not cancel the others' build
    except Exception:
        if context.clients.get(CLIENT_KEY) is held:
            del context.clients[CLIENT_KEY]  # the next request tries again (settings may have been fixed)
        raise
    context.clients[CLIENT_KEY] = client
    return client


# --- consultation --------------------------------------------------------------------------------------------

async def consult(context: AppContext, patient_id: int, filters: DocumentFilter) -> Consultation:
    client = await dmp_client(context)
    return await consultation.consult(context.database, client, patient_id, filters, user=user_of(context),
                                      offload=run_db)


async def fetch(context: AppContext, patient_id: int, document: DmpDocument) -> bytes:
    client = await dmp_client(context)
    return await consultation.fetch(context.database, client, patient_id, document, offload=run_db)


async def import_document(context: AppContext, patient_id: int, document: DmpDocument) -> int:
    client = await dmp_client(context)
    return await consultation.import_document(context.database, client, patient_id, document,
                                              user=user_of(context), offload=run_db)


async def check_new_documents(context: AppContext, patient_id: int) -> int:
    client = await dmp_client(context)
    return await consultation.check_new_documents(context.database, client, patient_id, offload=run_db)


async def new_document_counts(db: Database, patient_ids: list[int]) -> dict[int, int]:
    def read() -> dict[int, int]:
        with db.reading() as session:
            return consultation.new_document_counts(session, patient_ids)
    return await run_db(read)


async def received_documents(db: Database, patient_id: int) -> list[ReceivedDocument]:
    def read() -> list[ReceivedDocument]:
        with db.reading() as session:
            return consultation.received_documents(session, patient_id)
    return await run_db(read)


async def received_content(db: Database, received_id: int) -> tuple[str, bytes]:
    def read() -> tuple[str, bytes]:
        with db.reading() as session:
            return consultation.received_content(session, received_id)
    return await run_db(read)


async def patient_label(db: Database, patient_id: int) -> tuple[str, bool]:
    """(display name, whether the DMP may be consulted: qualified INS)."""
    from lgc_app.patients import service as patients

    def read() -> tuple[str, bool]:
        with db.reading() as session:
            patient = patients.get_patient(session, patient_id)
            return patient.display_name, patient.ins_for_export() is not None
    return await run_db(read)


# --- feeding decisions of the practitioner (SC.DMP/ALI/PROG.02) --------------------------------------------

async def withhold(context: AppContext, document_id: int, practitioner_id: int, reason: str) -> None:
    """Keep one document out of the DMP with the reason recorded (its waiting order is cancelled)."""
    await run_db(feeding.withhold, context.database, document_id, Actor(user_of(context), practitioner_id), reason)


async def release(context: AppContext, document_id: int, practitioner_id: int) -> str:
    """Send a withheld (or excluded, refused) document to the DMP after all; returns the order id."""
    return await run_db(feeding.release, context.database, document_id, Actor(user_of(context), practitioner_id))


async def type_preferences(db: Database, practitioner_id: int) -> dict[DocumentType, bool]:
    return await run_db(feeding.type_preferences, db, practitioner_id)


async def set_type_preferences(context: AppContext, practitioner_id: int, wanted: dict[DocumentType, bool]) -> None:
    """Record the practitioner's choice for every type given (one transaction per type, as the core offers)."""
    actor = Actor(user_of(context), practitioner_id)

    def save() -> None:
        for document_type, send in wanted.items():
            feeding.set_type_preference(context.database, practitioner_id, document_type, send, actor)
    await run_db(save)
