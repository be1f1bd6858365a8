"""roster: class membership per 學年度, promotion runs, the roster fields

Revision ID: roster_0001
Revises: core_0001 (the head of main when this was merged)

The backfill makes one membership per student who has a class today (that class's 學年度,
class and seat), with the id derived from (student, 學年度) exactly as the app does
(``store.roster_models.membership_id``), so every PC and the shared database's own run of
this migration agree on every id. 競賽等級 written as text (「縣市級」) becomes its code.
"""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op


revision = "roster_0001"
down_revision = "core_0001"
branch_labels = None
depends_on = None

#: as store.roster_models.MEMBERSHIP_NAMESPACE (fixed forever)
_NAMESPACE = uuid.UUID("7d3f3c1e-5b0a-4c55-9a55-1c2f0e6a1701")
_LEVELS = {"校級": "1", "縣市級": "2", "縣市": "2", "全國": "3", "全國級": "3", "國際": "4",
           "國際級": "4"}


def _sync_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [sa.Column("id", sa.Uuid(), nullable=False),
            sa.Column("version", sa.Integer(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.Column("updated_by", sa.String(length=36), nullable=True),
            sa.Column("origin", sa.String(length=36), nullable=True),
            sa.Column("deleted", sa.Boolean(), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "promotion_run",
        sa.Column("from_year", sa.Integer(), nullable=False),
        sa.Column("to_year", sa.Integer(), nullable=False),
        sa.Column("graduation_date", sa.Date(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotion_run")),
    )
    op.create_table(
        "class_membership",
        sa.Column("student_id", sa.Uuid(), nullable=False),
        sa.Column("school_year", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.Uuid(), nullable=False),
        sa.Column("seat_no", sa.Integer(), nullable=True),
        *_sync_columns(),
        sa.ForeignKeyConstraint(["class_id"], ["school_class.id"],
                                name=op.f("fk_class_membership_class_id_school_class")),
        sa.ForeignKeyConstraint(["student_id"], ["student.id"],
                                name=op.f("fk_class_membership_student_id_student")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_class_membership")),
        sa.UniqueConstraint("student_id", "school_year",
                            name=op.f("uq_class_membership_student_id")),
    )
    with op.batch_alter_table("class_membership", schema=None) as batch_op:
        batch_op.create_index("ix_class_membership_year_class",
                              ["school_year", "class_id", "seat_no"], unique=False)
    with op.batch_alter_table("performance", schema=None) as batch_op:
        batch_op.add_column(sa.Column("item", sa.String(length=50), nullable=True))
        batch_op.add_column(sa.Column("participation", sa.String(length=1), nullable=True))
    with op.batch_alter_table("school_class", schema=None) as batch_op:
        batch_op.add_column(sa.Column("group_code", sa.String(length=4), nullable=True))
        batch_op.add_column(sa.Column("program_code", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("division_code", sa.String(length=4), nullable=True))
    with op.batch_alter_table("student", schema=None) as batch_op:
        batch_op.add_column(sa.Column("special_status", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("admission_method", sa.String(length=8), nullable=True))
    _backfill()


def _backfill() -> None:
    conn = op.get_bind()
    student = sa.table("student", sa.column("id", sa.Uuid()), sa.column("class_id", sa.Uuid()),
                       sa.column("seat_no", sa.Integer()), sa.column("updated_by", sa.String()),
                       sa.column("origin", sa.String()))
    klass = sa.table("school_class", sa.column("id", sa.Uuid()),
                     sa.column("school_year", sa.Integer()))
    membership = sa.table(
        "class_membership", sa.column("id", sa.Uuid()), sa.column("student_id", sa.Uuid()),
        sa.column("school_year", sa.Integer()), sa.column("class_id", sa.Uuid()),
        sa.column("seat_no", sa.Integer()), sa.column("version", sa.Integer()),
        sa.column("updated_at", sa.DateTime()), sa.column("updated_by", sa.String()),
        sa.column("origin", sa.String()), sa.column("deleted", sa.Boolean()))
    # a fixed stamp, so that every PC and the server backfill identical rows
    stamp = datetime(2000, 1, 1, tzinfo=UTC).replace(tzinfo=None)
    rows = []
    for sid, cid, seat, year in conn.execute(
            sa.select(student.c.id, student.c.class_id, student.c.seat_no, klass.c.school_year)
            .join(klass, student.c.class_id == klass.c.id)):
        rows.append({"id": uuid.uuid5(_NAMESPACE, f"membership:{sid}:{int(year)}"),
                     "student_id": sid, "school_year": int(year), "class_id": cid,
                     "seat_no": seat, "version": 1, "updated_at": stamp, "updated_by": None,
                     "origin": None, "deleted": False})
    for i in range(0, len(rows), 2000):
        conn.execute(membership.insert(), rows[i:i + 2000])
    performance = sa.table("performance", sa.column("kind", sa.String()),
                           sa.column("level", sa.String()))
    for text, code in _LEVELS.items():
        conn.execute(performance.update().where(performance.c.kind == "競賽參與紀錄",
                                                performance.c.level == text)
                     .values(level=code))


def downgrade() -> None:
    with op.batch_alter_table("student", schema=None) as batch_op:
        batch_op.drop_column("admission_method")
        batch_op.drop_column("special_status")
    with op.batch_alter_table("school_class", schema=None) as batch_op:
        batch_op.drop_column("division_code")
        batch_op.drop_column("program_code")
        batch_op.drop_column("group_code")
    with op.batch_alter_table("performance", schema=None) as batch_op:
        batch_op.drop_column("participation")
        batch_op.drop_column("item")
    with op.batch_alter_table("class_membership", schema=None) as batch_op:
        batch_op.drop_index("ix_class_membership_year_class")
    op.drop_table("class_membership")
    op.drop_table("promotion_run")
