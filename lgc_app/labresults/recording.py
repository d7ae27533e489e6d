"""Recording the results of a received lab report in the patient's record (the contract with MSSanté reception).

`record_lab_results` runs inside the caller's transaction (the integration of a received document, or the
extraction a user asks for on a document imported from the DMP): it adds rows, never commits. It is idempotent:
a row is keyed by patient, report id and observation (`models.LabResult`), so the same report recorded again —
from the same source, or from another (by mail and from the DMP) — stores nothing new. Two workstations recording
the same report at the same instant cannot both add it: the unique constraint fails the second transaction, whose
caller retries it (and then finds the results there).
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from lgc_app.labresults.extraction import LabReport, read_lab_report
from lgc_app.labresults.models import LabResult
from lgc_app.persistence.base import utcnow

log = logging.getLogger("lgc.labresults.recording")


def _document_uid(report: LabReport, source: str) -> str:
    """The report's own id; a report without one is known by the reference of its arrival."""
    return report.document_uid or f"source:{source}"[:200]


def record_report(session: Session, *, patient_id: int, source: str, report: LabReport) -> int:
    """Add the results of `report` not yet recorded for the patient; returns how many were added."""
    document_uid = _document_uid(report, source)
    known = set(session.scalars(select(LabResult.observation_key).where(
        LabResult.patient_id == patient_id, LabResult.document_uid == document_uid)))
    now = utcnow()
    added = 0
    for observation in report.observations:
        if observation.key in known:
            continue
        session.add(LabResult(
            patient_id=patient_id, source=source[:200], document_uid=document_uid, set_id=report.set_id,
            version=report.version, observation_key=observation.key, loinc_code=observation.loinc_code,
            loinc_display=observation.loinc_display, value_text=observation.value_text,
            value_numeric=observation.value_numeric, unit=observation.unit, range_low=observation.range_low,
            range_high=observation.range_high, range_text=observation.range_text,
            interpretation=observation.interpretation, observed_at=observation.observed_at,
            specimen=observation.specimen, laboratory=observation.laboratory, author=observation.author,
            recorded_at=now))
        added += 1
    session.flush()
    log.info("lab results of %.80s for patient %s: %d added, %d already recorded, %d skipped", source, patient_id,
             added, len(report.observations) - added, len(report.skipped))
    return added


def record_lab_results(session: Session, *, patient_id: int, source: str, cda: bytes) -> int:
    """Record the structured results of a received CDA for the patient (`source`: a stable reference of the
    received document, e.g. "mss:<uniqueId>"); returns the number of results stored: 0 when the CDA is not a
    BIO-CR-BIO (or cannot be read), or was already recorded."""
    report = read_lab_report(cda)
    if report is None:
        return 0
    return record_report(session, patient_id=patient_id, source=source, report=report)
