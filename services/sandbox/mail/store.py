"""The messages the sink accepted: one JSON file each under `<data_dir>/messages/`, in arrival order."""

from __future__ import annotations

import json
import os
import tempfile
import threading
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any


class MessageStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    def add(self, sender: str, recipients: list[str], raw: bytes, *, over_tls: bool) -> None:
        message = message_from_bytes(raw, policy=policy.default)
        assert isinstance(message, EmailMessage)
        body = message.get_body(preferencelist=("plain",))
        record = {"from": sender, "to": recipients, "subject": str(message.get("Subject", "")),
                  "text": body.get_content() if body is not None else "", "over_tls": over_tls,
                  "received_at": datetime.now(UTC).isoformat()}
        with self._lock:
            number = len(list(self.folder.glob("*.json"))) + 1
            fd, tmp = tempfile.mkstemp(prefix=".msg-", dir=self.folder)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(record, handle, ensure_ascii=False)
            os.replace(tmp, self.folder / f"{number:06d}.json")

    def messages(self, to: str | None = None) -> list[dict[str, Any]]:
        with self._lock:
            records = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(self.folder.glob("*.json"))]
        if to is not None:
            records = [record for record in records if to.lower() in (r.lower() for r in record["to"])]
        return records

    def clear(self) -> None:
        with self._lock:
            for path in self.folder.glob("*.json"):
                path.unlink()
