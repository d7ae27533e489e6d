"""SMS written as one JSON file per message in a folder, atomically (a reader never sees half a message)."""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path


class FileSmsSender:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    async def send(self, to: str, subject: str, text: str) -> None:
        """`subject` is not part of an SMS: only `text` is delivered."""
        record = {"to": to, "text": text, "at": datetime.now(UTC).isoformat()}
        await asyncio.to_thread(self._write, record)

    def _write(self, record: dict[str, str]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".sms-", suffix=".json", dir=self.folder)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(record, handle, ensure_ascii=False)
        os.replace(tmp, self.folder / f"{record['at'][:19].replace(':', '')}-{uuid.uuid4().hex[:8]}.json")
