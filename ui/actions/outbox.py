"""Send-order actions of the GUI (the "Envois" panel), one core use case per function.

Each is a coroutine for the task bridge (`TaskManager.run`); database work goes to the database thread
(`run_db`). Reads return the outbox's frozen snapshots (`OrderView`), the very ones `lgc dmp orders|trace`
prints, and the trace text is the homologation proof `format_proof` writes for the CLI and the export.
"""

from __future__ import annotations

from lgc_app.bootstrap import AppContext
from lgc_app.outbox import orders, trace
from lgc_app.outbox.describers import default_describers
from lgc_app.outbox.errors import OrderStateError
from lgc_app.outbox.models import OrderStatus
from lgc_app.outbox.trace import OrderView
from lgc_app.persistence.database import Database
from ui.actions.patients import user_of
from ui.tasks import describe_error, run_db


def error_text(error: BaseException, label: str) -> str:
    """The French sentence for a failed action on orders: our own refusal, or the generic one."""
    return str(error) if isinstance(error, OrderStateError) else describe_error(error, label)


async def list_orders(db: Database, status: OrderStatus | None = None) -> tuple[list[OrderView],
                                                                                 dict[OrderStatus, int]]:
    """The most recent orders (filtered by status) and the count of every status."""
    def read() -> tuple[list[OrderView], dict[OrderStatus, int]]:
        return trace.list_orders(db, default_describers(), status=status), trace.count_orders(db)
    return await run_db(read)


async def order_trace(db: Database, order_id: str) -> str:
    """The order's trace as text (the same as `lgc dmp trace` and the exported proof)."""
    def read() -> str:
        order = trace.read_order(db, order_id, default_describers())
        if order is None:
            raise OrderStateError(f"Envoi introuvable : {order_id}")
        return trace.format_proof(order)
    return await run_db(read)


async def retry_order(context: AppContext, order_id: str) -> OrderView:
    def run() -> OrderView:
        with context.database.unit_of_work() as session:
            order = orders.retry(session, order_id, user_of(context), workstation=context.workstation_name)
            return trace.views_in(session, [order], default_describers())[0]
    return await run_db(run)


async def cancel_order(context: AppContext, order_id: str) -> OrderView:
    def run() -> OrderView:
        with context.database.unit_of_work() as session:
            order = orders.cancel(session, order_id, user_of(context), workstation=context.workstation_name)
            return trace.views_in(session, [order], default_describers())[0]
    return await run_db(run)
