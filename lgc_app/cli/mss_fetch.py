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
from lgc_app.mss.inbox.hooks import InboxHooks, unwired_hooks
from lgc_app.mss.inbox.reception import fetch_once, settings_opener
from services.errors import ServiceError

HooksFactory = Callable[[Settings], InboxHooks]


def _default_hooks(settings: Settings) -> InboxHooks:
    return unwired_hooks(settings["mss.mailbox"])


def add_fetch_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], *,
                      hooks: HooksFactory = _default_hooks) -> None:
    """Add `fetch` to the `lgc mss` group (`hooks`: the composition root's reports, lab results, replies)."""
    parser = subparsers.add_parser("fetch", help="relever la messagerie MSSanté et intégrer les documents reçus")
    parser.set_defaults(func=lambda args: _fetch(args, hooks))


def _fetch(args: argparse.Namespace, hooks: HooksFactory) -> int:
    settings = load_settings(args)
    if not settings["mss.mailbox"]:
        print("Erreur : aucune boîte MSSanté configurée (réglage mss.mailbox).", file=sys.stderr)
        return 1
    db = open_database(args)
    try:
        summary = asyncio.run(fetch_once(db, settings_opener(settings, None), hooks(settings)))
    except (ServiceError, UserError) as exc:  # unreachable, refused, certificate or keyring entry missing
        print(f"Erreur : {exc.text}", file=sys.stderr)
        return 1
    finally:
        db.close()
    print(summary.text)
    return 0
