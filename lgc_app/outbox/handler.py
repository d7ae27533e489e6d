"""The contract between the worker and the code that sends one kind of order (DMP feed, MSSanté…).

A handler is `async def handle(ctx: OrderContext) -> HandlerResult`. It awaits its network I/O, runs its
database work with `ctx.database(...)` (the worker's database thread) and its CPU steps inline (the worker's
loop is its own: a thread would add hops, not parallelism, under the GIL), appends request/response summaries
with `ctx.trace(...)` (masked before storage) and signals failure by raising `TransientSendError` or
`PermanentSendError`. It must pass `ctx.order_id` downstream as the idempotency key: a retry after a crash
reuses it. What a success changes in the handler's own tables (a document's DMP state) goes in
`HandlerResult.commit`: the worker writes it in the transaction that marks the order sent.

A handler holding resources (a service connection) exposes `async def aclose()`: the worker calls it when
it stops (`Worker.aclose`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ParamSpec, Protocol, TypeVar

from sqlalchemy.orm import Session

from lgc_app.persistence.database import Database

P = ParamSpec("P")
T = TypeVar("T")


class DatabaseRunner(Protocol):
    """Runs a blocking database function off the loop and returns its result."""

    def __call__(self, function: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Awaitable[T]: ...


@dataclass(frozen=True)
class OrderContext:
    order_id: str
    kind: str
    payload_ref: str
    payload: Mapping[str, Any]
    ordered_by: str  # who asked for the send (journaled with its outcome)
    attempt: int  # 1-based; counts every execution, including one interrupted by a crash
    max_attempts: int
    workstation: str
    db: Database
    trace: Callable[[str], None]
    database: DatabaseRunner = field(default=asyncio.to_thread)  # the worker's database thread


@dataclass(frozen=True)
class HandlerResult:
    summary: str | None = None  # one line for the trace, e.g. "DMP : document accepté (uniqueId …)"
    # Written in the transaction that marks the order sent (also when its lease was lost: what the service
    # accepted is a fact); None: nothing of the handler's own.
    commit: Callable[[Session], None] | None = None


Handler = Callable[[OrderContext], Awaitable[HandlerResult]]
