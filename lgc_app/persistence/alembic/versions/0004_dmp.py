"""DMP feeding state and consultation

Revision ID: 0004_dmp
Revises: '0003_documents'
"""

revision = "0004_dmp"
down_revision = "0003_documents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by the issue that owns these tables


def downgrade() -> None:
    pass
