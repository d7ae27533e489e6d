"""The shared base of service failures a user can understand: a stable code and a French sentence.

`services/` must not import the app (ARCHITECTURE.md), so the app's catalogue (`lgc_app/errors.py`) reads this
base instead of knowing each service's exception. The remote text is untrusted (STYLE.md §3): it stays in
`detail` for the masked trace; the user reads `text`, a sentence of ours chosen by code.

Who tries again after a transient failure decides the last words of the sentence: a send order is retried by
the outbox worker, a consultation or a look-up by the user ("Réessayez"). The catalogues hold the reason
only; `text_for()` adds the matching hint, so no view keeps its own wording.
"""

from __future__ import annotations

import enum


class Retry(enum.Enum):
    """Who tries again when a transient failure may go away."""

    BY_USER = "by_user"  # a request the user is waiting for (consultation, INSi look-up)
    AUTOMATIC = "automatic"  # a send order, retried by the outbox worker


_RETRY_HINTS = {
    Retry.BY_USER: "Réessayez dans un instant.",
    Retry.AUTOMATIC: "L'envoi sera retenté automatiquement.",
}


class ServiceError(Exception):
    """A service call failed.

    Attributes:
        code: stable code quoted in logs, traces and proofs (the service's own code when it has one).
        reason: French sentence saying what went wrong, without the retry hint.
        transient: True when the same request may succeed later (network, timeout, 5xx, busy service).
        detail: untrusted remote text or technical detail, for the masked trace only.
    """

    def __init__(self, code: str, reason: str, *, transient: bool, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.reason = reason
        self.transient = transient
        self.detail = detail

    @property
    def text(self) -> str:
        """What a user waiting for this request reads."""
        return self.text_for(Retry.BY_USER)

    def text_for(self, retry: Retry) -> str:
        return f"{self.reason} {_RETRY_HINTS[retry]}" if self.transient else self.reason
