"""The Annuaire simulator's Starlette app: FHIR searches, opaque paging links, API key, 17 calls/s.

Paging follows the v2 shape (§6.0): `next` is `<base>/_page?id=<opaque>`, the id naming a search state the
simulator keeps in memory (the most recent `_PAGE_STATES`). Refusals are `OperationOutcome`s: 401 without a
valid `ESANTE-API-KEY`, 429 past 17 calls in one second for one key, 400 for an unsupported parameter, 405
for PUT and DELETE (§8).
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from services.annuaire import constants
from services.sandbox.annuaire.population import Directory, Resource
from services.sandbox.annuaire.search import BadSearch, Search, run

_PAGE_STATES = 2000
_WINDOW_SECONDS = 1.0


def valid_key(key: str) -> bool:
    """The sandbox's key, or one derived from it (`<key>-<suffix>`): each counts as its own application."""
    return key == constants.SANDBOX_API_KEY or key.startswith(constants.SANDBOX_API_KEY + "-")


def outcome(status: int, code: str, text: str) -> JSONResponse:
    body = {"resourceType": "OperationOutcome",
            "issue": [{"severity": "error", "code": code, "diagnostics": text}]}
    return JSONResponse(body, status_code=status, media_type=constants.FHIR_JSON)


class RateLimiter:
    """Calls per key over a sliding second; a refused call is not counted."""

    def __init__(self, limit: int = constants.MAX_CALLS_PER_SECOND) -> None:
        self.limit = limit
        self._calls: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        with self._lock:
            calls = self._calls.setdefault(key, deque())
            while calls and calls[0] <= now - _WINDOW_SECONDS:
                calls.popleft()
            if len(calls) >= self.limit:
                return False
            calls.append(now)
            return True


@dataclass(frozen=True)
class _Page:
    search: Search
    offset: int


class _Pages:
    def __init__(self) -> None:
        self._states: OrderedDict[str, _Page] = OrderedDict()
        self._lock = threading.Lock()

    def keep(self, page: _Page) -> str:
        page_id = secrets.token_urlsafe(16)
        with self._lock:
            self._states[page_id] = page
            while len(self._states) > _PAGE_STATES:
                self._states.popitem(last=False)
        return page_id

    def get(self, page_id: str) -> _Page | None:
        with self._lock:
            return self._states.get(page_id)


def _index(directory: Directory, field: str) -> dict[str, list[Resource]]:
    index: dict[str, list[Resource]] = {}
    for role in directory.roles.values():
        index.setdefault(role[field]["reference"], []).append(role)
    return index


def create_annuaire_app(directory: Directory) -> Starlette:
    limiter = RateLimiter()
    pages = _Pages()
    roles_of = {"PractitionerRole:practitioner": _index(directory, "practitioner"),
                "PractitionerRole:organization": _index(directory, "organization")}

    def bundle(request: Request, page: _Page) -> dict[str, Any]:
        base = str(request.base_url)  # `<scheme>://<host>/<mount>/`
        search = page.search
        ids = search.matches[page.offset:page.offset + search.count]
        store = directory.of_type(search.resource_type)
        entries = [_entry(base, store[resource_id], "match") for resource_id in ids]
        extra: dict[str, Resource] = {}
        for revinclude in search.revincludes:
            for resource_id in ids:
                for role in roles_of[revinclude].get(f"{search.resource_type}/{resource_id}", []):
                    extra.setdefault(f"PractitionerRole/{role['id']}", role)
        for include in search.includes:
            field = include.split(":", 1)[1]
            for resource_id in ids:
                reference = store[resource_id].get(field, {}).get("reference", "")
                kind, _, target = reference.partition("/")
                if target in directory.of_type(kind):
                    extra.setdefault(reference, directory.of_type(kind)[target])
        entries += [_entry(base, resource, "include") for resource in extra.values()]
        result: dict[str, Any] = {"resourceType": "Bundle", "id": secrets.token_hex(8), "type": "searchset",
                                  "link": [{"relation": "self", "url": str(request.url)}], "entry": entries}
        if search.total_wanted or page.offset == 0:
            result["total"] = len(search.matches)
        if page.offset + search.count < len(search.matches):
            next_id = pages.keep(_Page(search, page.offset + search.count))
            result["link"].append({"relation": "next", "url": f"{base}_page?id={next_id}"})
        return result

    def guard(request: Request) -> Response | None:
        key = request.headers.get(constants.API_KEY_HEADER, "")
        if not valid_key(key):
            return outcome(401, "security", "clé ESANTE-API-KEY absente ou invalide")
        if not limiter.allow(key):
            return outcome(429, "throttled", f"plus de {limiter.limit} appels par seconde")
        return None

    async def search_endpoint(request: Request) -> Response:
        if (refusal := guard(request)) is not None:
            return refusal
        params = list(request.query_params.multi_items())
        if request.method == "POST":
            params += [(name, str(value)) for name, value in (await request.form()).multi_items()]
        try:
            search = run(directory, request.path_params["resource_type"], params)
        except BadSearch as exc:
            return outcome(400, "not-supported", str(exc))
        return JSONResponse(bundle(request, _Page(search, 0)), media_type=constants.FHIR_JSON)

    async def page_endpoint(request: Request) -> Response:
        if (refusal := guard(request)) is not None:
            return refusal
        page = pages.get(request.query_params.get("id", ""))
        if page is None:
            return outcome(410, "not-found", "page de résultats inconnue ou expirée")
        return JSONResponse(bundle(request, page), media_type=constants.FHIR_JSON)

    async def forbidden(request: Request) -> Response:
        return outcome(405, "not-supported", "modification interdite : l'Annuaire Santé est en lecture seule")

    return Starlette(routes=[
        Route("/_page", page_endpoint, methods=["GET"]),
        Route("/{resource_type}/_search", search_endpoint, methods=["POST"]),
        Route("/{resource_type}", search_endpoint, methods=["GET"]),
        Route("/{rest:path}", forbidden, methods=["PUT", "DELETE", "PATCH"]),
    ])


def _entry(base: str, resource: Resource, mode: str) -> Resource:
    return {"fullUrl": f"{base}{resource['resourceType']}/{resource['id']}", "resource": resource,
            "search": {"mode": mode}}
