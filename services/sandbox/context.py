"""What the sandbox hands to each simulator's `create_app`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from services.sandbox.ca import Pki
from services.sandbox.faults import FaultSettings


@dataclass(frozen=True)
class SimulatorContext:
    """Args:
    data_dir: the simulator's own persistent folder, `<state>/data/<NAME>/` (created, survives restarts).
    pki: the test PKI; `pki.issued_by_ca(cert)` tells whether a signing certificate comes from the test CA.
    faults: the live fault settings, read-only for simulators (see `faults.soap_fault_requested`).
    published: extra manifest URLs a simulator adds for what is not HTTP (the mail sink's SMTP listener).
    shared_dir: the project's read-only reference material (`../shared`: CI-SIS examples), None when absent.
    """

    data_dir: Path
    pki: Pki
    faults: FaultSettings
    published: dict[str, str] = field(default_factory=dict)
    shared_dir: Path | None = None
