"""Submission sessions kept open between messages of one mailbox, so that a burst of messages (a day's validated
documents, the replies of a fetch) pays the connection, TLS handshake and SASL once, not per message.

Only for a mailbox authenticated by the structure's certificate (SASL EXTERNAL, or LOGIN after it): its identity
does not depend on who acts. A bearer session (XOAUTH2/OAUTHBEARER) carries the acting user's Pro Santé Connect
token and is never kept. A session idle longer than `idle_seconds` is closed rather than reused (servers drop
idle clients, RFC 5321 §4.5.3.2); one dropped anyway is noticed by its first command and replaced. Bound to one
event loop: a new loop starts afresh.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import time
from dataclasses import dataclass

import aiosmtplib

from services.mss.connection import Endpoint, MailboxAccess, Mechanism
from services.transport import TlsMaterial

REUSABLE = frozenset({Mechanism.EXTERNAL, Mechanism.LOGIN})
SessionKey = tuple[Endpoint, str, Mechanism]


@dataclass
class _Idle:
    client: aiosmtplib.SMTP
    since: float


class SmtpSessions:
    """Idle authenticated SMTP clients by (server, mailbox, mechanism), and the TLS contexts they were built with."""

    def __init__(self, *, idle_seconds: float = 30.0) -> None:
        self._idle_seconds = idle_seconds
        self._idle: dict[SessionKey, list[_Idle]] = {}
        self._contexts: dict[TlsMaterial, ssl.SSLContext] = {}
        self._loop: asyncio.AbstractEventLoop | None = None

    async def context(self, access: MailboxAccess) -> ssl.SSLContext:
        """The mailbox's TLS context, built once (loading certificate files is blocking: in a thread)."""
        context = self._contexts.get(access.tls)
        if context is None:
            context = self._contexts[access.tls] = await asyncio.to_thread(access.ssl_context)
        return context

    def take(self, key: SessionKey) -> aiosmtplib.SMTP | None:
        """An open session for `key`, or None (the caller opens one and `give`s it back after use)."""
        self._check_loop()
        idle = self._idle.get(key, [])
        while idle:
            entry = idle.pop()
            if entry.client.is_connected and time.monotonic() - entry.since < self._idle_seconds:
                return entry.client
            entry.client.close()
        return None

    def give(self, key: SessionKey, client: aiosmtplib.SMTP) -> None:
        self._check_loop()
        if client.is_connected:
            self._idle.setdefault(key, []).append(_Idle(client, time.monotonic()))

    async def aclose(self) -> None:
        """QUIT every idle session (politely, bounded), forget the contexts (certificates may be renewed)."""
        entries = [entry for idle in self._idle.values() for entry in idle]
        self._idle.clear()
        self._contexts.clear()
        for entry in entries:
            try:
                await asyncio.wait_for(entry.client.quit(), 5.0)
            except (aiosmtplib.SMTPException, OSError, TimeoutError):
                entry.client.close()

    def _check_loop(self) -> None:
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # sessions of another (finished) loop cannot be used here
            for idle in self._idle.values():
                for entry in idle:
                    with contextlib.suppress(RuntimeError):  # that loop is closed: drop the socket as it is
                        entry.client.close()
            self._idle.clear()
            self._loop = loop
