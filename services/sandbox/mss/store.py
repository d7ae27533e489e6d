"""The operator's mailboxes on disk: `<data_dir>/mailboxes/<address>/` holds `<uid>.eml` files and `index.json`.

UIDs grow and are never reused (IMAP UIDVALIDITY stays 1); flags are the IMAP system flags the simulator
knows (`\\Seen`, `\\Deleted`). Files are replaced atomically, so a sandbox restart finds every delivered
message. Watchers (IMAP IDLE) are called on the sandbox's loop whenever a mailbox gains a message.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.utils import getaddresses
from pathlib import Path
from typing import Any

UID_VALIDITY = 1
SEEN = "\\Seen"
DELETED = "\\Deleted"
KNOWN_FLAGS = (SEEN, DELETED)


@dataclass(frozen=True)
class StoredMessage:
    uid: int
    message_id: str
    sender: str
    recipients: tuple[str, ...]
    subject: str
    size: int
    internal_date: str  # ISO 8601, UTC
    flags: frozenset[str] = field(default_factory=frozenset)

    @property
    def seen(self) -> bool:
        return SEEN in self.flags

    def summary(self) -> dict[str, Any]:
        return {"uid": self.uid, "message_id": self.message_id, "from": self.sender, "to": list(self.recipients),
                "subject": self.subject, "size": self.size, "seen": self.seen}


def describe(raw: bytes, uid: int) -> StoredMessage:
    """Index fields of a raw message; a malformed one still gets indexed (the receiver judges it)."""
    headers = message_from_bytes(raw.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n", policy=policy.compat32)

    def text(name: str) -> str:
        return str(headers.get(name, "") or "").strip()

    recipients = tuple(address for _, address in getaddresses(headers.get_all("To", []) + headers.get_all("Cc", []))
                       if address)
    return StoredMessage(uid=uid, message_id=text("Message-ID"), sender=text("From"), recipients=recipients,
                         subject=text("Subject"), size=len(raw), internal_date=datetime.now(UTC).isoformat())


class MailStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._watchers: dict[str, list[Callable[[], None]]] = {}
        self._indexes: dict[str, dict[str, Any]] = {}  # read once, then kept in step with the file

    def _box(self, address: str) -> Path:
        return self.folder / address.lower()

    def _read_index(self, address: str) -> dict[str, Any]:
        key = address.lower()
        if key not in self._indexes:
            path = self._box(address) / "index.json"
            self._indexes[key] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else \
                {"uid_next": 1, "messages": []}
        return self._indexes[key]

    def _write_index(self, address: str, index: dict[str, Any]) -> None:
        _atomic_write(self._box(address) / "index.json", json.dumps(index, ensure_ascii=False).encode("utf-8"))

    def add(self, address: str, raw: bytes) -> StoredMessage:
        with self._lock:
            self._box(address).mkdir(parents=True, exist_ok=True)
            index = self._read_index(address)
            message = describe(raw, index["uid_next"])
            _atomic_write(self._box(address) / f"{message.uid}.eml", raw)
            index["uid_next"] = message.uid + 1
            index["messages"].append(_to_json(message))
            self._write_index(address, index)
            watchers = list(self._watchers.get(address.lower(), ()))
        for watcher in watchers:
            watcher()
        return message

    def messages(self, address: str) -> list[StoredMessage]:
        with self._lock:
            return [_from_json(item) for item in self._read_index(address)["messages"]]

    def uid_next(self, address: str) -> int:
        with self._lock:
            return int(self._read_index(address)["uid_next"])

    def raw(self, address: str, uid: int) -> bytes | None:
        path = self._box(address) / f"{int(uid)}.eml"
        return path.read_bytes() if path.is_file() else None

    def find(self, address: str, message_id: str) -> StoredMessage | None:
        wanted = message_id.strip().strip("<>")
        return next((m for m in self.messages(address) if m.message_id.strip("<>") == wanted), None)

    def set_flags(self, address: str, uids: set[int], flags: set[str], mode: str) -> list[StoredMessage]:
        """mode: "+" adds, "-" removes, "" replaces; returns the messages touched."""
        with self._lock:
            index = self._read_index(address)
            touched = []
            for position, item in enumerate(index["messages"]):
                if item["uid"] not in uids:
                    continue
                message = _from_json(item)
                new = message.flags | flags if mode == "+" else message.flags - flags if mode == "-" else flags
                message = replace(message, flags=frozenset(new))
                index["messages"][position] = _to_json(message)
                touched.append(message)
            self._write_index(address, index)
            return touched

    def expunge(self, address: str) -> list[int]:
        """Remove the messages flagged \\Deleted; returns their UIDs."""
        with self._lock:
            index = self._read_index(address)
            gone = [item["uid"] for item in index["messages"] if DELETED in item["flags"]]
            index["messages"] = [item for item in index["messages"] if item["uid"] not in gone]
            self._write_index(address, index)
            for uid in gone:
                (self._box(address) / f"{uid}.eml").unlink(missing_ok=True)
            return gone

    def watch(self, address: str, callback: Callable[[], None]) -> Callable[[], None]:
        """Call `callback` after each delivery to `address`; returns the function that stops watching."""
        with self._lock:
            self._watchers.setdefault(address.lower(), []).append(callback)

        def stop() -> None:
            with self._lock:
                self._watchers.get(address.lower(), []).remove(callback)

        return stop


def _to_json(message: StoredMessage) -> dict[str, Any]:
    data = asdict(message)
    data["flags"] = sorted(message.flags)
    data["recipients"] = list(message.recipients)
    return data


def _from_json(data: dict[str, Any]) -> StoredMessage:
    return StoredMessage(**{**data, "flags": frozenset(data["flags"]), "recipients": tuple(data["recipients"])})


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
