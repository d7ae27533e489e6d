"""The worker: claims due orders, runs their handlers concurrently, records outcomes (ARCHITECTURE.md §3).

It runs on its own asyncio loop (`lgc worker`, the GUI's child process), never on the GUI's. Database calls,
its own and its handlers' (`OrderContext.database`), go through a dedicated executor (STYLE.md §2: serialise
database work, parallelise network work; one thread on SQLite, a few on PostgreSQL); handlers run
concurrently on the loop, at most `concurrency` at a time, their CPU steps inline. It claims only as many
orders as it has free slots, so that no lease ticks away while an order waits its turn, and claims them by
several (half the slots at least, `_free_slots`). Outcomes are recorded by group commit (`_record`). A
handler's trace is masked once, when recorded (`orders.event_row`).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import traceback
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from lgc_app.outbox.backoff import Backoff
from lgc_app.outbox.claim import ClaimedOrder, claim_due
from lgc_app.outbox.completion import Completion, Outcome, record_all
from lgc_app.outbox.errors import PermanentSendError, SendError, TransientSendError
from lgc_app.outbox.handler import Handler, HandlerResult, OrderContext
from lgc_app.outbox.notify import NotificationListener
from lgc_app.persistence.database import Database

_log = logging.getLogger("lgc.outbox.worker")
P = ParamSpec("P")
T = TypeVar("T")

# A handler must finish before its lease expires, or another worker could start the same order.
LEASE_MARGIN = 0.8
DATABASE_THREADS_POSTGRESQL = 3


class Worker:
    """Executes the send orders due for `workstation` with the given handlers (by order kind).

    `totals` counts outcomes since creation. Not thread-safe: drive it from one loop; from another
    thread, stop it with `loop.call_soon_threadsafe(worker.stop)` (what `lgc worker --supervised` does).
    """

    def __init__(self, db: Database, handlers: Mapping[str, Handler], *, workstation: str, batch: int = 10,
                 lease_seconds: float = 120, poll_interval: float = 2.0, concurrency: int = 8,
                 backoff: Backoff | None = None, listen: bool = True) -> None:
        self.db = db
        self.handlers = dict(handlers)
        self.workstation = workstation
        self.lease_owner = f"{workstation}#{uuid.uuid4().hex[:8]}"
        self.batch = batch
        self.lease_seconds = lease_seconds
        self.poll_interval = poll_interval
        self.concurrency = concurrency
        self.backoff = backoff or Backoff()
        self.listen = listen and db.is_postgresql
        self.listener: NotificationListener | None = None
        self.totals: Counter[Outcome] = Counter()
        self._executor: ThreadPoolExecutor | None = None
        self._running: set[asyncio.Task[Outcome]] = set()
        self._completions: list[tuple[Completion, asyncio.Future[Outcome | None]]] = []
        self._recorder: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._stopping = False
        self._prepared = False

    def wake(self) -> None:
        """Look for due orders now. Loop thread only."""
        self._wake.set()

    def stop(self) -> None:
        """Stop claiming; `run_forever` returns once the orders in hand are finished. Loop thread only."""
        self._stopping = True
        self._wake.set()

    async def run_once(self) -> Counter[Outcome]:
        """Execute every order due now, then return the outcome counts (tests, `lgc worker --once`)."""
        before = Counter(self.totals)
        async with self._db_thread():
            while True:
                self._start(await self._claim(self._free_slots()))
                if not self._running:
                    return self.totals - before
                await asyncio.wait(self._running, return_when=asyncio.FIRST_COMPLETED)

    async def run_forever(self) -> None:
        """Execute orders as they become due until `stop()`, then let the running ones finish.

        Woken by a finished order, by a PostgreSQL notification, or every `poll_interval` seconds.
        """
        loop = asyncio.get_running_loop()
        if not self._prepared:
            await self.prepare()
        if self.listen:
            self.listener = NotificationListener(self.db.engine, self.workstation,
                                                 lambda: loop.call_soon_threadsafe(self.wake))
            self.listener.start()
        try:
            async with self._db_thread():
                while not self._stopping:
                    self._wake.clear()
                    free = self._free_slots()
                    try:
                        claimed = await self._claim(free)
                    except Exception:
                        _log.exception("réclamation des envois dus impossible ; nouvel essai plus tard")
                        claimed = []
                    self._start(claimed, on_done=lambda _task: self._wake.set())
                    if claimed and len(claimed) == free:
                        continue  # every free slot was filled: more orders may be due
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._wake.wait(), self.poll_interval)
                if self._running:
                    await asyncio.wait(self._running)
        finally:
            if self.listener is not None:
                await asyncio.to_thread(self.listener.stop)
            await self.aclose()

    async def prepare(self) -> None:
        """Let the handlers open their service connections now (a handler's optional `prepare()`):
        `run_forever` does it before its first claim, so that the first batch of orders does not also
        build TLS contexts and signers (SC.DMP/UX.10: beside a GUI, that CPU work competes with the
        screen for the GIL). A handler that cannot prepare (not configured) reports it on its orders."""
        self._prepared = True
        for handler in self._distinct_handlers():
            prepare = getattr(handler, "prepare", None)
            if prepare is None:
                continue
            try:
                await prepare()
            except Exception as exc:
                _log.warning("préparation d'un gestionnaire d'envoi impossible : %s", exc)

    async def aclose(self) -> None:
        """Release the handlers' resources (their service connections): `run_forever` does it on its way
        out, a caller of `run_once` when it is done. A handler used again afterwards reconnects."""
        for handler in self._distinct_handlers():
            aclose = getattr(handler, "aclose", None)
            if aclose is None:
                continue
            try:
                await aclose()
            except Exception:
                _log.exception("fermeture d'un gestionnaire d'envoi impossible")

    def _distinct_handlers(self) -> list[Handler]:
        """Each handler once, though it may serve several kinds."""
        return list({id(handler): handler for handler in self.handlers.values()}.values())

    @contextlib.asynccontextmanager
    async def _db_thread(self) -> AsyncIterator[None]:
        # SQLite has one writer at a time: one thread. A PostgreSQL server serves several connections at once,
        # and each statement waits for its round trip (a commit for its disk flush): a few threads overlap them.
        threads = DATABASE_THREADS_POSTGRESQL if self.db.is_postgresql else 1
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="lgc-outbox-db")
        try:
            yield
        finally:
            self._executor.shutdown(wait=False)
            self._executor = None

    async def _in_db_thread(self, function: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        return await asyncio.get_running_loop().run_in_executor(
            self._executor, functools.partial(function, *args, **kwargs))

    def _free_slots(self) -> int:
        """The orders to claim now: none while fewer than half the slots are free and others run, so that
        claims go by several (a transaction each, and on PostgreSQL a disk flush); every free slot otherwise."""
        free = min(self.batch, self.concurrency - len(self._running))
        enough = min(self.batch, (self.concurrency + 1) // 2)
        return free if not self._running or free >= enough else 0

    async def _claim(self, limit: int) -> list[ClaimedOrder]:
        if limit <= 0:
            return []
        return await self._in_db_thread(claim_due, self.db, workstation=self.workstation, limit=limit,
                                        lease_seconds=self.lease_seconds, lease_owner=self.lease_owner)

    def _start(self, claimed: list[ClaimedOrder],
               on_done: Callable[[asyncio.Task[Outcome]], None] | None = None) -> None:
        for order in claimed:
            task = asyncio.create_task(self._execute(order), name=f"send-order-{order.id}")
            self._running.add(task)  # strong reference: the loop keeps only weak ones
            task.add_done_callback(self._running.discard)
            if on_done is not None:
                task.add_done_callback(on_done)

    async def _execute(self, order: ClaimedOrder) -> Outcome:
        """Run the order's handler and record the outcome; raises only on cancellation."""
        lines: list[str] = []
        context = OrderContext(order_id=order.id, kind=order.kind, payload_ref=order.payload_ref,
                               payload=order.payload, ordered_by=order.ordered_by, attempt=order.attempt,
                               max_attempts=order.max_attempts, workstation=self.workstation, db=self.db,
                               trace=lines.append, database=self._in_db_thread)
        result = await self._call_handler(order, context)
        outcome = await self._record(Completion(order, result, lines))
        if outcome is None:
            # Database unreachable: the lease will expire and the order will be tried again.
            outcome = Outcome.LEASE_LOST
        elif outcome is Outcome.LEASE_LOST:
            _log.warning("envoi %s : tentative %d non enregistrée, reprise ailleurs (bail expiré)",
                         order.id, order.attempt)
        self.totals[outcome] += 1
        return outcome

    async def _record(self, completion: Completion) -> Outcome | None:
        """Record an execution's outcome together with those finishing meanwhile: while the database thread
        writes one transaction, the next outcomes queue up for the next one (group commit, `record_all`: one
        commit, on PostgreSQL one disk flush, for all). None: not recorded (the error is logged)."""
        future: asyncio.Future[Outcome | None] = asyncio.get_running_loop().create_future()
        self._completions.append((completion, future))
        if self._recorder is None:
            self._recorder = asyncio.create_task(self._record_pending(), name="record-outcomes")
        return await future

    async def _record_pending(self) -> None:
        try:
            while self._completions:
                batch, self._completions = self._completions, []
                items = [completion for completion, _ in batch]
                try:
                    outcomes: list[Outcome | None] = list(await self._in_db_thread(
                        record_all, self.db, items, workstation=self.workstation, backoff=self.backoff))
                except Exception:
                    # One failing write (a handler's) must not cost the others theirs: one transaction each.
                    outcomes = [await self._record_alone(item) for item in items] if len(items) > 1 else [
                        self._not_recorded(items[0])]
                for (_, future), outcome in zip(batch, outcomes, strict=True):
                    if not future.done():  # its order's task may have been cancelled meanwhile
                        future.set_result(outcome)
        finally:
            self._recorder = None

    async def _record_alone(self, completion: Completion) -> Outcome | None:
        try:
            [outcome] = await self._in_db_thread(record_all, self.db, [completion], workstation=self.workstation,
                                                 backoff=self.backoff)
        except Exception:
            return self._not_recorded(completion)
        return outcome

    @staticmethod
    def _not_recorded(completion: Completion) -> None:
        _log.exception("envoi %s : résultat de la tentative %d non enregistré", completion.order.id,
                       completion.order.attempt)

    async def _call_handler(self, order: ClaimedOrder, context: OrderContext) -> HandlerResult | SendError:
        handler = self.handlers.get(order.kind)
        if handler is None:
            return PermanentSendError(f"Type d'envoi inconnu de ce poste : « {order.kind} ».")
        try:
            async with asyncio.timeout(self.lease_seconds * LEASE_MARGIN):
                return await handler(context)
        except SendError as exc:
            return exc
        except TimeoutError:
            return TransientSendError("Le service n'a pas répondu à temps.")
        except Exception as exc:
            _log.exception("envoi %s (%s) : erreur inattendue", order.id, order.kind)
            return TransientSendError(f"Erreur inattendue pendant l'envoi ({type(exc).__name__}).",
                                      detail=traceback.format_exc(limit=8))
