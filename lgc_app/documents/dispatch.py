"""Send orders implied by a validated document (DMP feed, MSSanté to the patient and correspondents).

Extension point of the validation unit of work: `lifecycle.validate` calls `plan_sends` inside the same
transaction that freezes the document, so the orders exist if and only if the validation committed
(ARCHITECTURE: "durable before visible"; SC.DMP/ALI/PROG.02 systematic feeding).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from lgc_app.dmp.feeding import plan_document_feed
from lgc_app.documents.actors import Actor
from lgc_app.documents.models import Document


def plan_sends(session: Session, document: Document, user: Actor) -> list[str]:
    """Enqueue the outbox orders for a document just validated; return their ids."""
    return plan_document_feed(session, document, user)
