"""The latest patients (the list before any search): order, limit, and an index read, never a scan or a sort."""

from __future__ import annotations

from sqlalchemy import text

from lgc_app.patients.models import Patient
from lgc_app.patients.recent import _RECENT, recent_patients
from lgc_app.patients.vocabulary import IdentityStatus, Sex
from lgc_app.persistence.database import Database


def _add(db: Database, birth_name: str) -> int:
    with db.unit_of_work() as session:
        patient = Patient(birth_name=birth_name, birth_given_names="JEAN", first_birth_given_name="JEAN",
                          birth_date="1980-01-01", sex=Sex.M, doubtful=False, fictitious=False, homonym=False)
        session.add(patient)
        session.flush()
        return patient.id


def test_latest_created_or_updated_first_within_the_limit(db: Database) -> None:
    ids = [_add(db, name) for name in ("ALPHA", "BRAVO", "CHARLIE", "DELTA")]
    with db.unit_of_work() as session:
        session.get(Patient, ids[0]).used_name = "ZULU"  # type: ignore[union-attr]
    with db.reading() as session:
        hits = recent_patients(session, 3)
    assert [hit.birth_name for hit in hits] == ["ALPHA", "DELTA", "CHARLIE"]
    assert hits[0].used_name == "ZULU" and hits[0].status == IdentityStatus.PROV


def test_reads_the_index_without_sorting(db: Database) -> None:
    _add(db, "ALPHA")
    with db.reading() as session:
        conn = session.connection()
        compiled = _RECENT.limit(50).compile(conn, compile_kwargs={"literal_binds": True})
        if db.is_postgresql:
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            plan = " ".join(row[0] for row in conn.execute(text(f"EXPLAIN {compiled}")))
            assert "Sort" not in plan and "ix_patients_updated_at" in plan
        else:
            plan = " ".join(row[-1] for row in conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
            assert "TEMP B-TREE" not in plan and "ix_patients_updated_at" in plan
