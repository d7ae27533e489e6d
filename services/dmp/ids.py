"""Random identifiers of the DMP messages (entry and object UUIDs, OIDs, MIME Content-IDs, XML Ids).

One ProvideAndRegister needs some forty of them; `uuid.uuid4()` reads the kernel's random source once per
identifier (a system call each, ~18 µs here). They are drawn here from a buffer of `os.urandom` bytes refilled
4 KiB at a time: the same source, each byte handed out once. Thread-safe; a forked child starts with an empty
buffer (it would otherwise hand out its parent's bytes again).
"""

from __future__ import annotations

import os
import threading
import uuid

_REFILL = 4096


class _RandomPool:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buffer = b""
        self._position = 0

    def take(self, size: int) -> bytes:
        with self._lock:
            if self._position + size > len(self._buffer):
                self._buffer, self._position = os.urandom(max(_REFILL, size)), 0
            start = self._position
            self._position += size
            return self._buffer[start:self._position]

    def forget(self) -> None:
        self._lock = threading.Lock()  # a thread of the parent may have held it at the fork
        self._buffer, self._position = b"", 0


_POOL = _RandomPool()
os.register_at_fork(after_in_child=_POOL.forget)


def random_hex(size: int) -> str:
    """`size` random bytes as lowercase hexadecimal."""
    return _POOL.take(size).hex()


def uuid4() -> uuid.UUID:
    """A random (version 4) UUID, as `uuid.uuid4()` but from the pool."""
    return uuid.UUID(bytes=_POOL.take(16), version=4)


def uuid4_hex() -> str:
    """A random UUID as 32 hexadecimal digits."""
    return uuid4().hex


def uuid4_text() -> str:
    """A random UUID in its usual 8-4-4-4-12 form."""
    return str(uuid4())


def uuid4_int() -> int:
    return uuid4().int
