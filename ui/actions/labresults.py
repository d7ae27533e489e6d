"""Laboratory results actions of the GUI, one core use case per function, run on the database thread (`run_db`)
as the signed-in session (a role that may not read clinical content is refused by the core)."""

from __future__ import annotations

from lgc_app.bootstrap import AppContext
from lgc_app.labresults import use_cases
from lgc_app.labresults.use_cases import Analyte, AnalyteHistory, LabResultRow, ReceivedLabReport
from ui.tasks import run_db


async def results(context: AppContext, patient_id: int, analyte: str = "") -> list[LabResultRow]:
    return await run_db(use_cases.patient_results, context.database, patient_id, context.session, analyte=analyte)


async def analytes(context: AppContext, patient_id: int) -> list[Analyte]:
    return await run_db(use_cases.patient_analytes, context.database, patient_id, context.session)


async def history(context: AppContext, patient_id: int, loinc_code: str) -> AnalyteHistory:
    return await run_db(use_cases.analyte_history, context.database, patient_id, loinc_code, context.session)


async def received_reports(context: AppContext, patient_id: int) -> list[ReceivedLabReport]:
    return await run_db(use_cases.received_lab_reports, context.database, patient_id, context.session)


async def extract(context: AppContext, received_id: int) -> int:
    return await run_db(use_cases.extract_received, context.database, received_id, context.session)
