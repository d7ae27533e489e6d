"""The task bridge: every coroutine the GUI starts runs through here (Anki's QueryOp, for asyncio).

qasync runs asyncio on the GUI thread. Its `asyncSlot` keeps no reference to its task and sends errors to
`sys.excepthook`; our `TaskManager.run()` instead names the task, keeps it referenced until it ends, lets the
user cancel it, and routes the outcome: `on_success(result)`, `on_failure(error)`, or, without a failure
handler, the catalogue's French text (`lgc_app.errors.explain`) in the message bridge (non-modal).
Cancellation is silent (Anki's `Interrupted`).

A task may have an owner, the widget its handlers update (issue 13 item 1): when the owner is destroyed, or
closed if it is a dialog, its cancellable tasks are cancelled, and the handlers of a task whose owner is gone
are never called (they would touch deleted C++ objects); a failure then still reaches the message bridge.

Blocking work never runs on the loop: `run_db()` serialises database calls on one thread (single writer on
SQLite, Anki `taskman.py`), `run_in_thread()` sends CPU work (XML, signing, PDF) to a small pool.
"""

from __future__ import annotations

import asyncio
import enum
import functools
import itertools
import logging
import os
import time
from collections import deque
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QMetaObject, QObject, Signal
from PySide6.QtWidgets import QDialog

from lgc_app.errors import explain
from ui import messages

log = logging.getLogger("lgc.ui.tasks")

T = TypeVar("T")


