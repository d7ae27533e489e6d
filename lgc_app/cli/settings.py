"""`lgc config show|path`: the effective workstation settings (secrets are never settings)."""

from __future__ import annotations

import argparse

from lgc_app import paths
from lgc_app.cli.common import load_settings


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("config", help="paramètres du poste")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("show", help="afficher les paramètres effectifs").set_defaults(func=_show)
    actions.add_parser("path", help="chemin du fichier de paramètres").set_defaults(func=_path)


def _show(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    width = max(len(option.key) for option, _ in settings.items())
    for option, value in settings.items():
        shown = "" if value is None else str(value)
        if option.key == "database.url" and not shown:
            shown = f"{settings.database_url}  (par défaut)"
        if option.key == "workstation.name" and not shown:
            shown = f"{settings.workstation_name}  (par défaut)"
        print(f"{option.key:<{width}}  {shown:<40}  # {option.label}")
    return 0


def _path(args: argparse.Namespace) -> int:
    print(args.config or paths.config_file())
    return 0
