"""The durable raw store of received messages: private files under the data folder, written and fsynced before
the message is flagged \\Seen on the server (nothing received is ever lost).

A message is written by chunks as it is fetched (a 100 MB message never sits whole in memory) into a temporary
file, fsynced, then renamed to the SHA-256 of its bytes. A refused message is moved to the quarantine folder,
which is the only other place received bytes are ever written: archives are read in memory, never extracted.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from lgc_app import paths

INBOX = "mss/messages"
QUARANTINE = "mss/quarantine"


def folder(name: str) -> Path:
    base = paths.private_dir(paths.data_dir() / "mss")
    return paths.private_dir(base / name.rpartition("/")[2])


class RawWriter:
    """Receives a message's chunks (`write`), then `commit()` makes it durable and returns its place."""

    def __init__(self, area: str = INBOX) -> None:
        self._folder = folder(area)
        descriptor, name = tempfile.mkstemp(dir=self._folder, prefix=".part-")  # 0600
        self._file = os.fdopen(descriptor, "wb")
        self._temporary = Path(name)
        self._digest = hashlib.sha256()
        self.size = 0

    def write(self, chunk: bytes) -> None:
        self._file.write(chunk)
        self._digest.update(chunk)
        self.size += len(chunk)

    def commit(self, *, sync_folder: bool = True) -> tuple[str, str]:
        """(path relative to the data folder, SHA-256): the bytes are on disk, renamed, and the folder synced (or,
        with `sync_folder=False`, by the caller's `sync_folders()` once for several messages)."""
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        digest = self._digest.hexdigest()
        final = self._folder / f"{digest}.eml"
        os.replace(self._temporary, final)
        if sync_folder:
            _sync_dir(self._folder)
        return relative(final), digest

    def abort(self) -> None:
        if not self._file.closed:
            self._file.close()
        self._temporary.unlink(missing_ok=True)


def sync_folders() -> None:
    """Make the renames of committed messages durable (both folders: a batch may hold an oversized message)."""
    for area in (INBOX, QUARANTINE):
        _sync_dir(folder(area))


def relative(path: Path) -> str:
    return path.relative_to(paths.data_dir()).as_posix()


def absolute(relative_path: str) -> Path:
    return paths.data_dir() / relative_path


def read(relative_path: str) -> bytes:
    return absolute(relative_path).read_bytes()


def quarantine(relative_path: str) -> str:
    """Move a stored message to the quarantine folder; returns its new relative path."""
    source = absolute(relative_path)
    target = folder(QUARANTINE) / source.name
    if source.exists():
        os.replace(source, target)
        _sync_dir(target.parent)
    return relative(target)


def remove(relative_path: str) -> None:
    absolute(relative_path).unlink(missing_ok=True)


def _sync_dir(path: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync there; NTFS journals the rename
        return
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
