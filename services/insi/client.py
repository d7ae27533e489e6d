"""Async client of the INSi téléservice (PROTOCOLS.md §2): search by traits, by carte Vitale, verify.

The `httpx.AsyncClient` comes from `services/transport.py` (mutual TLS, one per service, created at
start-up). Building an envelope and parsing an answer take 0.1–0.2 ms each (median, `bench/bench_insi.py`)
with spikes of 4 ms on a busy machine: they run in a worker thread, as the house rule wants for XML.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from functools import partial

import httpx

from services.insi.envelope import Envelope, EnvelopeBuilder
from services.insi.errors import BAD_RESPONSE, InsiError, transport_error
from services.insi.models import (
    CR_FOUND,
    CR_SEVERAL,
    InsiResult,
    LpsIdentity,
    TraitsQuery,
    VerifyQuery,
    VitaleQuery,
)
from services.insi.response import parse_response
from services.transport import ResponseTooLargeError, TransportErrorCode, classify, post_capped

log = logging.getLogger("lgc.insi")

# An INSi answer names a handful of identities (a few kB): anything past this is not an INSi answer.
MAX_RESPONSE_BYTES = 1024 * 1024


class InsiClient:
    """One INSi endpoint for one installation (its ContexteLPS) and one emitter (professional id)."""

    def __init__(self, http: httpx.AsyncClient, *, url: str, lps: LpsIdentity, emitter: str,
                 max_response_bytes: int = MAX_RESPONSE_BYTES) -> None:
        self._http = http
        self._max_response_bytes = max_response_bytes
        self._url = url
        self._builder = EnvelopeBuilder(lps, emitter)

    async def aclose(self) -> None:
        """Close the HTTP client given at construction (its pooled connections), at the end of the session."""
        await self._http.aclose()

    async def search_by_traits(self, q: TraitsQuery) -> InsiResult:
        """One call per birth first name, in order, then one with the whole list (PROTOCOLS.md §2.0).

        The loop stops at the first `00`; a `02` does not stop it (another first name may single the
        identity out). The whole-list call (`Prenom` = `PIERRE PAUL JACQUES`) is made only when there are
        several first names. Empty `given_names` sends one empty `Prenom`, which INSi refuses (`insi_209`).
        Return: the `00`, or else the first `02`, or else the last `01`.
        Raises: InsiError on a SOAP Fault or a transport failure (the loop stops there).
        """
        several: InsiResult | None = None
        result: InsiResult | None = None
        for given_name in _given_name_calls(q.given_names):
            build = partial(self._builder.traits, q, given_name)
            result = _one_identity_if_found(await self._call("rechercherInsAvecTraitsIdentite", build))
            if result.code == CR_FOUND:
                return result
            if result.code == CR_SEVERAL and several is None:
                several = result
        assert result is not None
        return several or result

    async def search_by_vitale(self, q: VitaleQuery) -> InsiResult:
        return _one_identity_if_found(
            await self._call("rechercherInsAvecCarteVitale", partial(self._builder.vitale, q)))

    async def verify(self, q: VerifyQuery) -> InsiResult:
        """`00` confirms the INS for these traits (§2.4, assumed semantics)."""
        return await self._call("verifierInsAvecTraitsIdentite", partial(self._builder.verify, q))

    async def _call(self, operation: str, build: Callable[[], Envelope]) -> InsiResult:
        envelope = await asyncio.to_thread(build)
        started = time.perf_counter()
        try:
            try:
                response = await post_capped(self._http, self._url, max_bytes=self._max_response_bytes,
                                             content=envelope.body, headers=envelope.headers)
            except ResponseTooLargeError as exc:
                raise transport_error(BAD_RESPONSE, str(exc)) from None
            except httpx.HTTPError as exc:
                raise transport_error(classify(exc), f"{type(exc).__name__}: {exc}") from exc
            result = await asyncio.to_thread(_result, response, envelope.message_id)
        except InsiError as exc:
            log.warning("INSi %s %s: failed %s/%s in %.0f ms (%s)", operation, envelope.message_id,
                        exc.siram_code, exc.desir_code, _ms(started), exc.detail[:200])
            raise
        log.info("INSi %s %s: CR %s, %d identities in %.0f ms", operation, envelope.message_id, result.code,
                 len(result.identities), _ms(started))
        return result


def _given_name_calls(given_names: tuple[str, ...]) -> list[str]:
    """Each birth first name, then all of them separated by spaces (only when there are several)."""
    if not given_names:
        return [""]
    return [*given_names, " ".join(given_names)] if len(given_names) > 1 else list(given_names)


def _one_identity_if_found(result: InsiResult) -> InsiResult:
    """A search answering `00` names exactly one identity (§2.4); anything else is a broken answer."""
    if result.code == CR_FOUND and len(result.identities) != 1:
        raise transport_error(BAD_RESPONSE, f"CR 00 avec {len(result.identities)} INDIVIDU")
    return result


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _result(response: httpx.Response, message_id: str) -> InsiResult:
    """SOAP 1.2 over HTTP answers a Fault with 400/500: read the body first, judge the status after."""
    try:
        return parse_response(response.content, message_id)
    except InsiError as exc:
        if exc.is_transport and response.status_code != httpx.codes.OK:
            code = TransportErrorCode.HTTP_5XX if response.status_code >= 500 else TransportErrorCode.HTTP_4XX
            raise transport_error(code, f"HTTP {response.status_code}") from None
        raise

