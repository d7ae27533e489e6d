"""Delivery and read reports coming back for the messages sent (PROTOCOLS §4.4).

A DSN (RFC 3464, asked with NOTIFY/RET/ENVID, RFC 3461) is a `multipart/report; report-type=delivery-status`
whose `message/delivery-status` part has per-message fields (`Original-Envelope-Id`) then one block per
recipient (`Final-Recipient`, `Action`, `Status`, `Diagnostic-Code`); the returned headers give the original
`Message-ID`. An MDN (RFC 8098, asked with `Disposition-Notification-To`) is a `report-type=
disposition-notification` whose `message/disposition-notification` part gives `Original-Message-ID`,
`Final-Recipient` and `Disposition` (`…; displayed`, `…; processed`, `…; processed/error` with an `Error`
field, §4.0). The sender correlates a report by Message-ID and ENVID. Remote text is untrusted: it is kept in
`detail` (shown masked in the trace), never interpreted beyond these fields.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesHeaderParser, HeaderParser
from typing import Literal

_DSN_OUTCOMES = {"delivered": "delivered", "relayed": "delivered", "expanded": "delivered",
                 "failed": "failed", "delayed": "delayed"}
_DETAIL_LIMIT = 500
_HEAD_BYTES = 64 * 1024  # the top-level header block is within this
_REPORT_TYPES = frozenset({"delivery-status", "disposition-notification"})


@dataclass(frozen=True)
class Report:
    kind: Literal["dsn", "mdn"]
    original_message_id: str
    envid: str
    recipient: str
    outcome: str  # "delivered" | "failed" | "delayed" | "displayed" | "processed" | "error"
    detail: str


def parse_report(raw: bytes) -> Report | None:
    """The report a received message is, or None when it is not a DSN or MDN (an ordinary message).

    A DSN about several recipients gives its first one here; `parse_reports` gives them all.
    """
    found = parse_reports(raw)
    return found[0] if found else None


def is_report(raw: bytes) -> bool:
    """Whether the message is a DSN or an MDN by its top-level header (cheap: the body is not parsed), usable or
    not: a report is never a document to integrate."""
    headers = BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw[:_HEAD_BYTES])
    return headers.get_content_type() == "multipart/report" and \
        str(headers.get_param("report-type", "")).lower() in _REPORT_TYPES


def parse_reports(raw: bytes) -> list[Report]:
    """One report per recipient the DSN or MDN speaks of; [] for anything else (including a malformed one)."""
    if not is_report(raw):  # an ordinary message: not parsed whole a second time (reception parses it)
        return []
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    if message.get_content_type() != "multipart/report" or not message.is_multipart():
        return []
    report_type = str(message.get_param("report-type", "")).lower()
    parts = [part for part in message.walk() if part is not message]
    if report_type == "delivery-status":
        return _dsn(parts)
    if report_type == "disposition-notification":
        return _mdn(parts)
    return []


def _blocks(part: Message) -> list[dict[str, str]]:
    """The field blocks of a `message/delivery-status` or `message/disposition-notification` part."""
    payload = part.get_payload()
    if isinstance(payload, list):  # the standard parser already split delivery-status into blocks
        return [{key.lower(): _clean(value) for key, value in block.raw_items()}
                for block in payload if isinstance(block, Message)]
    text = part.get_payload(decode=True)
    body = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(payload)
    blocks = [block for block in body.replace("\r\n", "\n").split("\n\n") if block.strip()]
    return [{key.lower(): _clean(value) for key, value in HeaderParser().parsestr(block).items()}
            for block in blocks]


def _clean(value: str) -> str:
    """One line, bounded; 8-bit bytes the parser kept as surrogates are read as UTF-8 (some servers send it)."""
    text = str(value).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return " ".join(text.split())[:_DETAIL_LIMIT]


def _address(field: str) -> str:
    """`rfc822; dr.x@a.mssante.fr` → the address (the type is the only one MSSanté uses)."""
    return field.partition(";")[2].strip().strip("<>") if ";" in field else field.strip().strip("<>")


def _original_message_id(parts: list[Message]) -> str:
    for part in parts:
        if part.get_content_type() in ("text/rfc822-headers", "message/rfc822-headers"):
            headers = HeaderParser().parsestr(_text(part))
            return _clean(headers.get("Message-ID", ""))
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            first = inner[0] if isinstance(inner, list) and inner else None
            if isinstance(first, Message):
                return _clean(first.get("Message-ID", ""))
    return ""


def _text(part: Message) -> str:
    data = part.get_payload(decode=True)
    return data.decode("utf-8", "replace") if isinstance(data, bytes) else str(part.get_payload())


def _dsn(parts: list[Message]) -> list[Report]:
    status = next((part for part in parts if part.get_content_type() == "message/delivery-status"), None)
    if status is None:
        return []
    blocks = _blocks(status)
    if len(blocks) < 2:
        return []
    envid, message_id = blocks[0].get("original-envelope-id", ""), _original_message_id(parts)
    found = []
    for block in blocks[1:]:
        outcome = _DSN_OUTCOMES.get(block.get("action", "").lower())
        recipient = _address(block.get("original-recipient") or block.get("final-recipient", ""))
        if outcome is None or not recipient:
            continue
        detail = block.get("diagnostic-code") or block.get("status", "")
        found.append(Report("dsn", message_id, envid, recipient, outcome, detail))
    return found


def _mdn(parts: list[Message]) -> list[Report]:
    notification = next((part for part in parts if part.get_content_type() == "message/disposition-notification"),
                        None)
    if notification is None:
        return []
    fields: dict[str, str] = {}
    for block in _blocks(notification):
        fields.update(block)
    disposition = fields.get("disposition", "").partition(";")[2].strip().lower()
    kind, _, modifier = disposition.partition("/")
    error = fields.get("error", "")
    if kind == "processed" and (modifier.startswith("error") or error):
        outcome = "error"
    elif kind in ("displayed", "processed"):
        outcome = kind
    else:
        return []  # deleted, dispatched…: nothing the sender follows
    recipient = _address(fields.get("original-recipient") or fields.get("final-recipient", ""))
    message_id = fields.get("original-message-id", "")
    if not recipient or not message_id:
        return []
    detail = error or modifier.partition(":")[2].strip()
    return [Report("mdn", message_id, "", recipient, outcome, detail)]
