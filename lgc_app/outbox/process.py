"""The worker in a process of its own, started, watched and stopped by the GUI (ARCHITECTURE.md "Data flow" §3).

Beside the GUI, a worker thread took the GIL from the screen (SQLAlchemy, signing, encoding: 16-32 ms stalls
while the first batch left, bench/bench_stall.py). The child is `lgc worker --supervised`, the same program
as the headless worker; it receives the settings in force here (the demo's sandbox, `--latency`) over a
private channel on its stdin/stdout (`lgc_app.outbox.ipc`) and asks this process for what only the signed-in
user holds: who acts, a signature by their CPS card, their Pro Santé Connect access token
(`lgc_app.outbox.remote_session`). Nothing secret goes on its command line, in its environment or its logs.

The GUI answers from the channel's threads, never from its event loop (a PSC refresh is the exception: the
tokens live on that loop, and the refresh only awaits the network there). A child that dies is restarted
after a growing delay; `stop()` asks it to finish the orders in hand, then kills it after a timeout: an order
cut short keeps its lease, which expires, and is tried again (never sent twice: the DMP handler asks the
DMP first).
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import lgc_app
from lgc_app.config import Settings
from lgc_app.outbox.ipc import Channel, Handler
from lgc_app.session import ActingSession
from lgc_app.workstation import Workstation
from services.card.card import CARD_NOT_UNLOCKED, CardError, SignMechanism
from services.psc.errors import SESSION_ENDED, PscError

_log = logging.getLogger("lgc.outbox.process")
_child_log = logging.getLogger("lgc.worker")

RESTART_DELAYS = (1.0, 2.0, 5.0, 10.0, 30.0)  # seconds before each successive restart
STABLE_AFTER = 60.0  # a child that ran this long starts the delays over when it dies
STOP_TIMEOUT = 5.0
TOKEN_TIMEOUT = 30.0
# Environment variables never passed to the child: the demo's PSC client secret without a keyring, and any
# variable whose name says it holds a secret.
_SECRET_MARKERS = ("SECRET", "TOKEN", "PASSWORD", "PASSWD", "PIN", "CREDENTIAL")
_LEVELS = {"DEBUG": logging.DEBUG, "INFO": logging.INFO, "WARNING": logging.WARNING, "ERROR": logging.ERROR,
           "CRITICAL": logging.CRITICAL}


class WorkerState(enum.Enum):
    STARTING = "starting"
    RUNNING = "running"
    RESTARTING = "restarting"
    STOPPED = "stopped"

    @property
    def label(self) -> str:
        return {WorkerState.STARTING: "démarrage", WorkerState.RUNNING: "en marche",
                WorkerState.RESTARTING: "arrêté inopinément, redémarrage prévu",
                WorkerState.STOPPED: "arrêté"}[self]


def worker_command(config_path: Path | None, demo: bool) -> list[str]:
    """`lgc [--config F] [--demo] worker --supervised`: this interpreter with `-m`, or the frozen executable."""
    program = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "lgc_app"]
    options = (["--config", str(config_path)] if config_path else []) + (["--demo"] if demo else [])
    return [*program, *options, "worker", "--supervised"]


def child_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """This process's environment without the secrets, importing this very `lgc_app` (a development
    checkout wins over an installed copy, as in this process)."""
    env = {name: value for name, value in environ.items()
           if not any(marker in name.upper() for marker in _SECRET_MARKERS)}
    if not getattr(sys, "frozen", False):
        source = str(Path(lgc_app.__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [source, env.get("PYTHONPATH", "")]))
    env["PYTHONUNBUFFERED"] = "1"
    return env


def settings_to_wire(settings: Settings) -> dict[str, Any]:
    """The settings in force, as JSON values `Settings(...)` parses back (they hold no secret)."""
    return {option.key: str(value) if isinstance(value, Path) else value for option, value in settings.items()}


class WorkerProcess:
    """The supervised child. `start()`, `wait_prepared()`, `wake()`, `stop()`; `state` for the screens.

    Args:
        session: who acts in the GUI now (read at each request of the child).
        loop: the GUI's event loop, where the PSC tokens are refreshed (None: no token to give).
        command: the child's command line (tests); by default `worker_command(config_path, demo)`.
    """

    def __init__(self, settings: Settings, *, session: Callable[[], ActingSession | None],
                 config_path: Path | None = None, loop: asyncio.AbstractEventLoop | None = None,
                 command: Sequence[str] | None = None, restart_delays: Sequence[float] = RESTART_DELAYS) -> None:
        self.settings = settings
        self.command = list(command or worker_command(config_path, bool(settings["demo.sandbox"])))
        self.restarts = 0
        self.state = WorkerState.STOPPED
        self._session = session
        self._loop = loop
        self._delays = tuple(restart_delays)
        self._state_listeners: list[Callable[[WorkerState], None]] = []
        self._process: subprocess.Popen[bytes] | None = None
        self._channel: Channel | None = None
        self._prepared = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.RLock()  # process and channel are replaced together
        self._watcher: threading.Thread | None = None
        self._order_listeners: list[Callable[[], None]] = []

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def on_orders_changed(self, listener: Callable[[], None]) -> None:
        """Call `listener` (from a channel thread) each time the child recorded order outcomes."""
        self._order_listeners.append(listener)

    def on_state_changed(self, listener: Callable[[WorkerState], None]) -> None:
        """Call `listener` (from whichever thread saw it) at each change of `state`."""
        self._state_listeners.append(listener)

    def forget(self, listener: object) -> None:
        """No more calls to `listener` (its window is gone)."""
        self._order_listeners = [known for known in self._order_listeners if known != listener]
        self._state_listeners = [known for known in self._state_listeners if known != listener]

    def start(self) -> None:
        self._spawn()
        self._watcher = threading.Thread(target=self._watch, name="lgc-worker-watch", daemon=True)
        self._watcher.start()

    def wait_prepared(self, timeout: float) -> bool:
        """Block until the child has built its service connections (at most `timeout` seconds)."""
        return self._prepared.wait(timeout)

    def is_alive(self) -> bool:
        process = self._process
        return process is not None and process.poll() is None

    def wake(self) -> None:
        """Look for due orders now (this process just enqueued some). Any thread."""
        channel = self._channel
        if channel is not None:
            channel.notify("wake")

    def stop(self, timeout: float = STOP_TIMEOUT) -> bool:
        """Let the child finish the orders in hand for up to `timeout` seconds, then kill it; True when it
        stopped by itself. Never blocks longer than `timeout` plus a second."""
        self._stopping.set()
        with self._lock:
            process, channel = self._process, self._channel
        graceful = True
        if process is not None and process.poll() is None:
            if channel is not None:
                channel.notify("stop")
                channel.close()  # end-of-file on its stdin: stop, too, if the notice was lost
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                graceful = False
                _log.warning("le processus d'envoi (pid %s) ne s'arrête pas : arrêt forcé", process.pid)
                process.kill()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(1.0)
        if self._watcher is not None:
            self._watcher.join(1.0)
        self._set_state(WorkerState.STOPPED)
        return graceful

    # -- the child ------------------------------------------------------------------------------------------

    def _spawn(self) -> None:
        self._prepared.clear()
        self._set_state(WorkerState.STARTING)
        process = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, env=child_environment(os.environ))
        assert process.stdin is not None and process.stdout is not None and process.stderr is not None
        channel = Channel(process.stdout, process.stdin, name="lgc-worker-ipc", handlers=self.answers())
        with self._lock:
            self._process, self._channel = process, channel
        channel.start()
        threading.Thread(target=_relay_log, args=(process.stderr,), name="lgc-worker-log", daemon=True).start()
        channel.notify("start", settings=settings_to_wire(self.settings))
        _log.info("processus d'envoi démarré (pid %s)", process.pid)

    def _watch(self) -> None:
        attempt = 0
        while True:
            process = self._process
            assert process is not None
            started = time.monotonic()
            code = process.wait()
            if self._channel is not None:
                self._channel.close()
            if self._stopping.is_set():
                return
            attempt = 0 if time.monotonic() - started >= STABLE_AFTER else attempt
            delay = self._delays[min(attempt, len(self._delays) - 1)]
            attempt += 1
            _log.warning("le processus d'envoi s'est arrêté (code %s) ; redémarrage dans %.0f s", code, delay)
            self._set_state(WorkerState.RESTARTING)
            if self._stopping.wait(delay):
                return
            with self._lock:  # `stop()` sees either the old child or the new one, never neither
                if self._stopping.is_set():
                    return
                self.restarts += 1
                self._spawn()

    def _set_state(self, state: WorkerState) -> None:
        if state is self.state:
            return
        self.state = state
        for listener in list(self._state_listeners):
            listener(state)

    # -- what the child asks -------------------------------------------------------------------------------

    def answers(self) -> dict[str, Handler]:
        """What this process does for its child, by operation (the child's channel calls them)."""
        return {"ready": self._ready, "changed": self._changed, "session": self._answer_session,
                "sign": self._answer_sign, "token": self._answer_token}

    def _ready(self, _args: dict[str, Any]) -> None:
        self._prepared.set()
        self._set_state(WorkerState.RUNNING)

    def _changed(self, _args: dict[str, Any]) -> None:
        for listener in list(self._order_listeners):
            listener()

    def _answer_session(self, _args: dict[str, Any]) -> dict[str, Any] | None:
        from lgc_app.outbox.remote_session import session_to_wire  # its X.509 code: when the worker first asks

        return session_to_wire(self._session())

    def _answer_sign(self, args: dict[str, Any]) -> str:
        """A signature by the card of the session in force, only if it is the card the child was told of."""
        from lgc_app.outbox.remote_session import certificate_id

        session = self._session()
        card = session.card if session is not None else None
        if card is None or not card.unlocked or certificate_id(card.certificate()) != args["card"]:
            raise CardError(CARD_NOT_UNLOCKED, detail="plus de carte déverrouillée pour cet utilisateur")
        return card.sign(bytes.fromhex(args["data"]), SignMechanism(args["mechanism"])).hex()

    def _answer_token(self, _args: dict[str, Any]) -> str:
        session = self._session()
        tokens = session.psc if session is not None else None
        if tokens is None or self._loop is None or self._loop.is_closed():
            raise PscError(SESSION_ENDED, detail="aucune session Pro Santé Connect dans l'interface")
        return asyncio.run_coroutine_threadsafe(tokens.access_token(), self._loop).result(TOKEN_TIMEOUT)


def _relay_log(stream: IO[bytes]) -> None:
    """The child's log lines (`LEVEL name: message`, already masked) into this process's log."""
    level = logging.INFO
    for raw in stream:
        line = raw.decode("utf-8", errors="replace").rstrip()
        if not line:
            continue
        level = _LEVELS.get(line.split(" ", 1)[0], level)  # a traceback's lines keep their record's level
        _child_log.log(level, "%s", line)


def start_worker_process(workstation: Workstation, settings: Settings, *,
                         session: Callable[[], ActingSession | None], config_path: Path | None = None,
                         loop: asyncio.AbstractEventLoop | None = None) -> WorkerProcess | None:
    """Start this workstation's worker process, or return None on a slave (its master executes its orders)."""
    if not workstation.runs_worker:
        return None
    process = WorkerProcess(settings, session=session, config_path=config_path, loop=loop)
    process.start()
    return process
