"""An Annuaire client pointed at the session's sandbox, with its own API key (its own 17 calls/s count)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from services.annuaire import AnnuaireClient, TokenBucket
from services.annuaire.constants import SANDBOX_API_KEY
from services.sandbox.server import RunningSandbox
from services.transport import make_async_client
from tests.helpers.sandbox import tls_material


def fresh_key() -> str:
    """A key the simulator accepts, counted apart from every other test's."""
    return f"{SANDBOX_API_KEY}-{uuid.uuid4().hex[:8]}"


@asynccontextmanager
async def annuaire_client(sandbox: RunningSandbox, *, api_key: str | None = None,
                          limiter: TokenBucket | None = None) -> AsyncIterator[AnnuaireClient]:
    http = make_async_client(tls_material(sandbox.manifest))
    client = AnnuaireClient(http, base_url=sandbox.manifest.url("annuaire"), api_key=api_key or fresh_key(),
                            limiter=limiter)
    try:
        yield client
    finally:
        await client.aclose()
