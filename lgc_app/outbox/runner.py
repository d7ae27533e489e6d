"""Running a worker beside a GUI: its own asyncio loop in a daemon thread, never the GUI's loop.

A standalone or master workstation's GUI process starts one `WorkerThread`; a slave never executes orders
(the role decides, SC.DMP/ALI/PROG.02: the master holds the CPS).

Beside a GUI, the worker's CPU work (building submissions, signing the VIHF, encoding, decoding answers)
competes with the screen for the GIL: with every order's `asyncio.to_thread` in a thread of its own, four
orders plus the worker's loop outrun the GUI thread, which waits its turn behind each of them (100–200 ms
stalls on the first demo batch, bench/bench_stall.py). So the worker's loop gets a single CPU thread: its
orders still wait for the network together, their CPU steps take turns (they would anyway, under the GIL).
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from lgc_app.outbox.handler import Handler
from lgc_app.outbox.worker import Worker
from lgc_app.persistence.database import Database
from lgc_app.workstation import Workstation

_log = logging.getLogger("lgc.outbox.runner")

# Standard-library modules imported on first call (`datetime.strptime`: DMP dates). Imported from a worker
# thread, an import holds the import lock, and under PySide6 its import hook reads the module's source:
# import them on the starting thread instead.
LAZY_MODULES = ("_strptime",)


class WorkerThread:
    """Runs `worker.run_forever()` on a private loop in a daemon thread; `stop()` ends it cleanly."""

    def __init__(self, worker: Worker, *, name: str = "lgc-outbox-worker") -> None:
        self.worker = worker
        self._loop: asyncio.AbstractEventLoop | None = None
        self._started = threading.Event()
        self._prepared = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()
        self._started.wait()

    def wait_prepared(self, timeout: float) -> bool:
        """Block until the worker's handlers have built their connections (`Worker.prepare`), at most
        `timeout` seconds; True when they have. The GUI waits for it before showing its window."""
        return self._prepared.wait(timeout)

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
        # One thread for every `asyncio.to_thread` of the handlers: see the module docstring.
        loop.set_default_executor(ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"{self._thread.name}-cpu"))
        self._loop = loop
        self._started.set()
        try:
            try:
                loop.run_until_complete(self.worker.prepare())
            finally:
                self._prepared.set()
            loop.run_until_complete(self.worker.run_forever())
        except Exception:
            _log.exception("le processus d'envoi s'est arrêté sur une erreur")
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
            loop.close()


def start_worker_thread(workstation: Workstation, db: Database, handlers: dict[str, Handler]) -> WorkerThread | None:
    """Start this workstation's worker beside the GUI with the composition root's handlers, or return None on a
    slave."""
    if not workstation.runs_worker:
        return None
    for module in LAZY_MODULES:
        importlib.import_module(module)
    thread = WorkerThread(Worker(db, handlers, workstation=workstation.name))
    thread.start()
    return thread
