"""Who performs a document action: recorded on every lifecycle event."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """The user behind an action.

    Args:
        login: the name recorded in the document events (who).
        practitioner_id: set when the user is a practitioner; only a document's author may validate it.
    """

    login: str
    practitioner_id: int | None = None
