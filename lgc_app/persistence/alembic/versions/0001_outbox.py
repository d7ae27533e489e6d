"""send orders (outbox) and workstations

Revision ID: 0001_outbox
Revises: None
"""

revision = "0001_outbox"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by the issue that owns these tables


def downgrade() -> None:
    pass
