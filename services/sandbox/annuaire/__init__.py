"""Annuaire Santé simulator (PROTOCOLS.md §6, refusals §8): FHIR R4 searches over a synthetic directory.

Served at `/annuaire/fhir/v2` on the server-TLS listener (the real API is reached with an API key, not a
client certificate). The directory (`population.py`) is generated at start-up, not stored: `ctx.data_dir`
stays unused. Valid keys: `services.annuaire.constants.SANDBOX_API_KEY` and `<that key>-<suffix>` (one
application each, for the 17 calls/s count).
"""

from __future__ import annotations

from starlette.types import ASGIApp

from services.sandbox.annuaire.app import create_annuaire_app
from services.sandbox.annuaire.population import build_directory
from services.sandbox.context import SimulatorContext

NAME = "annuaire"
MOUNT = "/annuaire/fhir/v2"
MUTUAL_TLS = False


def create_app(ctx: SimulatorContext) -> ASGIApp:
    return create_annuaire_app(build_directory())
