"""DMP actions of the GUI: consultation and feeding decisions, one core use case per function.

Each is a coroutine for the task bridge (`TaskManager.run`): DMP requests are awaited on the loop, database
work goes to the database thread (`run_db`), so a 3 s DMP answer never freezes the window (SC.DMP/UX.10).
Reads return detached, frozen snapshots that widgets may keep.
"""

from __future__ import annotations

from lgc_app.bootstrap import AppContext
from lgc_app.dmp import consultation, feeding, opposition, state
from lgc_app.dmp.consultation import Consultation, DmpDocument, DmpReader, DocumentFilter, ReceivedDocument
from lgc_app.dmp.opposition import OppositionStatus
from lgc_app.dmp.state import DmpVersion
from lgc_app.documents.cabinet import Cabinet
from lgc_app.documents.kinds import DocumentType
from lgc_app.persistence.database import Database
from ui.tasks import run_db


async def dmp_client(context: AppContext) -> DmpReader:
    """The DMP client of the session's consultations (the connection is built once, in a thread)."""
    from lgc_app.dmp import client_factory  # the DMP client's modules load with the first DMP request

    connection = await context.services.dmp.get()
    return client_factory.consultation_client(connection, context.session, Cabinet.from_settings(context.settings))


# --- consultation --------------------------------------------------------------------------------------------

async def consult(context: AppContext, patient_id: int, filters: DocumentFilter) -> Consultation:
    client = await dmp_client(context)
    return await consultation.consult(context.database, client, patient_id, filters, reader=context.session,
                                      offload=run_db)


async def fetch(context: AppContext, patient_id: int, document: DmpDocument) -> bytes:
    client = await dmp_client(context)
    return await consultation.fetch(context.database, client, patient_id, document, reader=context.session,
                                    offload=run_db)


async def import_document(context: AppContext, patient_id: int, document: DmpDocument) -> int:
    client = await dmp_client(context)
    return await consultation.import_document(context.database, client, patient_id, document,
                                              reader=context.session, offload=run_db)


async def check_new_documents(context: AppContext, patient_id: int) -> int:
    client = await dmp_client(context)
    return await consultation.check_new_documents(context.database, client, patient_id, offload=run_db)


async def new_document_counts(db: Database, patient_ids: list[int]) -> dict[int, int]:
    return await run_db(consultation.new_document_counts, db, patient_ids)


async def received_documents(db: Database, patient_id: int) -> list[ReceivedDocument]:
    return await run_db(consultation.received_documents, db, patient_id)


async def received_content(context: AppContext, received_id: int) -> tuple[str, bytes]:
    return await run_db(consultation.received_content, context.database, received_id, context.session)


async def patient_label(db: Database, patient_id: int) -> tuple[str, bool]:
    """(display name, whether the DMP may be consulted: qualified INS)."""
    from lgc_app.patients import use_cases as patient_cases

    return await run_db(patient_cases.dmp_heading, db, patient_id)


# --- feeding decisions of the practitioner (SC.DMP/ALI/PROG.02) --------------------------------------------

async def withhold(context: AppContext, document_id: int, reason: str) -> None:
    """Keep one document out of the DMP with the reason recorded (its waiting order is cancelled)."""
    await run_db(feeding.withhold, context.database, document_id, context.session.actor(), reason)


async def release(context: AppContext, document_id: int) -> str:
    """Send a withheld (or excluded, refused) document to the DMP after all; returns the order id."""
    return await run_db(feeding.release, context.database, document_id, context.session.actor())


async def waiting_for_qualification(context: AppContext, patient_id: int) -> list[int]:
    """The acting practitioner's documents of this patient held back while the identity was not qualified."""
    return await run_db(feeding.waiting_for_qualification, context.database, patient_id, context.session.actor())


async def release_waiting(context: AppContext, patient_id: int) -> list[str]:
    """Send them all now (one transaction); returns the order ids."""
    return await run_db(feeding.release_waiting, context.database, patient_id, context.session.actor())


async def version_in_dmp(db: Database, patient_id: int, document_type: DocumentType,
                         author_id: int) -> DmpVersion | None:
    return await run_db(state.version_in_dmp, db, patient_id, document_type, author_id)


async def type_preferences(db: Database, practitioner_id: int) -> dict[DocumentType, bool]:
    return await run_db(feeding.type_preferences, db, practitioner_id)


async def set_type_preferences(context: AppContext, practitioner_id: int, wanted: dict[DocumentType, bool]) -> None:
    """Record the practitioner's choice for every type given (one transaction per type, as the core offers)."""
    actor = context.session.actor()

    def save() -> None:
        for document_type, send in wanted.items():
            feeding.set_type_preference(context.database, practitioner_id, document_type, send, actor)
    await run_db(save)


# --- the patient's opposition to the DMP (PROTOCOLS §3.0) ---------------------------------------------------

async def opposition_status(db: Database, patient_id: int) -> OppositionStatus:
    return await run_db(opposition.opposition_status, db, patient_id)


async def record_opposition(context: AppContext, patient_id: int) -> OppositionStatus:
    """Record the patient's opposition in the session user's name; returns the status now stored."""
    def record() -> OppositionStatus:
        opposition.record_opposition(context.database, patient_id, context.session.who)
        return opposition.opposition_status(context.database, patient_id)
    return await run_db(record)


async def withdraw_opposition(context: AppContext, patient_id: int) -> OppositionStatus:
    def withdraw() -> OppositionStatus:
        opposition.withdraw_opposition(context.database, patient_id, context.session.who)
        return opposition.opposition_status(context.database, patient_id)
    return await run_db(withdraw)
