"""The MSSanté column of the document list: one line summing up the recipients of a document's messages, and
one line per recipient (address, state, reason) in its tooltip — planned, sent, delivered, failed with the
operator's reason, read, integrated, integration error, or not sent and why (`lgc_app.mss.trace`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from lgc_app.mss.sent_models import RecipientStatus
from lgc_app.mss.trace import RecipientState

TROUBLE = {RecipientStatus.FAILED, RecipientStatus.ERROR}


def mss_summary(states: Sequence[RecipientState]) -> tuple[str, str]:
    """(text, tooltip): e.g. ("lu, échec", "dr@… : lu\\n…@patient.mssante.fr : échec (messagerie fermée)")."""
    if not states:
        return "—", "Aucun envoi par messagerie sécurisée pour ce document."
    counts = Counter(state.status for state in states)
    text = ", ".join(status.label + (f" ×{counts[status]}" if counts[status] > 1 else "")
                     for status in RecipientStatus if counts[status])
    tooltip = "\n".join(f"{state.text} — {state.updated_at.astimezone():%d/%m/%Y %H:%M}" for state in states)
    return text, tooltip


def in_trouble(states: Sequence[RecipientState]) -> bool:
    return any(state.status in TROUBLE for state in states)
