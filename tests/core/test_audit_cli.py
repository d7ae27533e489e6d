"""`lgc audit verify` (exit 0 on an intact chain, 1 on a broken one) and `lgc audit export` (CSV, filters)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import text

from lgc_app.audit.events import AuditEvent
from lgc_app.audit.trail import record
from lgc_app.cli import main
from lgc_app.persistence.database import Database


def _config(tmp_path: Path, db_url: str) -> str:
    path = tmp_path / "settings.toml"
    path.write_text(f'[workstation]\nname = "poste-1"\n\n[database]\nurl = "{db_url}"\n', encoding="utf-8")
    return str(path)


def _append(db: Database) -> None:
    with db.unit_of_work() as session:
        record(session, AuditEvent.LOGIN, "Anne Roux", "POSTE-1", "compte chef", "Connexion réussie")
        record(session, AuditEvent.PATIENT_READ, "Léa Accueil", "POSTE-2", "patient 7", "Dossier ouvert",
               patient_id=7)
        record(session, AuditEvent.PATIENT_CHANGED, "Anne Roux", "POSTE-1", "patient 8", "Adresse", patient_id=8)


def _tamper(db: Database, statement: str) -> None:
    """Rewrite the journal as its owner could, past the triggers, in this transaction only (PostgreSQL: as
    replication does; SQLite: the triggers of this test's own copy are dropped)."""
    with db.engine.begin() as conn:
        if db.is_postgresql:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        else:
            for name in ("audit_events_no_update", "audit_events_no_delete"):
                conn.execute(text(f"DROP TRIGGER {name}"))
        conn.execute(text(statement))


def test_verify_exits_0_on_an_intact_chain_and_1_on_a_broken_one(db: Database, db_url: str, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    _append(db)
    config = _config(tmp_path, db_url)
    assert main(["--config", config, "audit", "verify"]) == 0
    assert capsys.readouterr().out.strip() == "Journal d'audit intègre : 3 entrée(s) vérifiée(s)."
    _tamper(db, "UPDATE audit_events SET who = 'Personne' WHERE id = 2")
    assert main(["--config", config, "audit", "verify"]) == 1
    assert capsys.readouterr().out.strip() == ("Journal d'audit altéré à l'entrée 2 : son contenu a été modifié "
                                               "après son écriture.")


def test_export_writes_the_filtered_journal_as_csv(db: Database, db_url: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    _append(db)
    config, out = _config(tmp_path, db_url), tmp_path / "journal.csv"
    assert main(["--config", config, "audit", "export", str(out), "--utilisateur", "roux"]) == 0
    assert capsys.readouterr().out.strip() == f"Journal d'audit écrit dans {out} (2 entrée(s))."
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: spreadsheets read the accents
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert [(row[2], row[3], row[5]) for row in rows[1:]] == [("Connexion", "Anne Roux", ""),
                                                               ("Modification d'un dossier patient", "Anne Roux", "8")]
    assert main(["--config", config, "audit", "export", str(out), "--evenement", AuditEvent.PATIENT_READ.value,
                 "--patient", "7"]) == 0
    [_header, only] = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert (only[3], only[4], only[6]) == ("Léa Accueil", "POSTE-2", "patient 7")
    with pytest.raises(SystemExit):  # an unknown event is refused by the parser, with the accepted values
        main(["--config", config, "audit", "export", str(out), "--evenement", "inconnu"])
