"""Document types checked by the type registry, not by a CHECK constraint

Revision ID: 0005_doctypes_registry
Revises: '0004_dmp'

The document type columns were enums (VARCHAR + CHECK listing the seven codes): a new type then needed a
migration. The registry of document types (lgc_app/documents/types) now refuses an unregistered code
when a row is written, so the CHECK constraints go and the columns stay VARCHAR(20).
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_doctypes_registry"
down_revision = "0004_dmp"
branch_labels = None
depends_on = None

# Frozen copy of the codes at revision 0004 (the downgrade restores their CHECK constraint).
DOCUMENT_TYPES = ("VSM", "VAC_NOTE", "PRESCRIPTION", "CONSULTATION_REPORT", "LETTER", "CERTIFICATE", "FREE")
COLUMNS = (("documents", "type"), ("dmp_type_preferences", "document_type"))


def _enum() -> sa.Enum:
    return sa.Enum(*DOCUMENT_TYPES, name="document_type", native_enum=False, create_constraint=True, length=20)


def upgrade() -> None:
    for table, column in COLUMNS:
        # batch mode: SQLite drops a CHECK constraint only by recreating the table
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, existing_type=_enum(), type_=sa.String(20), existing_nullable=False)


def downgrade() -> None:
    for table, column in COLUMNS:
        with op.batch_alter_table(table) as batch:
            batch.alter_column(column, existing_type=sa.String(20), type_=_enum(), existing_nullable=False)
