"""An INSi client wired to the sandbox over mutual TLS, recording every request it sends."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Literal

import httpx
from lxml import etree

from services.insi import InsiClient, LpsIdentity
from services.sandbox.server import RunningSandbox
from services.transport import make_async_client
from services.xml import parse_bytes
from tests.helpers.sandbox import tls_material

LPS = LpsIdentity(idam="LGC-TEST-0001", name="LGC-SEGUR", version="0.1.0",
                  instance="7f0b3c9e-1d2a-4c3b-9e8f-0a1b2c3d4e5f")
EMITTER = "899700366240"


@dataclass
class InsiWire:
    client: InsiClient
    http: httpx.AsyncClient
    url: str
    sent: list[httpx.Request] = field(default_factory=list)

    def sent_xml(self) -> list[etree._Element]:
        return [parse_bytes(request.content) for request in self.sent]


@asynccontextmanager
async def insi_wire(sandbox: RunningSandbox, *, cert: Literal["cps", "structure", "unknown"] | None = "cps",
                    http_timeout: float = 5.0) -> AsyncIterator[InsiWire]:
    sent: list[httpx.Request] = []

    async def record(request: httpx.Request) -> None:
        sent.append(request)

    url = sandbox.manifest.url("insi")
    async with make_async_client(tls_material(sandbox.manifest, cert), timeout=http_timeout,
                                 event_hooks={"request": [record]}) as http:
        yield InsiWire(InsiClient(http, url=url, lps=LPS, emitter=EMITTER), http, url, sent)
