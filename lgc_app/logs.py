"""Logging to a rotating file in the user log folder, with secrets and tokens masked.

The masking filter runs on every record before any handler formats it, so neither the file nor the
console ever receives a bearer token, a password or a SAML assertion body.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from lgc_app import paths

# (words one of which the text must contain, case-insensitively, for the pattern to match; pattern; replacement)
_PATTERNS = [
    (("authorization",), re.compile(r"(?i)(authorization\s*[:=]\s*(?:bearer|basic)\s+)[^\s\"',]+"), r"\1***"),
    (("_token",), re.compile(r"(?i)((?:access|refresh|id)_token[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,}]+"), r"\1***"),
    (("passw", "secret", "code_verifier"),
     re.compile(r"(?i)((?:password|passwd|client_secret|secret|code_verifier)[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,}]+"),
     r"\1***"),
    (("esante-api-key",), re.compile(r"(?i)(esante-api-key\s*[:=]\s*)\S+"), r"\1***"),
]
_SIGNATURE_VALUE = re.compile(r"(<(?:\w+:)?SignatureValue[^>]*>)[^<]+")
# Characters a case-insensitive pattern matches to an ASCII letter that `str.lower` leaves apart (re's
# equivalences ı~i and ſ~s; İ lowers to i + U+0307): folded too, so that the word test never misses a match.
_FOLD_APART = (("\u0131", "i"), ("\u017f", "s"), ("\u0307", ""))


def _folded(text: str) -> str:
    lowered = text.lower()
    if not lowered.isascii():
        for apart, ascii_letter in _FOLD_APART:
            if apart in lowered:
                lowered = lowered.replace(apart, ascii_letter)
    return lowered


def mask(text: str) -> str:
    """Text with every known kind of secret replaced by ***.

    A case-insensitive regular expression scans a trace of tens of kilobytes slowly (milliseconds): each one
    runs only on a text that holds one of its words, which a plain substring search finds far faster.
    """
    folded = _folded(text)
    for words, pattern, replacement in _PATTERNS:
        if any(word in folded for word in words):
            text = pattern.sub(replacement, text)
    if "SignatureValue" in text:
        text = _SIGNATURE_VALUE.sub(r"\1***", text)
    return text


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every log file (the current one and each one opened after a rollover) is created 0600: logs name
    patients (paths.private_file)."""

    def _open(self):  # type: ignore[no-untyped-def] # typeshed: returns a TextIOWrapper
        paths.private_file(Path(self.baseFilename))
        return super()._open()


class MaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = mask(record.getMessage())
        record.msg, record.args = message, None
        return True


def log_file() -> Path:
    """The current log file (older ones are rotated next to it); errors quote it to the user."""
    return paths.log_dir() / "lgc.log"


def setup(level: int = logging.INFO, *, console: bool = False) -> logging.Handler:
    """Install the rotating file handler (5 x 2 MB) on the root logger; returns it."""
    handler = PrivateRotatingFileHandler(log_file(), maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskingFilter())
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
    if console:
        stream = logging.StreamHandler()
        stream.addFilter(MaskingFilter())
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(stream)
    return handler
