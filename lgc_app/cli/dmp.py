"""`lgc dmp orders|trace`: the DMP send orders and their trace (the master's homologation proof).

The same read model and the same text as the "Envois" panel and its export (`lgc_app.outbox.trace`).
"""

from __future__ import annotations

import argparse
import sys

from lgc_app.bootstrap import trace_describers
from lgc_app.cli.common import open_database
from lgc_app.dmp.feeding import KIND
from lgc_app.outbox.models import OrderStatus
from lgc_app.outbox.trace import format_proof, list_orders, moment, read_order


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("dmp", help="envois au DMP : liste et trace")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("orders", help="un envoi par ligne, le plus récent d'abord")
    listing.add_argument("--status", choices=[status.value for status in OrderStatus], help="filtrer par état")
    listing.set_defaults(func=_orders)
    trace = actions.add_parser("trace", help="trace complète d'un envoi (contenu envoyé, réponse du DMP)")
    trace.add_argument("order_id", metavar="ENVOI", help="identifiant de l'envoi")
    trace.set_defaults(func=_trace)


def _orders(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        orders = list_orders(db, trace_describers(), kind=KIND,
                             status=OrderStatus(args.status) if args.status else None)
    finally:
        db.close()
    if not orders:
        print("Aucun envoi au DMP.")
    for order in orders:
        print(f"{order.id}  {order.status_label:<10}  {moment(order.created_at, seconds=False)}  "
              f"{order.origin_workstation} → {order.target_workstation or '*'}  {order.subject}")
    return 0


def _trace(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        order = read_order(db, args.order_id, trace_describers(), kind=KIND)
    finally:
        db.close()
    if order is None:
        print(f"Erreur : envoi au DMP introuvable : {args.order_id}", file=sys.stderr)
        return 1
    print(format_proof(order), end="")
    return 0
