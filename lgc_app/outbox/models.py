"""Tables of the outbox: `send_orders` and their history `send_order_events` (the trace shown to users)."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any, cast

from sqlalchemy import JSON, Enum, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lgc_app.persistence.base import Base, UtcDateTime


class OrderStatus(enum.StrEnum):
    """Life cycle of a send order; FAILED is permanent and shown as "à traiter" until a user acts."""

    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    OrderStatus.PENDING: "en attente",
    OrderStatus.IN_PROGRESS: "en cours",
    OrderStatus.DONE: "envoyé",
    OrderStatus.FAILED: "à traiter",
    OrderStatus.CANCELLED: "annulé",
}


class EventKind(enum.StrEnum):
    """What happened to an order; one row per event, never updated."""

    CREATED = "created"
    CLAIMED = "claimed"
    ATTEMPT_FAILED = "attempt_failed"
    SUCCEEDED = "succeeded"
    FAILED_PERMANENTLY = "failed_permanently"
    LEASE_EXPIRED = "lease_expired"
    RETRIED_BY_USER = "retried_by_user"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return _EVENT_LABELS[self]


_EVENT_LABELS = {
    EventKind.CREATED: "créé",
    EventKind.CLAIMED: "pris en charge",
    EventKind.ATTEMPT_FAILED: "tentative échouée",
    EventKind.SUCCEEDED: "envoyé",
    EventKind.FAILED_PERMANENTLY: "échec définitif",
    EventKind.LEASE_EXPIRED: "poste d'exécution perdu",
    EventKind.RETRIED_BY_USER: "relancé",
    EventKind.CANCELLED: "annulé",
}


def _values(enum_class: type[enum.StrEnum]) -> list[str]:
    return [member.value for member in enum_class]


class SendOrder(Base):
    """One thing to send. `id` is the idempotency key given downstream: it never changes across retries."""

    __tablename__ = "send_orders"
    __table_args__ = (
        # The claim query: due pending orders, and in-progress ones whose lease expired (worker died).
        Index("ix_send_orders_due", "status", "next_attempt_at"),
        Index("ix_send_orders_lease", "status", "lease_expires_at"),
        Index("ix_send_orders_created_at", "created_at"),
        Index("ix_send_orders_payload_ref", "payload_ref"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    payload_ref: Mapped[str] = mapped_column(String(200))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    ordered_by: Mapped[str] = mapped_column(String(120))
    origin_workstation: Mapped[str] = mapped_column(String(120))
    target_workstation: Mapped[str | None] = mapped_column(String(120))
    status: Mapped[OrderStatus] = mapped_column(
        Enum(OrderStatus, name="status", native_enum=False, create_constraint=True, length=16,
             values_callable=_values))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime)
    lease_owner: Mapped[str | None] = mapped_column(String(160))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    events: Mapped[list[SendOrderEvent]] = relationship(
        back_populates="order", order_by="SendOrderEvent.id", cascade="all, delete-orphan",
        passive_deletes=True)


class SendOrderEvent(Base):
    """One line of an order's history; `detail` holds the masked trace (request/response summaries)."""

    __tablename__ = "send_order_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("send_orders.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    kind: Mapped[EventKind] = mapped_column(
        Enum(EventKind, name="kind", native_enum=False, create_constraint=True, length=24,
             values_callable=_values))
    workstation: Mapped[str | None] = mapped_column(String(120))
    detail: Mapped[str] = mapped_column(Text, default="")

    order: Mapped[SendOrder] = relationship(back_populates="events")


# The tables, for the Core statements of the worker's hot path (claim, completion, events).
ORDERS = cast(Table, SendOrder.__table__)
EVENTS = cast(Table, SendOrderEvent.__table__)
