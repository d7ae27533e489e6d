"""The contract between the worker and the code that sends one kind of order (DMP feed, MSSanté…).

A handler is `async def handle(ctx: OrderContext) -> HandlerResult`. It awaits its network I/O, runs
database or CPU-heavy work in a thread, appends request/response summaries with `ctx.trace(...)` (masked
before storage) and signals failure by raising `TransientSendError` or `PermanentSendError`. It must pass
`ctx.order_id` downstream as the idempotency key: a retry after a crash reuses it.

A handler holding resources (a service connection) exposes `async def aclose()`: the worker calls it when
it stops (`Worker.aclose`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from lgc_app.persistence.database import Database


@dataclass(frozen=True)
class OrderContext:
    order_id: str
    kind: str
    payload_ref: str
    payload: Mapping[str, Any]
    attempt: int  # 1-based; counts every execution, including one interrupted by a crash
    max_attempts: int
    workstation: str
    db: Database
    trace: Callable[[str], None]


@dataclass(frozen=True)
class HandlerResult:
    summary: str | None = None  # one line for the trace, e.g. "DMP : document accepté (uniqueId …)"


Handler = Callable[[OrderContext], Awaitable[HandlerResult]]
