"""The MSSanté simulator from a test's side, with the standard library's clients (smtplib, imaplib, ssl):
connections after STARTTLS, SASL responses, control routes, and real PSC simulator tokens."""

from __future__ import annotations

import asyncio
import base64
import imaplib
import io
import smtplib
import ssl
import time
import zipfile
from collections.abc import Callable
from email import message_from_bytes, policy
from email.message import Message
from typing import Any, Literal

import httpx

from services.psc import CibaRequest
from services.sandbox.server import RunningSandbox
from tests.helpers.psc import PAUL, answer_ciba, psc_client

APPLICATIVE = "lgc.cabinet-test@medecin.mssante.fr"
PRACTITIONER = "paul.medecin-test@medecin.mssante.fr"
CARDIO = "claire.cardio@cardio.mssante.fr"
SOFTWARE = "secretariat@cardio-lyon.mssante.fr"
DUPONT = "285037505612306@patient.mssante.fr"
CLOSED_PATIENT = "158209913945524@patient.mssante.fr"
LAB_REPORT = "BIO-CR-BIO_2024.01_TSH_1.xml"

Which = Literal["cps", "structure", "unknown"] | None


def port(sandbox: RunningSandbox, name: str) -> int:
    return int(sandbox.manifest.url(name).rsplit(":", 1)[1])


def tls(sandbox: RunningSandbox, which: Which = None) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(sandbox.manifest.ca_file))
    files = {"cps": (sandbox.manifest.cps_cert, sandbox.manifest.cps_key),
             "structure": (sandbox.manifest.structure_cert, sandbox.manifest.structure_key),
             "unknown": (sandbox.manifest.unknown_client_cert, sandbox.manifest.unknown_client_key)}
    if which is not None:
        context.load_cert_chain(*files[which])
    return context


def smtp(sandbox: RunningSandbox, which: Which = None) -> smtplib.SMTP:
    """Connected, STARTTLS done, EHLO said again."""
    client = smtplib.SMTP("127.0.0.1", port(sandbox, "mss_smtp"), timeout=30)
    client.starttls(context=tls(sandbox, which))
    client.ehlo()
    return client


def smtp_applicative(sandbox: RunningSandbox) -> smtplib.SMTP:
    client = smtp(sandbox, "structure")
    code, text = client.docmd("AUTH", "EXTERNAL =")
    assert code == 235, text
    return client


def bearer(user: str, token: str, mechanism: str = "XOAUTH2") -> str:
    if mechanism == "XOAUTH2":
        blob = f"user={user}\x01auth=Bearer {token}\x01\x01"
    else:
        blob = f"n,a={user},\x01host=127.0.0.1\x01port=587\x01auth=Bearer {token}\x01\x01"
    return base64.b64encode(blob.encode()).decode("ascii")


def imap(sandbox: RunningSandbox, which: Which = None) -> imaplib.IMAP4:
    client = imaplib.IMAP4("127.0.0.1", port(sandbox, "mss_imap"), timeout=30)
    client.starttls(ssl_context=tls(sandbox, which))
    return client


def control(sandbox: RunningSandbox) -> httpx.Client:
    return httpx.Client(base_url=sandbox.manifest.url("mss") + "/_control",
                        verify=tls(sandbox), timeout=60)


def messages(sandbox: RunningSandbox, address: str) -> list[dict[str, Any]]:
    with control(sandbox) as http:
        response = http.get(f"/mailboxes/{address}/messages")
        response.raise_for_status()
        found: list[dict[str, Any]] = response.json()
        return found


def raw(sandbox: RunningSandbox, address: str, uid: int) -> bytes:
    with control(sandbox) as http:
        response = http.get(f"/mailboxes/{address}/messages/{uid}")
        response.raise_for_status()
        return response.content


def parsed(data: bytes) -> Message:
    return message_from_bytes(data, policy=policy.compat32)


def inject(sandbox: RunningSandbox, to: str, example: str = LAB_REPORT, **extra: Any) -> dict[str, Any]:
    with control(sandbox) as http:
        response = http.post("/inject", json={"to": to, "example": example, **extra})
        assert response.status_code == 200, response.text
        answer: dict[str, Any] = response.json()
        return answer


def wait_for(predicate: Callable[[], Any], timeout: float = 15.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def psc_token(sandbox: RunningSandbox, binding: str, client_id: str = "lgc-segur") -> str:
    """A real access token of Paul MEDECIN-TEST from the PSC simulator (CIBA, approved on the app)."""
    async def sign_in() -> str:
        client = psc_client(sandbox, client_id)
        try:
            signed, _ = await asyncio.gather(client.sign_in_with_ciba(CibaRequest(PAUL, binding)),
                                             answer_ciba(sandbox, binding, approve=True))
            return await signed.access_token()
        finally:
            await client.aclose()

    return asyncio.run(sign_in())


def xdm_of(message: Message) -> bytes:
    part = next(p for p in message.walk() if (p.get_filename() or "").lower() == "ihe_xdm.zip")
    data = part.get_payload(decode=True)
    assert isinstance(data, bytes)
    return data


def wire(message: Message) -> bytes:
    """The message with CRLF line ends, as SMTP carries it (smtplib sends bytes as given)."""
    return message.as_bytes(policy=policy.compat32.clone(linesep="\r\n"))


def with_xdm(message: Message, archive: bytes) -> bytes:
    """The message with its IHE_XDM.ZIP replaced (base64 re-encoded)."""
    part = next(p for p in message.walk() if (p.get_filename() or "").lower() == "ihe_xdm.zip")
    part.set_payload(base64.encodebytes(archive).decode("ascii"))
    return wire(message)


def rezip(archive: bytes, change: Callable[[list[tuple[str, bytes]]], list[tuple[str, bytes]]]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        files = [(info.filename, source.read(info)) for info in source.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in change(files):
            target.writestr(name, data)
    return out.getvalue()
