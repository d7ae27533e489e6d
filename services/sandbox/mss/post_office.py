"""Delivery inside the simulated trust space: mailboxes, bounces, DSN to the sender, MDN from the recipients.

Mon espace santé (PROTOCOLS §4.0): a patient box answers every MDN request by itself (`processed`), bounces
a message over 25 MB and, for the "messagerie fermée" test patient, everything; a patient's reply goes to
`Reply-To` when there is one, and is refused once the professional ended the exchange (`X-MSS-MES: FIN` or a
subject of exactly `[FIN]`). Boxes read by other software answer MDN requests automatically too; the others
only when a test "reads" the message (`read`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import Message
from email.mime.text import MIMEText
from email.utils import formatdate, getaddresses, make_msgid

from services.sandbox.mss import reports
from services.sandbox.mss.store import SEEN, MailStore
from services.sandbox.mss.trust_space import PATIENT, TrustSpace

log = logging.getLogger("lgc.sandbox.mss")

PATIENT_MAX_BYTES = 25 * 1024 * 1024
PROCESSED = "automatic-action/MDN-sent-automatically; processed"
DISPLAYED = "manual-action/MDN-sent-manually; displayed"


@dataclass
class Recipient:
    address: str
    notify: frozenset[str] = frozenset({"FAILURE"})  # RFC 3461 §4.1: FAILURE when the client says nothing
    original: str = ""  # ORCPT


@dataclass
class Submission:
    sender: str  # MAIL FROM
    recipients: list[Recipient] = field(default_factory=list)
    envid: str = ""
    headers_only: bool = False  # RET=HDRS


class ReplyRefused(ValueError):
    """The simulated recipient may not reply (French reason)."""


class PostOffice:
    def __init__(self, trust: TrustSpace, store: MailStore) -> None:
        self.trust = trust
        self.store = store

    def deliver(self, raw: bytes, submission: Submission) -> None:
        """Deliver an accepted message, then report to the sender as it asked (DSN)."""
        message = message_from_bytes(raw, policy=policy.compat32)
        stamped = f"Return-Path: <{submission.sender}>\r\n".encode() + raw
        results: list[tuple[Recipient, reports.DsnRecipient]] = []
        for recipient in submission.recipients:
            results.append((recipient, self._deliver_one(stamped, message, recipient)))
        wanted = [outcome for recipient, outcome in results if _asked(recipient.notify, outcome.action)]
        if wanted and self.trust.find(submission.sender) is not None:
            self.store.add(submission.sender, reports.dsn(to=submission.sender, envid=submission.envid,
                                                          original=message, recipients=wanted,
                                                          headers_only=submission.headers_only))

    def _deliver_one(self, raw: bytes, message: Message, recipient: Recipient) -> reports.DsnRecipient:
        mailbox = self.trust.recipient(recipient.address)
        outcome = {"address": mailbox.address, "original": recipient.original}
        if mailbox.closed:
            return reports.DsnRecipient(**outcome, action="failed", status="5.2.1",
                                        diagnostic="550 5.2.1 messagerie fermee")
        if mailbox.kind == PATIENT and len(raw) > PATIENT_MAX_BYTES:
            return reports.DsnRecipient(**outcome, action="failed", status="5.3.4",
                                        diagnostic="552 5.3.4 message de plus de 25 Mo refuse par Mon espace sante")
        self.store.add(mailbox.address, raw)
        if mailbox.auto_mdn:
            self._answer_mdn(mailbox.address, message, PROCESSED)
        return reports.DsnRecipient(**outcome, action="delivered", status="2.0.0")

    def read(self, address: str, message_id: str) -> bool:
        """The recipient opens the message: \\Seen, and a `displayed` MDN if one was asked. False if unknown."""
        stored = self.store.find(address, message_id)
        raw = self.store.raw(address, stored.uid) if stored else None
        if stored is None or raw is None:
            return False
        self.store.set_flags(address, {stored.uid}, {SEEN}, "+")
        self._answer_mdn(address, message_from_bytes(raw, policy=policy.compat32), DISPLAYED)
        return True

    def reply(self, address: str, message_id: str, text: str) -> str:
        """A patient's (or correspondent's) reply, to `Reply-To` else `From`; returns the address it went to."""
        stored = self.store.find(address, message_id)
        raw = self.store.raw(address, stored.uid) if stored else None
        if stored is None or raw is None:
            raise ReplyRefused(f"message {message_id} absent de {address}")
        original = message_from_bytes(raw, policy=policy.compat32)
        ended = str(original.get("X-MSS-MES", "")).strip().upper() == "FIN" or \
            str(original.get("Subject", "")).strip() == "[FIN]"
        mailbox = self.trust.find(address)
        if ended and mailbox is not None and mailbox.kind == PATIENT:
            raise ReplyRefused("le professionnel a clos l'échange (X-MSS-MES: FIN) : le patient ne peut pas répondre")
        target = _first_address(original, "Reply-To") or _first_address(original, "From")
        if self.trust.find(target) is None:
            raise ReplyRefused(f"adresse de réponse hors de l'espace de confiance : {target}")
        answer = MIMEText(text, "plain", "utf-8")
        answer["From"], answer["To"] = address, target
        answer["Subject"] = "RE: " + str(original.get("Subject", ""))
        answer["Date"], answer["Message-ID"] = formatdate(localtime=False), make_msgid(domain=address.split("@")[-1])
        answer["In-Reply-To"] = str(original.get("Message-ID", ""))
        answer["X-MSS-NIL"] = "MES-SANDBOX"
        self.store.add(target, answer.as_bytes(policy=reports.CRLF))
        return target

    def _answer_mdn(self, address: str, message: Message, disposition: str) -> None:
        target = _first_address(message, "Disposition-Notification-To")
        if not target:
            return
        if self.trust.find(target) is None:
            log.info("MDN for %s not sent: %s is outside the trust space", address, target)
            return
        self.store.add(target, reports.mdn(sender=address, to=target, original=message, final_recipient=address,
                                           disposition=disposition))


def _asked(notify: frozenset[str], action: str) -> bool:
    return {"delivered": "SUCCESS", "failed": "FAILURE", "delayed": "DELAY"}[action] in notify


def _first_address(message: Message, header: str) -> str:
    found = [address for _, address in getaddresses(message.get_all(header, [])) if address]
    return found[0].lower() if found else ""
