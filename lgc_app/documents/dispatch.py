"""Send orders implied by a validated document: the send planners (DMP feed today, MSSanté tomorrow).

Extension point of the validation unit of work: `lifecycle.validate` asks each planner of the registry built
by the composition root (`lgc_app.bootstrap.send_planners`) inside the same transaction that freezes the
document, so the orders exist if and only if the validation committed (ARCHITECTURE: "durable before
visible"; SC.DMP/ALI/PROG.02 systematic feeding). The documents package never imports a service.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from sqlalchemy.orm import Session

from lgc_app.documents.actors import Actor
from lgc_app.documents.models import Document


class SendPlanner(Protocol):
    """Decides, inside the validation transaction, which orders a document implies; returns their ids."""

    def __call__(self, session: Session, document: Document, actor: Actor) -> list[str]: ...


SendPlanners = Sequence[SendPlanner]


def plan_sends(session: Session, document: Document, actor: Actor, planners: SendPlanners) -> list[str]:
    """Enqueue the outbox orders of every planner for a document just validated; return their ids."""
    return [order_id for plan in planners for order_id in plan(session, document, actor)]
