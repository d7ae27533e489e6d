"""IMAP4rev1 wire syntax for the simulator (RFC 3501 §4, §9): reading a command with its literals, splitting
it into atoms, strings and parenthesised lists, sequence sets, and the server's own literals and dates."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime

MAX_LITERAL = 64 * 1024  # commands never need more (no APPEND): a client cannot make the server buffer more
MAX_LINE = 16 * 1024
_LITERAL = re.compile(rb"\{(\d+)\}\r\n$")

Token = str | list["Token"]


class ImapSyntaxError(ValueError):
    """A command the server cannot parse (answered BAD)."""


async def read_command(reader: asyncio.StreamReader, go_ahead: Callable[[], Awaitable[None]]) -> bytes | None:
    """One command, its literals inlined as `{n}\\r\\n<n bytes>`; None at end of stream."""
    parts: list[bytes] = []
    while True:
        try:
            line = await reader.readuntil(b"\n")
        except asyncio.IncompleteReadError:
            return None
        except asyncio.LimitOverrunError:
            raise ImapSyntaxError("ligne de commande trop longue") from None
        if len(line) > MAX_LINE:
            raise ImapSyntaxError("ligne de commande trop longue")
        parts.append(line)
        literal = _LITERAL.search(line)
        if literal is None:
            return b"".join(parts)
        size = int(literal.group(1))
        if size > MAX_LITERAL:
            raise ImapSyntaxError("littéral trop long")
        await go_ahead()
        try:
            parts.append(await reader.readexactly(size))
        except asyncio.IncompleteReadError:
            return None


def tokenize(data: bytes) -> list[Token]:
    """Atoms (with their `[...]` sections), quoted strings, literals, and `(...)` lists."""
    text = data.decode("latin-1").rstrip("\r\n")  # one character per byte: literal sizes hold
    stack: list[list[Token]] = [[]]
    index = 0
    while index < len(text):
        char = text[index]
        if char == " ":
            index += 1
        elif char == "(":
            stack.append([])
            index += 1
        elif char == ")":
            if len(stack) == 1:
                raise ImapSyntaxError("parenthèse fermante en trop")
            done = stack.pop()
            stack[-1].append(done)
            index += 1
        elif char == '"':
            index, value = _quoted(text, index + 1)
            stack[-1].append(value)
        elif char == "{":
            close = text.index("}", index)
            size = int(text[index + 1:close])
            start = close + 3  # "}\r\n"
            stack[-1].append(text[start:start + size])
            index = start + size
        else:
            index, value = _atom(text, index)
            stack[-1].append(value)
    if len(stack) != 1:
        raise ImapSyntaxError("parenthèse non fermée")
    return stack[0]


def _quoted(text: str, index: int) -> tuple[int, str]:
    value = []
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            value.append(text[index + 1])
            index += 2
        elif char == '"':
            return index + 1, "".join(value)
        else:
            value.append(char)
            index += 1
    raise ImapSyntaxError("chaîne entre guillemets non terminée")


def _atom(text: str, index: int) -> tuple[int, str]:
    start, depth = index, 0
    while index < len(text):
        char = text[index]
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif depth == 0 and char in " ()":
            break
        index += 1
    return index, text[start:index]


def sequence_set(text: str, values: Iterable[int], highest: int) -> list[int]:
    """The members of `values` inside the set (`1:3,7,9:*`); `*` is `highest` (RFC 3501 §9 seq-number)."""
    ranges = []
    for item in text.split(","):
        low, _, high = item.partition(":")
        try:
            first = highest if low == "*" else int(low)
            last = first if not _ else highest if high == "*" else int(high)
        except ValueError:
            raise ImapSyntaxError(f"ensemble de messages invalide : {text}") from None
        ranges.append((min(first, last), max(first, last)))
    return [value for value in values if any(low <= value <= high for low, high in ranges)]


def literal(data: bytes) -> bytes:
    return b"{%d}\r\n" % len(data) + data


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def internal_date(iso: str) -> str:
    """RFC 3501 date-time: `"17-Jul-1996 02:44:25 +0000"` (English month names, whatever the locale)."""
    moment = datetime.fromisoformat(iso)
    month = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[moment.month - 1]
    return f'"{moment.day:02d}-{month}-{moment.year} {moment:%H:%M:%S} +0000"'
