"""`lgc` entry point: French help, delegation to the admin CLI, clear start-up errors without traceback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
import qasync
from PySide6.QtWidgets import QApplication, QMessageBox

from lgc_app import config, demo
from tests.ui.conftest import dispose_loop
from ui import app as gui_app
from ui import launcher
from ui.app import install_event_loop


def test_help_is_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        launcher.main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("Utilisation : lgc")
    assert "--demo" in out and "--latency SECONDES" in out
    assert "afficher cette aide et quitter" in out
    assert "Commandes d'administration" in out and "config" in out


def test_unknown_option_is_refused_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        launcher.main(["--inconnue"])
    assert exit_info.value.code == 2
    assert "option invalide" in capsys.readouterr().err


def test_admin_command_is_delegated(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    settings_file = tmp_path / "poste.toml"
    config.save(config.Settings({"cabinet.name": "Cabinet des Tilleuls"}), settings_file)
    assert launcher.main(["--config", str(settings_file), "config", "show"]) == 0
    out = capsys.readouterr().out
    assert "workstation.role" in out
    assert "Cabinet des Tilleuls" in out


@pytest.mark.parametrize(("argv", "admin"), [
    (["config", "show"], True), (["--config", "x.toml", "db", "status"], True),
    (["--config=x.toml", "config", "path"], True), (["--demo"], False), ([], False),
    (["--config", "config"], False),
])
def test_admin_command_detection(argv: list[str], admin: bool) -> None:
    assert launcher.is_admin_command(argv) is admin


class _BoxRecorder:
    shown: ClassVar[list[str]] = []
    asked: ClassVar[list[str]] = []

    @staticmethod
    def critical(_parent: object, _title: str, text: str) -> None:
        _BoxRecorder.shown.append(text)

    @staticmethod
    def question(_parent: object, _title: str, text: str, *_buttons: object) -> QMessageBox.StandardButton:
        _BoxRecorder.asked.append(text)
        return QMessageBox.StandardButton.No


@pytest.fixture
def startup_errors(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Message boxes are recorded instead of shown; no log file handler is installed on the test runner."""
    _BoxRecorder.shown = []
    _BoxRecorder.asked = []
    monkeypatch.setattr(gui_app, "QMessageBox", _BoxRecorder)
    monkeypatch.setattr(gui_app.logs, "setup", lambda *a, **k: None)
    loops: list[qasync.QEventLoop] = []
    monkeypatch.setattr(gui_app, "install_event_loop",
                        lambda app: loops.append(install_event_loop(app)) or loops[-1])
    yield _BoxRecorder.shown
    for loop in loops:
        dispose_loop(loop)


def test_demo_with_corrupt_database_gives_clear_message(startup_errors: list[str],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    database = demo.demo_folder() / "lgc-demo.sqlite3"
    content = b"Ceci n'est pas une base SQLite, mais des donnees a garder." * 100
    database.write_bytes(content)
    assert launcher.main(["--demo"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Erreur : Le fichier ")
    assert "n'est pas une base de données SQLite" in err
    assert "Traceback" not in err
    assert len(startup_errors) == 1 and "n'a pas été modifié" in startup_errors[0]
    assert len(_BoxRecorder.asked) == 1 and "Réinitialiser les données" in _BoxRecorder.asked[0]  # declined
    assert database.read_bytes() == content
    assert not (demo.demo_folder() / "sandbox" / "sandbox.log").exists()  # failed before starting the sandbox


def test_bad_settings_file_gives_clear_message(startup_errors: list[str], tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    settings_file = tmp_path / "poste.toml"
    settings_file.write_text('[workstation]\nrole = "chef"\n', encoding="utf-8")
    assert launcher.main(["--config", str(settings_file)]) == 2
    assert startup_errors == ["Paramètre « workstation.role » invalide : valeurs possibles : standalone, "
                              "master, slave"]
    assert "Traceback" not in capsys.readouterr().err
    assert settings_file.read_text(encoding="utf-8") == '[workstation]\nrole = "chef"\n'


def test_missing_tls_file_gives_clear_message(startup_errors: list[str], tmp_path: Path) -> None:
    settings_file = tmp_path / "poste.toml"
    config.save(config.Settings({"tls.ca_file": str(tmp_path / "absent.pem"),
                                 "database.url": f"sqlite:///{tmp_path / 'base.sqlite3'}"}), settings_file)
    assert launcher.main(["--config", str(settings_file)]) == 2
    assert "« tls.ca_file »" in startup_errors[0] and "introuvable" in startup_errors[0]
    assert not (tmp_path / "base.sqlite3").exists()
