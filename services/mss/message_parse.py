"""Reading a received MSSanté message (RFC 5322 / MIME) without trusting it.

The standard library's parser (`email.policy.default`) reads the message; this module bounds what it walks
(size, number of parts, nesting depth), finds the XDM archive (`IHE_XDM.zip` in either case, §4.0), the loose
attachments, the MDN request (`Disposition-Notification-To`, RFC 8098) and the `X-MSS-*` headers (§4.3), and
hides the `XDM/1.0/DDM+` subject prefix (ECO.2.1.3: receivers hide it). A malformed message gives a
`MessageError` with a stable code and a French reason; no other exception leaves `parse_message`.
"""

from __future__ import annotations

import email
import email.parser
import hashlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.message import Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

log = logging.getLogger("lgc.mss.parse")

XDM_NAME = "ihe_xdm.zip"
SUBJECT_PREFIXES = ("XDM/1.0/DDM+", "XDM/1.0/DDM")
_BROKEN_STRUCTURE = ("StartBoundaryNotFoundDefect", "NoBoundaryInMultipartDefect",
                     "MultipartInvariantViolationDefect", "CloseBoundaryNotFoundDefect")


@dataclass(frozen=True)
class MessageLimits:
    max_bytes: int = 100 * 1024 * 1024
    max_parts: int = 100
    max_depth: int = 8


class MessageError(Exception):
    """The message could not be read. `code` is stable; `text` is French."""

    def __init__(self, code: str, text: str) -> None:
        super().__init__(f"{code}: {text}")
        self.code = code
        self.text = text


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class ParsedMessage:
    message_id: str  # with its angle brackets; a digest of the bytes when the sender gave none
    sender: str  # address only
    recipients: tuple[str, ...]
    subject: str  # as displayed: the XDM prefix hidden
    date: datetime | None
    body_text: str
    xdm: bytes | None = field(repr=False)
    attachments: tuple[Attachment, ...]  # everything else attached (PDF for human readers, loose CDA…)
    mdn_to: str  # Disposition-Notification-To address, "" when no MDN is asked
    mss_headers: dict[str, str]  # X-MSS-NIL, X-MSS-CODECDA, X-MSS-INS, X-MSS-MES as received


def display_subject(subject: str) -> str:
    """The subject without the IHE XDM prefix, as a receiver shows it."""
    text = subject.strip()
    for prefix in SUBJECT_PREFIXES:
        if text.upper().startswith(prefix):
            return text[len(prefix):].strip()
    return text


def fallback_message_id(raw: bytes) -> str:
    """A stable id for a message without Message-ID: the same bytes fetched twice get the same id."""
    return digest_message_id(hashlib.sha256(raw).hexdigest())


def digest_message_id(sha256_hex: str) -> str:
    return f"<sha256-{sha256_hex[:40]}@lgc.invalid>"


def head_message_id(head: bytes, sha256_hex: str) -> str:
    """The Message-ID from the first bytes of a message (its header block), else the digest-based one."""
    try:
        headers = email.parser.BytesHeaderParser(policy=policy.default).parsebytes(head)
        value = str(headers.get("Message-ID", "")).strip()[:250]
    except Exception:
        value = ""
    return value or digest_message_id(sha256_hex)


def parse_message(raw: bytes, limits: MessageLimits = MessageLimits()) -> ParsedMessage:
    """The parts of a received message that matter to integration.

    Raises:
        MessageError: too large, malformed MIME, too many or too deeply nested parts, several XDM archives.
    """
    if len(raw) > limits.max_bytes:
        raise MessageError("MSG-TOO-LARGE", f"Le message dépasse la taille maximale acceptée "
                                            f"({limits.max_bytes // (1024 * 1024)} Mo).")
    try:
        message = email.message_from_bytes(raw, policy=policy.default)
        return _read(message, raw, limits)
    except MessageError:
        raise
    except Exception as exc:  # the parser or a header's value: any failure is a malformed message
        log.warning("malformed message refused: %s", type(exc).__name__)
        raise MessageError("MSG-MALFORMED", "Le message reçu est mal formé (structure MIME illisible).") from None


def _read(message: Message, raw: bytes, limits: MessageLimits) -> ParsedMessage:
    if not message.keys():
        raise MessageError("MSG-MALFORMED", "Le message reçu n'a pas d'en-têtes lisibles.")
    parts = _leaves(message, limits)
    xdm: bytes | None = None
    attachments: list[Attachment] = []
    body = ""
    for part in parts:
        filename = part.get_filename() or ""
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        if filename.strip().casefold() == XDM_NAME:
            if xdm is not None:
                raise MessageError("MSG-SEVERAL-XDM", "Le message contient plusieurs archives IHE_XDM.zip.")
            xdm = data
        elif filename or part.get_content_disposition() == "attachment":
            attachments.append(Attachment(filename[:255], part.get_content_type(), data))
        elif part.get_content_maintype() == "text" and not body:
            body = _text(part, data)
    sender = parseaddr(str(message.get("From", "")))[1]
    recipients = tuple(address for _, address in getaddresses([str(v) for v in message.get_all("To", [])])
                       if address)
    mdn_to = parseaddr(str(message.get("Disposition-Notification-To", "")))[1]
    message_id = str(message.get("Message-ID", "")).strip()[:250] or fallback_message_id(raw)
    mss = {name: str(message.get(name, "")).strip()[:500]
           for name in ("X-MSS-NIL", "X-MSS-CODECDA", "X-MSS-INS", "X-MSS-MES") if message.get(name) is not None}
    return ParsedMessage(message_id=message_id, sender=sender, recipients=recipients,
                         subject=display_subject(str(message.get("Subject", "")))[:500], date=_date(message),
                         body_text=body, xdm=xdm, attachments=tuple(attachments), mdn_to=mdn_to,
                         mss_headers=mss)


def _leaves(message: Message, limits: MessageLimits) -> list[Message]:
    """The non-multipart parts, depth first, within the caps; broken multipart structure refused."""
    leaves: list[Message] = []
    count = 0

    def walk(part: Message, depth: int) -> None:
        nonlocal count
        count += 1
        if count > limits.max_parts:
            raise MessageError("MSG-TOO-MANY-PARTS", "Le message contient trop de parties MIME.")
        if depth > limits.max_depth:
            raise MessageError("MSG-TOO-DEEP", "Le message a trop de niveaux de parties MIME imbriquées.")
        broken = [type(defect).__name__ for defect in part.defects if type(defect).__name__ in _BROKEN_STRUCTURE]
        if broken:
            raise MessageError("MSG-MALFORMED", "Le message reçu est mal formé (limites de parties MIME "
                                                "absentes ou incohérentes).")
        if part.is_multipart():
            children = part.get_payload()
            for child in children if isinstance(children, list) else []:
                if isinstance(child, Message):
                    walk(child, depth + 1)
        elif part.get_content_type() != "message/rfc822":
            leaves.append(part)

    walk(message, 0)
    return leaves


def _text(part: Message, data: bytes) -> str:
    charset = part.get_content_charset() or "utf-8"
    try:
        return data.decode(charset, errors="replace")[:20000]
    except LookupError:  # an unknown charset name
        return data.decode("utf-8", errors="replace")[:20000]


def _date(message: Message) -> datetime | None:
    value = message.get("Date")
    if value is None:
        return None
    try:
        when = parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None
    # RFC 5322 §3.3: "-0000" is UTC with no local zone known; the parser gives it naive
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)

