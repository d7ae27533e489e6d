"""`lgc mss send --document ID --to ADDRESS`: send a validated document by MSSanté; `lgc mss fetch`
(lgc_app/cli/mss_fetch.py) reads the inbox once.

The message is recorded as a send order (like the validation's); a workstation that executes orders runs it now
and prints the outcome per recipient, the others leave it to their master's worker.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections import Counter

from lgc_app.bootstrap import inbox_hooks, outbox_handlers
from lgc_app.cli.common import load_settings, open_database
from lgc_app.cli.mss_fetch import add_fetch_command
from lgc_app.config import Settings
from lgc_app.errors import UserError
from lgc_app.mss.planning import send_document_to
from lgc_app.mss.sent_models import MssMessage
from lgc_app.outbox.completion import Outcome
from lgc_app.outbox.models import SendOrder
from lgc_app.outbox.worker import Worker
from lgc_app.persistence.database import Database
from lgc_app.session import workstation_session
from lgc_app.workstation import Workstation


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("mss", help="messagerie sécurisée de santé (MSSanté)")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    send = actions.add_parser("send", help="envoyer un document validé à une adresse MSSanté")
    send.add_argument("--document", type=int, required=True, metavar="ID", help="numéro du document validé")
    send.add_argument("--to", required=True, metavar="ADRESSE", help="adresse MSSanté du destinataire")
    send.set_defaults(func=_send)
    add_fetch_command(actions, hooks=inbox_hooks, after=_send_replies)


def _outcome(db: Database, order_id: str) -> str:
    with db.reading() as session:
        order = session.get(SendOrder, order_id)
        message = session.query(MssMessage).filter(MssMessage.order_id == order_id).one()
        lines = [f"Envoi {order_id} : {order.status.label if order else '?'}"
                 + (f" — {order.last_error}" if order is not None and order.last_error else "")]
        lines += [f"  {r.address} : {r.status.label}" + (f" ({r.reason})" if r.reason else "")
                  for r in message.recipients]
        return "\n".join(lines)


def _send(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    workstation = Workstation.from_settings(settings)
    db = open_database(args)
    try:
        try:
            order_id = send_document_to(db, args.document, args.to, workstation_session(workstation).actor())
        except UserError as exc:
            print(f"Erreur : {exc.text}", file=sys.stderr)
            return 1
        if not workstation.runs_worker or args.demo:
            print(f"Envoi {order_id} enregistré : il sera exécuté par le poste qui exécute les envois.")
            return 0
        asyncio.run(_run_now(Worker(db, outbox_handlers(settings), workstation=workstation.name)))
        print(_outcome(db, order_id))
        return 0
    finally:
        db.close()


def _send_replies(args: argparse.Namespace, settings: Settings, db: Database) -> str:
    """After `lgc mss fetch`: the replies it enqueued (MDN, rejections) leave now from a workstation that executes
    orders, with whatever else is due (as `send` does)."""
    workstation = Workstation.from_settings(settings)
    if not workstation.runs_worker or args.demo:
        return "Les réponses éventuelles partiront avec les envois du poste qui les exécute."
    outcomes = asyncio.run(_run_now(Worker(db, outbox_handlers(settings), workstation=workstation.name)))
    return f"Envois exécutés : {outcomes[Outcome.SUCCEEDED]} réussi(s), {outcomes[Outcome.RETRY_SCHEDULED]} à " \
           f"retenter, {outcomes[Outcome.FAILED]} en échec."


async def _run_now(worker: Worker) -> Counter[Outcome]:
    try:
        return await worker.run_once()
    finally:
        await worker.aclose()
