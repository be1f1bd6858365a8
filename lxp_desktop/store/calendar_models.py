"""The term's calendar (學期行事曆), the extensions of its windows, and a departed student's
own end of the confirmation period (DOMAIN.md §9). Every table is synced."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from lxp_desktop.store.models import Base, SyncMixin, UTCDateTime


class CalendarEntry(SyncMixin, Base):
    """One date (or window) of a term as the school set it; a term without a row for a key
    shows the default computed from the term's dates and the school's settings."""

    __tablename__ = "term_calendar"
    __table_args__ = (Index("ix_term_calendar_term", "school_year", "semester", "key"),)
    school_year: Mapped[int] = mapped_column(Integer, nullable=False)
    semester: Mapped[int] = mapped_column(Integer, nullable=False)
    key: Mapped[str] = mapped_column(String(30), nullable=False)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date, nullable=False)
    EDITABLE = ("school_year", "semester", "key", "start_date", "end_date")


class DeadlineExtension(SyncMixin, Base):
    """A closed window opened again until ``until`` for one teacher, one class or everyone,
    with the reason; granted by 教學組 or 註冊組."""

    __tablename__ = "deadline_extension"
    __table_args__ = (Index("ix_deadline_extension_term", "school_year", "semester", "window"),)
    school_year: Mapped[int] = mapped_column(Integer, nullable=False)
    semester: Mapped[int] = mapped_column(Integer, nullable=False)
    window: Mapped[str] = mapped_column(String(30), nullable=False)
    #: teacher, class or all
    scope: Mapped[str] = mapped_column(String(10), nullable=False)
    target_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    until: Mapped[date] = mapped_column(Date, nullable=False)
    reason: Mapped[str] = mapped_column(String(200), nullable=False)
    granted_by: Mapped[str | None] = mapped_column(String(36))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    EDITABLE = ("school_year", "semester", "window", "scope", "target_id", "until", "reason")


class PeriodExtension(SyncMixin, Base):
    """A departed student's own last day of the confirmation period, so that the paper
    letter's reply date and the day they are deemed to have confirmed are the same."""

    __tablename__ = "period_extension"
    __table_args__ = (Index("ix_period_extension_period", "period_id", "student_id"),)
    period_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("confirmation_period.id"),
                                                 nullable=False)
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("student.id"), nullable=False)
    end_date: Mapped[date] = mapped_column(Date, nullable=False)
    reason: Mapped[str] = mapped_column(String(200), nullable=False)
    EDITABLE = ("period_id", "student_id", "end_date", "reason")
