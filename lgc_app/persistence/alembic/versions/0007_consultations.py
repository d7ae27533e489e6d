"""consultations (vital signs), documents drafted from them, patient allergies, allergy overrides

Revision ID: 0007_consultations
Revises: '0006_dmp_opposition'
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0007_consultations"
down_revision = "0006_dmp_opposition"
branch_labels = None
depends_on = None

# Frozen copy of the plausible ranges at this revision (lgc_app/consultations/vitals.py).
VITAL_RANGES = (
    ("weight_kg", 0.3, 400.0),
    ("height_cm", 20.0, 260.0),
    ("systolic_mmhg", 50.0, 300.0),
    ("diastolic_mmhg", 20.0, 200.0),
    ("heart_rate_bpm", 20.0, 250.0),
    ("temperature_c", 30.0, 45.0),
)


def _timestamp(name: str, *, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "consultations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("practitioner_id", sa.Integer(), nullable=False),
        _timestamp("started_at"),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("history", sa.Text(), nullable=False),
        sa.Column("examination", sa.Text(), nullable=False),
        sa.Column("conclusion", sa.Text(), nullable=False),
        *(sa.Column(name, sa.Float(), nullable=True) for name, _low, _high in VITAL_RANGES),
        sa.Column("created_by", sa.String(120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _timestamp("updated_at"),
        *(sa.CheckConstraint(f"{name} IS NULL OR ({name} >= {low} AND {name} <= {high})",
                             name=op.f(f"ck_consultations_{name}_range")) for name, low, high in VITAL_RANGES),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"], ondelete="RESTRICT",
                                name=op.f("fk_consultations_patient_id_patients")),
        sa.ForeignKeyConstraint(["practitioner_id"], ["practitioners.id"], ondelete="RESTRICT",
                                name=op.f("fk_consultations_practitioner_id_practitioners")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultations")),
    )
    op.create_index(op.f("ix_consultations_patient_id"), "consultations", ["patient_id"])
    op.create_table(
        "consultation_documents",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                name=op.f("fk_consultation_documents_document_id_documents")),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultations.id"], ondelete="CASCADE",
                                name=op.f("fk_consultation_documents_consultation_id_consultations")),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_consultation_documents")),
    )
    op.create_index(op.f("ix_consultation_documents_consultation_id"), "consultation_documents",
                    ["consultation_id"])
    op.create_table(
        "patient_allergies",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("substance", sa.String(200), nullable=False),
        sa.Column("atc_class", sa.String(8), nullable=True),
        sa.Column("reaction", sa.String(200), nullable=False),
        sa.Column("recorded_by", sa.String(120), nullable=False),
        _timestamp("recorded_at"),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"], ondelete="CASCADE",
                                name=op.f("fk_patient_allergies_patient_id_patients")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patient_allergies")),
    )
    op.create_index(op.f("ix_patient_allergies_patient_id"), "patient_allergies", ["patient_id"])
    op.create_table(
        "allergy_overrides",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("drug", sa.String(200), nullable=False),
        sa.Column("allergy", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(120), nullable=False),
        _timestamp("at"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                name=op.f("fk_allergy_overrides_document_id_documents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allergy_overrides")),
    )
    op.create_index(op.f("ix_allergy_overrides_document_id"), "allergy_overrides", ["document_id"])


def downgrade() -> None:
    op.drop_table("allergy_overrides")
    op.drop_table("patient_allergies")
    op.drop_table("consultation_documents")
    op.drop_table("consultations")
