"""audit log: hash of the changes (so a purge can redact them), staff index, append-only

Revision ID: accounts_0001
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = 'accounts_0001'
down_revision = "duties_0001"
branch_labels = None
depends_on = None

#: SQLite refuses to delete audit entries or change them, except the two columns a retention
#: purge may set (the redacted changes and the purge entry that redacted them).
_GUARDED = ("seq", "at", "staff_id", "acting_for", "workstation", "table_name", "row_id",
            "action", "source", "prev_hash", "hash", "changes_sha256")


def upgrade() -> None:
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('changes_sha256', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('redacted_by', sa.Integer(), nullable=True))
        batch_op.create_index('ix_audit_staff', ['staff_id'], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                   "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")
        op.execute(f"CREATE TRIGGER audit_log_no_update BEFORE UPDATE OF {', '.join(_GUARDED)} "
                   "ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_staff')
        batch_op.drop_column('redacted_by')
        batch_op.drop_column('changes_sha256')
