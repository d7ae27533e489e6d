"""Errors a send handler raises to tell the worker whether trying again can help.

`user_message` is French and shown in the "Envois" panel; `detail` (raw request/response excerpts, remote
error text) goes to the masked trace only, since remote text is untrusted (STYLE.md §3).
"""

from __future__ import annotations


class SendError(Exception):
    """Base of the two outcomes a handler may signal."""

    def __init__(self, user_message: str, *, detail: str = "") -> None:
        super().__init__(user_message)
        self.user_message = user_message
        self.detail = detail


class TransientSendError(SendError):
    """Worth retrying later (network down, service busy, timeout)."""


class PermanentSendError(SendError):
    """Retrying cannot help (document refused, unknown recipient): the order goes to "à traiter"."""


class OrderStateError(ValueError):
    """A user action (retry, cancel) that the order's current status does not allow; French message."""
