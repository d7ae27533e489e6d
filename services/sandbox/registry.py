"""The simulators the sandbox knows, loaded from their packages `services/sandbox/<name>/`.

A simulator package's `__init__.py` exposes:

- `NAME: str` — its key in the manifest's `urls`;
- `MOUNT: str` — its path prefix, e.g. `"/lps"` (starts with `/`, no trailing `/`);
- `MUTUAL_TLS: bool` — served on the mutual-TLS listener (client certificate required) or the other;
- `create_app(ctx: SimulatorContext) -> ASGIApp` — usually a Starlette app. Do all set-up there: the
  ASGI lifespan of a simulator app is not run (it is mounted, and Starlette runs only the root's).

A simulator whose package does not exist yet (or has no `__init__.py`) is skipped; any other import
error is raised.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType

from starlette.types import ASGIApp

from services.sandbox.context import SimulatorContext

SIMULATOR_NAMES = ("echo", "insi", "dmp", "psc", "annuaire", "mss", "mail")
_RESERVED_MOUNTS = ("/health", "/_control")
_RESERVED_NAMES = ("health", "control")


class SimulatorError(RuntimeError):
    """A simulator package does not follow the interface above."""


@dataclass(frozen=True)
class Simulator:
    name: str
    mount: str
    mutual_tls: bool
    create_app: Callable[[SimulatorContext], ASGIApp]


def available_simulators(names: Sequence[str] = SIMULATOR_NAMES) -> list[Simulator]:
    """The simulators among `names` whose package exists, in that order."""
    simulators = [_describe(module) for module in filter(None, map(_import, names))]
    for index, simulator in enumerate(simulators):
        for other in simulators[:index]:
            same_listener = simulator.mutual_tls == other.mutual_tls
            nested = (simulator.mount + "/").startswith(other.mount + "/") or \
                (other.mount + "/").startswith(simulator.mount + "/")
            if simulator.name == other.name or (same_listener and nested):
                raise SimulatorError(f"{simulator.name} et {other.name} : nom ou préfixe en conflit")
    return simulators


def _import(name: str) -> ModuleType | None:
    module_name = f"{__package__}.{name}"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None
        raise
    # A folder without __init__.py imports as a namespace package: a simulator still being written.
    return module if getattr(module, "__file__", None) else None


def _describe(module: ModuleType) -> Simulator:
    try:
        simulator = Simulator(name=module.NAME, mount=module.MOUNT, mutual_tls=module.MUTUAL_TLS,
                              create_app=module.create_app)
    except AttributeError as exc:
        raise SimulatorError(f"{module.__name__} : {exc}") from None
    mount = simulator.mount
    if not mount.startswith("/") or mount.endswith("/") or mount.startswith(_RESERVED_MOUNTS) \
            or simulator.name in _RESERVED_NAMES:
        raise SimulatorError(f"{module.__name__} : NAME {simulator.name!r} ou MOUNT {mount!r} invalide")
    return simulator
