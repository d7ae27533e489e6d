"""practitioners and clinical documents

Revision ID: 0003_documents
Revises: '0002_patients'
"""

revision = "0003_documents"
down_revision = "0002_patients"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by the issue that owns these tables


def downgrade() -> None:
    pass
