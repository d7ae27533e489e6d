"""DMP feeding state and consultation

Revision ID: 0004_dmp
Revises: '0003_documents'
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0004_dmp"
down_revision = "0003_documents"
branch_labels = None
depends_on = None

# Frozen copies of the enum values at this revision (a later rename needs its own migration).
DOCUMENT_TYPES = ("VSM", "VAC_NOTE", "PRESCRIPTION", "CONSULTATION_REPORT", "LETTER", "CERTIFICATE", "FREE")
DMP_STATES = ("pending", "sent", "refused", "replaced", "withheld", "unqualified", "excluded", "cancelled")


def _timestamp(name: str, *, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _feeding_upgrade() -> None:
    """DMP feeding (lgc_app/dmp/models.py)."""
    op.create_table(
        "dmp_type_preferences",
        sa.Column("practitioner_id", sa.Integer(), nullable=False),
        sa.Column("document_type", sa.Enum(*DOCUMENT_TYPES, name="document_type", native_enum=False,
                                           create_constraint=True, length=20), nullable=False),
        sa.Column("send_to_dmp", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.String(120), nullable=False),
        _timestamp("updated_at"),
        sa.ForeignKeyConstraint(["practitioner_id"], ["practitioners.id"], ondelete="CASCADE",
                                name=op.f("fk_dmp_type_preferences_practitioner_id_practitioners")),
        sa.PrimaryKeyConstraint("practitioner_id", "document_type", name=op.f("pk_dmp_type_preferences")),
    )
    op.create_table(
        "dmp_document_states",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.Enum(*DMP_STATES, name="state", native_enum=False, create_constraint=True,
                                   length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("order_id", sa.String(36), nullable=True),
        sa.Column("unique_id", sa.String(128), nullable=True),
        sa.Column("entry_uuid", sa.String(80), nullable=True),
        sa.Column("submission_uid", sa.String(64), nullable=True),
        sa.Column("replaces_entry_uuid", sa.String(80), nullable=True),
        sa.Column("last_answer", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.String(120), nullable=False),
        _timestamp("decided_at"),
        _timestamp("sent_at", nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                name=op.f("fk_dmp_document_states_document_id_documents")),
        sa.ForeignKeyConstraint(["order_id"], ["send_orders.id"], ondelete="SET NULL",
                                name=op.f("fk_dmp_document_states_order_id_send_orders")),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_dmp_document_states")),
    )
    op.create_index("ix_dmp_document_states_state", "dmp_document_states", ["state"])
    op.create_index("ix_dmp_document_states_order_id", "dmp_document_states", ["order_id"])


def _feeding_downgrade() -> None:
    op.drop_table("dmp_document_states")
    op.drop_table("dmp_type_preferences")


def _consultation_upgrade() -> None:
    """DMP consultation (lgc_app/dmp/consultation_models.py): last consultation, imported documents."""
    op.create_table(
        "dmp_consultations",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        _timestamp("consulted_at", nullable=True),
        sa.Column("consulted_by", sa.String(120), nullable=True),
        sa.Column("seen_entry_uuids", sa.JSON(), nullable=False),
        sa.Column("new_count", sa.Integer(), nullable=False),
        _timestamp("checked_at", nullable=True),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"], ondelete="CASCADE",
                                name=op.f("fk_dmp_consultations_patient_id_patients")),
        sa.PrimaryKeyConstraint("patient_id", name=op.f("pk_dmp_consultations")),
    )
    op.create_table(
        "dmp_received_documents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("unique_id", sa.String(128), nullable=False),
        sa.Column("entry_uuid", sa.String(80), nullable=False),
        sa.Column("repository_id", sa.String(64), nullable=False),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("mime_type", sa.String(100), nullable=False),
        sa.Column("class_code", sa.String(40), nullable=True),
        sa.Column("type_code", sa.String(40), nullable=True),
        sa.Column("type_display", sa.String(200), nullable=False),
        sa.Column("format_code", sa.String(128), nullable=True),
        sa.Column("author", sa.String(200), nullable=False),
        _timestamp("creation_time", nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha1", sa.String(40), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("imported_by", sa.String(120), nullable=False),
        _timestamp("imported_at"),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"], ondelete="CASCADE",
                                name=op.f("fk_dmp_received_documents_patient_id_patients")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dmp_received_documents")),
        sa.UniqueConstraint("patient_id", "unique_id", name=op.f("uq_dmp_received_documents_patient_id")),
    )
    op.create_index("ix_dmp_received_documents_patient_id", "dmp_received_documents", ["patient_id"])


def _consultation_downgrade() -> None:
    op.drop_table("dmp_received_documents")
    op.drop_table("dmp_consultations")


def upgrade() -> None:
    _feeding_upgrade()
    _consultation_upgrade()


def downgrade() -> None:
    _consultation_downgrade()
    _feeding_downgrade()
