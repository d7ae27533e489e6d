"""`lgc annuaire search` against the sandbox's Annuaire over TLS, with the key from the keyring."""

from __future__ import annotations

from pathlib import Path

import pytest

from lgc_app import secrets
from lgc_app.cli import main
from services.sandbox.server import RunningSandbox
from tests.helpers.annuaire import fresh_key


def _config(tmp_path: Path, sandbox: RunningSandbox) -> str:
    path = tmp_path / "lgc.toml"
    path.write_text(f'[services]\nannuaire_url = "{sandbox.manifest.url("annuaire")}"\n'
                    f'annuaire_key_ref = "annuaire-test"\n[tls]\nca_file = "{sandbox.manifest.ca_file}"\n',
                    encoding="utf-8")
    return str(path)


def test_search_prints_places_mss_boxes_and_plain_emails(tmp_path: Path, sandbox: RunningSandbox,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    secrets.store("annuaire-test", fresh_key())
    assert main(["--config", _config(tmp_path, sandbox), "annuaire", "search", "--nom", "cardio",
                 "--specialite", "cardiologie", "--ville", "Lyon"]) == 0
    out = capsys.readouterr().out
    assert "CARDIO Claire — RPPS 99700412345 — Médecin, Cardiologie et maladies vasculaires" in out
    assert "MSSanté (personnelle) : claire.cardio@cardio.mssante.fr" in out
    assert "MSSanté (organisationnelle) : secretariat@cardio-lyon.mssante.fr" in out
    assert "Courriel (non MSSanté) : contact@cabinet-cardio-lyon.fr" in out
    assert "c.cardio.perso" not in out, "liste rouge"


def test_no_result_a_bad_key_and_a_bad_specialty_have_their_exit_codes(tmp_path: Path, sandbox: RunningSandbox,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(tmp_path, sandbox)
    secrets.store("annuaire-test", fresh_key())
    assert main(["--config", config, "annuaire", "search", "--nom", "ZZZINCONNU"]) == 1
    assert main(["--config", config, "annuaire", "search", "--specialite", "astrologie"]) == 2
    assert "spécialité inconnue" in capsys.readouterr().err
    assert main(["--config", config, "annuaire", "search", "--ville", "Lyon"]) == 2
    assert "Précisez un nom" in capsys.readouterr().err
    secrets.store("annuaire-test", "wrong")
    assert main(["--config", config, "annuaire", "search", "--rpps", "99700366240"]) == 3
    assert "clé d'API" in capsys.readouterr().err
