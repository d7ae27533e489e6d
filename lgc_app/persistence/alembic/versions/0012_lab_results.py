"""Structured laboratory results read from received BIO-CR-BIO reports

Revision ID: 0012_lab_results
Revises: '0011_ssi_totp_renewal'
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_lab_results"
down_revision = "0011_ssi_totp_renewal"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lab_results",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("document_uid", sa.String(200), nullable=False),
        sa.Column("set_id", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("observation_key", sa.String(200), nullable=False),
        sa.Column("loinc_code", sa.String(20), nullable=False),
        sa.Column("loinc_display", sa.String(255), nullable=False),
        sa.Column("value_text", sa.String(255), nullable=False),
        sa.Column("value_numeric", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(40), nullable=False),
        sa.Column("range_low", sa.Float(), nullable=True),
        sa.Column("range_high", sa.Float(), nullable=True),
        sa.Column("range_text", sa.String(120), nullable=False),
        sa.Column("interpretation", sa.String(10), nullable=False),
        sa.Column("observed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("specimen", sa.String(120), nullable=False),
        sa.Column("laboratory", sa.String(200), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"], ondelete="CASCADE",
                                name=op.f("fk_lab_results_patient_id_patients")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lab_results")),
        sa.UniqueConstraint("patient_id", "document_uid", "observation_key", name=op.f("uq_lab_results_patient_id")),
    )
    op.create_index(op.f("ix_lab_results_patient_id"), "lab_results", ["patient_id"])
    op.create_index("ix_lab_results_patient_loinc", "lab_results", ["patient_id", "loinc_code"])


def downgrade() -> None:
    op.drop_index("ix_lab_results_patient_loinc", table_name="lab_results")
    op.drop_index(op.f("ix_lab_results_patient_id"), table_name="lab_results")
    op.drop_table("lab_results")
