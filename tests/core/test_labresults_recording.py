"""Recording lab results (the contract MSSanté reception calls) and reading them back for the screens, on SQLite
and PostgreSQL: idempotent per report, latest first, one analyte's history oldest first, a corrected report
replacing its previous version, extraction from a report imported from the DMP, and the secretariat kept out."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from lgc_app.auth.permissions import NotPermitted
from lgc_app.dmp.consultation_models import DmpReceivedDocument
from lgc_app.labresults import use_cases
from lgc_app.labresults.flags import Flag
from lgc_app.labresults.models import LabResult
from lgc_app.labresults.recording import record_lab_results
from lgc_app.persistence.base import Base
from lgc_app.persistence.database import Database
from lgc_app.session import SECRETARIAT, Authentication, Session
from tests.helpers.composition import STANDALONE, practitioner_session
from tests.helpers.dmp_feed import add_qualified_patient
from tests.helpers.labresults import FT4, TSH, lab_report, tsh_example

READER = practitioner_session()
SECRETARY = Session(SECRETARIAT, STANDALONE, Authentication.LOCAL_ACCOUNT)


def _record(db: Database, patient_id: int, source: str, cda: bytes) -> int:
    with db.unit_of_work() as session:
        return record_lab_results(session, patient_id=patient_id, source=source, cda=cda)


def _count(db: Database) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(LabResult)) or 0


@pytest.fixture
def patient_id(db: Database) -> int:
    return add_qualified_patient(db, "279035121518989")


def test_recording_the_same_report_twice_stores_nothing_new(db: Database, patient_id: int,
                                                            shared_dir: Path) -> None:
    cda = tsh_example(shared_dir)
    assert _record(db, patient_id, "mss:1.2.250.1.213.1.1.1.55.2024.9.1", cda) == 2
    assert _record(db, patient_id, "mss:1.2.250.1.213.1.1.1.55.2024.9.1", cda) == 0
    assert _record(db, patient_id, "dmp:1.2.250.1.213.1.1.1.55.2024.9.1", cda) == 0  # same report, other way
    assert _count(db) == 2
    rows = use_cases.patient_results(db, patient_id, READER)
    assert {row.source_label for row in rows} == {"MSSanté"}


def test_a_document_that_is_not_a_lab_report_records_nothing(db: Database, patient_id: int,
                                                             shared_dir: Path) -> None:
    vsm = (shared_dir / "cisis" / "examples" / "VSM_1.4_2022.01.xml").read_bytes()
    assert _record(db, patient_id, "mss:vsm", vsm) == 0
    assert _record(db, patient_id, "mss:garbage", b"\x00garbage") == 0
    assert _count(db) == 0


def test_results_latest_first_and_filtered_by_analyte(db: Database, patient_id: int, shared_dir: Path) -> None:
    _record(db, patient_id, "mss:a", lab_report(shared_dir, document_id="1.2.3.1", when="20240110083000+0100",
                                                tsh="2.1"))
    _record(db, patient_id, "mss:b", lab_report(shared_dir, document_id="1.2.3.2", when="20250312090000+0100",
                                                tsh="6.3", tsh_flag="H"))
    _record(db, patient_id, "mss:c", lab_report(shared_dir, document_id="1.2.3.3", when="20240801100000+0200",
                                                tsh="3.4"))
    rows = use_cases.patient_results(db, patient_id, READER)
    assert len(rows) == 6
    assert [row.observed_at for row in rows] == sorted((row.observed_at for row in rows), reverse=True)
    tsh = use_cases.patient_results(db, patient_id, READER, analyte=TSH)
    assert [row.value_text for row in tsh] == ["6.3", "3.4", "2.1"]
    assert tsh[0].flag is Flag.HIGH and tsh[1].flag is Flag.NORMAL
    assert [row.value_text for row in use_cases.patient_results(db, patient_id, READER, analyte="thyroxine")] == \
        ["7.67"] * 3  # by name, case and accents ignored
    analytes = use_cases.patient_analytes(db, patient_id, READER)
    assert [(a.loinc_code, a.count) for a in analytes] == [(TSH, 3), (FT4, 3)]


def test_history_of_one_analyte_is_oldest_first(db: Database, patient_id: int, shared_dir: Path) -> None:
    for number, (when, value) in enumerate((("20250312090000+0100", "6.3"), ("20240110083000+0100", "2.1"),
                                            ("20240801100000+0200", "3.4"))):
        _record(db, patient_id, f"mss:{number}", lab_report(shared_dir, document_id=f"1.2.3.{number}", when=when,
                                                            tsh=value))
    history = use_cases.analyte_history(db, patient_id, TSH, READER)
    assert [point.value for point in history.points] == [2.1, 3.4, 6.3]
    assert history.unit == "m[IU]/L" and history.display.startswith("Thyréostimuline")
    assert {(point.range_low, point.range_high) for point in history.points} == {(0.27, 4.2)}


def test_a_corrected_report_replaces_its_previous_version(db: Database, patient_id: int, shared_dir: Path) -> None:
    first = lab_report(shared_dir, document_id="1.2.9.1", set_id="1.2.9", version=1, when="20250101080000+0100",
                       tsh="9.9", tsh_flag="H")
    corrected = lab_report(shared_dir, document_id="1.2.9.2", set_id="1.2.9", version=2,
                           when="20250101080000+0100", tsh="1.9")
    assert _record(db, patient_id, "mss:1.2.9.1", first) == 2
    assert _record(db, patient_id, "mss:1.2.9.2", corrected) == 2
    rows = use_cases.patient_results(db, patient_id, READER, analyte=TSH)
    assert [row.value_text for row in rows] == ["1.9"]


def test_results_are_extracted_from_a_lab_report_imported_from_the_dmp(db: Database, patient_id: int,
                                                                     shared_dir: Path) -> None:
    cda = tsh_example(shared_dir)
    with db.unit_of_work() as session:
        received = DmpReceivedDocument(
            patient_id=patient_id, unique_id="1.2.250.1.213.1.1.1.55.2024.9.1", entry_uuid="urn:uuid:lab",
            repository_id="1.2.3", title="CR de biologie", mime_type="text/xml", type_code="11502-2",
            size=len(cda), sha1="0" * 40, content=cda, imported_by=READER.who)
        other = DmpReceivedDocument(
            patient_id=patient_id, unique_id="1.2.4", entry_uuid="urn:uuid:other", repository_id="1.2.3",
            title="Lettre", mime_type="text/plain", type_code="11490-0", size=5, sha1="0" * 40, content=b"lettre",
            imported_by=READER.who)
        session.add_all([received, other])
        session.flush()
        received_id, other_id = received.id, other.id
    [offered] = use_cases.received_lab_reports(db, patient_id, READER)
    assert (offered.received_id, offered.extracted) == (received_id, False)
    assert use_cases.extract_received(db, received_id, READER) == 2
    assert use_cases.received_lab_reports(db, patient_id, READER)[0].extracted
    assert use_cases.extract_received(db, received_id, READER) == 0
    assert {row.source_label for row in use_cases.patient_results(db, patient_id, READER)} == {"DMP"}
    with pytest.raises(use_cases.NotALabReportError):
        use_cases.extract_received(db, other_id, READER)


def test_the_secretariat_reads_no_result(db: Database, patient_id: int, shared_dir: Path) -> None:
    _record(db, patient_id, "mss:x", tsh_example(shared_dir))
    for read in (lambda: use_cases.patient_results(db, patient_id, SECRETARY),
                 lambda: use_cases.patient_analytes(db, patient_id, SECRETARY),
                 lambda: use_cases.analyte_history(db, patient_id, TSH, SECRETARY),
                 lambda: use_cases.received_lab_reports(db, patient_id, SECRETARY),
                 lambda: use_cases.extract_received(db, 1, SECRETARY)):
        with pytest.raises(NotPermitted):
            read()


def test_migration_matches_the_model(db: Database) -> None:
    import lgc_app.persistence.models  # noqa: F401 - every domain's tables, as Alembic sees them

    with db.engine.connect() as connection:
        diff = [change for change in compare_metadata(MigrationContext.configure(connection), Base.metadata)
                if "lab_results" in str(change)]
    assert diff == [], diff
