"""PostgreSQL wake-up of the worker: NOTIFY in the enqueuing transaction, LISTEN on a dedicated connection.

The notification is delivered only when the transaction that wrote the order commits ("durable before
visible"), so a woken worker always finds the order. Its payload is the target workstation or `*`. The
listener runs in its own thread with a blocking psycopg connection (portable: async psycopg cannot run on
Windows' default Proactor loop) and reconnects after a loss; the worker's poll keeps running meanwhile.
psycopg is imported by the listener only: a SQLite workstation never loads it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

CHANNEL = "lgc_send_orders"
ANY_WORKSTATION = "*"
_log = logging.getLogger("lgc.outbox.notify")


def notify(session: Session, target_workstation: str | None) -> None:
    """Queue a notification in the session's transaction (PostgreSQL only; no-op on SQLite)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_notify(CHANNEL, target_workstation or ANY_WORKSTATION)))


def concerns(payload: str, workstation: str) -> bool:
    return payload in (ANY_WORKSTATION, workstation)


class NotificationListener:
    """Calls `on_notify()` (from the listener thread) for each notification concerning `workstation`."""

    def __init__(self, engine: Engine, workstation: str, on_notify: Callable[[], object], *,
                 check_interval: float = 0.5, reconnect_delay: float = 5.0) -> None:
        self._conninfo = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._workstation = workstation
        self._on_notify = on_notify
        self._check_interval = check_interval
        self._reconnect_delay = reconnect_delay
        self._stopping = threading.Event()
        self._listening = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lgc-outbox-listen", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wait_listening(self, timeout: float) -> bool:
        """True once LISTEN is in effect (tests use it to avoid a race with the first NOTIFY)."""
        return self._listening.wait(timeout)

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        import psycopg

        while not self._stopping.is_set():
            try:
                self._listen()
            except psycopg.Error as exc:
                self._listening.clear()
                _log.warning("écoute des envois interrompue (%s) ; nouvel essai dans %.0f s", exc,
                             self._reconnect_delay)
                self._stopping.wait(self._reconnect_delay)

    def _listen(self) -> None:
        import psycopg

        with psycopg.connect(self._conninfo, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f"LISTEN {CHANNEL}")
            self._listening.set()
            self._on_notify()  # orders written while we were not listening
            while not self._stopping.is_set():
                # A short timeout so that stop() is honoured promptly.
                for note in conn.notifies(timeout=self._check_interval):
                    if concerns(note.payload, self._workstation):
                        self._on_notify()
