"""The simulator's control routes (listed in the package docstring): what tests and the demo use to look into
mailboxes, play the recipient (read, reply) and inject messages from another software."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from services.sandbox.mss import inject
from services.sandbox.mss.post_office import PostOffice, ReplyRefused
from services.sandbox.mss.store import MailStore
from services.sandbox.mss.trust_space import SOFTWARE_MAILBOX, TrustSpace


def _error(status: int, text: str) -> JSONResponse:
    return JSONResponse({"error": text}, status_code=status)


async def _body(request: Request) -> dict[str, Any]:
    try:
        data = json.loads(await request.body())
    except ValueError:
        raise inject.InjectError("corps JSON attendu") from None
    if not isinstance(data, dict):
        raise inject.InjectError("objet JSON attendu")
    return data


def create_control_app(trust: TrustSpace, store: MailStore, post_office: PostOffice,
                       shared_dir: Path | None) -> Starlette:
    def known(address: str) -> str | None:
        mailbox = trust.find(address)
        return mailbox.address if mailbox else None

    async def mailboxes(request: Request) -> Response:
        kind = request.query_params.get("kind")
        return JSONResponse([{"address": box.address, "kind": box.kind} for box in trust
                             if kind is None or box.kind == kind])

    async def messages(request: Request) -> Response:
        address = known(request.path_params["address"])
        if address is None:
            return _error(404, "boîte inconnue")
        return JSONResponse([message.summary() for message in store.messages(address)])

    async def raw_message(request: Request) -> Response:
        address = known(request.path_params["address"])
        raw = store.raw(address, request.path_params["uid"]) if address else None
        if raw is None:
            return _error(404, "message inconnu")
        return Response(raw, media_type="message/rfc822")

    async def recipient_action(request: Request) -> tuple[str | None, dict[str, Any]] | Response:
        """The acting recipient's mailbox (None: not in the trust space) and the action's JSON body, or a 400."""
        try:
            body = await _body(request)
        except inject.InjectError as exc:
            return _error(400, str(exc))
        return known(str(body.get("mailbox", ""))), body

    async def read(request: Request) -> Response:
        if isinstance(action := await recipient_action(request), Response):
            return action
        address, body = action
        if address is None or not post_office.read(address, str(body.get("message_id", ""))):
            return _error(404, "boîte ou message inconnu")
        return JSONResponse({"read": True})

    async def reply(request: Request) -> Response:
        if isinstance(action := await recipient_action(request), Response):
            return action
        address, body = action
        if address is None:
            return _error(404, "boîte inconnue")
        try:
            target = post_office.reply(address, str(body.get("message_id", "")), str(body.get("text", "")))
        except ReplyRefused as exc:
            return _error(409, str(exc))
        return JSONResponse({"to": target})

    async def inject_message(request: Request) -> Response:
        if shared_dir is None or not (shared_dir / "cisis" / "examples").is_dir():
            return _error(503, "dossier de référence « shared » introuvable : lancez la sandbox avec --shared "
                               "DOSSIER ou LGC_SHARED (exemples CI-SIS nécessaires à l'injection)")
        try:
            body = await _body(request)
            to = known(str(body.get("to", "")))
            sender = known(str(body.get("from") or SOFTWARE_MAILBOX))
            if to is None or sender is None:
                raise inject.InjectError("destinataire ou expéditeur hors de l'espace de confiance")
            cda = inject.example_path(shared_dir, str(body.get("example", ""))).read_bytes()
            # off the loop: a zip bomb variant writes 150 MB of zeros through deflate
            raw = await run_in_threadpool(inject.build, cda, sender=sender, to=to,
                                          patient=_patient(body.get("patient")), variant=body.get("variant"))
        except inject.InjectError as exc:
            return _error(400, str(exc))
        stored = store.add(to, f"Return-Path: <{sender}>\r\n".encode() + raw)
        return JSONResponse({"message_id": stored.message_id, "uid": stored.uid})

    return Starlette(routes=[
        Route("/_control/mailboxes", mailboxes),
        Route("/_control/mailboxes/{address}/messages", messages),
        Route("/_control/mailboxes/{address}/messages/{uid:int}", raw_message),
        Route("/_control/read", read, methods=["POST"]),
        Route("/_control/reply", reply, methods=["POST"]),
        Route("/_control/inject", inject_message, methods=["POST"]),
    ])


def _patient(data: Any) -> inject.Patient | None:
    if data is None:
        return None
    fields = ("ins", "oid", "family", "given", "birth_date", "sex")
    if not isinstance(data, dict) or set(data) - set(fields) or not {"ins", "family", "given"} <= set(data):
        raise inject.InjectError(f"« patient » : objet avec {', '.join(fields)} attendu")
    return inject.Patient(ins=str(data["ins"]), oid=str(data.get("oid") or "1.2.250.1.213.1.4.8"),
                          family=str(data["family"]), given=str(data["given"]),
                          birth_date=str(data.get("birth_date", "")), sex=str(data.get("sex", "")))
