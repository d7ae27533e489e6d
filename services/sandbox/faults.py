"""Latency and injected failures around every simulator, so clients meet slow and broken services on purpose.

A `FaultPlan` says what to inject: a fixed latency (the homologation scenario uses 3 s), per-request
probabilities of each `FaultKind`, and a queue of faults for the next requests (deterministic tests).
`FaultSettings` holds the live plan (thread-safe: the control endpoint, `RunningSandbox.set_faults` and
the server loop share it); `FaultMiddleware` applies it. Simulators only read it, through
`soap_fault_requested()`.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Far beyond any client timeout: a "timeout" fault must look like a service that never answers.
HOLD_SECONDS = 120.0
# Set by the sandbox's HTTP protocol (see `connection.py`): aborts the TCP connection with no response.
ABORT_EXTENSION = "lgc.sandbox.abort"
_SOAP_FAULT_STATE = "lgc_sandbox_soap_fault"


class FaultKind(StrEnum):
    TIMEOUT = "timeout"  # hold the request, never answer
    ERROR = "error"  # HTTP 500
    DROP = "drop"  # close the connection without any response
    SOAP_FAULT = "soap_fault"  # the simulator answers a SOAP Fault (if it supports it)


@dataclass(frozen=True)
class FaultPlan:
    """What to inject. `fail_next` is consumed first, one fault per request; then `rates` apply."""

    latency: float = 0.0
    rates: Mapping[FaultKind, float] = field(default_factory=dict)
    fail_next: tuple[FaultKind, ...] = ()
    seed: int | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.latency <= 3600.0:
            raise ValueError(f"latence invalide : {self.latency} (0 à 3600 secondes)")
        rates = {FaultKind(kind): float(rate) for kind, rate in self.rates.items()}
        for kind, rate in rates.items():
            if not 0.0 <= rate <= 1.0:
                raise ValueError(f"taux invalide pour {kind} : {rate} (entre 0 et 1)")
        if sum(rates.values()) > 1.0 + 1e-9:
            raise ValueError("la somme des taux de pannes dépasse 1")
        object.__setattr__(self, "rates", rates)
        object.__setattr__(self, "fail_next", tuple(FaultKind(kind) for kind in self.fail_next))

    def to_json(self) -> dict[str, Any]:
        return {"latency": self.latency, "rates": {str(k): v for k, v in self.rates.items()},
                "fail_next": [str(k) for k in self.fail_next], "seed": self.seed}

    @classmethod
    def from_json(cls, data: Any) -> FaultPlan:
        """Build a plan from the control endpoint's JSON; ValueError (French) when malformed."""
        if not isinstance(data, dict):
            raise ValueError("objet JSON attendu")
        unknown = set(data) - {"latency", "rates", "fail_next", "seed"}
        if unknown:
            raise ValueError(f"clés inconnues : {', '.join(sorted(unknown))}")
        rates = data.get("rates") or {}
        fail_next = data.get("fail_next") or []
        seed = data.get("seed")
        if not isinstance(rates, dict) or not isinstance(fail_next, list):
            raise ValueError("« rates » doit être un objet et « fail_next » une liste")
        if seed is not None and not isinstance(seed, int):
            raise ValueError("« seed » doit être un entier")
        try:
            return cls(latency=float(data.get("latency") or 0.0), rates=_kinds(rates),
                       fail_next=tuple(_kind(k) for k in fail_next), seed=seed)
        except TypeError:
            raise ValueError("latence et taux doivent être des nombres") from None


def parse_rates(text: str) -> dict[FaultKind, float]:
    """Parse the command-line form `timeout=0.1,error=0.2,drop=0.1`."""
    rates: dict[FaultKind, float] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"« {item} » : forme attendue type=taux, par exemple drop=0.1")
        try:
            rates[_kind(name.strip())] = float(value)
        except ValueError as exc:
            raise ValueError(f"« {item} » : {exc}") from None
    return rates


