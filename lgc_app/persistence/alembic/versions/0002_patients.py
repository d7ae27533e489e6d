"""patients, INS identity traits, INSi call log

Revision ID: 0002_patients
Revises: '0001_outbox'
"""

revision = "0002_patients"
down_revision = "0001_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by the issue that owns these tables


def downgrade() -> None:
    pass
