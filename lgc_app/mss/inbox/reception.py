"""Reading the practice's MSSanté mailbox: once (`fetch_once`, `lgc mss fetch`) or continuously (the reception
worker, IDLE with a periodic fallback, on its own thread and loop beside the GUI, like the outbox worker).

For each unseen message: its bytes are streamed to a private file and fsynced, a row is written by Message-ID,
and only then is it flagged \\Seen on the server (by batches: one folder sync, one transaction and one STORE
command for up to `SEEN_BATCH` messages); processing (`integration.process_stored`) follows. A crash
anywhere leaves either the message unseen on the server (fetched again: its Message-ID or UID is known, it is
not stored twice) or a `stored` row that the next run processes. A message over `MAX_MESSAGE_BYTES` goes
straight to the quarantine file, by chunks, and is refused there.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession

from lgc_app.config import Settings
from lgc_app.loop_thread import LoopThread
from lgc_app.mss.access import MailboxUnavailable, endpoint, mailbox_access
from lgc_app.mss.inbox import store
from lgc_app.mss.inbox.hooks import InboxHooks
from lgc_app.mss.inbox.integration import Counts, process_stored
from lgc_app.mss.inbox.models import InboxMessage, MessageState
from lgc_app.offload import Offload
from lgc_app.persistence.database import Database
from lgc_app.session import Session
from services.errors import ServiceError
from services.mss.connection import MssConnectionError
from services.mss.imap import ImapSession, MessageRef
from services.mss.message_parse import head_message_id

log = logging.getLogger("lgc.mss.reception")

MAX_MESSAGE_BYTES = 100 * 1024 * 1024
SEEN_BATCH = 50  # messages made durable together, then flagged \\Seen by one command
_HEAD_BYTES = 256 * 1024

MailboxOpener = Callable[[], Awaitable[ImapSession]]


@dataclass(frozen=True)
class FetchSummary:
    fetched: int
    integrated: int
    to_match: int
    ko: int
    duplicates: int
    reports: int

    @property
    def text(self) -> str:
        return (f"{self.fetched} message(s) relevé(s) : {self.integrated} document(s) intégré(s), {self.to_match} à "
                f"rapprocher, {self.ko} en erreur, {self.duplicates} doublon(s), {self.reports} accusé(s) de "
                "réception.")


def mailbox_opener(settings: Settings, session: Callable[[], Session | None]) -> MailboxOpener:
    """Opens an IMAP session of the practice's mailbox (`lgc_app.mss.access`: the same access and server choice as
    sending), as whoever `session()` gives at each connection acts (a PSC token is asked for each one)."""
    async def open_session() -> ImapSession:
        try:
            access = await asyncio.to_thread(mailbox_access, settings, session())  # LOGIN reads the keyring
        except MailboxUnavailable as exc:
            raise MssConnectionError(MailboxUnavailable.code, exc.text, transient=exc.transient) from None
        server = await endpoint(settings, access, "imap")
        context = await asyncio.to_thread(access.ssl_context)  # blocking: reads the certificate files
        return await ImapSession.open(server, access, context)
    return open_session


async def fetch_once(db: Database, opener: MailboxOpener, hooks: InboxHooks, *, offload: Offload = asyncio.to_thread,
                     max_bytes: int = MAX_MESSAGE_BYTES) -> FetchSummary:
    """Read the inbox once: store every unseen message durably, flag it seen, then integrate.

    Raises:
        ServiceError: the mailbox could not be read (messages stored before the failure are kept and processed
            by the next run).
    """
    async with await opener() as imap:
        fetched = await receive_unseen(db, imap, hooks.mailbox, offload=offload, max_bytes=max_bytes)
    counts = await offload(process_stored, db, hooks)
    return _summary(fetched, counts)


def _summary(fetched: int, counts: Counts) -> FetchSummary:
    return FetchSummary(fetched, counts.integrated, counts.to_match, counts.ko, counts.duplicates, counts.reports)


async def receive_unseen(db: Database, imap: ImapSession, mailbox: str, *, offload: Offload = asyncio.to_thread,
                         max_bytes: int = MAX_MESSAGE_BYTES, batch: int = SEEN_BATCH) -> int:
    """Store and flag every unseen message of the INBOX; returns how many were new here.

    By batches of `batch` messages: each fetched into its file, then the batch made durable at once (each file
    fsynced and renamed, each folder synced once, one transaction for the rows), then flagged \\Seen by one
    command. A failure in a batch leaves its messages unseen: fetched again next time, stored once.
    """
    uidvalidity = await imap.select()
    unseen = await imap.unseen()
    known = await offload(_known_uids, db, mailbox, uidvalidity)
    stored = 0
    for start in range(0, len(unseen), batch):
        refs = unseen[start:start + batch]
        fetched: list[tuple[MessageRef, store.RawWriter]] = []
        try:
            for ref in refs:
                if ref.uid not in known:
                    fetched.append((ref, await _fetch_to_file(imap, ref, max_bytes)))
            stored += await offload(_keep, db, mailbox, uidvalidity, fetched, max_bytes)
        except BaseException:
            for _ref, writer in fetched:
                writer.abort()
            raise
        await imap.mark_seen(*(ref.uid for ref in refs))  # the bytes are durable (or were already)
    return stored


async def _fetch_to_file(imap: ImapSession, ref: MessageRef, max_bytes: int) -> store.RawWriter:
    writer = store.RawWriter(store.QUARANTINE if ref.size > max_bytes else store.INBOX)
    try:
        await imap.fetch(ref, writer.write)
    except BaseException:
        writer.abort()
        raise
    return writer


def _known_uids(db: Database, mailbox: str, uidvalidity: int) -> set[int]:
    with db.reading() as session:
        return {uid for uid in session.scalars(select(InboxMessage.uid).where(
            InboxMessage.mailbox == mailbox, InboxMessage.uidvalidity == uidvalidity)) if uid is not None}


def _keep(db: Database, mailbox: str, uidvalidity: int, fetched: list[tuple[MessageRef, store.RawWriter]],
          max_bytes: int) -> int:
    """Make a batch durable, then record it: how many messages were new (a known Message-ID is not stored twice)."""
    kept = [(ref, *writer.commit(sync_folder=False)) for ref, writer in fetched]
    store.sync_folders()  # the renames are durable before the rows say the messages are here
    rows = [_Row(ref.uid, relative_path, digest, ref.size > max_bytes) for ref, relative_path, digest in kept]
    try:
        with db.unit_of_work() as session:
            return sum(_record(session, mailbox, uidvalidity, row) for row in rows)
    except IntegrityError:  # stored meanwhile by another run: row by row, the unique Message-ID decides
        new = 0
        for row in rows:
            try:
                with db.unit_of_work() as session:
                    new += _record(session, mailbox, uidvalidity, row)
            except IntegrityError:
                pass
        return new


@dataclass(frozen=True)
class _Row:
    uid: int
    relative_path: str
    digest: str
    too_big: bool


def _record(session: OrmSession, mailbox: str, uidvalidity: int, row: _Row) -> bool:
    """A row for the stored bytes; False when this Message-ID is already here (the same message again)."""
    path = store.absolute(row.relative_path)
    with path.open("rb") as raw:
        head = raw.read(_HEAD_BYTES)
    message_id = head_message_id(head, row.digest)
    known = session.scalar(select(InboxMessage).where(InboxMessage.message_id == message_id))
    if known is not None:
        if known.raw_path != row.relative_path:  # identical bytes share one file
            store.remove(row.relative_path)
        log.info("MSSanté message already received (uid %s): not stored twice", row.uid)
        return False
    session.add(InboxMessage(message_id=message_id, mailbox=mailbox, uidvalidity=uidvalidity, uid=row.uid,
                             raw_path=row.relative_path, size=path.stat().st_size, sha256=row.digest,
                             state=MessageState.STORED.value, reason_code="", sender="", subject="", mdn_to="",
                             mdn_sent=False, quarantined=row.too_big))
    session.flush()  # the next message of the batch sees this Message-ID
    return True


# --- the reception worker ------------------------------------------------------------------------------------

class ReceptionWorker:
    """Keeps reading the mailbox: IDLE where the server offers it, else a poll every `poll_seconds`; after a
    failure, waits `poll_seconds` and reconnects. `on_summary` is told each time something was received."""

    def __init__(self, db: Database, opener: MailboxOpener, hooks: InboxHooks, *, poll_seconds: float,
                 on_summary: Callable[[FetchSummary], None] | None = None) -> None:
        self._db = db
        self._opener = opener
        self._hooks = hooks
        self._poll = poll_seconds
        self._on_summary = on_summary
        self.last_error: ServiceError | None = None

    async def run_forever(self) -> None:
        while True:
            try:
                async with await self._opener() as imap:
                    self.last_error = None
                    while True:
                        fetched = await receive_unseen(self._db, imap, self._hooks.mailbox)
                        counts = await asyncio.to_thread(process_stored, self._db, self._hooks)
                        if fetched or counts.reports or counts.integrated or counts.ko or counts.to_match:
                            self._tell(_summary(fetched, counts))
                        await imap.wait_for_news(self._poll)
            except ServiceError as exc:
                self.last_error = exc
                log.warning("lecture de la messagerie MSSanté impossible (%s) : nouvel essai dans %s s", exc.code,
                            self._poll)
            except Exception:
                log.exception("la réception MSSanté a échoué ; nouvel essai plus tard")
            await asyncio.sleep(self._poll)

    def _tell(self, summary: FetchSummary) -> None:
        if self._on_summary is not None:
            self._on_summary(summary)


class ReceptionThread(LoopThread[None]):
    """Runs a `ReceptionWorker` on a private loop in a daemon thread; `stop()` cancels it and waits."""

    def __init__(self, worker: ReceptionWorker) -> None:
        super().__init__(worker.run_forever(), name="lgc-mss-reception")
        self.worker = worker