def _kind(name: Any) -> FaultKind:
    try:
        return FaultKind(name)
    except ValueError:
        choices = ", ".join(k.value for k in FaultKind)
        raise ValueError(f"type de panne inconnu « {name} » (choix : {choices})") from None


def _kinds(rates: Mapping[Any, Any]) -> dict[FaultKind, float]:
    return {_kind(name): float(rate) for name, rate in rates.items()}


class FaultSettings:
    """The live fault plan, shared between threads. Simulators treat it as read-only."""

    def __init__(self, plan: FaultPlan | None = None) -> None:
        self._lock = threading.Lock()
        self._plan = FaultPlan()
        self._pending: deque[FaultKind] = deque()
        self._rng = random.Random()
        self.replace(plan or FaultPlan())

    @property
    def plan(self) -> FaultPlan:
        """The current plan; `fail_next` lists the faults still queued."""
        with self._lock:
            return replace(self._plan, fail_next=tuple(self._pending))

    @property
    def latency(self) -> float:
        return self._plan.latency

    def replace(self, plan: FaultPlan) -> None:
        """Install a new plan (queue and random generator restart from it)."""
        with self._lock:
            self._plan = plan
            self._pending = deque(plan.fail_next)
            self._rng = random.Random(plan.seed)

    def draw(self) -> FaultKind | None:
        """The fault for the next request, or None for a normal answer."""
        with self._lock:
            if self._pending:
                return self._pending.popleft()
            if not self._plan.rates:
                return None
            roll = self._rng.random()
            for kind, rate in self._plan.rates.items():
                if roll < rate:
                    return kind
                roll -= rate
            return None


def soap_fault_requested(scope: Scope | Any) -> bool:
    """For simulators: True when this request drew a `soap_fault` (accepts a Starlette Request or a scope)."""
    scope = getattr(scope, "scope", scope)
    return bool(scope.get("state", {}).get(_SOAP_FAULT_STATE))


class FaultMiddleware:
    """ASGI middleware applying latency and faults to one simulator (never to health or control)."""

    def __init__(self, app: ASGIApp, faults: FaultSettings, stopping: asyncio.Event) -> None:
        self.app = app
        self.faults = faults
        self.stopping = stopping

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # Drawn before the delay, so concurrent requests take faults in arrival order.
        kind = self.faults.draw()
        if self.faults.latency:
            await asyncio.sleep(self.faults.latency)
        if kind is FaultKind.TIMEOUT:
            await self._hold(receive)
            await _drop(scope, receive)
        elif kind is FaultKind.DROP:
            await _drop(scope, receive)
        elif kind is FaultKind.ERROR:
            response = PlainTextResponse("Erreur interne simulée par la sandbox", status_code=500)
            await response(scope, receive, send)
        else:
            if kind is FaultKind.SOAP_FAULT:
                scope.setdefault("state", {})[_SOAP_FAULT_STATE] = True
            await self.app(scope, receive, send)

    async def _hold(self, receive: Receive) -> None:
        """Wait until the client gives up, the sandbox stops, or HOLD_SECONDS pass."""
        waiters = [asyncio.ensure_future(_until_disconnected(receive)),
                   asyncio.ensure_future(self.stopping.wait())]
        try:
            await asyncio.wait(waiters, timeout=HOLD_SECONDS, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()
            for waiter in waiters:
                with contextlib.suppress(asyncio.CancelledError):
                    await waiter


async def _until_disconnected(receive: Receive) -> None:
    message: Message = await receive()
    while message["type"] != "http.disconnect":
        message = await receive()


async def _drop(scope: Scope, receive: Receive) -> None:
    abort: Callable[[], None] | None = scope.get("extensions", {}).get(ABORT_EXTENSION)
    if abort is None:
        raise RuntimeError("the 'drop' fault needs the sandbox's HTTP protocol (services.sandbox.connection)")
    abort()
    # Returning only once the server saw the disconnect keeps uvicorn from answering a 500 on our behalf.
    await _until_disconnected(receive)
