"""An administrator forces the renewal of a TOTP factor (SSI IE.34)

Revision ID: 0011_ssi_totp_renewal
Revises: '0010_directory'
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_ssi_totp_renewal"
down_revision = "0010_directory"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("totp_renewal_forced", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("totp_renewal_forced")
