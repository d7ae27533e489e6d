"""`lgc demo-data`, `lgc documents list` and `lgc documents export` on a configured SQLite database."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from lgc_app.cli import main

NS = {"h": "urn:hl7-org:v3"}


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "lgc.toml"
    path.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "cabinet.sqlite3"}"\n'
        '[cabinet]\nstructure_id = "3987654321012"\nname = "Cabinet du Parc"\n',
        encoding="utf-8",
    )
    return path


def test_demo_data_list_and_export(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(config_file), "demo-data"]) == 0
    # no MSSanté mailbox configured: only the DMP feeds are planned
    assert "7 patients, 8 documents validés, 4 envois (DMP, MSSanté) en attente" in capsys.readouterr().out
    assert main(["--config", str(config_file), "demo-data"]) == 0  # idempotent
    assert "déjà présentes" in capsys.readouterr().out

    assert main(["--config", str(config_file), "documents", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 8 and all("Validé" in line for line in lines)
    assert "Ordonnance" in lines[2] and "DUPONT" in lines[2]
    assert "Document libre" in lines[7] and "LEFEVRE" in lines[7]  # typed « Lefèvre »

    target = tmp_path / "vsm.xml"
    assert main(["--config", str(config_file), "documents", "export", "1", str(target)]) == 0
    root = etree.fromstring(target.read_bytes())
    assert root.find("h:code", NS).get("code") == "SYNTH"
    assert root.find("h:custodian//h:name", NS).text == "Cabinet du Parc"
    pdf = tmp_path / "vsm.pdf"
    assert main(["--config", str(config_file), "documents", "export", "1", str(pdf), "--pdf"]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")

    assert main(["--config", str(config_file), "demo-data", "--force"]) == 0
    capsys.readouterr()
    assert main(["--config", str(config_file), "documents", "list", "--patient", "2"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4  # 2 documents per set for patient 2 (MARTIN)


def test_export_of_unknown_or_draft_document_fails_in_french(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(config_file), "db", "upgrade"]) == 0
    assert main(["--config", str(config_file), "documents", "export", "42", str(tmp_path / "x.xml")]) == 1
    assert "Document 42 introuvable" in capsys.readouterr().err
    assert not (tmp_path / "x.xml").exists()
