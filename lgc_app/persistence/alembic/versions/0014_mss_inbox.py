"""MSSanté reception: received messages, their documents (KO work list), and the origin of received documents

Revision ID: 0014_mss_inbox
Revises: 0013_mss_sending
"""

import sqlalchemy as sa
from alembic import op

from lgc_app.persistence.base import UtcDateTime

revision = "0014_mss_inbox"
down_revision = "0013_mss_sending"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mss_inbox_messages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("message_id", sa.String(250), nullable=False, unique=True),
        sa.Column("mailbox", sa.String(200), nullable=False),
        sa.Column("uidvalidity", sa.Integer()),
        sa.Column("uid", sa.Integer()),
        sa.Column("raw_path", sa.String(300), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("reason_code", sa.String(40), nullable=False),
        sa.Column("sender", sa.String(200), nullable=False),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("sent_at", UtcDateTime()),
        sa.Column("mdn_to", sa.String(200), nullable=False),
        sa.Column("mdn_sent", sa.Boolean(), nullable=False),
        sa.Column("quarantined", sa.Boolean(), nullable=False),
        sa.Column("received_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_mss_inbox_messages_state", "mss_inbox_messages", ["state"])
    op.create_table(
        "mss_inbox_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("message_row_id", sa.Integer(), sa.ForeignKey("mss_inbox_messages.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("unique_id", sa.String(128), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("reason_code", sa.String(40), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("mime_type", sa.String(100), nullable=False),
        sa.Column("type_code", sa.String(40)),
        sa.Column("type_display", sa.String(200), nullable=False),
        sa.Column("format_code", sa.String(128)),
        sa.Column("class_code", sa.String(40)),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("creation_time", UtcDateTime()),
        sa.Column("patient_ins", sa.String(15), nullable=False),
        sa.Column("patient_oid", sa.String(32), nullable=False),
        sa.Column("patient_label", sa.String(300), nullable=False),
        sa.Column("patient_id", sa.Integer(), sa.ForeignKey("patients.id", ondelete="SET NULL")),
        sa.Column("received_document_id", sa.Integer(),
                  sa.ForeignKey("dmp_received_documents.id", ondelete="SET NULL")),
        sa.Column("content", sa.LargeBinary()),
        sa.Column("seen", sa.Boolean(), nullable=False),
        sa.Column("handled_by", sa.String(120), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.UniqueConstraint("message_row_id", "unique_id"),
    )
    op.create_index("ix_mss_inbox_items_message_row_id", "mss_inbox_items", ["message_row_id"])
    op.create_index("ix_mss_inbox_items_state", "mss_inbox_items", ["state"])
    with op.batch_alter_table("dmp_received_documents") as batch:
        batch.add_column(sa.Column("origin", sa.String(8), nullable=False, server_default="dmp"))
        batch.add_column(sa.Column("origin_sender", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("origin_message_id", sa.String(250), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("dmp_received_documents") as batch:
        batch.drop_column("origin_message_id")
        batch.drop_column("origin_sender")
        batch.drop_column("origin")
    op.drop_table("mss_inbox_items")
    op.drop_table("mss_inbox_messages")
