"""What the screens ask of the laboratory results: a patient's results table, one analyte's history, and the
extraction of the results of a lab report imported from the DMP.

Results are clinical content: every use case refuses a role that may not read it (IE.33, the secretariat)
before reading anything. The lists show the latest version of each report: a corrected report (same setId,
higher versionNumber) hides the results of the version it replaces.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session, aliased

from lgc_app.auth.permissions import Permission, require
from lgc_app.dmp.consultation_models import DmpReceivedDocument
from lgc_app.errors import UserError
from lgc_app.labresults.extraction import LAB_REPORT_LOINC, read_lab_report
from lgc_app.labresults.flags import Flag, flag_of
from lgc_app.labresults.models import LabResult
from lgc_app.labresults.recording import record_report
from lgc_app.persistence.database import Database
from lgc_app.session import Session as UserSession

log = logging.getLogger("lgc.labresults")

DMP_SOURCE = "dmp:"
MSS_SOURCE = "mss:"
_SOURCE_LABELS = {DMP_SOURCE: "DMP", MSS_SOURCE: "MSSanté"}


class LabResultsError(UserError):
    code = "LAB-RESULTS"
    summary = "Les résultats de biologie n'ont pas pu être extraits."


class NotALabReportError(LabResultsError):
    code = "LAB-NOT-A-REPORT"
    summary = "Ce document n'est pas un compte rendu de biologie structuré (BIO-CR-BIO) lisible."


@dataclass(frozen=True)
class LabResultRow:
    """One line of the results table."""

    id: int
    observed_at: datetime | None
    loinc_code: str
    loinc_display: str
    value_text: str
    value_numeric: float | None
    unit: str
    range_low: float | None
    range_high: float | None
    range_text: str
    interpretation: str
    flag: Flag
    source: str
    laboratory: str
    specimen: str

    @property
    def source_label(self) -> str:
        prefix = self.source.split(":", 1)[0] + ":"
        return _SOURCE_LABELS.get(prefix, self.source)


@dataclass(frozen=True)
class Analyte:
    """An analyte the patient has results for (the table's filter)."""

    loinc_code: str
    display: str
    count: int


@dataclass(frozen=True)
class HistoryPoint:
    observed_at: datetime
    value: float
    range_low: float | None
    range_high: float | None
    flag: Flag


@dataclass(frozen=True)
class AnalyteHistory:
    """One analyte's numeric results, oldest first (results without a number or a date cannot be plotted)."""

    loinc_code: str
    display: str
    unit: str
    points: tuple[HistoryPoint, ...]


@dataclass(frozen=True)
class ReceivedLabReport:
    """A lab report imported from the DMP whose results may be extracted."""

    received_id: int
    title: str
    creation_time: datetime | None
    extracted: bool


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _current(session: Session, patient_id: int, loinc_code: str | None = None) -> list[LabResult]:
    """The patient's results, without those of a report replaced by a later version of its set."""
    newer = aliased(LabResult)
    replaced = exists().where(and_(newer.patient_id == LabResult.patient_id, LabResult.set_id != "",
                                   newer.set_id == LabResult.set_id, newer.version > LabResult.version))
    query = select(LabResult).where(LabResult.patient_id == patient_id, ~replaced)
    if loinc_code is not None:
        query = query.where(LabResult.loinc_code == loinc_code)
    return list(session.scalars(query))


def _latest_first(row: LabResult) -> tuple[datetime, int]:
    return row.observed_at or datetime.min.replace(tzinfo=UTC), row.id


def _row(row: LabResult) -> LabResultRow:
    return LabResultRow(row.id, row.observed_at, row.loinc_code, row.loinc_display, row.value_text,
                        row.value_numeric, row.unit, row.range_low, row.range_high, row.range_text,
                        row.interpretation, flag_of(row.interpretation), row.source, row.laboratory, row.specimen)


def patient_results(db: Database, patient_id: int, reader: UserSession, *, analyte: str = "") -> list[LabResultRow]:
    """The patient's results, latest first; `analyte` keeps those whose LOINC code is it, or whose name
    contains it (case and accents ignored).

    Raises:
        NotPermitted: `reader`'s role may not read clinical content.
    """
    require(reader, Permission.READ_CLINICAL)
    wanted = _fold(analyte.strip())
    with db.reading() as session:
        rows = sorted(_current(session, patient_id), key=_latest_first, reverse=True)
    return [_row(row) for row in rows
            if not wanted or row.loinc_code == analyte.strip() or wanted in _fold(row.loinc_display)]


def patient_analytes(db: Database, patient_id: int, reader: UserSession) -> list[Analyte]:
    """The analytes of the patient's results, by name (NotPermitted for a role that may not read them)."""
    require(reader, Permission.READ_CLINICAL)
    with db.reading() as session:
        rows = sorted(_current(session, patient_id), key=_latest_first, reverse=True)
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for row in rows:  # latest first: the name is the one of the latest report
        counts[row.loinc_code] = counts.get(row.loinc_code, 0) + 1
        names.setdefault(row.loinc_code, row.loinc_display)
    return sorted((Analyte(code, names[code], count) for code, count in counts.items()),
                  key=lambda analyte: _fold(analyte.display))


def analyte_history(db: Database, patient_id: int, loinc_code: str, reader: UserSession) -> AnalyteHistory:
    """One analyte's dated numeric results, oldest first, in the unit of the latest one (a result in another
    unit is left out rather than plotted on the wrong scale)."""
    require(reader, Permission.READ_CLINICAL)
    with db.reading() as session:
        rows = sorted(_current(session, patient_id, loinc_code), key=_latest_first)
    plotted = [row for row in rows if row.value_numeric is not None and row.observed_at is not None]
    if not rows:
        return AnalyteHistory(loinc_code, loinc_code, "", ())
    unit = plotted[-1].unit if plotted else rows[-1].unit
    points = tuple(HistoryPoint(row.observed_at, row.value_numeric, row.range_low, row.range_high,
                                flag_of(row.interpretation))
                   for row in plotted if row.unit == unit and row.observed_at is not None
                   and row.value_numeric is not None)
    return AnalyteHistory(loinc_code, rows[-1].loinc_display, unit, points)


def received_lab_reports(db: Database, patient_id: int, reader: UserSession) -> list[ReceivedLabReport]:
    """The lab reports (XDS typeCode 11502-2, CDA) imported from the DMP into the patient's record, most recent
    first, with whether their results were already extracted."""
    require(reader, Permission.READ_CLINICAL)
    with db.reading() as session:
        reports = session.execute(
            select(DmpReceivedDocument.id, DmpReceivedDocument.title, DmpReceivedDocument.creation_time,
                   DmpReceivedDocument.unique_id)
            .where(DmpReceivedDocument.patient_id == patient_id, DmpReceivedDocument.type_code == LAB_REPORT_LOINC)
            .order_by(DmpReceivedDocument.imported_at.desc(), DmpReceivedDocument.id.desc())).all()
        extracted = set(session.scalars(select(LabResult.source).where(
            LabResult.patient_id == patient_id, LabResult.source.in_([DMP_SOURCE + r.unique_id for r in reports]))))
    return [ReceivedLabReport(r.id, r.title, r.creation_time, DMP_SOURCE + r.unique_id in extracted)
            for r in reports]


def extract_received(db: Database, received_id: int, reader: UserSession) -> int:
    """Record the results of a lab report imported from the DMP ("Extraire les résultats"); returns how many
    were added (0 when they already were, from this document or the same report received by mail).

    Raises:
        NotPermitted: `reader`'s role may not read clinical content.
        LabResultsError: no such document.
        NotALabReportError: the document is not a readable BIO-CR-BIO.
    """
    require(reader, Permission.READ_CLINICAL)
    with db.unit_of_work() as session:
        document = session.get(DmpReceivedDocument, received_id)
        if document is None:
            raise LabResultsError(f"Document reçu {received_id} introuvable.")
        report = read_lab_report(document.content)
        if report is None:
            raise NotALabReportError("Ce document n'est pas un compte rendu de biologie structuré (BIO-CR-BIO) "
                                     "lisible : aucun résultat n'a été extrait.")
        return record_report(session, patient_id=document.patient_id, source=DMP_SOURCE + document.unique_id,
                             report=report)
