"""Whether every session on a SQLite file ended cleanly: one locked marker file per open database.

`PRAGMA quick_check` reads the whole file (1.2 s at 1,000,000 patients): too slow for every start, so it runs
only when a session may have ended badly (crash, power cut, killed process). Each process that opens the
database (the GUI, the worker, a command) keeps a marker file beside it, locked while it holds the database,
and deletes it when it closes the database. The operating system drops the lock of a process that dies, so a
marker nobody holds is what a session that did not end left behind: the next opening checks the file, and
removes the leftovers once the check has passed (a corrupt file keeps them: it is checked again next time).
"""

from __future__ import annotations

import glob
import logging
import os
import secrets
import sys
from pathlib import Path
from typing import BinaryIO

from lgc_app.paths import private_file

INFIX = ".ouverte-"  # `lgc.sqlite3.ouverte-<pid>-<random>` beside `lgc.sqlite3`
_log = logging.getLogger("lgc.persistence.open_marker")


def _lock(handle: BinaryIO) -> bool:
    """Take the exclusive lock of a marker without waiting; False when another open file holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: BinaryIO) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def markers(database: Path) -> list[Path]:
    return sorted(database.parent.glob(f"{glob.escape(database.name)}{INFIX}*"))


def leftovers(database: Path) -> list[Path]:
    """The markers of sessions that ended without closing the database (nobody holds their lock)."""
    found = []
    for path in markers(database):
        try:
            handle = path.open("rb")
        except OSError:  # deleted meanwhile: that session closed cleanly
            continue
        with handle:
            if _lock(handle):
                _unlock(handle)
                found.append(path)
    return found


def clear(paths: list[Path]) -> None:
    """Forget leftovers once the file they concern has been checked."""
    for path in paths:
        path.unlink(missing_ok=True)


class OpenMarker:
    """This process holds the database: the marker exists and is locked until `release()`."""

    def __init__(self, path: Path, handle: BinaryIO) -> None:
        self.path = path
        self._handle = handle

    @classmethod
    def hold(cls, database: Path) -> OpenMarker | None:
        """Mark the database open; None where the folder refuses the marker or its lock (read-only, a file
        system without locks): the database still opens, and a crash of this session goes unnoticed."""
        path = database.with_name(f"{database.name}{INFIX}{os.getpid()}-{secrets.token_hex(4)}")
        try:
            handle = private_file(path).open("rb")
        except OSError as exc:
            _log.warning("base %s ouverte sans marqueur (%s) : un arrêt brutal ne serait pas détecté", database, exc)
            return None
        if not _lock(handle):
            handle.close()
            path.unlink(missing_ok=True)
            _log.warning("base %s ouverte sans marqueur (verrou refusé) : un arrêt brutal ne serait pas détecté",
                         database)
            return None
        return cls(path, handle)

    def release(self) -> None:
        """The database was closed cleanly: no check at the next opening on this account."""
        if self._handle.closed:
            return
        _unlock(self._handle)
        self._handle.close()
        self.path.unlink(missing_ok=True)
