"""`lgc mss fetch`: read the practice's MSSanté inbox once and integrate what arrived (issue 12 item 7).

Without a signed-in user there is no Pro Santé Connect token: the command reads an applicative mailbox (client
certificate, `mss.auth = external`) or a LOGIN one; a personal mailbox is read by the GUI's reception worker.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable

from lgc_app.cli.common import load_settings, open_database
from lgc_app.config import Settings
from lgc_app.errors import UserError
from lgc_app.mss.inbox.hooks import InboxHooks
from lgc_app.mss.inbox.reception import fetch_once, mailbox_opener
from lgc_app.persistence.database import Database
from services.errors import ServiceError

HooksFactory = Callable[[Settings], InboxHooks]
AfterFetch = Callable[[argparse.Namespace, Settings, Database], str]  # e.g. send the replies now; what to print


def add_fetch_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], *,
                      hooks: HooksFactory, after: AfterFetch | None = None) -> None:
    """Add `fetch` to the `lgc mss` group (`hooks`: the composition root's reports, lab results, replies;
    `after`: what runs once the inbox is integrated, e.g. the worker sending the replies it enqueued)."""
    parser = subparsers.add_parser("fetch", help="relever la messagerie MSSanté et intégrer les documents reçus")
    parser.set_defaults(func=lambda args: _fetch(args, hooks, after))


def _fetch(args: argparse.Namespace, hooks: HooksFactory, after: AfterFetch | None) -> int:
    settings = load_settings(args)
    if not settings["mss.mailbox"]:
        print("Erreur : aucune boîte MSSanté configurée (réglage mss.mailbox).", file=sys.stderr)
        return 1
    db = open_database(args)
    try:
        summary = asyncio.run(fetch_once(db, mailbox_opener(settings, lambda: None), hooks(settings)))
        print(summary.text)
        if after is not None:
            print(after(args, settings, db))
    except (ServiceError, UserError) as exc:  # unreachable, refused, certificate or keyring entry missing
        print(f"Erreur : {exc.text}", file=sys.stderr)
        return 1
    finally:
        db.close()
    return 0
