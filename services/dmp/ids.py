"""Random identifiers of the DMP messages (entry and object UUIDs, OIDs, MIME Content-IDs, XML Ids).

One ProvideAndRegister needs some forty of them; `uuid.uuid4()` reads the kernel's random source once per
identifier (a system call each, ~18 µs here). They are drawn here from a buffer of `os.urandom` bytes refilled
4 KiB at a time: the same source, each byte handed out once. Thread-safe; a forked child starts with an empty
buffer (it would otherwise hand out its parent's bytes again).
"""

from __future__ import annotations

import os
import threading

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
_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}
os.register_at_fork(after_in_child=_POOL.forget)


def random_hex(size: int) -> str:
    """`size` random bytes as lowercase hexadecimal."""
    return _POOL.take(size).hex()


def uuid4_hex() -> str:
    """A random (version 4, RFC 9562) UUID as 32 hexadecimal digits."""
    digits = _POOL.take(16).hex()
    # Version 4 in the 13th digit; variant 10xx in the 17th (its two low bits stay random).
    return f"{digits[:12]}4{digits[13:16]}{_VARIANT[digits[16]]}{digits[17:]}"


def uuid4_text() -> str:
    """A random UUID in its usual 8-4-4-4-12 form."""
    digits = uuid4_hex()
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def uuid4_int() -> int:
    return int(uuid4_hex(), 16)
