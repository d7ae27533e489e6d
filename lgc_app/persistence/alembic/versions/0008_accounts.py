"""Local accounts and contact verifications (SSI IE.31–IE.36)

Revision ID: 0008_accounts
Revises: '0007_consultations'
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0008_accounts"
down_revision = "0007_consultations"
branch_labels = None
depends_on = None

# Frozen copies of the enum values at this revision (a later rename needs its own migration).
USER_ROLES = ("praticien", "secretariat", "administrateur")
CONTACT_CHANNELS = ("email", "phone")


def _timestamp(name: str, *, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(64), nullable=False),
        sa.Column("family_name", sa.String(100), nullable=False),
        sa.Column("given_name", sa.String(100), nullable=False),
        sa.Column("profession", sa.String(100), nullable=False),
        sa.Column("role", sa.Enum(*USER_ROLES, name="user_role", native_enum=False, create_constraint=True,
                                  length=20), nullable=False),
        sa.Column("rpps", sa.String(11), nullable=True),
        sa.Column("practitioner_id", sa.Integer(), nullable=True),
        sa.Column("email", sa.String(200), nullable=True),
        sa.Column("phone", sa.String(30), nullable=True),
        sa.Column("password_hash", sa.Text(), nullable=False),
        _timestamp("password_changed_at"),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        _timestamp("locked_until", nullable=True),
        sa.Column("totp_seed", sa.Text(), nullable=True),
        _timestamp("totp_enrolled_at", nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        _timestamp("created_at"),
        sa.ForeignKeyConstraint(["practitioner_id"], ["practitioners.id"], ondelete="SET NULL",
                                name=op.f("fk_accounts_practitioner_id_practitioners")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("login", name=op.f("uq_accounts_login")),
    )
    op.create_table(
        "contact_verifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.Enum(*CONTACT_CHANNELS, name="contact_channel", native_enum=False,
                                     create_constraint=True, length=10), nullable=False),
        sa.Column("new_value", sa.String(200), nullable=False),
        sa.Column("code_hash", sa.Text(), nullable=False),
        _timestamp("expires_at"),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], ondelete="CASCADE",
                                name=op.f("fk_contact_verifications_account_id_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_verifications")),
    )


def downgrade() -> None:
    op.drop_table("contact_verifications")
    op.drop_table("accounts")
