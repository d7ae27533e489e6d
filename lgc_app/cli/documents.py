"""`lgc documents list|export`: the clinical documents of the configured database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lgc_app.cli.common import load_settings, open_database
from lgc_app.documents import lifecycle
from lgc_app.documents.errors import DocumentError
from lgc_app.session import workstation_session
from lgc_app.workstation import Workstation


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("documents", help="documents cliniques : liste et export")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="un document par ligne : id, type, état, patient")
    listing.add_argument("--patient", type=int, metavar="ID", help="seulement les documents de ce patient")
    listing.set_defaults(func=_list)
    export = actions.add_parser("export", help="écrire le CDA (ou le PDF) d'un document validé")
    export.add_argument("id", type=int, metavar="ID", help="identifiant du document")
    export.add_argument("path", type=Path, metavar="CHEMIN", help="fichier à écrire")
    export.add_argument("--pdf", action="store_true", help="exporter le PDF au lieu du CDA XML")
    export.set_defaults(func=_export)


def _list(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        summaries = lifecycle.list_documents(db, patient_id=args.patient)
    finally:
        db.close()
    if not summaries:
        print("Aucun document.")
    for s in summaries:
        print(
            f"{s.id:>6}  {s.type.label:<30}  {s.status.label:<10}  v{s.version_number}  "
            f"{s.patient_name} (patient {s.patient_id})  {s.title}"
        )
    return 0


def _export(args: argparse.Namespace) -> int:
    db = open_database(args)
    # an administration command: the workstation acts, as the worker does (lgc_app.auth.permissions)
    reader = workstation_session(Workstation.from_settings(load_settings(args)))
    try:
        data = lifecycle.frozen_bytes(db, args.id, reader, pdf=args.pdf)
    except DocumentError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    finally:
        db.close()
    args.path.write_bytes(data)
    print(
        f"{'PDF' if args.pdf else 'CDA'} du document {args.id} écrit dans {args.path} ({len(data)} octets)."
    )
    return 0