class TaskState(enum.Enum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


class Task(Generic[T]):
    """One running coroutine as the GUI sees it; chain handlers right after `TaskManager.run()`."""

    _ids = itertools.count(1)

    def __init__(self, label: str, *, cancellable: bool, visible: bool, owner: QObject | None = None) -> None:
        self.id = next(self._ids)
        self.label = label
        self.cancellable = cancellable
        self.visible = visible
        self.state = TaskState.RUNNING
        self.result: T | None = None
        self.error: BaseException | None = None
        self.started_at = time.monotonic()
        self.finished_at: float | None = None
        self.future: asyncio.Task[T] | None = None
        self.owner = owner
        self.orphaned = False  # the owner was closed or destroyed: the handlers must not run
        self._owner_links: list[QMetaObject.Connection] = []
        self._success: Callable[[T], Any] | None = None
        self._failure: Callable[[BaseException], Any] | None = None

    def on_success(self, callback: Callable[[T], Any]) -> Task[T]:
        self._success = callback
        return self

    def on_failure(self, callback: Callable[[BaseException], Any]) -> Task[T]:
        self._failure = callback
        return self

    @property
    def elapsed(self) -> float:
        return (self.finished_at or time.monotonic()) - self.started_at

    def cancel(self) -> bool:
        """Ask the coroutine to stop (CancelledError at its next await); False if not cancellable or done."""
        if not self.cancellable or self.future is None or self.future.done():
            return False
        return self.future.cancel()

    @property
    def owner_gone(self) -> bool:
        return self.owner is not None and (self.orphaned or not shiboken6.isValid(self.owner))

    def __repr__(self) -> str:
        return f"<Task {self.id} {self.label!r} {self.state.value}>"


class _Chain:
    """The writes of one named chain: those waiting, the one running, and what waits for the chain to empty."""

    def __init__(self) -> None:
        self.waiting: deque[Callable[[], Task[Any] | None]] = deque()
        self.running: Task[Any] | None = None
        self.idle: list[Callable[[], None]] = []


def _loop() -> asyncio.AbstractEventLoop | None:
    """The running loop. A Qt timer may fire while it does not run (the window is built before it starts; it
    stops before the window's last events): the task then starts when it runs again (ui/app.py runs it once
    more at shutdown to finish what the closing window started). None once there is no loop left."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        pass
    try:
        loop = asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:
        return None
    return None if loop.is_closed() else loop


class TaskManager(QObject):
    """Starts coroutines on the running (qasync) loop and reports them to the GUI.

    A named chain (`enqueue`) serialises the tasks of one writer (a document editor's autosaves, metadata changes
    and transitions): each starts once the previous one ended and its handlers ran.

    Signals:
        task_started(Task): a visible task was started.
        task_finished(Task): a visible task ended (any state), after its handlers ran.
        tasks_changed(): the set of visible running tasks changed.
    """

    task_started = Signal(object)
    task_finished = Signal(object)
    tasks_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: dict[int, Task[Any]] = {}  # strong references: asyncio keeps only weak ones
        self._chains: dict[str, _Chain] = {}

    def run(self, coro: Coroutine[Any, Any, T], *, label_fr: str, cancellable: bool = True,
            visible: bool = True, owner: QObject | None = None) -> Task[T]:
        """Schedule coro on the running loop and return its Task.

        Args:
            coro: the coroutine; blocking calls inside it go through run_db()/run_in_thread().
            label_fr: French label shown in the activity list and in error messages.
            cancellable: whether the activity list offers "Annuler".
            visible: False for background housekeeping (health checks) kept out of the activity indicator.
            owner: the widget the handlers update: its closing (a dialog) or destruction cancels the task
                (when cancellable) and the handlers are then never called.
        """
        task: Task[T] = Task(label_fr, cancellable=cancellable, visible=visible, owner=owner)
        loop = _loop()
        if loop is None:  # the application is over (a last timer of a closed window): nothing can run
            coro.close()
            task.state = TaskState.CANCELLED
            log.debug("not started, no event loop: %s", label_fr)
            return task
        task.future = loop.create_task(coro, name=f"lgc:{label_fr}")
        task.future.add_done_callback(functools.partial(self._finish, task))
        self._running[task.id] = task
        if owner is not None:
            self._follow_owner(task, owner)
        if visible:
            self.task_started.emit(task)
            self.tasks_changed.emit()
        return task

    def enqueue(self, chain: str, start: Callable[[], Task[Any] | None]) -> None:
        """Call start once every earlier start of chain has finished: its task ended and that task's handlers
        ran (they were registered first). start runs the next task (`run`) and returns it, or None when nothing
        is left to do; it reads its input when it starts, so each write sees what the previous one left (an
        optimistic-concurrency row version, STYLE §5).
        """
        queue = self._chains.setdefault(chain, _Chain())
        queue.waiting.append(start)
        if queue.running is None:
            self._next_in(chain, queue)

    def when_idle(self, chain: str, callback: Callable[[], None]) -> None:
        """Run callback once chain has nothing waiting nor running (now, when it is already so)."""
        queue = self._chains.get(chain)
        if queue is None:
            callback()
        else:
            queue.idle.append(callback)

    def chain_busy(self, chain: str) -> bool:
        return chain in self._chains

    def _next_in(self, chain: str, queue: _Chain) -> None:
        queue.running = None
        while queue.waiting:
            task = queue.waiting.popleft()()
            if task is not None and task.future is not None:
                queue.running = task
                task.future.add_done_callback(lambda _future: self._next_in(chain, queue))
                return
        if self._chains.get(chain) is queue:
            del self._chains[chain]
        for callback in queue.idle:
            callback()

    def running(self) -> list[Task[Any]]:
        """Visible tasks still running, oldest first."""
        return [task for task in self._running.values() if task.visible]

    def cancel_all(self) -> None:
        for task in list(self._running.values()):
            if task.future is not None:
                task.future.cancel()

    async def shutdown(self) -> None:
        """Cancel every task and wait for them to unwind (application exit)."""
        futures = [task.future for task in self._running.values() if task.future is not None]
        self.cancel_all()
        if futures:
            await asyncio.gather(*futures, return_exceptions=True)

    def _follow_owner(self, task: Task[Any], owner: QObject) -> None:
        """Orphan the task when its owner is destroyed or, for a dialog, finished (closed, accepted,
        rejected): a dialog deleted on close is destroyed only later, after the task's outcome may arrive."""
        release = functools.partial(self._orphan, task)
        task._owner_links.append(owner.destroyed.connect(release))
        if isinstance(owner, QDialog):
            task._owner_links.append(owner.finished.connect(release))

    @staticmethod
    def _orphan(task: Task[Any], *_args: object) -> None:
        task.orphaned = True
        if task.cancel():
            log.info("cancelled with its window: %s", task.label)

    @staticmethod
    def _unfollow_owner(task: Task[Any]) -> None:
        if task.owner is not None and shiboken6.isValid(task.owner):
            for link in task._owner_links:
                QObject.disconnect(link)
        task._owner_links.clear()

    def _finish(self, task: Task[Any], future: asyncio.Task[Any]) -> None:
        self._running.pop(task.id, None)
        task.finished_at = time.monotonic()
        orphaned = task.owner_gone
        self._unfollow_owner(task)
        if future.cancelled():
            task.state = TaskState.CANCELLED
            log.info("cancelled: %s after %.1f s", task.label, task.elapsed)
        elif (error := future.exception()) is not None:
            task.state, task.error = TaskState.FAILED, error
            log.warning("failed: %s [%s]", task.label, explain(error).code)  # a bug's traceback is logged once
            if task._failure is not None and not orphaned:
                self._call(task, task._failure, error)
            else:  # nobody explains it in place (or the window is gone): the message bridge does
                messages.failure(task.label, error)
        else:
            task.state, task.result = TaskState.SUCCEEDED, future.result()
            if task._success is not None and not orphaned:
                self._call(task, task._success, task.result)
        if task.visible:
            self.task_finished.emit(task)
            self.tasks_changed.emit()

    @staticmethod
    def _call(task: Task[Any], handler: Callable[[Any], Any], value: Any) -> None:
        receiver = getattr(handler, "__self__", None)
        if isinstance(receiver, QObject) and not shiboken6.isValid(receiver):
            log.debug("%s: its window was destroyed meanwhile, nothing to show", task.label)
            return
        try:
            handler(value)
        except Exception as exc:  # a bug in a handler must not kill the loop; it is reported like any error
            messages.failure(task.label, exc)


_db_executor: ThreadPoolExecutor | None = None
_cpu_executor: ThreadPoolExecutor | None = None


def _executors() -> tuple[ThreadPoolExecutor, ThreadPoolExecutor]:
    global _db_executor, _cpu_executor
    if _db_executor is None:
        _db_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lgc-db")
    if _cpu_executor is None:
        _cpu_executor = ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1),
                                           thread_name_prefix="lgc-cpu")
    return _db_executor, _cpu_executor


async def run_db(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a blocking database call on the single database thread (calls are serialised)."""
    call = functools.partial(fn, *args, **kwargs)
    return await asyncio.get_running_loop().run_in_executor(_executors()[0], call)


async def run_in_thread(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run blocking CPU or file work (XML, signing, PDF, zip) on the small thread pool."""
    call = functools.partial(fn, *args, **kwargs)
    return await asyncio.get_running_loop().run_in_executor(_executors()[1], call)


def shutdown_executors() -> None:
    """Wait for running thread work and stop both executors (application exit)."""
    global _db_executor, _cpu_executor
    for executor in (_db_executor, _cpu_executor):
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
    _db_executor = _cpu_executor = None
