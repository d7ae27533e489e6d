"""Send-order actions of the GUI (the "Envois" panel), one core use case per function.

Each is a coroutine for the task bridge (`TaskManager.run`); database work goes to the database thread
(`run_db`). Reads return the outbox's frozen snapshots (`OrderView`), the very ones `lgc dmp orders|trace`
prints, and the trace text is the homologation proof `format_proof` writes for the CLI and the export.
"""

from __future__ import annotations

from lgc_app.bootstrap import AppContext
from lgc_app.outbox import trace
from lgc_app.outbox.errors import OrderStateError
from lgc_app.outbox.trace import OrderStatus, OrderView
from ui.tasks import run_db


async def list_orders(context: AppContext, status: OrderStatus | None = None) -> tuple[list[OrderView],
                                                                                       dict[OrderStatus, int]]:
    """The most recent orders (filtered by status) and the count of every status."""
    def read() -> tuple[list[OrderView], dict[OrderStatus, int]]:
        return (trace.list_orders(context.database, context.describers, status=status),
                trace.count_orders(context.database))
    return await run_db(read)


async def order_trace(context: AppContext, order_id: str) -> str:
    """The order's trace as text (the same as `lgc dmp trace` and the exported proof)."""
    def read() -> str:
        order = trace.read_order(context.database, order_id, context.describers)
        if order is None:
            raise OrderStateError(f"Envoi introuvable : {order_id}")
        return trace.format_proof(order)
    return await run_db(read)


async def retry_order(context: AppContext, order_id: str) -> OrderView:
    return await run_db(trace.retry, context.database, order_id, context.session.who, context.workstation_name,
                        context.describers)


async def cancel_order(context: AppContext, order_id: str) -> OrderView:
    return await run_db(trace.cancel, context.database, order_id, context.session.who, context.workstation_name,
                        context.describers)


async def orders_in_flight(context: AppContext) -> int:
    """Orders waiting or being sent, whoever sends them (the activity indicator's "envois en cours")."""
    counts = await run_db(trace.count_orders, context.database)
    return counts[OrderStatus.PENDING] + counts[OrderStatus.IN_PROGRESS]
