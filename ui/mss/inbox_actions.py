"""MSSanté inbox actions of the GUI: the work-list use cases on the database thread as the signed-in session, the
"Relever la boîte" fetch, and the reception worker's start and state.

`inbox_hooks` is the one place the GUI takes its reception hooks from: the composition root's (replies sent as
outbox orders, reports applied to the sent messages, lab results recorded).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from lgc_app import bootstrap
from lgc_app.bootstrap import AppContext
from lgc_app.loop_thread import on_own_thread
from lgc_app.mss.access import MailboxUnavailable
from lgc_app.mss.inbox import reception, worklist
from lgc_app.mss.inbox.hooks import InboxHooks
from lgc_app.mss.inbox.reception import FetchSummary
from lgc_app.mss.inbox.worklist import InboxEntry, ItemState
from lgc_app.persistence.database import Database
from services.mss.imap import ImapError
from ui.tasks import run_db


def inbox_hooks(context: AppContext) -> InboxHooks:
    """The hooks of reception for this workstation (`lgc_app.bootstrap.inbox_hooks`)."""
    return bootstrap.inbox_hooks(context.settings)


def start_reception(context: AppContext) -> bool:
    """Start reading the mailbox in the background (master or standalone workstation with a mailbox set)."""
    return context.start_reception(inbox_hooks(context))


async def list_inbox(db: Database, states: tuple[ItemState, ...] | None = None) -> list[InboxEntry]:
    return await run_db(worklist.list_inbox, db, states=states)


async def badge_counts(db: Database) -> dict[str, int]:
    return await run_db(worklist.badge_counts, db)


async def item_content(context: AppContext, item_id: int) -> tuple[str, bytes]:
    return await run_db(worklist.item_content, context.database, item_id, context.session)


async def retry(context: AppContext, item_id: int) -> ItemState:
    return await run_db(worklist.retry, context.database, item_id, inbox_hooks(context), context.session)


async def match_by_hand(context: AppContext, item_id: int, patient_id: int) -> ItemState:
    return await run_db(worklist.match_by_hand, context.database, item_id, patient_id, inbox_hooks(context),
                        context.session)


async def reject(context: AppContext, item_id: int, reply_text: str) -> None:
    await run_db(worklist.reject, context.database, item_id, reply_text, inbox_hooks(context), context.session)


async def fetch_now(context: AppContext) -> FetchSummary:
    """Read the mailbox once now and integrate what came, on a loop and thread of its own: an IMAP session parses
    every message's literal in Python, megabytes of them would stall the GUI's loop.

    Raises:
        ImapError: no mailbox configured, or no PSC sign-in for a mailbox opened with a bearer token.
        ServiceError: the mailbox could not be read.
    """
    if not context.settings["mss.mailbox"]:
        raise ImapError("MSS-NO-MAILBOX", "Aucune boîte aux lettres MSSanté n'est configurée pour le cabinet "
                                          "(réglage mss.mailbox).", transient=False)

    opener = reception.mailbox_opener(context.settings, lambda: context.session)
    return await on_own_thread(reception.fetch_once(context.database, opener, inbox_hooks(context)),
                               name="lgc-mss-fetch")


class Connection(enum.Enum):
    NOT_CONFIGURED = "not_configured"  # no mailbox, or a slave workstation (its master reads the mailbox)
    RUNNING = "running"
    WAITING_PSC = "waiting_psc"
    ERROR = "error"
    STOPPED = "stopped"  # the worker thread ended (a bug: logged)


@dataclass(frozen=True)
class ReceptionState:
    connection: Connection
    detail: str = ""  # the last error's French text


def reception_state(context: AppContext) -> ReceptionState:
    """What the background reading of the mailbox is doing (attributes of the worker only: no I/O)."""
    thread = context.reception
    if thread is None:
        return ReceptionState(Connection.NOT_CONFIGURED)
    if not thread.is_alive():
        return ReceptionState(Connection.STOPPED)
    error = thread.worker.last_error
    if error is None:
        return ReceptionState(Connection.RUNNING)
    if error.code == MailboxUnavailable.code and error.transient:  # no Pro Santé Connect sign-in yet
        return ReceptionState(Connection.WAITING_PSC, error.reason)
    return ReceptionState(Connection.ERROR, error.reason)
