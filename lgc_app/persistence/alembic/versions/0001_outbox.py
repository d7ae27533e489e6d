"""send orders (outbox) and workstations

Revision ID: 0001_outbox
Revises: None
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_outbox"
down_revision = None
branch_labels = None
depends_on = None

# Frozen copies of the enum values at this revision (a later rename needs its own migration).
ORDER_STATUSES = ("pending", "in_progress", "done", "failed", "cancelled")
EVENT_KINDS = ("created", "claimed", "attempt_failed", "succeeded", "failed_permanently", "lease_expired",
               "retried_by_user", "cancelled")


def upgrade() -> None:
    op.create_table(
        "send_orders",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("payload_ref", sa.String(200), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("ordered_by", sa.String(120), nullable=False),
        sa.Column("origin_workstation", sa.String(120), nullable=False),
        sa.Column("target_workstation", sa.String(120), nullable=True),
        sa.Column("status", sa.Enum(*ORDER_STATUSES, name="status", native_enum=False, create_constraint=True,
                                    length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_owner", sa.String(160), nullable=True),
        sa.Column("lease_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_send_orders")),
    )
    op.create_index("ix_send_orders_due", "send_orders", ["status", "next_attempt_at"])
    op.create_index("ix_send_orders_lease", "send_orders", ["status", "lease_expires_at"])
    op.create_index("ix_send_orders_created_at", "send_orders", ["created_at"])
    op.create_index("ix_send_orders_payload_ref", "send_orders", ["payload_ref"])
    op.create_table(
        "send_order_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("order_id", sa.String(36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.Enum(*EVENT_KINDS, name="kind", native_enum=False, create_constraint=True,
                                  length=24), nullable=False),
        sa.Column("workstation", sa.String(120), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["send_orders.id"], ondelete="CASCADE",
                                name=op.f("fk_send_order_events_order_id_send_orders")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_send_order_events")),
    )
    op.create_index("ix_send_order_events_order_id", "send_order_events", ["order_id"])


def downgrade() -> None:
    op.drop_table("send_order_events")
    op.drop_table("send_orders")
