"""What every sub-command needs: the settings (the demo overlay with `--demo`) and the opened database.

A command reading the cabinet's data never creates an empty database where the user expected data (a
mistyped `--config`, the demo not started yet): a missing SQLite file is an error naming the command that
creates it. Only `lgc db upgrade` and `lgc demo-data` create one.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lgc_app import config, demo
from lgc_app.persistence.database import Database
from lgc_app.persistence.engine import DatabaseError, is_sqlite, sqlite_path


def load_settings(args: argparse.Namespace) -> config.Settings:
    settings = config.load(Path(args.config) if getattr(args, "config", None) else None)
    return demo.demo_settings(settings) if getattr(args, "demo", False) else settings


def command_prefix(args: argparse.Namespace) -> str:
    """`lgc` with the global options of this run, to quote a command the user can paste."""
    words = ["lgc"]
    if getattr(args, "config", None):
        words += ["--config", str(args.config)]
    if getattr(args, "demo", False):
        words.append("--demo")
    return " ".join(words)


def require_existing_database(url: str, args: argparse.Namespace) -> None:
    """Raises DatabaseError (French) when `url` names a SQLite file that does not exist."""
    path = sqlite_path(url) if is_sqlite(url) else None
    if path is None or path.exists():
        return
    lgc = command_prefix(args)
    how = (f"« {lgc} demo-data » (ou lancez « lgc --demo »)" if getattr(args, "demo", False)
           else f"« {lgc} db upgrade » (base vide) ou « {lgc} demo-data » (données de démonstration)")
    raise DatabaseError(f"La base de données {path} n'existe pas ; elle n'a pas été créée. Créez-la avec {how}, "
                        "ou vérifiez le fichier de paramètres (--config).")


def open_database(args: argparse.Namespace, *, migrate: bool = True) -> Database:
    """The configured database, which must exist, migrated to the current schema by default."""
    url = load_settings(args).database_url
    require_existing_database(url, args)
    return Database.open(url, migrate=migrate)
