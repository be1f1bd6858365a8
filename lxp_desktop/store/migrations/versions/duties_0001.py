"""duties with responsible staff and ordered proxies (代理人)

Revision ID: duties_0001
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "duties_0001"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "duty",
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("responsible_id", sa.Uuid(), nullable=True),
        sa.Column("proxy_ids", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["responsible_id"], ["staff.id"],
                                name=op.f("fk_duty_responsible_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty")),
    )
    with op.batch_alter_table("duty", schema=None) as batch_op:
        batch_op.create_index("ix_duty_name", ["name"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("duty", schema=None) as batch_op:
        batch_op.drop_index("ix_duty_name")
    op.drop_table("duty")
