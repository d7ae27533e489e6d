"""The `noop` kind: sends nothing; proves the outbox machinery (demo, tests, `lgc worker` smoke test).

Payload options, for tests: `fail_attempts` (n) fails transiently on the first n attempts; `permanent`
(true) fails permanently; `crash` (true) raises an unexpected exception; `sleep` (seconds) takes that long.
"""

from __future__ import annotations

import asyncio

from lgc_app.outbox.errors import PermanentSendError, TransientSendError
from lgc_app.outbox.handler import HandlerResult, OrderContext

KIND = "noop"


async def handle(ctx: OrderContext) -> HandlerResult:
    ctx.trace(f"noop : tentative {ctx.attempt} pour {ctx.payload_ref}")
    sleep = float(ctx.payload.get("sleep", 0))
    if sleep:
        await asyncio.sleep(sleep)
    if ctx.payload.get("permanent"):
        raise PermanentSendError("Envoi de test refusé (échec définitif demandé).")
    if ctx.attempt <= int(ctx.payload.get("fail_attempts", 0)):
        raise TransientSendError("Service de test indisponible (échec temporaire demandé).",
                                 detail=f"tentative {ctx.attempt}")
    if ctx.payload.get("crash"):
        raise RuntimeError("noop crash requested")
    return HandlerResult(summary="noop : rien à envoyer")
