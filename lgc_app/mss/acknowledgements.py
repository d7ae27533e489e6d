"""DSNs and MDNs applied to the messages sent (PROTOCOLS §4.4): found by Message-ID (or ENVID), the recipient by
address; a later, weaker report never hides a stronger one (a "delivered" arriving after "displayed")."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from lgc_app.mss.sent_models import MssMessage, RecipientStatus
from lgc_app.persistence.base import utcnow
from services.mss.reports import Report

_STATUS = {"delivered": RecipientStatus.DELIVERED, "failed": RecipientStatus.FAILED,
           "displayed": RecipientStatus.DISPLAYED, "processed": RecipientStatus.PROCESSED,
           "error": RecipientStatus.ERROR}
_RANK = {RecipientStatus.PLANNED: 0, RecipientStatus.SENT: 1, RecipientStatus.DELIVERED: 2,
         RecipientStatus.DISPLAYED: 3, RecipientStatus.PROCESSED: 4, RecipientStatus.FAILED: 5,
         RecipientStatus.ERROR: 5, RecipientStatus.NOT_SENT: 6}
_DELAYED = "Remise retardée (avis de non-remise provisoire) : "


def apply_report(session: Session, report: Report) -> bool:
    """Update the recipient's status from a report; True when it matched a message sent by this software."""
    keys = [MssMessage.message_id == report.original_message_id] if report.original_message_id else []
    if report.envid:
        keys.append(MssMessage.envid == report.envid)
    if not keys:
        return False
    message = session.scalar(select(MssMessage).where(or_(*keys)))
    if message is None:
        return False
    recipient = next((r for r in message.recipients if r.address.lower() == report.recipient.lower()), None)
    if recipient is None:
        return True  # ours, about an address we did not send to (an alias): nothing to update
    if report.outcome == "delayed":
        recipient.reason = (_DELAYED + report.detail)[:1000]
    else:
        status = _STATUS[report.outcome]
        if _RANK[status] >= _RANK[recipient.status]:
            recipient.status = status
            recipient.reason = report.detail[:1000] if status in (RecipientStatus.FAILED,
                                                                   RecipientStatus.ERROR) else ""
    recipient.updated_at = utcnow()
    return True
