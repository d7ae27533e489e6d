"""Annuaire Santé: cached directory entries with their date, the patients' correspondents

Revision ID: 0010_directory
Revises: '0009_audit'
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0010_directory"
down_revision = "0009_audit"
branch_labels = None
depends_on = None


def _timestamp(name: str) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "directory_practitioners",
        sa.Column("rpps", sa.String(11), nullable=False),
        sa.Column("family", sa.String(120), nullable=False),
        sa.Column("entry_json", sa.Text(), nullable=False),
        _timestamp("fetched_at"),
        sa.PrimaryKeyConstraint("rpps", name=op.f("pk_directory_practitioners")),
    )
    op.create_index(op.f("ix_directory_practitioners_family"), "directory_practitioners", ["family"])
    op.create_table(
        "patient_correspondents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("rpps", sa.String(11), nullable=False),
        sa.Column("family", sa.String(120), nullable=False),
        sa.Column("given", sa.String(120), nullable=False),
        sa.Column("specialty", sa.String(120), nullable=False),
        sa.Column("mailbox", sa.String(254), nullable=False),
        sa.Column("mailbox_kind", sa.String(3), nullable=False),
        sa.Column("place", sa.String(400), nullable=False),
        sa.Column("added_by", sa.String(120), nullable=False),
        _timestamp("added_at"),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"], ondelete="CASCADE",
                                name=op.f("fk_patient_correspondents_patient_id_patients")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patient_correspondents")),
        sa.UniqueConstraint("patient_id", "rpps", name=op.f("uq_patient_correspondents_patient_id")),
    )
    op.create_index(op.f("ix_patient_correspondents_patient_id"), "patient_correspondents", ["patient_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_patient_correspondents_patient_id"), table_name="patient_correspondents")
    op.drop_table("patient_correspondents")
    op.drop_index(op.f("ix_directory_practitioners_family"), table_name="directory_practitioners")
    op.drop_table("directory_practitioners")
