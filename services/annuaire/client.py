"""Annuaire Santé FHIR R4 client (PROTOCOLS.md §6, §6.0): practitioner searches with their practice places.

One search is two calls: `Practitioner?…&_revinclude=PractitionerRole:practitioner` (the page of
practitioners with their roles), then `Organization?_id=…` for the organisations those roles reference
(restricted by `address-city` when the user asked for a city). "More results" follows the server's `next`
link verbatim (v2 shape `…/fhir/v2/_page?id=<opaque>`), only towards the configured server: the API key is
never sent elsewhere. Every call first takes a token of the client's bucket (17 calls/s, §6.0). Parsing a
page (up to 2000 entries) runs in a thread: the caller's event loop may be the GUI's.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import urlsplit

import httpx
from fhir.resources.R4B.bundle import Bundle

from services.annuaire import constants, errors, mapping
from services.annuaire.models import PractitionerQuery, SearchPage
from services.annuaire.rate_limit import TokenBucket
from services.transport import classify

# Organisation ids per `_id` search: keeps the URL short (a page holds at most 2000 practitioners).
_IDS_PER_CALL = 100


class AnnuaireClient:
    def __init__(self, http: httpx.AsyncClient, *, base_url: str, api_key: str,
                 limiter: TokenBucket | None = None) -> None:
        self._http = http
        self._base = base_url.rstrip("/")
        self._api_key = api_key
        # three quarters of the allowance: requests sent evenly may still arrive bunched (network, a busy
        # workstation) within the server's one-second window
        self._limiter = limiter or TokenBucket.for_calls_per_second(constants.MAX_CALLS_PER_SECOND * 3 // 4)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def search(self, query: PractitionerQuery) -> SearchPage:
        """The first page of practitioners matching `query`.

        Raises:
            AnnuaireError: empty query, refused key, rate limit, unsupported criterion, transport failure.
        """
        if query.is_empty():
            raise errors.AnnuaireError(errors.QUERY)
        params: list[tuple[str, str]] = [("_count", str(max(1, min(query.page_size, constants.MAX_PAGE_SIZE)))),
                                         ("_revinclude", "PractitionerRole:practitioner")]
        if query.family.strip():
            params.append(("family", query.family.strip()))
        if query.given.strip():
            params.append(("given", query.given.strip()))
        if query.rpps.strip():
            params.append(("identifier", f"{constants.RPPS_SYSTEM}|{query.rpps.strip()}"))
        if query.specialty.strip():
            params.append(("qualification-code", query.specialty.strip()))
        return await self._page(f"{self._base}/Practitioner", params, query)

    async def more(self, page: SearchPage) -> SearchPage | None:
        """The page after `page` (its `next` link, verbatim), or None at the end."""
        if page.next_url is None:
            return None
        if not self._same_server(page.next_url):
            raise errors.AnnuaireError(errors.ANSWER, detail=f"next link to another server: {page.next_url[:200]}")
        return await self._page(page.next_url, None, page.query)

    async def _page(self, url: str, params: list[tuple[str, str]] | None, query: PractitionerQuery) -> SearchPage:
        bundle = await self._get(url, params)
        found, roles = mapping.practitioners(bundle)
        organisation_bundles = await self._organisations(mapping.organisation_ids(roles), query.city)
        organisations = mapping.organisations([bundle, *organisation_bundles])
        practitioners = mapping.entries(found, roles, organisations, city=query.city)
        return SearchPage(practitioners, mapping.next_link(bundle), bundle.total, query)

    async def _organisations(self, ids: list[str], city: str) -> list[Bundle]:
        bundles = []
        for start in range(0, len(ids), _IDS_PER_CALL):
            params = [("_id", ",".join(ids[start:start + _IDS_PER_CALL])), ("_count", str(_IDS_PER_CALL))]
            if city.strip():
                params.append(("address-city", city.strip()))
            bundle = await self._get(f"{self._base}/Organization", params)
            bundles.append(bundle)
            bundles.extend(await self._following(bundle))
        return bundles

    async def _following(self, bundle: Bundle) -> list[Bundle]:
        """The later pages of an auxiliary search (organisations), which the caller wants whole."""
        pages = []
        url = mapping.next_link(bundle)
        while url is not None:
            if not self._same_server(url):
                raise errors.AnnuaireError(errors.ANSWER, detail=f"next link to another server: {url[:200]}")
            page = await self._get(url, None)
            pages.append(page)
            url = mapping.next_link(page)
        return pages

    def _same_server(self, url: str) -> bool:
        mine, theirs = urlsplit(self._base), urlsplit(url)
        return (theirs.scheme, theirs.netloc) == (mine.scheme, mine.netloc) and \
            theirs.path.startswith(mine.path + "/")

    async def _get(self, url: str, params: list[tuple[str, str]] | None) -> Bundle:
        await self._limiter.acquire()
        try:
            headers = {constants.API_KEY_HEADER: self._api_key, "Accept": constants.FHIR_JSON}
            # a `next` link is used verbatim: no params are merged into its query
            response = await self._http.get(url, params=httpx.QueryParams(tuple(params)) if params else None,
                                            headers=headers)
        except httpx.HTTPError as exc:
            raise errors.for_transport(classify(exc), f"{type(exc).__name__}: {exc}") from None
        if response.status_code >= 400:
            raise errors.for_status(response.status_code, _diagnostics(response.content))
        return await asyncio.to_thread(_bundle, response.content)


def _bundle(content: bytes) -> Bundle:
    try:
        data: Any = json.loads(content)
    except ValueError:
        raise errors.AnnuaireError(errors.ANSWER, detail="not JSON") from None
    return mapping.parse_bundle(data)


def _diagnostics(content: bytes) -> str:
    """The OperationOutcome's diagnostics (untrusted: for the trace only), truncated."""
    try:
        data = json.loads(content)
        if isinstance(data, dict) and data.get("resourceType") == "OperationOutcome":
            issues = data.get("issue") or []
            return "; ".join(str(issue.get("diagnostics") or issue.get("code") or "")
                             for issue in issues if isinstance(issue, dict))[:500]
    except ValueError:
        pass
    return content[:200].decode("utf-8", "replace")



