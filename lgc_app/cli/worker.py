"""`lgc worker`: the headless executor of send orders, for a master workstation run as a service.

The GUI of a standalone or master workstation runs the same program as its child, `lgc worker --supervised`
(`lgc_app.outbox.process`)."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from collections import Counter

from lgc_app import logs
from lgc_app.bootstrap import outbox_handlers
from lgc_app.cli.common import load_settings, open_database
from lgc_app.outbox.completion import Outcome
from lgc_app.outbox.supervised import run_supervised
from lgc_app.outbox.trace import count_orders
from lgc_app.outbox.worker import Worker
from lgc_app.workstation import Workstation


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("worker", help="exécuter les envois (DMP, MSSanté…) de ce poste")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help="exécuter les envois dus puis s'arrêter")
    mode.add_argument("--status", action="store_true", help="afficher le nombre d'envois par état")
    # started by the GUI of a standalone or master workstation, which speaks to it on stdin/stdout
    mode.add_argument("--supervised", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--workstation", metavar="NOM", help="nom du poste (par défaut : paramètre du poste)")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    if args.supervised:  # the settings in force come from the GUI (its --config, its demo sandbox)
        return run_supervised()
    settings = load_settings(args)
    if args.status:
        return _status(args)
    if args.demo:
        # the demo's services are the sandbox the GUI starts and points its own worker at (lgc_app/demo.py)
        print("En démonstration, les envois sont exécutés par l'interface : lancez « lgc --demo ».",
              file=sys.stderr)
        return 2
    if not Workstation.from_settings(settings).runs_worker:
        print("Ce poste est configuré en esclave (workstation.role = slave) : il enregistre les envois mais "
              "ne les exécute pas. Lancez « lgc worker » sur le poste maître.", file=sys.stderr)
        return 2
    logs.setup(console=True)
    db = open_database(args)
    try:
        workstation = args.workstation or settings.workstation_name
        worker = Worker(db, outbox_handlers(settings), workstation=workstation,
                        concurrency=settings["workstation.send_concurrency"])
        if args.once:
            counts = asyncio.run(_once(worker))
            print(f"Envois exécutés : {counts[Outcome.SUCCEEDED]} réussi(s), "
                  f"{counts[Outcome.RETRY_SCHEDULED]} reporté(s), {counts[Outcome.FAILED]} à traiter, "
                  f"{counts[Outcome.LEASE_LOST]} repris ailleurs.")
            return 0
        print(f"Exécution des envois du poste « {worker.workstation} » ; Ctrl+C pour arrêter.")
        asyncio.run(_until_signalled(worker))
        print("Arrêt : les envois en cours sont terminés.")
        return 0
    finally:
        db.close()


async def _once(worker: Worker) -> Counter[Outcome]:
    try:
        return await worker.run_once()
    finally:
        await worker.aclose()


async def _until_signalled(worker: Worker) -> None:
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        # signal.signal rather than loop.add_signal_handler, which Windows lacks.
        signal.signal(signum, lambda *_: loop.call_soon_threadsafe(worker.stop))
    await worker.run_forever()


def _status(args: argparse.Namespace) -> int:
    db = open_database(args)
    try:
        counts = count_orders(db)
    finally:
        db.close()
    for status, count in counts.items():
        print(f"{status.label:<12} {count}")
    return 0
