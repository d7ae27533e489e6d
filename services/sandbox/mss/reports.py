"""Delivery status notifications (RFC 3464, requested per RFC 3461) and message disposition notifications
(RFC 8098) as the operator and its simulated recipients produce them (PROTOCOLS §4.0, §4.4)."""

from __future__ import annotations

from dataclasses import dataclass
from email import policy
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate, make_msgid

OPERATOR_DOMAIN = "operateur.mssante.fr"  # the simulated operator (Reporting-MTA, MAILER-DAEMON)
MAILER_DAEMON = f"MAILER-DAEMON@{OPERATOR_DOMAIN}"


@dataclass(frozen=True)
class DsnRecipient:
    address: str
    action: str  # delivered | failed | delayed
    status: str  # enhanced status code, e.g. 2.0.0, 5.2.1
    diagnostic: str = ""
    original: str = ""  # ORCPT, e.g. "rfc822;x@y"


def dsn(*, to: str, envid: str, original: Message, recipients: list[DsnRecipient], headers_only: bool) -> bytes:
    """A `multipart/report; report-type=delivery-status` to the original sender."""
    report = MIMEMultipart("report", report_type="delivery-status")
    _envelope(report, MAILER_DAEMON, to, "Rapport de remise : " + ", ".join(r.action for r in recipients))
    lines = [f"{r.address} : {_FRENCH[r.action]}" + (f" ({r.diagnostic})" if r.diagnostic else "") for r in recipients]
    report.attach(MIMEText("\n".join(lines) + "\n", "plain", "utf-8"))
    fields = [f"Reporting-MTA: dns; {OPERATOR_DOMAIN}", f"Arrival-Date: {formatdate(localtime=False)}"]
    if envid:
        fields.insert(0, f"Original-Envelope-Id: {envid}")
    blocks = [fields]
    for recipient in recipients:
        block = [f"Final-Recipient: rfc822; {recipient.address}", f"Action: {recipient.action}",
                 f"Status: {recipient.status}"]
        if recipient.original:
            block.insert(0, f"Original-Recipient: {recipient.original}")
        if recipient.diagnostic:
            block.append(f"Diagnostic-Code: smtp; {recipient.diagnostic}")
        blocks.append(block)
    status = MIMEBase("message", "delivery-status")
    status.set_payload([_fields(block) for block in blocks])  # one header block per message and recipient
    report.attach(status)
    report.attach(_original(original, headers_only))
    return report.as_bytes(policy=CRLF)


def mdn(*, sender: str, to: str, original: Message, final_recipient: str, disposition: str) -> bytes:
    """A `multipart/report; report-type=disposition-notification` from `sender` (the recipient's box)."""
    report = MIMEMultipart("report", report_type="disposition-notification")
    subject = str(original.get("Subject", ""))
    _envelope(report, sender, to, f"Accusé de lecture : {subject}")
    report.attach(MIMEText(f"Le message « {subject} » adressé à {final_recipient} a été traité "
                           f"({disposition}).\n", "plain", "utf-8"))
    fields = [f"Reporting-UA: {final_recipient.split('@')[-1]}; LGC Sandbox MSSante",
              f"Original-Recipient: rfc822; {final_recipient}", f"Final-Recipient: rfc822; {final_recipient}",
              f"Original-Message-ID: {original.get('Message-ID', '')}", f"Disposition: {disposition}"]
    notification = MIMEBase("message", "disposition-notification")
    notification.set_payload("\r\n".join(fields) + "\r\n")
    report.attach(notification)
    report.attach(_original(original, headers_only=True))
    return report.as_bytes(policy=CRLF)


CRLF = policy.compat32.clone(linesep="\r\n")  # stored and fetched messages use the wire's line ends
_FRENCH = {"delivered": "remis", "failed": "non remis", "delayed": "remise retardée"}


def _fields(lines: list[str]) -> Message:
    block = Message()
    for line in lines:
        name, _, value = line.partition(": ")
        block[name] = value
    return block


def _envelope(report: MIMEMultipart, sender: str, to: str, subject: str) -> None:
    report["From"] = sender
    report["To"] = to
    report["Subject"] = subject
    report["Date"] = formatdate(localtime=False)
    report["Message-ID"] = make_msgid(domain=OPERATOR_DOMAIN)
    report["Auto-Submitted"] = "auto-replied"
    report["MIME-Version"] = "1.0"


def _original(original: Message, headers_only: bool) -> MIMEBase | MIMEMessage:
    if headers_only:
        part = MIMEBase("text", "rfc822-headers")
        part.set_payload("".join(f"{name}: {value}\r\n" for name, value in original.items()))
        return part
    return MIMEMessage(original)
