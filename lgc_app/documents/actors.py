"""Who performs a document action: recorded on every lifecycle event and send order.

An `Actor` is made by the session (`lgc_app.session.Session.actor`), never from the OS login.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lgc_app.workstation import Workstation


@dataclass(frozen=True)
class Actor:
    """The user behind an action.

    Args:
        login: the name recorded in the document events and traces (who: the session user's label).
        practitioner_id: set when the user is a practitioner; only a document's author may validate it.
        workstation: where the action is made; the orders it plans are routed for that workstation.
    """

    login: str
    practitioner_id: int | None = None
    workstation: Workstation = field(kw_only=True)
