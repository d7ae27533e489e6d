"""Administration command line: `python -m lgc_app …` or `lgc …` (without arguments `lgc` opens the GUI).

Each sub-command lives in its own module of this package, which exposes `register(subparsers)`; the
parser's `func` attribute receives the parsed arguments and returns the exit code. `--demo` points every
command at the demonstration workstation the GUI opens with `lgc --demo` (`common.load_settings`).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from lgc_app.cli.french_parser import FrenchArgumentParser
from lgc_app.config import ConfigError
from lgc_app.persistence.engine import DatabaseError

COMMAND_MODULES = ("db", "settings", "worker", "documents", "demo_data", "dmp", "insi", "psc", "annuaire", "audit",
                   "mss")
COMMANDS = ("db", "config", "worker", "documents", "demo-data", "dmp", "insi", "psc", "annuaire", "audit", "mss")


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(prog="lgc", description="LGC Ségur : administration du poste")
    parser.add_argument("--config", metavar="FICHIER", help="fichier de paramètres (TOML) à utiliser")
    parser.add_argument("--demo", action="store_true",
                        help="travailler sur la base de démonstration (celle de « lgc --demo »)")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"lgc_app.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"lgc_app.cli.{name}":
                raise
            continue  # command not built yet
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (ConfigError, DatabaseError) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
