"""patients, INS identity traits, INSi call log

Revision ID: 0002_patients
Revises: '0001_outbox'
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0002_patients"
down_revision = "0001_outbox"
branch_labels = None
depends_on = None

STATUSES = "('PROV', 'RECUP', 'VALI', 'QUAL')"
SEARCH_KEY = sa.String(100).with_variant(sa.String(100, collation="C"), "postgresql")
SEARCH_DATE = sa.String(10).with_variant(sa.String(10, collation="C"), "postgresql")


def _timestamp(name: str, *, nullable: bool) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _patient_id() -> sa.Column[int]:
    parent = sa.ForeignKey("patients.id", ondelete="CASCADE")
    return sa.Column("patient_id", sa.Integer(), parent, nullable=False)


def upgrade() -> None:
    op.create_table(
        "patients",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ins_matricule", sa.String(15)),
        sa.Column("ins_oid", sa.String(32)),
        sa.Column("birth_name", sa.String(100), nullable=False),
        sa.Column("birth_given_names", sa.String(100), nullable=False),
        sa.Column("first_birth_given_name", sa.String(100), nullable=False),
        sa.Column("birth_date", sa.String(10), nullable=False),
        sa.Column("sex", sa.String(1), nullable=False),
        sa.Column("birth_place_code", sa.String(5)),
        sa.Column("used_name", sa.String(100)),
        sa.Column("used_given_name", sa.String(100)),
        sa.Column("status", sa.String(5), nullable=False),
        sa.Column("doubtful", sa.Boolean(), nullable=False),
        sa.Column("fictitious", sa.Boolean(), nullable=False),
        sa.Column("homonym", sa.Boolean(), nullable=False),
        sa.Column("address_line1", sa.String(200)),
        sa.Column("address_line2", sa.String(200)),
        sa.Column("postal_code", sa.String(10)),
        sa.Column("city", sa.String(100)),
        sa.Column("phone", sa.String(30)),
        sa.Column("email", sa.String(200)),
        sa.Column("version", sa.Integer(), nullable=False),
        _timestamp("created_at", nullable=False),
        _timestamp("updated_at", nullable=False),
        sa.CheckConstraint("ins_matricule IS NULL OR length(ins_matricule) = 15", name="matricule_length"),
        sa.CheckConstraint("(ins_matricule IS NULL) = (ins_oid IS NULL)", name="matricule_with_oid"),
        sa.CheckConstraint("status <> 'QUAL' OR ins_matricule IS NOT NULL", name="qualified_has_ins"),
        sa.CheckConstraint("NOT doubtful OR status IN ('PROV', 'RECUP')", name="doubtful_not_validated"),
        sa.CheckConstraint("NOT fictitious OR status = 'PROV'", name="fictitious_provisional"),
        sa.CheckConstraint("sex IN ('M', 'F', 'I')", name="sex"),
        sa.CheckConstraint(f"status IN {STATUSES}", name="identity_status"),
    )
    op.create_index("ix_patients_ins_matricule", "patients", ["ins_matricule"])
    op.create_index("ix_patients_updated_at", "patients", ["updated_at", "id"])

    op.create_table(
        "vitale_cards",
        sa.Column("id", sa.Integer(), primary_key=True),
        _patient_id(),
        sa.Column("insured_nir", sa.String(15), nullable=False),
        sa.Column("beneficiary_nir", sa.String(15)),
        sa.Column("birth_rank", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("given_name", sa.String(100), nullable=False),
        sa.Column("birth_date", sa.String(10), nullable=False),
        _timestamp("read_at", nullable=False),
    )
    op.create_index("ix_vitale_cards_patient_id", "vitale_cards", ["patient_id"])

    op.create_table(
        "identity_checks",
        sa.Column("id", sa.Integer(), primary_key=True),
        _patient_id(),
        sa.Column("document_type", sa.String(20), nullable=False),
        sa.Column("checked_by", sa.String(100), nullable=False),
        _timestamp("checked_at", nullable=False),
        sa.Column("note", sa.Text()),
        sa.CheckConstraint("document_type IN ('CNI', 'PASSEPORT', 'TITRE_SEJOUR', 'LIVRET_FAMILLE', "
                           "'EXTRAIT_NAISSANCE', 'PERMIS_CONDUIRE', 'CARTE_VITALE')", name="document_type"),
    )
    op.create_index("ix_identity_checks_patient_id", "identity_checks", ["patient_id"])

    op.create_table(
        "identity_status_changes",
        sa.Column("id", sa.Integer(), primary_key=True),
        _patient_id(),
        sa.Column("from_status", sa.String(5)),
        sa.Column("to_status", sa.String(5), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("changed_by", sa.String(100), nullable=False),
        _timestamp("changed_at", nullable=False),
        sa.CheckConstraint(f"from_status IN {STATUSES}", name="from_status"),
        sa.CheckConstraint(f"to_status IN {STATUSES}", name="to_status"),
    )
    op.create_index("ix_identity_status_changes_patient_id", "identity_status_changes", ["patient_id"])

    op.create_table(
        "insi_calls",
        sa.Column("id", sa.Integer(), primary_key=True),
        _timestamp("called_at", nullable=False),
        sa.Column("called_by", sa.String(100), nullable=False),
        sa.Column("operation", sa.String(40), nullable=False),
        sa.Column("result_code", sa.String(20)),
        sa.Column("message_id", sa.String(80)),
        sa.Column("patient_id", sa.Integer(), sa.ForeignKey("patients.id", ondelete="SET NULL")),
    )
    op.create_index("ix_insi_calls_called_at", "insi_calls", ["called_at"])
    op.create_index("ix_insi_calls_patient_id", "insi_calls", ["patient_id"])

    op.create_table(
        "patient_search_keys",
        _patient_id(),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("name_key", SEARCH_KEY, nullable=False),
        sa.Column("given_key", SEARCH_KEY, nullable=False),
        sa.Column("name_phonetic", SEARCH_KEY, nullable=False),
        sa.Column("birth_date", SEARCH_DATE, nullable=False),
        sa.PrimaryKeyConstraint("patient_id", "seq"),
        sqlite_with_rowid=False,
    )
    search_indexes = (("name", ["name_key", "given_key", "birth_date"]),
                      ("given", ["given_key", "name_key", "birth_date"]),
                      ("date", ["birth_date", "name_key", "given_key"]),
                      ("phonetic", ["name_phonetic", "given_key", "name_key", "birth_date"]))
    for name, columns in search_indexes:
        op.create_index(f"ix_patient_search_keys_{name}", "patient_search_keys", columns)

    op.create_table(
        "patient_name_variants",
        sa.Column("variant", SEARCH_KEY, nullable=False),
        sa.Column("name_key", SEARCH_KEY, nullable=False),
        sa.PrimaryKeyConstraint("variant", "name_key"),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    for table in ("patient_name_variants", "patient_search_keys", "insi_calls", "identity_status_changes",
                  "identity_checks", "vitale_cards", "patients"):
        op.drop_table(table)
