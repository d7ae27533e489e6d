"""The MSSanté simulator from a test's side, with the standard library's clients (smtplib, imaplib, ssl):
connections after STARTTLS, SASL responses, control routes, and real PSC simulator tokens; the settings of a
workstation whose mailbox is one of the simulator's."""

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

from lgc_app.config import Settings
from services.psc import CibaRequest
from services.sandbox.server import RunningSandbox
from tests.helpers.dmp_feed import CABINET
from tests.helpers.psc import PAUL, answer_ciba, psc_client

APPLICATIVE = "lgc.cabinet-test@medecin.mssante.fr"
PRACTITIONER = "paul.medecin-test@medecin.mssante.fr"
CARDIO = "claire.cardio@cardio.mssante.fr"
SOFTWARE = "secretariat@cardio-lyon.mssante.fr"
DUPONT = "285037505612306@patient.mssante.fr"
CLOSED_PATIENT = "158209913945524@patient.mssante.fr"
LAB_REPORT = "BIO-CR-BIO_2024.01_TSH_1.xml"
# DUPONT Élodie, the demo's qualified patient, as the INSi simulator knows her (the sim's patient box exists)
DUPONT_INS = "285037505612306"
DUPONT_TRAITS = {"matricule": DUPONT_INS, "birth_name": "DUPONT", "given_names": "ELODIE MARIE", "sex": "F",
                 "birth_date": "1985-03-14"}
DUPONT_IDENTITY = {"ins": DUPONT_INS, "oid": "1.2.250.1.213.1.4.10", "family": "DUPONT", "given": "ELODIE MARIE",
                   "birth_date": "1985-03-14", "sex": "F"}

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


def sim_values(sandbox: RunningSandbox, mailbox: str = APPLICATIVE, **values: object) -> dict[str, object]:
    """A workstation reading and sending with `mailbox` on the simulator: the applicative box with the structure's
    certificate (EXTERNAL), any other with the signed-in user's PSC token (XOAUTH2)."""
    manifest = sandbox.manifest
    base: dict[str, object] = {
        "services.mss_smtp": manifest.url("mss_smtp"), "services.mss_imap": manifest.url("mss_imap"),
        "mss.mailbox": mailbox, "mss.auth": "external" if mailbox == APPLICATIVE else "xoauth2",
        "tls.ca_file": str(manifest.ca_file), "mss.client_cert": str(manifest.structure_cert),
        "mss.client_key": str(manifest.structure_key), "cabinet.structure_id": CABINET.structure_id,
        "cabinet.name": CABINET.name, "cabinet.sector": CABINET.sector, "workstation.name": "POSTE-1"}
    base.update(values)
    return base


def sim_settings(sandbox: RunningSandbox, mailbox: str = APPLICATIVE, **values: object) -> Settings:
    return Settings(sim_values(sandbox, mailbox, **values))


def settle_applicative_box(sandbox: RunningSandbox) -> None:
    """Flag every message of the shared applicative box seen: a test reads only what it caused (the sandbox is
    one per test session, its mailboxes keep the earlier tests' messages)."""
    client = imap(sandbox, "structure")
    try:
        client.authenticate("EXTERNAL", lambda _challenge: b"")
        client.select("INBOX")
        status, found = client.uid("SEARCH", "UNSEEN")
        uids = found[0].split() if status == "OK" and found and found[0] else []
        if uids:
            client.uid("STORE", b",".join(uids).decode(), "+FLAGS", "(\\Seen)")
    finally:
        client.logout()


def by_message_id(sandbox: RunningSandbox, address: str, message_id: str) -> dict[str, Any] | None:
    return next((m for m in messages(sandbox, address) if m["message_id"] == message_id), None)
