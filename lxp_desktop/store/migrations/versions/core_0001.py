"""audit chain: each entry's position in the chain (backfilled); the heads the shared
database keeps per workstation (the chain's anchor there)

Revision ID: core_0001
Revises: sync_0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "core_0001"
down_revision = "sync_0001"
branch_labels = None
depends_on = None

_GUARDED = ("seq", "at", "staff_id", "acting_for", "workstation", "table_name", "row_id",
            "action", "source", "prev_hash", "hash", "changes_sha256")


def _guard(columns: tuple[str, ...]) -> None:
    op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    op.execute(f"CREATE TRIGGER audit_log_no_update BEFORE UPDATE OF {', '.join(columns)} "
               "ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("chain_seq", sa.Integer(), nullable=True))
    # the chain as it was walked: by seq, numbered from 1 (one statement, no per-row query)
    op.execute("UPDATE audit_log SET chain_seq = n.pos FROM "
               "(SELECT seq AS s, row_number() OVER (ORDER BY seq) AS pos FROM audit_log) AS n "
               "WHERE audit_log.seq = n.s")
    op.create_index("ix_audit_chain_seq", "audit_log", ["chain_seq"], unique=True)
    if op.get_bind().dialect.name == "sqlite":
        _guard((*_GUARDED, "chain_seq"))
    op.create_table(
        "audit_anchor",
        sa.Column("workstation", sa.String(length=36), nullable=False),
        sa.Column("chain_seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("workstation", name=op.f("pk_audit_anchor")),
    )


def downgrade() -> None:
    op.drop_table("audit_anchor")
    if op.get_bind().dialect.name == "sqlite":
        _guard(_GUARDED)
    op.drop_index("ix_audit_chain_seq", table_name="audit_log")
    with op.batch_alter_table("audit_log") as batch_op:
        batch_op.drop_column("chain_seq")
