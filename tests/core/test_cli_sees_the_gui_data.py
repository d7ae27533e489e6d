"""The command line sees what the GUI sees: `lgc --demo <command>` reads the demo database, `lgc dmp trace`
prints the very proof the "Envois" panel shows, no command creates an empty database where data was
expected, and argparse speaks French (help, usage, errors) in every sub-command."""

from __future__ import annotations

from pathlib import Path

import pytest

from lgc_app import demo
from lgc_app.bootstrap import trace_describers
from lgc_app.cli import main
from lgc_app.cli.french_parser import french_error
from lgc_app.outbox.trace import format_proof, read_order
from lgc_app.persistence.database import Database
from tests.helpers.dmp import random_ins
from tests.helpers.dmp_feed import add_author, add_qualified_patient, validated
from ui import launcher


def _config(tmp_path: Path, database_url: str) -> str:
    path = tmp_path / "poste.toml"
    path.write_text(f'[database]\nurl = "{database_url}"\n', encoding="utf-8")
    return str(path)


def _exit_code(argv: list[str]) -> int | str | None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    return exit_info.value.code


def test_dmp_commands_print_what_the_panel_shows(db: Database, db_url: str, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    validated(db, add_qualified_patient(db, random_ins()), add_author(db).author)
    settings = _config(tmp_path, db_url)
    assert main(["--config", settings, "dmp", "orders"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    order = read_order(db, line.split()[0], trace_describers())
    assert order is not None and "en attente" in line and line.endswith(order.subject)
    assert "Compte rendu" in order.subject
    assert main(["--config", settings, "dmp", "trace", order.id]) == 0
    assert capsys.readouterr().out == format_proof(order)  # ui/actions/outbox.order_trace shows this text
    assert main(["--config", settings, "dmp", "orders", "--status", "done"]) == 0
    assert capsys.readouterr().out == "Aucun envoi au DMP.\n"
    assert main(["--config", settings, "dmp", "trace", "inconnu"]) == 1
    assert "introuvable : inconnu" in capsys.readouterr().err


def test_demo_commands_read_the_demo_database(capsys: pytest.CaptureFixture[str]) -> None:
    database = demo.demo_folder() / "lgc-demo.sqlite3"
    assert launcher.main(["--demo", "documents", "list"]) == 2
    err = capsys.readouterr().err
    assert f"La base de données {database} n'existe pas" in err and "« lgc --demo demo-data »" in err
    assert not database.exists()

    assert launcher.main(["--demo", "demo-data"]) == 0
    assert "9 envois (DMP, MSSanté) en attente" in capsys.readouterr().out
    assert launcher.main(["--demo", "documents", "list"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 8
    assert launcher.main(["--demo", "dmp", "orders"]) == 0
    orders = capsys.readouterr().out.splitlines()
    assert len(orders) == 4 and all("en attente" in line for line in orders)
    assert launcher.main(["--demo", "worker", "--once"]) == 2  # the demo GUI runs the sends, with its sandbox
    assert "lancez « lgc --demo »" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["documents", "list"], ["dmp", "orders"], ["dmp", "trace", "x"],
                                     ["db", "status"], ["worker", "--status"], ["documents", "export", "1", "x"]])
def test_a_missing_database_is_never_created_silently(command: list[str], tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "cabinet.sqlite3"
    settings = _config(tmp_path, f"sqlite:///{database}")
    assert main(["--config", settings, *command]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"Erreur : La base de données {database} n'existe pas")
    assert f"« lgc --config {settings} db upgrade »" in err
    assert not database.exists()


def test_db_upgrade_creates_the_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "cabinet.sqlite3"
    settings = _config(tmp_path, f"sqlite:///{database}")
    assert main(["--config", settings, "db", "upgrade"]) == 0
    assert main(["--config", settings, "documents", "list"]) == 0
    assert capsys.readouterr().out.endswith("Aucun document.\n")


@pytest.mark.parametrize(("argv", "admin"), [
    (["--demo", "documents", "list"], True), (["--config", "x.toml", "--demo", "dmp", "orders"], True),
    (["--demo", "--config=x.toml", "db", "status"], True), (["--demo", "--latency", "3"], False),
])
def test_demo_admin_commands_are_detected(argv: list[str], admin: bool) -> None:
    assert launcher.is_admin_command(argv) is admin


def test_sub_command_help_is_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert _exit_code(["dmp", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Utilisation : lgc dmp [-h] ACTION")
    assert "Arguments:" in out and "Options:" in out and "-h, --help  afficher cette aide et quitter" in out
    for english in ("usage:", "positional arguments", "options:", "show this help"):
        assert english not in out
    assert _exit_code(["--help"]) == 0
    assert "--demo" in capsys.readouterr().out


@pytest.mark.parametrize(("argv", "expected"), [
    (["dmp", "trace"], "lgc dmp trace : arguments obligatoires manquants : ENVOI."),
    (["dmp", "orders", "--status", "perdu"],
     "lgc dmp orders : argument --status : choix invalide : 'perdu' (valeurs possibles : 'pending', "),
    (["inconnue"], "lgc : argument COMMANDE : choix invalide : 'inconnue'"),
    (["documents", "list", "--patient", "abc"],
     "lgc documents list : argument --patient : valeur invalide 'abc' (un nombre entier est attendu)."),
    (["documents", "list", "en-trop"], "lgc : option invalide ou argument en trop : en-trop."),
])
def test_errors_are_french(argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _exit_code(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("Utilisation : lgc") and expected in err
    assert "pour l'aide." in err
    for english in ("usage:", "error:", "required", "invalid choice", "unrecognized"):
        assert english not in err


def test_an_unknown_sentence_is_kept() -> None:
    assert french_error("quelque chose d'autre") == "quelque chose d'autre"
