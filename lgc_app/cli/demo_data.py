"""`lgc demo-data`: the demonstration data set of `lgc --demo` (`lgc_app/demo_seed.py`) in the configured database.

Idempotent: a second run finds the demo patients and stops; `--force` adds a new set of documents.
"""

from __future__ import annotations

import argparse

from lgc_app.bootstrap import send_planners
from lgc_app.cli.common import load_settings
from lgc_app.demo_seed import DEMO_CABINET, demo_session, seed
from lgc_app.documents.cabinet import Cabinet
from lgc_app.persistence.database import Database
from lgc_app.workstation import Workstation


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("demo-data", help="remplir la base avec des données de démonstration")
    parser.add_argument(
        "--force", action="store_true", help="ajouter un nouveau jeu de documents s'il en existe déjà"
    )
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    cabinet = Cabinet.from_settings(settings)
    if not cabinet.structure_id or not cabinet.name:
        cabinet = DEMO_CABINET
        print(f"Cabinet non configuré : utilisation de « {cabinet.name} » ({cabinet.structure_id}).")
    db = Database.open(settings.database_url)
    try:
        session = demo_session(db, Workstation.from_settings(settings))
        seeded = seed(db, cabinet, session, send_planners(settings), force=args.force)
    finally:
        db.close()
    if seeded is None:
        print("Données de démonstration déjà présentes (utilisez --force pour ajouter des documents).")
    else:
        print(f"Données de démonstration créées : {seeded.patients} patients, {seeded.documents} documents "
              f"validés, {seeded.send_orders} envois (DMP, MSSanté) en attente.")
    return 0
