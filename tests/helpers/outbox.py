"""Send orders for outbox tests: committed, with plausible defaults any field of which a test may override."""

from __future__ import annotations

from typing import Any

from lgc_app.outbox.orders import enqueue
from lgc_app.persistence.database import Database


def enqueue_orders(db: Database, count: int = 1, **overrides: Any) -> list[str]:
    """`count` orders (a `noop` for document 1, ordered at poste-1, unless overridden) in one transaction."""
    values: dict[str, Any] = {"kind": "noop", "payload_ref": "document:1", "ordered_by": "Dr Test",
                              "origin_workstation": "poste-1", **overrides}
    with db.unit_of_work() as session:
        return [enqueue(session, **values).id for _ in range(count)]


def enqueue_order(db: Database, **overrides: Any) -> str:
    [order_id] = enqueue_orders(db, **overrides)
    return order_id


def proof_facts(proof: str) -> dict[str, str]:
    """The "label : value" lines of a trace's summary (`lgc_app.outbox.trace.format_proof`), by label."""
    summary = proof.split("\nHistorique :")[0]
    return {label.strip(): value for label, _, value in
            (line.partition(" : ") for line in summary.splitlines()) if value}
