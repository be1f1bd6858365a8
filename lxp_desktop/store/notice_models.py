"""Paper confirmation notices (紙本通知) and their mailing log.

One row per notice sent to one departed student for one term. The row is the mailing log:
its ``state`` moves 已產生 → 已寄出 (date, registered number) → 已回覆 (確認 / 疑義) or 退件
(reason); a re-send after 退件 is a new notice whose ``resend_of`` names the returned one.
What the letter listed is kept as a snapshot (``items_json``) so a re-print is identical
and a reply refers to what was actually sent.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lxp_desktop.store.models import Base, SyncMixin


class Notice(SyncMixin, Base):
    __tablename__ = "notice"
    __table_args__ = (
        Index("ix_notice_term_student", "school_year", "semester", "student_id"),
        Index("ix_notice_batch", "batch"),
    )
    #: printed on the letter and in the reply slip's codes, e.g. "1132-K7Q3MZ"
    reference: Mapped[str] = mapped_column(String(16), nullable=False, unique=True)
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("student.id"), nullable=False)
    school_year: Mapped[int] = mapped_column(Integer, nullable=False)
    semester: Mapped[int] = mapped_column(Integer, nullable=False)
    #: the notices generated together (one PDF); a UUID string
    batch: Mapped[str] = mapped_column(String(36), nullable=False)
    state: Mapped[str] = mapped_column(String(4), nullable=False, default="已產生")
    issued_on: Mapped[date] = mapped_column(Date, nullable=False)
    deadline: Mapped[date] = mapped_column(Date, nullable=False)
    recipient: Mapped[str] = mapped_column(String(60), nullable=False)
    postal_code: Mapped[str] = mapped_column(String(6), nullable=False)
    address: Mapped[str] = mapped_column(String(120), nullable=False)
    class_name: Mapped[str | None] = mapped_column(String(40))
    items_json: Mapped[str] = mapped_column(Text, nullable=False, default="[]")
    sent_on: Mapped[date | None] = mapped_column(Date)
    registered_no: Mapped[str | None] = mapped_column(String(20))
    reply: Mapped[str | None] = mapped_column(String(4))
    replied_on: Mapped[date | None] = mapped_column(Date)
    objection: Mapped[str | None] = mapped_column(Text)
    returned_on: Mapped[date | None] = mapped_column(Date)
    return_reason: Mapped[str | None] = mapped_column(String(100))
    resend_of: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("notice.id"))
    EDITABLE = ("reference", "student_id", "school_year", "semester", "batch", "state",
                "issued_on", "deadline", "recipient", "postal_code", "address", "class_name",
                "items_json", "sent_on", "registered_no", "reply", "replied_on", "objection",
                "returned_on", "return_reason", "resend_of")
