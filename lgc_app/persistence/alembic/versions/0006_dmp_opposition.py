"""Patients' opposition to the DMP, recorded locally

Revision ID: 0006_dmp_opposition
Revises: '0005_doctypes_registry'
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_dmp_opposition"
down_revision = "0005_doctypes_registry"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dmp_oppositions",
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(120), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by", sa.String(120), nullable=True),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"], ondelete="CASCADE",
                                name=op.f("fk_dmp_oppositions_patient_id_patients")),
        sa.PrimaryKeyConstraint("patient_id", name=op.f("pk_dmp_oppositions")),
    )


def downgrade() -> None:
    op.drop_table("dmp_oppositions")
