"""Errors a send handler raises to tell the worker whether trying again can help.

`text` is French and shown in the "Envois" panel; `detail` (raw request/response excerpts, remote
error text) goes to the masked trace only, since remote text is untrusted (STYLE.md §3).
"""

from __future__ import annotations

from lgc_app.errors import UserError


class SendError(UserError):
    """Base of the two outcomes a handler may signal."""

    code = "SEND-FAILED"
    summary = "L'envoi a échoué."

    def __init__(self, text: str = "", *, detail: str = "") -> None:
        super().__init__(text)
        self.detail = detail


class TransientSendError(SendError):
    """Worth retrying later (network down, service busy, timeout)."""

    code = "SEND-RETRY"
    summary = "L'envoi a échoué ; il sera retenté automatiquement."


class PermanentSendError(SendError):
    """Retrying cannot help (document refused, unknown recipient): the order goes to "à traiter"."""

    code = "SEND-REFUSED"
    summary = "L'envoi a été refusé : il attend une décision (« à traiter »)."


class OrderStateError(UserError, ValueError):
    """A user action (retry, cancel) that the order's current status does not allow; French message."""

    code = "SEND-STATE"
    summary = "Cette action n'est plus possible sur cet envoi."
