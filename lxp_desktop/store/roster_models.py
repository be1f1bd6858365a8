"""Class membership per 學年度 and the year's promotion runs (升級作業).

A student has one class and seat per 學年度 (docs/domain.md §6). ``ClassMembership`` keeps them;
its id is derived from (student, 學年度) with uuid5, so every workstation and the shared
database's own migration make the same id for the same membership, and two PCs that promote
offline write the same rows. ``Student.class_id``/``seat_no`` stay as the student's latest
class (what the roster tab shows); every term view reads the membership of its own year.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lxp_desktop.store.models import Base, SyncMixin

#: the namespace of the derived ids (fixed forever: the shared database's migration uses it)
MEMBERSHIP_NAMESPACE = uuid.UUID("7d3f3c1e-5b0a-4c55-9a55-1c2f0e6a1701")


def membership_id(student_id: uuid.UUID | str, school_year: int) -> uuid.UUID:
    """The id of a student's membership in ``school_year``: the same on every PC."""
    return uuid.uuid5(MEMBERSHIP_NAMESPACE, f"membership:{student_id}:{int(school_year)}")


def class_id_for(school_year: int, code: str) -> uuid.UUID:
    """The id of a class that the promotion creates (the same on every PC)."""
    return uuid.uuid5(MEMBERSHIP_NAMESPACE, f"class:{int(school_year)}:{code}")


def promotion_id(to_year: int) -> uuid.UUID:
    """The id of the promotion into ``to_year`` (one per 學年度)."""
    return uuid.uuid5(MEMBERSHIP_NAMESPACE, f"promotion:{int(to_year)}")


class ClassMembership(SyncMixin, Base):
    """A student's class and seat in one 學年度."""

    __tablename__ = "class_membership"
    __table_args__ = (
        UniqueConstraint("student_id", "school_year"),
        Index("ix_class_membership_year_class", "school_year", "class_id", "seat_no"),
    )
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("student.id"), nullable=False)
    school_year: Mapped[int] = mapped_column(Integer, nullable=False)
    class_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("school_class.id"), nullable=False)
    seat_no: Mapped[int | None] = mapped_column(Integer)
    EDITABLE = ("student_id", "school_year", "class_id", "seat_no")


class PromotionRun(SyncMixin, Base):
    """One 升級作業 into ``to_year``: what it changed, so that it can be undone."""

    __tablename__ = "promotion_run"
    from_year: Mapped[int] = mapped_column(Integer, nullable=False)
    to_year: Mapped[int] = mapped_column(Integer, nullable=False)
    graduation_date: Mapped[date | None] = mapped_column(Date)
    #: JSON: per student, the values before and after (student fields, membership, classes made)
    detail: Mapped[str] = mapped_column(Text, nullable=False)
    #: '完成' or '已復原'
    state: Mapped[str] = mapped_column(Text, nullable=False, default="完成")
    EDITABLE = ("from_year", "to_year", "graduation_date", "detail", "state")
