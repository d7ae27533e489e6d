"""Demo simulator: echoes the request and the caller's certificate, to exercise the sandbox framework."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from services.sandbox.connection import peer_certificate
from services.sandbox.context import SimulatorContext
from services.sandbox.faults import soap_fault_requested

NAME = "echo"
MOUNT = "/echo"
MUTUAL_TLS = True

_SOAP_FAULT = """<?xml version="1.0" encoding="UTF-8"?>
<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault>
<env:Code><env:Value>env:Receiver</env:Value></env:Code>
<env:Reason><env:Text xml:lang="fr">Panne simulée</env:Text></env:Reason>
</env:Fault></env:Body></env:Envelope>""".encode()


def create_app(ctx: SimulatorContext) -> Starlette:
    async def echo(request: Request) -> Response:
        if soap_fault_requested(request):
            return Response(_SOAP_FAULT, status_code=500, media_type="application/soap+xml")
        body = await request.body()
        cert = peer_certificate(request)
        return JSONResponse({
            "method": request.method,
            "path": request.url.path,
            "body_length": len(body),
            "peer_subject": cert.subject.rfc4514_string() if cert else None,
            "peer_from_test_ca": ctx.pki.issued_by_ca(cert) if cert else False,
        })

    return Starlette(routes=[Route("/{rest:path}", echo, methods=["GET", "POST"])])
