"""Entry point `lgc`: an administration command (`lgc db …`, `lgc config …`) or the GUI.

Qt is imported only when the GUI starts, so `lgc config show` works on a server without a display.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lgc_app import cli

DESCRIPTION = "LGC Ségur : logiciel de gestion de cabinet médical."
EPILOG = (f"Commandes d'administration (sans interface) : {', '.join(cli.COMMANDS)}. "
          "Exemple : « lgc config show », « lgc db upgrade » ; « lgc COMMANDE --help » pour le détail.")


class FrenchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: object, groups: object,
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix or "Utilisation : ")  # type: ignore[arg-type]


class FrenchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : option invalide ({message}). « {self.prog} --help » pour l'aide.\n")


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(prog="lgc", description=DESCRIPTION, epilog=EPILOG, add_help=False,
                                  formatter_class=FrenchHelpFormatter)
    parser._optionals.title = "Options"
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    parser.add_argument("--demo", action="store_true",
                        help="mode démonstration : base locale séparée et bac à sable des services nationaux")
    parser.add_argument("--config", metavar="FICHIER", type=Path,
                        help="fichier de paramètres (TOML) à utiliser")
    parser.add_argument("--latency", metavar="SECONDES", type=float,
                        help="latence simulée du bac à sable, en secondes (par ex. 3)")
    return parser


def is_admin_command(argv: list[str]) -> bool:
    """True when the first word after the global options names an administration command."""
    rest = list(argv)
    while rest and rest[0].startswith("--config"):
        rest = rest[1:] if "=" in rest[0] else rest[2:]
    return bool(rest) and rest[0] in cli.COMMANDS


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if is_admin_command(argv):
        return cli.main(argv)
    args = build_parser().parse_args(argv)
    from ui.app import GuiOptions, run

    return run(GuiOptions(demo=args.demo, config=args.config, latency=args.latency))


if __name__ == "__main__":  # frozen build entry (packaging/lgc.spec)
    sys.exit(main())
