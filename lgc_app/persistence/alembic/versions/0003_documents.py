"""practitioners and clinical documents

Revision ID: 0003_documents
Revises: '0002_patients'
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0003_documents"
down_revision = "0002_patients"
branch_labels = None
depends_on = None

# Frozen copies of the enum values at this revision (a later rename needs its own migration).
DOCUMENT_TYPES = ("VSM", "VAC_NOTE", "PRESCRIPTION", "CONSULTATION_REPORT", "LETTER", "CERTIFICATE", "FREE")
DOCUMENT_STATUSES = ("draft", "validated", "replaced", "archived", "deleted")


def _status(name: str, *, nullable: bool) -> sa.Column[str]:
    kind = sa.Enum(*DOCUMENT_STATUSES, name=name, native_enum=False, create_constraint=True, length=10)
    return sa.Column(name, kind, nullable=nullable)


def _timestamp(name: str, *, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "practitioners",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("rpps", sa.String(11), nullable=False),
        sa.Column("civility", sa.String(10), nullable=False),
        sa.Column("title", sa.String(10), nullable=False),
        sa.Column("given_name", sa.String(100), nullable=False),
        sa.Column("family_name", sa.String(100), nullable=False),
        sa.Column("profession_code", sa.String(10), nullable=False),
        sa.Column("specialty_code", sa.String(10), nullable=False),
        sa.Column("mssante_address", sa.String(200), nullable=True),
        sa.Column("phone", sa.String(30), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        _timestamp("created_at"),
        sa.CheckConstraint("length(rpps) = 11", name=op.f("ck_practitioners_rpps_length")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practitioners")),
        sa.UniqueConstraint("rpps", name=op.f("uq_practitioners_rpps")),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                *DOCUMENT_TYPES, name="document_type", native_enum=False, create_constraint=True, length=20
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(200), nullable=False),
        _status("status", nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("set_id", sa.String(64), nullable=False),
        sa.Column("version_number", sa.Integer(), nullable=False),
        sa.Column("cda_id_root", sa.String(64), nullable=False),
        sa.Column("cda_id_extension", sa.String(64), nullable=True),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.Column("cda_xml", sa.LargeBinary(), nullable=True),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("class_code", sa.String(20), nullable=False),
        sa.Column("type_code", sa.String(20), nullable=False),
        sa.Column("format_code", sa.String(64), nullable=False),
        sa.Column("practice_setting_code", sa.String(20), nullable=False),
        sa.Column("facility_type_code", sa.String(10), nullable=False),
        sa.Column("confidentiality_code", sa.String(1), nullable=False),
        sa.Column("masked_from_professionals", sa.Boolean(), nullable=False),
        sa.Column("hidden_from_patient", sa.Boolean(), nullable=False),
        sa.Column("hidden_from_legal_representatives", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        _timestamp("validated_at", nullable=True),
        sa.CheckConstraint("version_number >= 1", name=op.f("ck_documents_version_number_positive")),
        sa.CheckConstraint(
            "status IN ('draft', 'deleted') OR cda_xml IS NOT NULL", name=op.f("ck_documents_frozen_has_cda")
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patients.id"],
            ondelete="RESTRICT",
            name=op.f("fk_documents_patient_id_patients"),
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["practitioners.id"],
            ondelete="RESTRICT",
            name=op.f("fk_documents_author_id_practitioners"),
        ),
        sa.ForeignKeyConstraint(
            ["replaces_id"],
            ["documents.id"],
            ondelete="RESTRICT",
            name=op.f("fk_documents_replaces_id_documents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("cda_id_root", name=op.f("uq_documents_cda_id_root")),
    )
    op.create_index("ix_documents_patient_id", "documents", ["patient_id"])
    op.create_index("ix_documents_set_id", "documents", ["set_id", "version_number"], unique=True)
    op.create_table(
        "document_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        _status("from_status", nullable=True),
        _status("to_status", nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        _timestamp("at"),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            ondelete="CASCADE",
            name=op.f("fk_document_events_document_id_documents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_events")),
    )
    op.create_index("ix_document_events_document_id", "document_events", ["document_id"])


def downgrade() -> None:
    op.drop_table("document_events")
    op.drop_table("documents")
    op.drop_table("practitioners")
