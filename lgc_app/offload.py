"""The type of the blocking-call runner given to async use cases (asyncio.to_thread, or the GUI's database thread)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ParamSpec, Protocol, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class Offload(Protocol):
    """Runs `func(*args, **kwargs)` off the event loop; typed so that mypy checks the arguments and the result
    of every offloaded call (a bare `Callable[..., Awaitable[Any]]` would check neither)."""

    def __call__(self, func: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Awaitable[T]: ...
