"""The registry of order describers, by order kind (see `lgc_app.outbox.trace.Describer`).

Like `handlers.default_handlers`, this wiring names the modules of every kind; it is the one place of the
outbox that does, and belongs to the composition root once there is one. `lgc_app.outbox.trace` itself
only receives the mapping.
"""

from __future__ import annotations

from lgc_app.dmp import feeding
from lgc_app.dmp import trace as dmp_trace
from lgc_app.outbox.trace import Describer


def register(registry: dict[str, Describer], kind: str, describer: Describer) -> None:
    """Add one kind's describer; a kind is described once."""
    if kind in registry:
        raise ValueError(f"describer already registered for {kind!r}")
    registry[kind] = describer


def default_describers() -> dict[str, Describer]:
    """The describers of every kind this application sends."""
    registry: dict[str, Describer] = {}
    register(registry, feeding.KIND, dmp_trace.describer())
    return registry
