"""PostgreSQL specifics of the anteriority search: bytewise ("C") key collation, so prefix ranges use the
covering indexes whatever the database's default collation."""

from __future__ import annotations

from sqlalchemy import text

from lgc_app.patients.models import Patient
from lgc_app.patients.search import SearchQuery, search_patients
from lgc_app.patients.vocabulary import IdentityStatus, Sex
from lgc_app.persistence.database import Database


def _add(db: Database, names: list[tuple[str, str]]) -> None:
    with db.unit_of_work() as session:
        session.add_all(Patient(birth_name=name, birth_given_names=given, first_birth_given_name=given.split()[0],
                                birth_date="1980-01-01", sex=Sex.M, status=IdentityStatus.PROV, doubtful=False,
                                fictitious=False, homonym=False) for name, given in names)


def test_key_columns_sort_bytewise(pg_db: Database) -> None:
    with pg_db.engine.connect() as conn:
        collations = {(table, column): collation for table, column, collation in conn.execute(text(
            "SELECT table_name, column_name, collation_name FROM information_schema.columns "
            "WHERE table_name IN ('patient_search_keys', 'patient_name_variants') "
            "AND data_type = 'character varying'"))}
    keys = {("patient_search_keys", column): "C" for column in ("name_key", "given_key", "name_phonetic", "birth_date")}
    assert collations == {**keys, ("patient_name_variants", "variant"): "C", ("patient_name_variants", "name_key"): "C"}


def test_prefix_search_uses_the_covering_index(pg_db: Database) -> None:
    _add(pg_db, [(f"NOM{i:04d}", "JEAN") for i in range(300)] + [("D'ARC-DUPONT", "ELODIE")])
    with pg_db.engine.connect() as conn:
        conn.execute(text("ANALYZE patient_search_keys"))
        conn.execute(text("SET enable_seqscan = off"))
        plan = "\n".join(row[0] for row in conn.execute(text(
            "EXPLAIN SELECT patient_id, seq, name_key, given_key, birth_date FROM patient_search_keys "
            "WHERE name_key >= 'DARC' AND name_key < 'DARD' ORDER BY name_key, given_key LIMIT 100")))
    assert "ix_patient_search_keys_name" in plan and "Sort" not in plan


def test_accent_and_punctuation_insensitive_search(pg_db: Database) -> None:
    _add(pg_db, [("D'ARC-DUPONT", "ELODIE"), ("DARCY", "ELOISE"), ("LE GALL", "ANNE-SOPHIE")])
    with pg_db.reading() as session:
        hits = search_patients(session, SearchQuery(text="élodie d’arc dupont"))
        assert [h.birth_name for h in hits] == ["D'ARC-DUPONT"]
        assert [h.birth_name for h in search_patients(session, SearchQuery(text="legall anne sophie"))] == ["LE GALL"]
        assert [h.birth_name for h in search_patients(session, SearchQuery(text="darc"))] == ["D'ARC-DUPONT", "DARCY"]
