"""`lgc db upgrade|status`: schema migrations."""

from __future__ import annotations

import argparse

from lgc_app.cli.common import load_settings, require_existing_database
from lgc_app.persistence import migrations
from lgc_app.persistence.engine import make_engine


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("db", help="base de données : migration et état")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("upgrade", help="mettre le schéma à jour (sauvegarde préalable d'une base SQLite)") \
        .set_defaults(func=_upgrade)
    actions.add_parser("status", help="révision actuelle et révision attendue").set_defaults(func=_status)


def _upgrade(args: argparse.Namespace) -> int:
    engine = make_engine(load_settings(args).database_url)
    try:
        before = migrations.current_revision(engine)
        backup = migrations.upgrade(engine)
        after = migrations.current_revision(engine)
    finally:
        engine.dispose()
    if before == after:
        print(f"Schéma déjà à jour (révision {after}).")
    else:
        print(f"Schéma mis à jour : {before or 'base vide'} → {after}.")
    if backup:
        print(f"Sauvegarde préalable : {backup}")
    return 0


def _status(args: argparse.Namespace) -> int:
    url = load_settings(args).database_url
    require_existing_database(url, args)
    engine = make_engine(url)
    try:
        current = migrations.current_revision(engine)
    finally:
        engine.dispose()
    head = migrations.head_revision()
    print(f"Révision de la base : {current or 'aucune'} ; révision attendue : {head}")
    return 0 if current == head else 1
