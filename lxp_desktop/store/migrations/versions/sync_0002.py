"""sync: the shared database's epoch (a new one after each restore from a backup)

Revision ID: sync_0002
Revises: roster_0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "sync_0002"
down_revision = "calendar_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_server") as batch:
        batch.add_column(sa.Column("epoch", sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_server") as batch:
        batch.drop_column("epoch")
