"""The INSi simulator's Starlette app: one SOAP endpoint at the mount root (`/lps`)."""

from __future__ import annotations

import asyncio
import logging

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from services.sandbox.faults import soap_fault_requested
from services.sandbox.insi import answers, inbound
from services.sandbox.insi.faults import UNAVAILABLE, Refusal, fault_envelope
from services.sandbox.insi.population import Population

log = logging.getLogger("lgc.sandbox.insi")

_MEDIA_TYPE = "application/soap+xml; charset=utf-8"
_MATCHERS = {
    "traits": lambda population, envelope: answers.match_traits(population, inbound.traits_search(envelope)),
    "vitale": lambda population, envelope: answers.match_card(population, inbound.vitale_search(envelope)),
    "verify": lambda population, envelope: answers.match_verification(population,
                                                                      inbound.verification(envelope)),
}


def answer(population: Population, data: bytes, content_type: str, *,
           inject_fault: bool) -> tuple[int, bytes]:
    """HTTP status and SOAP body for one request (CPU only: run in a thread).

    SOAP 1.2 HTTP binding: a Sender fault is 400, a Receiver fault 500.
    """
    envelope: inbound.Envelope | None = None
    try:
        envelope = inbound.read_envelope(data, content_type)
        if inject_fault:
            raise UNAVAILABLE
        matches = _MATCHERS[envelope.operation](population, envelope)
        code, body = answers.result_envelope(envelope, matches)
        log.info("INSi %s %s: CR %s", envelope.operation, envelope.message_id, code)
        return 200, body
    except Refusal as refusal:
        message_id = refusal.message_id or (envelope.message_id if envelope else None)
        log.info("INSi refused %s/%s (%s): %s", refusal.siram, refusal.desir, message_id, refusal.text)
        return (500 if refusal.receiver else 400), fault_envelope(refusal, message_id)


def create_insi_app(population: Population) -> Starlette:
    async def endpoint(request: Request) -> Response:
        data = await request.body()
        content_type = request.headers.get("content-type", "")
        status, body = await asyncio.to_thread(answer, population, data, content_type,
                                               inject_fault=soap_fault_requested(request))
        return Response(body, status_code=status, media_type=_MEDIA_TYPE)

    return Starlette(routes=[Route("/", endpoint, methods=["POST"])])
