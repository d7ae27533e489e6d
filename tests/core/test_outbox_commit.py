"""A handler's own writes (`HandlerResult.commit`, e.g. the document's DMP state) commit with the order's
success, in one transaction: never one without the other."""

from __future__ import annotations

from sqlalchemy.orm import Session

from lgc_app.outbox import noop
from lgc_app.outbox.completion import Outcome
from lgc_app.outbox.handler import HandlerResult, OrderContext
from lgc_app.outbox.models import OrderStatus, SendOrder
from lgc_app.outbox.orders import enqueue
from lgc_app.outbox.worker import Worker
from lgc_app.persistence.database import Database
from tests.helpers.outbox import enqueue_orders

KIND = "commit-test"


def _follow_up(session: Session) -> None:
    """The handler's own write: a follow-up order, visible if and only if it was committed."""
    enqueue(session, kind=noop.KIND, payload_ref="suite", ordered_by="test", origin_workstation="poste-1")


def _statuses(db: Database) -> dict[str, OrderStatus]:
    with db.reading() as session:
        return {order.payload_ref: order.status for order in session.query(SendOrder)}


async def test_the_handler_writes_commit_with_the_success(db: Database) -> None:
    async def handler(ctx: OrderContext) -> HandlerResult:
        return HandlerResult(summary="ok", commit=_follow_up)

    enqueue_orders(db, kind=KIND, payload_ref="envoi")
    worker = Worker(db, {KIND: handler, noop.KIND: noop.handle}, workstation="poste-1", listen=False)
    assert await worker.run_once() == {Outcome.SUCCEEDED: 2}  # the order, then its follow-up
    assert _statuses(db) == {"envoi": OrderStatus.DONE, "suite": OrderStatus.DONE}


async def test_a_failing_handler_write_leaves_the_order_unsent(db: Database) -> None:
    def broken(session: Session) -> None:
        _follow_up(session)
        raise RuntimeError("écriture impossible")

    async def handler(ctx: OrderContext) -> HandlerResult:
        return HandlerResult(summary="ok", commit=broken)

    enqueue_orders(db, kind=KIND, payload_ref="envoi")
    worker = Worker(db, {KIND: handler, noop.KIND: noop.handle}, workstation="poste-1", listen=False)
    assert await worker.run_once() == {Outcome.LEASE_LOST: 1}  # its lease expires: it will be sent again
    assert _statuses(db) == {"envoi": OrderStatus.IN_PROGRESS}
