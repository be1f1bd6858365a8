"""term calendar, deadline extensions, a departed student's own end of the period

Revision ID: calendar_0001
Revises: roster_0001 (the head of main when this was written)
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "calendar_0001"
down_revision = "roster_0001"
branch_labels = None
depends_on = None


def _sync_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "term_calendar",
        sa.Column("school_year", sa.Integer(), nullable=False),
        sa.Column("semester", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=30), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=False),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_term_calendar")),
    )
    with op.batch_alter_table("term_calendar", schema=None) as batch_op:
        batch_op.create_index("ix_term_calendar_term", ["school_year", "semester", "key"],
                              unique=False)
    op.create_table(
        "deadline_extension",
        sa.Column("school_year", sa.Integer(), nullable=False),
        sa.Column("semester", sa.Integer(), nullable=False),
        sa.Column("window", sa.String(length=30), nullable=False),
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("target_id", sa.Uuid(), nullable=True),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("granted_by", sa.String(length=36), nullable=True),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline_extension")),
    )
    with op.batch_alter_table("deadline_extension", schema=None) as batch_op:
        batch_op.create_index("ix_deadline_extension_term",
                              ["school_year", "semester", "window"], unique=False)
    op.create_table(
        "period_extension",
        sa.Column("period_id", sa.Uuid(), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(["period_id"], ["confirmation_period.id"],
                                name=op.f("fk_period_extension_period_id_confirmation_period")),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"],
                                name=op.f("fk_period_extension_student_id_student")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_period_extension")),
    )
    with op.batch_alter_table("period_extension", schema=None) as batch_op:
        batch_op.create_index("ix_period_extension_period", ["period_id", "student_id"],
                              unique=False)


def downgrade() -> None:
    for table, index in (("period_extension", "ix_period_extension_period"),
                         ("deadline_extension", "ix_deadline_extension_term"),
                         ("term_calendar", "ix_term_calendar_term")):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(index)
        op.drop_table(table)
