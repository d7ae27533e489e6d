"""Pro Santé Connect against the sandbox: a client, a headless "browser" that fills the wallet's login page,
and the simulated professional's CIBA answer."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from html import unescape

import httpx

from services.psc import ClientAuthMethod, ClientCredentials, PscClient, PscConfig, PscSignIn
from services.sandbox.server import RunningSandbox
from services.transport import TlsMaterial, make_async_client

SECRETS = {"lgc-segur": "lgc-segur-sandbox-secret", "lgc-segur-hs256": "lgc-segur-hs256-sandbox-secret",
           "lgc-segur-jwt": "lgc-segur-jwt-sandbox-secret", "lgc-segur-short": "lgc-segur-short-sandbox-secret"}
PAUL = "899700366240"


def psc_client(sandbox: RunningSandbox, client_id: str = "lgc-segur", *, secret: str | None = None,
               method: ClientAuthMethod = ClientAuthMethod.CLIENT_SECRET_BASIC) -> PscClient:
    http = make_async_client(TlsMaterial(ca_file=sandbox.manifest.ca_file), timeout=15.0)
    credentials = ClientCredentials(client_id, SECRETS.get(client_id, "x") if secret is None else secret, method)
    return PscClient(http, PscConfig(sandbox.manifest.url("psc"), credentials))


def _form_fields(page: str) -> dict[str, str]:
    return {name: unescape(value) for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"',
                                                                page)}


class HeadlessBrowser:
    """Plays the professional in the system browser: opens the page, signs in (or cancels), follows the
    redirect to the loopback. `tamper` may rewrite the final redirect URL (attacks on the callback)."""

    def __init__(self, sandbox: RunningSandbox, *, login: str = PAUL, code: str = "1234", action: str = "accept",
                 tamper: Callable[[str], str] | None = None) -> None:
        self.sandbox = sandbox
        self.login, self.code, self.action, self.tamper = login, code, action, tamper
        self.task: asyncio.Task[None] | None = None
        self.opened: list[str] = []
        self.redirects: list[str] = []
        self.visited = asyncio.Event()  # set once the page was opened

    def __call__(self, url: str) -> None:
        self.opened.append(url)
        self.task = asyncio.get_running_loop().create_task(self._visit(url))
        self.visited.set()

    async def _visit(self, url: str) -> None:
        async with make_async_client(TlsMaterial(ca_file=self.sandbox.manifest.ca_file), timeout=15.0) as http:
            page = await http.get(url)
            page.raise_for_status()
            answer = await http.post(url.split("?")[0], data={**_form_fields(page.text), "login": self.login,
                                                               "code": self.code, "action": self.action})
            assert answer.status_code == 302, answer.text
            location = answer.headers["location"]
        self.redirects.append(location)
        async with httpx.AsyncClient() as loopback:
            await loopback.get(self.tamper(location) if self.tamper else location)


async def browser_sign_in(client: PscClient, browser: HeadlessBrowser) -> PscSignIn:
    """`client.sign_in_with_browser(browser)`, failing at once when the headless browser fails."""
    sign_in = asyncio.create_task(client.sign_in_with_browser(browser, wait_seconds=30))
    opened = asyncio.create_task(browser.visited.wait())
    await asyncio.wait([sign_in, opened], return_when=asyncio.FIRST_COMPLETED)
    opened.cancel()
    if browser.task is not None:
        await asyncio.wait([sign_in, browser.task], return_when=asyncio.FIRST_EXCEPTION)
        if browser.task.done() and browser.task.exception() is not None:
            sign_in.cancel()
            raise AssertionError("the headless browser failed") from browser.task.exception()
    return await sign_in


async def answer_ciba(sandbox: RunningSandbox, binding_message: str, *, approve: bool, login_hint: str = PAUL) -> None:
    """The professional answers in the simulated e-CPS app, once the request is there."""
    url = sandbox.manifest.url("psc") + "/_sandbox/ciba"
    async with make_async_client(TlsMaterial(ca_file=sandbox.manifest.ca_file)) as http:
        for _ in range(200):
            waiting = (await http.get(url)).json()
            if {"login_hint": login_hint, "binding_message": binding_message} in [
                    {k: w[k] for k in ("login_hint", "binding_message")} for w in waiting]:
                break
            await asyncio.sleep(0.05)
        response = await http.post(url, json={"login_hint": login_hint, "binding_message": binding_message,
                                              "approve": approve})
        response.raise_for_status()


async def rotate_keys(sandbox: RunningSandbox, *, retire_old: bool = False) -> str:
    async with make_async_client(TlsMaterial(ca_file=sandbox.manifest.ca_file)) as http:
        response = await http.post(sandbox.manifest.url("psc") + "/_sandbox/rotate-keys",
                                   json={"retire_old": retire_old})
        response.raise_for_status()
        return str(response.json()["kid"])


async def approve_waiting(sandbox: RunningSandbox, login_hint: str = PAUL, *, approve: bool = True) -> str:
    """Answer the first CIBA request waiting for `login_hint` (whatever its digits); returns the digits."""
    url = sandbox.manifest.url("psc") + "/_sandbox/ciba"
    async with make_async_client(TlsMaterial(ca_file=sandbox.manifest.ca_file)) as http:
        for _ in range(400):
            waiting = [w for w in (await http.get(url)).json() if w["login_hint"] == login_hint]
            if waiting:
                digits = str(waiting[0]["binding_message"])
                await answer_ciba(sandbox, digits, approve=approve, login_hint=login_hint)
                return digits
            await asyncio.sleep(0.05)
    raise AssertionError("no CIBA request came")
