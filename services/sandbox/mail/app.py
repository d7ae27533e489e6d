"""The SMTP listener (aiosmtpd) and the HTTP control routes of the mail sink."""

from __future__ import annotations

import asyncio
import logging
import socket
import ssl

from aiosmtpd.smtp import SMTP, Envelope
from aiosmtpd.smtp import Session as SmtpSession
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from services.sandbox.context import SimulatorContext
from services.sandbox.mail.store import MessageStore

log = logging.getLogger("lgc.sandbox.mail")

_HOSTNAME = "sandbox.localhost"  # what the sink says in its greeting (aiosmtpd would resolve the FQDN)


class _Sink:
    """aiosmtpd handler: keep the message, accept it."""

    def __init__(self, store: MessageStore) -> None:
        self.store = store

    async def handle_DATA(self, server: SMTP, session: SmtpSession, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        self.store.add(str(envelope.mail_from), [str(rcpt) for rcpt in envelope.rcpt_tos], raw,
                       over_tls=session.ssl is not None)
        return "250 Message accepted for delivery"


def _tls_context(ctx: SimulatorContext) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(ctx.pki.server_cert, ctx.pki.server_key)
    return context


async def _serve_smtp(sock: socket.socket, store: MessageStore, tls: ssl.SSLContext) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(_Sink(store), hostname=_HOSTNAME, tls_context=tls, require_starttls=True), sock=sock)
    async with server:  # closed when the sandbox's loop cancels this task at shutdown
        await server.serve_forever()


def create_app(ctx: SimulatorContext) -> Starlette:
    store = MessageStore(ctx.data_dir / "messages")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    port = sock.getsockname()[1]
    ctx.published["mail_smtp"] = f"smtp://127.0.0.1:{port}"
    # create_app runs inside the sandbox's `serve()` coroutine: the SMTP listener shares its loop.
    task = asyncio.get_running_loop().create_task(_serve_smtp(sock, store, _tls_context(ctx)))
    task.add_done_callback(lambda done: sock.close())

    async def messages(request: Request) -> Response:
        if request.method == "DELETE":
            store.clear()
            return Response(status_code=204)
        return JSONResponse(store.messages(request.query_params.get("to")))

    async def status(request: Request) -> Response:
        return JSONResponse({"smtp": ctx.published["mail_smtp"], "messages": len(store.messages())})

    app = Starlette(routes=[Route("/", status), Route("/messages", messages, methods=["GET", "DELETE"])])
    app.state.smtp_task = task  # a strong reference: asyncio keeps tasks only weakly
    return app
