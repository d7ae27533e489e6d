"""MSSanté sending: messages (order, Message-ID, ENVID), recipients' statuses, attachments of free messages, the
patients' objection to MSSanté sending, practitioners' sending preferences

Revision ID: 0013_mss_sending
Revises: '0012_lab_results'
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0013_mss_sending"
down_revision = "0012_lab_results"
branch_labels = None
depends_on = None


def _timestamp(name: str, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "mss_messages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("order_id", sa.String(36), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("patient_id", sa.Integer(), nullable=True),
        sa.Column("message_id", sa.String(200), nullable=True),
        sa.Column("envid", sa.String(100), nullable=True),
        sa.Column("entry_uuid", sa.String(64), nullable=True),
        sa.Column("submission_uid", sa.String(64), nullable=True),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(120), nullable=False),
        _timestamp("created_at"),
        _timestamp("sent_at", nullable=True),
        sa.ForeignKeyConstraint(["order_id"], ["send_orders.id"], ondelete="SET NULL",
                                name=op.f("fk_mss_messages_order_id_send_orders")),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="RESTRICT",
                                name=op.f("fk_mss_messages_document_id_documents")),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"], ondelete="RESTRICT",
                                name=op.f("fk_mss_messages_patient_id_patients")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mss_messages")),
        sa.UniqueConstraint("order_id", name=op.f("uq_mss_messages_order_id")),
        sa.UniqueConstraint("message_id", name=op.f("uq_mss_messages_message_id")),
        sa.UniqueConstraint("envid", name=op.f("uq_mss_messages_envid")),
    )
    op.create_index(op.f("ix_mss_messages_document_id"), "mss_messages", ["document_id"])
    op.create_index(op.f("ix_mss_messages_patient_id"), "mss_messages", ["patient_id"])
    op.create_table(
        "mss_recipients",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("message_pk", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(254), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        _timestamp("updated_at"),
        sa.ForeignKeyConstraint(["message_pk"], ["mss_messages.id"], ondelete="CASCADE",
                                name=op.f("fk_mss_recipients_message_pk_mss_messages")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mss_recipients")),
    )
    op.create_index(op.f("ix_mss_recipients_message_pk"), "mss_recipients", ["message_pk"])
    op.create_table(
        "mss_attachments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("message_pk", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("mime_type", sa.String(100), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["message_pk"], ["mss_messages.id"], ondelete="CASCADE",
                                name=op.f("fk_mss_attachments_message_pk_mss_messages")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mss_attachments")),
    )
    op.create_index(op.f("ix_mss_attachments_message_pk"), "mss_attachments", ["message_pk"])
    op.create_table(
        "mss_patient_objections",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("recorded_by", sa.String(120), nullable=False),
        _timestamp("recorded_at"),
        sa.Column("withdrawn_by", sa.String(120), nullable=True),
        _timestamp("withdrawn_at", nullable=True),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"], ondelete="CASCADE",
                                name=op.f("fk_mss_patient_objections_patient_id_patients")),
        sa.PrimaryKeyConstraint("patient_id", name=op.f("pk_mss_patient_objections")),
    )
    op.create_table(
        "mss_preferences",
        sa.Column("practitioner_id", sa.Integer(), nullable=False),
        sa.Column("to_patient", sa.Boolean(), nullable=False),
        sa.Column("to_treating", sa.Boolean(), nullable=False),
        sa.Column("to_referring", sa.Boolean(), nullable=False),
        sa.Column("end_patient_exchange", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.String(120), nullable=False),
        _timestamp("updated_at"),
        sa.ForeignKeyConstraint(["practitioner_id"], ["practitioners.id"], ondelete="CASCADE",
                                name=op.f("fk_mss_preferences_practitioner_id_practitioners")),
        sa.PrimaryKeyConstraint("practitioner_id", name=op.f("pk_mss_preferences")),
    )


def downgrade() -> None:
    op.drop_table("mss_preferences")
    op.drop_table("mss_patient_objections")
    op.drop_index(op.f("ix_mss_attachments_message_pk"), table_name="mss_attachments")
    op.drop_table("mss_attachments")
    op.drop_index(op.f("ix_mss_recipients_message_pk"), table_name="mss_recipients")
    op.drop_table("mss_recipients")
    op.drop_index(op.f("ix_mss_messages_patient_id"), table_name="mss_messages")
    op.drop_index(op.f("ix_mss_messages_document_id"), table_name="mss_messages")
    op.drop_table("mss_messages")
