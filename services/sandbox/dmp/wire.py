"""The simulator's own reading and writing of SOAP 1.2 and MTOM/XOP (independent of the client's code).

MIME is split by a boundary scan of the body (the client has its own splitter: the two never share a bug), the
headers kept in the standard library's `email` messages, which read their parameters; answers are SOAP 1.2
envelopes, multipart/related for ITI-43.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import uuid
from dataclasses import dataclass
from email.message import Message

from lxml import etree

from services.dmp.constants import RESPONSE_SUFFIX, SOAP12, WSA, XOP
from services.sandbox.dmp.codes import MALFORMED, Fault
from services.xml import UnsafeXmlError, parse_bytes

SOAP_MEDIA_TYPE = "application/soap+xml"
_IDENTITY_ENCODINGS = frozenset({"binary", "8bit", "7bit"})


@dataclass(frozen=True)
class Request:
    """A SOAP request as received: action, message id, header, body payload and MIME attachments."""

    action: str
    message_id: str
    header: etree._Element
    payload: etree._Element
    attachments: dict[str, bytes]

    def document_bytes(self, document: etree._Element) -> bytes | None:
        """Content of an `xdsb:Document`: its XOP part, or its inline base64; None when unresolvable."""
        include = document.find(f"{{{XOP}}}Include")
        if include is None:
            try:
                return base64.b64decode("".join((document.text or "").split()), validate=True)
            except ValueError:
                return None
        href = include.get("href", "")
        return self.attachments.get(href[4:]) if href.startswith("cid:") else None


def _split_mime(content_type: str, body: bytes) -> tuple[bytes, dict[str, bytes]]:
    outer = Message()
    outer["Content-Type"] = content_type
    boundary = outer.get_boundary()
    if not boundary:
        raise Fault(MALFORMED, "message multipart/related sans boundary")
    start = str(outer.get_param("start") or "").strip().strip("<>")
    root: bytes | None = None
    attachments: dict[str, bytes] = {}
    for index, (headers, data) in enumerate(_mime_parts(body, boundary)):
        content_id = (headers.get("Content-ID") or "").strip().strip("<>")
        is_root = content_id == start if start else index == 0
        if is_root:
            if headers.get_content_type() != "application/xop+xml":
                raise Fault(MALFORMED, "la partie racine MTOM doit être application/xop+xml")
            root = data
        elif content_id:
            attachments[content_id] = data
    if root is None:
        raise Fault(MALFORMED, "partie racine MTOM absente")
    return root, attachments


def _mime_parts(body: bytes, boundary: str) -> list[tuple[Message, bytes]]:
    """The parts of a multipart body (RFC 2046 §5.1.1), each as (its headers, its decoded content).

    A delimiter is CRLF, `--`, the boundary, optional spaces, CRLF (the first one may open the body); the close
    delimiter ends with `--`. The preamble and the epilogue are ignored; a body without close delimiter is
    truncated. (The `email` parser, fed the whole body, split megabytes of content into lines for nothing: it
    took a fifth of the simulator's CPU per ITI-41.)
    """
    delimiter = b"\r\n--" + boundary.encode("latin-1")
    data = b"\r\n" + body
    parts: list[tuple[Message, bytes]] = []
    _, position, closing = _next_delimiter(data, delimiter, 0)
    while not closing:
        # header_end: after the CRLF of the last header line (at `position` when the part has no header)
        header_end = position if data.startswith(b"\r\n", position) else data.find(b"\r\n\r\n", position) + 2
        if header_end < position or data.find(delimiter, position, header_end) >= 0:
            raise Fault(MALFORMED, "partie MIME sans fin d'en-têtes")
        headers = _part_headers(data[position:header_end])
        content_end, next_position, closing = _next_delimiter(data, delimiter, header_end + 2)
        parts.append((headers, _decode(headers, data[header_end + 2:content_end])))
        position = next_position
    return parts


def _part_headers(block: bytes) -> Message:
    """A part's header block: `Name: value` lines (RFC 5322 §2.2), a line starting with a blank continuing the
    previous one. Read here rather than by the `email` parser, which took about a third of the split's CPU."""
    headers = Message()  # compat32: stores the values as given, reads Content-Type parameters on demand
    unfolded = block.decode("latin-1").replace("\r\n ", " ").replace("\r\n\t", " ")
    for line in filter(None, unfolded.split("\r\n")):
        name, colon, value = line.partition(":")
        if not colon or not name.strip():
            raise Fault(MALFORMED, f"en-tête de partie MIME mal formé : {line[:80]!r}")
        headers[name.strip()] = value.strip()
    return headers


def _next_delimiter(data: bytes, delimiter: bytes, start: int) -> tuple[int, int, bool]:
    """The next delimiter from `start`: where it begins, where the line after it begins, whether it closes."""
    found = data.find(delimiter, start)
    while found >= 0:
        after = found + len(delimiter)
        closing = data.startswith(b"--", after)
        line_end = data.find(b"\r\n", after)
        padding = data[after + 2 if closing else after:len(data) if line_end < 0 else line_end]
        if not padding.strip(b" \t"):  # else a longer string that merely begins with the boundary
            if closing:
                return found, len(data), True
            if line_end >= 0:
                return found, line_end + 2, False
        found = data.find(delimiter, after)
    raise Fault(MALFORMED, "message MIME tronqué (délimiteur de fin absent)")


def _decode(headers: Message, content: bytes) -> bytes:
    """A part's content, undoing its Content-Transfer-Encoding (RFC 2045 §6)."""
    encoding = (headers.get("Content-Transfer-Encoding") or "binary").strip().lower()
    if encoding in _IDENTITY_ENCODINGS:
        return content
    try:
        if encoding == "base64":
            return base64.b64decode(content)
        if encoding == "quoted-printable":
            return quopri.decodestring(content)
    except binascii.Error:
        raise Fault(MALFORMED, "partie MIME en base64 illisible") from None
    raise Fault(MALFORMED, f"Content-Transfer-Encoding {encoding!r} non pris en charge")


def read_request(content_type: str, body: bytes) -> Request:
    """Parse a SOAP 1.2 request (plain or MTOM). Raises `Fault` (Sender) when unreadable."""
    media = content_type.split(";", 1)[0].strip().lower()
    if media == "multipart/related":
        xml, attachments = _split_mime(content_type, body)
    elif media == SOAP_MEDIA_TYPE:
        xml, attachments = body, {}
    else:
        raise Fault(MALFORMED, f"type de contenu {media!r} refusé (SOAP 1.2 attendu)")
    try:
        envelope = parse_bytes(xml)
    except UnsafeXmlError as exc:
        raise Fault(MALFORMED, str(exc)) from None
    if envelope.tag != f"{{{SOAP12}}}Envelope":
        raise Fault(MALFORMED, "enveloppe SOAP 1.2 attendue")
    header = envelope.find(f"{{{SOAP12}}}Header")
    body_element = envelope.find(f"{{{SOAP12}}}Body")
    payloads = [] if body_element is None else [child for child in body_element if isinstance(child.tag, str)]
    if header is None or len(payloads) != 1:
        raise Fault(MALFORMED, "en-tête SOAP absent ou corps vide")
    action = (header.findtext(f"{{{WSA}}}Action") or "").strip()
    if not action:
        raise Fault(MALFORMED, "wsa:Action absent")
    return Request(
        action=action,
        message_id=(header.findtext(f"{{{WSA}}}MessageID") or "").strip(),
        header=header,
        payload=payloads[0],
        attachments=attachments,
    )


def envelope(action: str, relates_to: str, payload: etree._Element) -> bytes:
    """A response envelope: wsa:Action = request action + `Response`, wsa:RelatesTo the request id."""
    root = etree.Element(f"{{{SOAP12}}}Envelope", nsmap={"soap": SOAP12, "wsa": WSA})
    header = etree.SubElement(root, f"{{{SOAP12}}}Header")
    etree.SubElement(header, f"{{{WSA}}}Action").text = action + RESPONSE_SUFFIX
    etree.SubElement(header, f"{{{WSA}}}MessageID").text = f"urn:uuid:{uuid.uuid4()}"
    if relates_to:
        etree.SubElement(header, f"{{{WSA}}}RelatesTo").text = relates_to
    etree.SubElement(root, f"{{{SOAP12}}}Body").append(payload)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def fault(subcode: str, text: str, *, receiver: bool) -> bytes:
    root = etree.Element(f"{{{SOAP12}}}Envelope", nsmap={"soap": SOAP12, "dmp": "urn:lgc:sandbox:dmp"})
    body = etree.SubElement(root, f"{{{SOAP12}}}Body")
    fault_element = etree.SubElement(body, f"{{{SOAP12}}}Fault")
    code = etree.SubElement(fault_element, f"{{{SOAP12}}}Code")
    etree.SubElement(code, f"{{{SOAP12}}}Value").text = "soap:Receiver" if receiver else "soap:Sender"
    etree.SubElement(
        etree.SubElement(code, f"{{{SOAP12}}}Subcode"), f"{{{SOAP12}}}Value"
    ).text = f"dmp:{subcode}"
    reason = etree.SubElement(fault_element, f"{{{SOAP12}}}Reason")
    text_element = etree.SubElement(reason, f"{{{SOAP12}}}Text")
    text_element.set("{http://www.w3.org/XML/1998/namespace}lang", "fr")
    text_element.text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def multipart(envelope_bytes: bytes, parts: dict[str, bytes], action: str) -> tuple[str, bytes]:
    """An MTOM answer: the envelope as root part, then each attachment (Content-ID → bytes)."""
    boundary = f"uuid:{uuid.uuid4()}"
    root_id = f"root.{uuid.uuid4().hex}@sandbox.dmp"
    lines = [
        f"--{boundary}".encode(),
        b'Content-Type: application/xop+xml; charset=UTF-8; type="application/soap+xml"',
        b"Content-Transfer-Encoding: binary",
        f"Content-ID: <{root_id}>".encode(),
        b"",
        envelope_bytes,
    ]
    for content_id, data in parts.items():
        lines += [
            f"--{boundary}".encode(),
            b"Content-Type: application/octet-stream",
            b"Content-Transfer-Encoding: binary",
            f"Content-ID: <{content_id}>".encode(),
            b"",
            data,
        ]
    lines.append(f"--{boundary}--".encode())
    content_type = (
        f'multipart/related; boundary="{boundary}"; type="application/xop+xml"; '
        f'start="<{root_id}>"; start-info="{SOAP_MEDIA_TYPE}"; action="{action}{RESPONSE_SUFFIX}"'
    )
    return content_type, b"\r\n".join(lines) + b"\r\n"
