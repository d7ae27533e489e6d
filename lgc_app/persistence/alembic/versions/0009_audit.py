"""audit journal: append-only (triggers on both back-ends), hash-chained, with its chain head row

Revision ID: 0009_audit
Revises: '0008_accounts'
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_audit"
down_revision = "0008_accounts"
branch_labels = None
depends_on = None

GENESIS_HASH = "0" * 64  # frozen copy of lgc_app.audit.models.GENESIS_HASH at this revision
REFUSAL = "journal d'audit : modification interdite (ajout seulement)"

# The database itself refuses to rewrite history (issue 11, item 6), whoever connects: the application's
# own code paths included. The chain head may only move forward.
SQLITE_TRIGGERS = (
    f"CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
    f"BEGIN SELECT RAISE(ABORT, \"{REFUSAL}\"); END",
    f"CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
    f"BEGIN SELECT RAISE(ABORT, \"{REFUSAL}\"); END",
    f"CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head "
    f"BEGIN SELECT RAISE(ABORT, \"{REFUSAL}\"); END",
    f"CREATE TRIGGER audit_chain_head_forward BEFORE UPDATE ON audit_chain_head WHEN NEW.last_id < OLD.last_id "
    f"OR NEW.id <> OLD.id BEGIN SELECT RAISE(ABORT, \"{REFUSAL}\"); END",
)
POSTGRESQL_TRIGGERS = (
    f"""CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{REFUSAL.replace("'", "''")}' USING ERRCODE = 'integrity_constraint_violation';
    END $$""",
    "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events "
    "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()",
    "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()",
    "CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head "
    "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()",
    "CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()",
    "CREATE TRIGGER audit_chain_head_forward BEFORE UPDATE ON audit_chain_head "
    "FOR EACH ROW WHEN (NEW.last_id < OLD.last_id OR NEW.id <> OLD.id) EXECUTE FUNCTION audit_refuse_change()",
)


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("event", sa.String(40), nullable=False),
        sa.Column("who", sa.String(160), nullable=False),
        sa.Column("workstation", sa.String(120), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("previous_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    for column in ("at", "event", "who", "patient_id"):
        op.create_index(op.f(f"ix_audit_events_{column}"), "audit_events", [column])
    head = op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    op.bulk_insert(head, [{"id": 1, "last_id": 0, "last_hash": GENESIS_HASH}])
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in POSTGRESQL_TRIGGERS if postgresql else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    op.drop_table("audit_chain_head")  # dropping a table drops its triggers
    op.drop_table("audit_events")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION audit_refuse_change()")
