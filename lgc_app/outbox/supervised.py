"""The child side of `lgc worker --supervised`: the worker of a GUI, in the process the GUI started.

Its stdin and stdout are the private channel to the GUI (`lgc_app.outbox.ipc`): stdout is taken for it first
and the file descriptor re-pointed at stderr, so that a stray `print` lands in the log, never in the channel.
The log goes to stderr, which the GUI copies into its own log file (one file, one rotation). The GUI sends the
settings in force; the child opens the database the GUI already migrated, and stops when the GUI says so or
goes away (end-of-file on stdin).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
import threading
from typing import Any

from lgc_app.bootstrap import outbox_handlers
from lgc_app.config import Settings
from lgc_app.logs import MaskingFilter
from lgc_app.outbox.ipc import Channel
from lgc_app.outbox.remote_session import SessionMirror
from lgc_app.outbox.worker import Worker
from lgc_app.persistence.database import Database
from lgc_app.workstation import Workstation

_log = logging.getLogger("lgc.outbox.supervised")

START_TIMEOUT = 30.0  # the GUI sends the settings right after starting the child
CHANGES_INTERVAL = 0.2  # how often the GUI is told that order outcomes were recorded


def _log_to_stderr() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(MaskingFilter())
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(handler)


def _take_channel() -> Channel:
    writer = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    reader = os.fdopen(os.dup(sys.stdin.fileno()), "rb")
    return Channel(reader, writer, name="lgc-worker-ipc", workers=1)


def run_supervised() -> int:
    """Serve the GUI that started this process until it says stop or goes away; the exit code."""
    channel = _take_channel()
    _log_to_stderr()
    started = threading.Event()
    start: dict[str, Any] = {}

    def on_start(args: dict[str, Any]) -> None:
        start.update(args)
        started.set()

    channel.on("start", on_start)
    channel.when_closed(started.set)
    channel.start()
    if not started.wait(START_TIMEOUT) or "settings" not in start:
        _log.error("processus d'envoi : aucun paramètre reçu de l'interface ; arrêt")
        return 2
    settings = Settings(start["settings"])
    workstation = Workstation.from_settings(settings)
    db = Database.open(settings.database_url, migrate=False)  # the GUI migrated it before starting us
    try:
        mirror = SessionMirror(channel, workstation)
        handlers = mirror.refreshing(outbox_handlers(settings, session=mirror.current))
        asyncio.run(_serve(Worker(db, handlers, workstation=workstation.name), channel))
    finally:
        channel.close()
        db.close()
    _log.info("processus d'envoi arrêté")
    return 0


async def _serve(worker: Worker, channel: Channel) -> None:
    loop = asyncio.get_running_loop()

    def soon(callback: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the loop has already closed
            loop.call_soon_threadsafe(callback)

    channel.on("wake", lambda _args: soon(worker.wake))
    channel.on("stop", lambda _args: soon(worker.stop))
    channel.when_closed(lambda: soon(worker.stop))  # the GUI is gone: finish the orders in hand and stop
    for signum in (signal.SIGINT, signal.SIGTERM):  # Ctrl+C in the GUI's terminal reaches us too
        signal.signal(signum, lambda *_: soon(worker.stop))
    await worker.prepare()
    channel.notify("ready")
    reporter = asyncio.create_task(_report_changes(worker, channel))
    try:
        await worker.run_forever()
    finally:
        reporter.cancel()


async def _report_changes(worker: Worker, channel: Channel) -> None:
    """Tell the GUI when outcomes were recorded (they are committed then): its "Envois" and document states
    refresh without polling the database."""
    seen = 0
    while True:
        await asyncio.sleep(CHANGES_INTERVAL)
        done = sum(worker.totals.values())
        if done != seen:
            seen = done
            channel.notify("changed", done=done)
