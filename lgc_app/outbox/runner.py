"""Running a worker beside a GUI: its own asyncio loop in a daemon thread, never the GUI's loop.

A standalone or master workstation's GUI process starts one `WorkerThread`; a slave never executes orders
(the role decides, SC.DMP/ALI/PROG.02: the master holds the CPS).
"""

from __future__ import annotations

import asyncio
import logging
import threading

from lgc_app.config import Settings
from lgc_app.outbox.handlers import default_handlers
from lgc_app.outbox.worker import Worker
from lgc_app.persistence.database import Database

_log = logging.getLogger("lgc.outbox.runner")


def should_run_worker(settings: Settings) -> bool:
    return settings.role.runs_worker


class WorkerThread:
    """Runs `worker.run_forever()` on a private loop in a daemon thread; `stop()` ends it cleanly."""

    def __init__(self, worker: Worker, *, name: str = "lgc-outbox-worker") -> None:
        self.worker = worker
        self._loop: asyncio.AbstractEventLoop | None = None
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()
        self._started.wait()

    def is_alive(self) -> bool:
        return self._thread.is_alive()

    def wake(self) -> None:
        """Look for due orders now (e.g. right after this process enqueued some). Any thread."""
        if self._loop is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self.worker.wake)

    def stop(self, timeout: float = 10.0) -> bool:
        """Ask the worker to stop, wait up to `timeout` seconds; True when the thread has ended.

        Orders still running after the timeout are abandoned with the daemon thread: their lease expires and
        another attempt follows, never a loss.
        """
        if self._loop is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self.worker.stop)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._started.set()
        try:
            loop.run_until_complete(self.worker.run_forever())
        except Exception:
            _log.exception("le processus d'envoi s'est arrêté sur une erreur")
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()


def start_worker_thread(settings: Settings, db: Database) -> WorkerThread | None:
    """Start this workstation's worker beside the GUI, or return None on a slave."""
    if not should_run_worker(settings):
        return None
    thread = WorkerThread(Worker(db, default_handlers(settings), workstation=settings.workstation_name))
    thread.start()
    return thread
