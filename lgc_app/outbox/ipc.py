"""The private channel between the GUI and its worker process: JSON lines over the child's stdin and stdout.

Only the two processes hold the pipes (no socket, no file), so nothing else on the machine can ask the GUI to
sign. Three kinds of message, one JSON object per line:

- a request `{"id": 7, "op": "sign", "args": {...}}`, answered by `{"re": 7, "result": ...}` or
  `{"re": 7, "error": {"kind": "card", "code": ..., "detail": ...}}`;
- a notice `{"op": "wake", "args": {}}`, never answered.

Either side may send requests. A `Channel` reads in a thread of its own; requests it receives are answered
from a small thread pool (a card signs in tens of milliseconds), never on the reading thread, so a slow
answer does not hold the notices behind it. Calls are blocking (`call`, from a thread) or awaitable
(`acall`, from any event loop).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import IO, Any

from services.card.card import CardError
from services.psc.errors import PscError

_log = logging.getLogger("lgc.outbox.ipc")

Handler = Callable[[dict[str, Any]], Any]  # a request's or notice's handler: args in, JSON-able result out
CALL_TIMEOUT = 60.0  # a card may ask for a new PIN; a PSC refresh crosses the network


class ChannelClosed(ConnectionError):
    """The other process is gone (or never answered): what was asked of it will not come."""


class RemoteError(Exception):
    """The other side failed on an error it could not name more precisely (a bug: see its log)."""


def error_to_wire(exc: BaseException) -> dict[str, str]:
    """What the asking side needs to raise the same error again: the kinds a handler may meet."""
    if isinstance(exc, CardError):
        return {"kind": "card", "code": exc.code, "detail": exc.detail}
    if isinstance(exc, PscError):
        return {"kind": "psc", "code": exc.code, "detail": exc.detail, "transient": "1" if exc.transient else ""}
    return {"kind": "internal", "code": type(exc).__name__, "detail": ""}


def error_from_wire(error: dict[str, str]) -> Exception:
    kind, code, detail = error.get("kind"), error.get("code", ""), error.get("detail", "")
    if kind == "card":
        return CardError(code, detail=detail)
    if kind == "psc":
        return PscError(code, detail=detail, transient=bool(error.get("transient")))
    return RemoteError(f"erreur dans l'autre processus ({code})")


class Channel:
    """One end of the pipe pair. `start()` begins reading; `close()` ends both directions."""

    def __init__(self, reader: IO[bytes], writer: IO[bytes], *, name: str,
                 handlers: dict[str, Handler] | None = None, workers: int = 2,
                 on_closed: Callable[[], None] | None = None) -> None:
        self._reader = reader
        self._writer = writer
        self._name = name
        self._handlers = dict(handlers or {})
        self._on_closed = on_closed
        self._ids = itertools.count(1)
        self._pending: dict[int, Future[Any]] = {}
        self._lock = threading.Lock()  # one writer at a time; the pending map with it
        self._closed = threading.Event()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"{name}-answer")
        self._thread = threading.Thread(target=self._read, name=f"{name}-read", daemon=True)

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def start(self) -> None:
        self._thread.start()

    def on(self, op: str, handler: Handler) -> None:
        self._handlers[op] = handler

    def when_closed(self, callback: Callable[[], None]) -> None:
        """Call `callback` once the channel closes (at once if it is closed already)."""
        self._on_closed = callback
        if self.closed:
            callback()

    def notify(self, op: str, **args: Any) -> bool:
        """Send a notice; False when the channel is closed (the other process is gone)."""
        return self._send({"op": op, "args": args})

    def request(self, op: str, **args: Any) -> Future[Any]:
        """Send a request; its future gets the result or the error (ChannelClosed if the peer goes away)."""
        future: Future[Any] = Future()
        ident = next(self._ids)
        with self._lock:
            if self._closed.is_set():
                future.set_exception(ChannelClosed(f"{self._name} : canal fermé"))
                return future
            self._pending[ident] = future
        if not self._send({"id": ident, "op": op, "args": args}):
            self._fail(ident, ChannelClosed(f"{self._name} : canal fermé"))
        return future

    def call(self, op: str, within: float = CALL_TIMEOUT, **args: Any) -> Any:
        """Blocking request (from a thread, never from an event loop), answered `within` seconds."""
        try:
            return self.request(op, **args).result(within)
        except TimeoutError:
            raise ChannelClosed(f"{self._name} : pas de réponse à « {op} » en {within:.0f} s") from None

    async def acall(self, op: str, within: float = CALL_TIMEOUT, **args: Any) -> Any:
        """Awaitable request, on whichever loop awaits it."""
        try:
            async with asyncio.timeout(within):
                return await asyncio.wrap_future(self.request(op, **args))
        except TimeoutError:
            raise ChannelClosed(f"{self._name} : pas de réponse à « {op} » en {within:.0f} s") from None

    def close(self) -> None:
        """Stop writing (the peer reads end-of-file) and fail every call still waiting."""
        with self._lock:
            if self._closed.is_set():
                return
            self._closed.set()
            pending, self._pending = self._pending, {}
        for future in pending.values():
            if not future.done():
                future.set_exception(ChannelClosed(f"{self._name} : canal fermé"))
        with contextlib.suppress(OSError):
            self._writer.close()
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self._on_closed is not None:
            self._on_closed()

    def join(self, timeout: float) -> None:
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    def _send(self, message: dict[str, Any]) -> bool:
        line = json.dumps(message, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n"
        with self._lock:
            if self._closed.is_set():
                return False
            try:
                self._writer.write(line)
                self._writer.flush()
                return True
            except (OSError, ValueError):  # broken pipe: the peer is gone; the reader sees end-of-file
                return False

    def _fail(self, ident: int, error: BaseException) -> None:
        with self._lock:
            future = self._pending.pop(ident, None)
        if future is not None and not future.done():
            future.set_exception(error)

    def _read(self) -> None:
        try:
            for line in self._reader:
                try:
                    message = json.loads(line)
                except ValueError:
                    _log.warning("%s : ligne illisible ignorée", self._name)
                    continue
                self._dispatch(message)
        except (OSError, ValueError):
            pass  # the pipe broke: same as end-of-file
        finally:
            self.close()

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "re" in message:
            with self._lock:
                future = self._pending.pop(message["re"], None)
            if future is None or future.done():
                return
            if "error" in message:
                future.set_exception(error_from_wire(message["error"]))
            else:
                future.set_result(message.get("result"))
            return
        handler = self._handlers.get(message.get("op", ""))
        ident = message.get("id")
        if handler is None:
            _log.warning("%s : opération inconnue « %s »", self._name, message.get("op"))
            if ident is not None:
                self._send({"re": ident, "error": {"kind": "internal", "code": "unknown-op"}})
            return
        args = message.get("args") or {}
        if ident is None:  # a notice: quick, handled in order on this thread
            try:
                handler(args)
            except Exception:  # a listener's bug must not close the channel
                _log.exception("%s : avis « %s » mal traité", self._name, message.get("op"))
            return
        with contextlib.suppress(RuntimeError):  # closing: the asker fails with ChannelClosed
            self._pool.submit(self._answer, ident, handler, args)

    def _answer(self, ident: int, handler: Handler, args: dict[str, Any]) -> None:
        try:
            reply: dict[str, Any] = {"re": ident, "result": handler(args)}
        except Exception as exc:
            if not isinstance(exc, CardError | PscError):
                _log.exception("%s : réponse impossible", self._name)
            reply = {"re": ident, "error": error_to_wire(exc)}
        self._send(reply)
