"""`lgc audit verify|export`: the audit journal's hash chain, and its CSV export (issue 11, item 6)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from lgc_app.audit import chain, journal
from lgc_app.audit.events import AuditEvent
from lgc_app.cli.common import open_database


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("audit", help="journal d'audit : vérification et export")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("verify", help="vérifier la chaîne d'empreintes du journal (altération, suppression)") \
        .set_defaults(func=_verify)
    export = actions.add_parser("export", help="écrire le journal (filtré) en CSV")
    export.add_argument("path", type=Path, metavar="CHEMIN", help="fichier CSV à écrire")
    export.add_argument("--depuis", dest="since", type=_day, metavar="AAAA-MM-JJ", help="à partir de ce jour")
    export.add_argument("--jusqu-au", dest="until", type=_day, metavar="AAAA-MM-JJ", help="avant ce jour")
    export.add_argument("--utilisateur", dest="who", default="", metavar="NOM", help="utilisateur (partie du nom)")
    export.add_argument("--patient", type=int, metavar="ID", help="seulement ce patient")
    export.add_argument("--evenement", dest="events", action="append", default=[], metavar="TYPE",
                        choices=[event.value for event in AuditEvent], help="type d'événement (répétable)")
    export.set_defaults(func=_export)


def _day(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date invalide : {text} (attendu AAAA-MM-JJ)") from None


def _verify(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        report = chain.verify(db)
    finally:
        db.close()
    print(report.text)
    return 0 if report.intact else 1


def _export(args: argparse.Namespace) -> int:
    filters = journal.AuditFilter(args.since, args.until, args.who, args.patient,
                                  frozenset(AuditEvent(value) for value in args.events))
    db = open_database(args)
    try:
        text = journal.export_csv(db, filters)
    finally:
        db.close()
    args.path.write_text(text, encoding="utf-8-sig")  # the BOM makes spreadsheets read UTF-8
    print(f"Journal d'audit écrit dans {args.path} ({text.count(chr(10)) - 1} entrée(s)).")
    return 0
