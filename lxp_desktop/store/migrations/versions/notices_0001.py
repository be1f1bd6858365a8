"""paper confirmation notices and their mailing log

Revision ID: notices_0001
Revises: duties_0001 (the head of main when this was written)
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "notices_0001"
down_revision = "submission_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notice",
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("school_year", sa.Integer(), nullable=False),
        sa.Column("semester", sa.Integer(), nullable=False),
        sa.Column("batch", sa.String(length=36), nullable=False),
        sa.Column("state", sa.String(length=4), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("recipient", sa.String(length=60), nullable=False),
        sa.Column("postal_code", sa.String(length=6), nullable=False),
        sa.Column("address", sa.String(length=120), nullable=False),
        sa.Column("class_name", sa.String(length=40), nullable=True),
        sa.Column("items_json", sa.Text(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("registered_no", sa.String(length=20), nullable=True),
        sa.Column("reply", sa.String(length=4), nullable=True),
        sa.Column("replied_on", sa.Date(), nullable=True),
        sa.Column("objection", sa.Text(), nullable=True),
        sa.Column("returned_on", sa.Date(), nullable=True),
        sa.Column("return_reason", sa.String(length=100), nullable=True),
        sa.Column("resend_of", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("origin", sa.String(length=36), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["resend_of"], ["notice.id"],
                                name=op.f("fk_notice_resend_of_notice")),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"],
                                name=op.f("fk_notice_student_id_student")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice")),
        sa.UniqueConstraint("reference", name=op.f("uq_notice_reference")),
    )
    with op.batch_alter_table("notice", schema=None) as batch_op:
        batch_op.create_index("ix_notice_batch", ["batch"], unique=False)
        batch_op.create_index("ix_notice_term_student",
                              ["school_year", "semester", "student_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("notice", schema=None) as batch_op:
        batch_op.drop_index("ix_notice_term_student")
        batch_op.drop_index("ix_notice_batch")
    op.drop_table("notice")
