"""The professional's e-CPS app, played by a scenario against the sandbox: it approves the Pro Santé Connect
request showing the digits the sign-in dialog shows (the PSC simulator's `/_sandbox/ciba` control route).

Only the sandbox has that route: a scenario runs on a demonstration or test workstation, never on a real PSC.
"""

from __future__ import annotations

import asyncio

import httpx

from lgc_app.config import Settings
from services.transport import TlsMaterial, make_async_client
from ui.tasks import run_in_thread

CONTROL_PATH = "/_sandbox/ciba"
POLL_SECONDS = 0.2
WAIT_SECONDS = 60.0


class PhoneError(RuntimeError):
    """The sandbox never received the sign-in request (or refused the answer)."""


async def approve(settings: Settings, login_hint: str, digits: str) -> None:
    """Wait until the request for `login_hint` with these `digits` reaches the sandbox, then approve it."""
    url = settings["services.psc_issuer"].rstrip("/") + CONTROL_PATH
    http = await run_in_thread(make_async_client, TlsMaterial(ca_file=settings["tls.ca_file"]), timeout=WAIT_SECONDS)
    try:
        async with asyncio.timeout(WAIT_SECONDS):
            while not await _waiting(http, url, login_hint, digits):  # noqa: ASYNC110 - the sandbox is polled
                await asyncio.sleep(POLL_SECONDS)
        answer = await http.post(url, json={"login_hint": login_hint, "binding_message": digits, "approve": True})
        answer.raise_for_status()
    except (httpx.HTTPError, TimeoutError) as exc:
        raise PhoneError(f"e-CPS (bac à sable) : {exc!r}") from exc
    finally:
        await http.aclose()


async def _waiting(http: httpx.AsyncClient, url: str, login_hint: str, digits: str) -> bool:
    response = await http.get(url)
    response.raise_for_status()
    return any(request.get("login_hint") == login_hint and request.get("binding_message") == digits
               for request in response.json())
