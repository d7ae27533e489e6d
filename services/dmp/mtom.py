"""MTOM/XOP packaging of ITI-41 and ITI-43 (PROTOCOLS §3.2): the SOAP envelope and each document as a part.

The client splits MIME by itself (boundary scan); the simulator uses its own parser, so the two never share
a bug.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from services.dmp.ids import uuid4_hex
from services.dmp.soap import SOAP_CONTENT_TYPE

ROOT_CONTENT_ID = "root.message@lgc-segur"
CRLF = b"\r\n"


def new_content_id() -> str:
    return f"{uuid4_hex()}@lgc-segur"


def build_multipart(envelope: bytes, attachments: dict[str, bytes], *, action: str) -> tuple[str, bytes]:
    """Return (Content-Type, body) of a multipart/related MTOM message.

    Args:
        envelope: the serialized SOAP envelope, whose `xop:Include` elements name the attachments.
        attachments: Content-ID (without angle brackets) → exact bytes of the part.
        action: the SOAP action, repeated in the Content-Type as SOAP 1.2 requires.
    """
    boundary = f"MIMEBoundary_{uuid4_hex()}"
    delimiter = b"--" + boundary.encode("ascii")
    chunks = [
        delimiter,
        CRLF,
        f'Content-Type: application/xop+xml; charset=UTF-8; type="{SOAP_CONTENT_TYPE}"'.encode("ascii"),
        CRLF,
        b"Content-Transfer-Encoding: binary",
        CRLF,
        f"Content-ID: <{ROOT_CONTENT_ID}>".encode("ascii"),
        CRLF,
        CRLF,
        envelope,
        CRLF,
    ]
    for content_id, data in attachments.items():
        chunks += [
            delimiter,
            CRLF,
            b"Content-Type: application/octet-stream",
            CRLF,
            b"Content-Transfer-Encoding: binary",
            CRLF,
            f"Content-ID: <{content_id}>".encode("ascii"),
            CRLF,
            CRLF,
            data,
            CRLF,
        ]
    chunks += [delimiter, b"--", CRLF]
    content_type = (
        f'multipart/related; boundary="{boundary}"; type="application/xop+xml"; '
        f'start="<{ROOT_CONTENT_ID}>"; start-info="{SOAP_CONTENT_TYPE}"; action="{action}"'
    )
    return content_type, b"".join(chunks)


_MAX_BOUNDARY = 70


class MimeError(ValueError):
    """A multipart/related answer that cannot be split."""


@dataclass(frozen=True)
class MultipartMessage:
    root: bytes
    parts: dict[str, bytes]  # Content-ID (no angle brackets) → bytes

    def attachment(self, href: str) -> bytes:
        """The part an `xop:Include href="cid:…"` names."""
        if not href.startswith("cid:"):
            raise MimeError(f"référence XOP invalide {href!r}")
        content_id = unquote(href[4:])
        if content_id not in self.parts:
            raise MimeError(f"partie MIME {content_id!r} absente")
        return self.parts[content_id]


def _parameter(content_type: str, name: str) -> str | None:
    match = re.search(rf'(?:^|;)\s*{name}\s*=\s*(?:"([^"]*)"|([^;\s]+))', content_type, re.IGNORECASE)
    if not match:
        return None
    return match.group(1) if match.group(1) is not None else match.group(2)


def split_multipart(content_type: str, body: bytes) -> MultipartMessage:
    """Split an MTOM answer into its root (SOAP envelope) and its other parts."""
    boundary = _parameter(content_type, "boundary")
    if not boundary:
        raise MimeError("paramètre boundary absent")
    if not boundary.isascii() or len(boundary) > _MAX_BOUNDARY:
        raise MimeError("paramètre boundary invalide")  # RFC 2046 §5.1.1: 1 to 70 ASCII characters
    start = (_parameter(content_type, "start") or "").strip("<>")
    delimiter = CRLF + b"--" + boundary.encode("ascii")
    data = CRLF + body  # the first delimiter may sit at offset 0, without a preceding CRLF
    position = data.find(delimiter)
    if position < 0:
        raise MimeError("aucune partie MIME")
    parts: list[tuple[dict[str, str], bytes]] = []
    while True:
        position += len(delimiter)
        if data.startswith(b"--", position):
            break
        header_start = data.find(CRLF, position)
        header_end = data.find(CRLF + CRLF, header_start)
        next_delimiter = data.find(delimiter, header_end)
        if header_start < 0 or header_end < 0 or next_delimiter < 0:
            raise MimeError("message MIME tronqué")
        headers = {}
        for line in data[header_start + 2 : header_end].decode("latin-1").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        parts.append((headers, data[header_end + 4 : next_delimiter]))
        position = next_delimiter
    if not parts:
        raise MimeError("message MIME sans partie")
    by_id = {headers.get("content-id", "").strip("<>"): payload for headers, payload in parts}
    root = by_id.get(start) if start else parts[0][1]
    if root is None:
        raise MimeError(f"partie racine {start!r} absente")
    return MultipartMessage(root=root, parts=by_id)
