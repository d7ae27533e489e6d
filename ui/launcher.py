"""Entry point `lgc`: an administration command (`lgc db …`, `lgc config …`) or the GUI.

Qt is imported only when the GUI starts, so `lgc config show` works on a server without a display.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from lgc_app import cli
from lgc_app.cli.french_parser import FrenchArgumentParser

DESCRIPTION = "LGC Ségur : logiciel de gestion de cabinet médical."
EPILOG = (f"Commandes d'administration (sans interface) : {', '.join(cli.COMMANDS)}. "
          "Exemple : « lgc config show », « lgc db upgrade », « lgc --demo dmp orders » (base de démonstration) ; "
          "« lgc COMMANDE --help » pour le détail.")


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(prog="lgc", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--demo", action="store_true",
                        help="mode démonstration : base locale séparée et bac à sable des services nationaux")
    parser.add_argument("--config", metavar="FICHIER", type=Path,
                        help="fichier de paramètres (TOML) à utiliser")
    parser.add_argument("--latency", metavar="SECONDES", type=float,
                        help="latence simulée du bac à sable, en secondes (par ex. 3)")
    parser.add_argument("--scenario", choices=("consultation",),
                        help="avec --demo : joue à l'écran une consultation type (latence de 3 s par défaut)")
    return parser


def is_admin_command(argv: list[str]) -> bool:
    """True when the first word after the global options (`--config`, `--demo`) names an administration
    command: `lgc --demo documents list` reads the database the demo GUI shows."""
    rest = list(argv)
    while rest and (rest[0] in ("--demo", "--config") or rest[0].startswith("--config=")):
        rest = rest[2:] if rest[0] == "--config" else rest[1:]
    return bool(rest) and rest[0] in cli.COMMANDS


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if is_admin_command(argv):
        return cli.main(argv)
    args = build_parser().parse_args(argv)
    # The start allocates ~170k objects that live as long as the process: automatic collections would walk them
    # again and again while it runs (~20 % of its CPU). The GUI thread's collector (ui/gc_guard.py) takes over
    # once the window runs, the start's objects frozen out of its reach (`ui.app.after_start`).
    collecting = gc.isenabled()
    gc.disable()
    try:
        from ui.app import GuiOptions, run

        if args.scenario and not args.demo:
            build_parser().error("--scenario ne se joue qu'en démonstration (--demo)")
        return run(GuiOptions(demo=args.demo, config=args.config, latency=args.latency, scenario=args.scenario))
    finally:
        if collecting:
            gc.enable()


if __name__ == "__main__":  # frozen build entry (packaging/lgc.spec)
    sys.exit(main())
