"""The submission ledger, the receipt details with their reconciliation, and the
confirmation period with each student's state (docs/domain.md §7–§9). Every table is synced."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from lxp_desktop.store.models import Base, SyncMixin, UTCDateTime


class Submission(SyncMixin, Base):
    """One export of one category for one term: who, when, the package's checksum; a
    resubmission points at the one it corrects."""

    __tablename__ = "submission"
    __table_args__ = (Index("ix_submission_term", "school_year", "semester", "category"),)
    school_year: Mapped[int] = mapped_column(Integer, nullable=False)
    semester: Mapped[int] = mapped_column(Integer, nullable=False)
    category: Mapped[str] = mapped_column(String(10), nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    corrects_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("submission.id"))
    reason: Mapped[str | None] = mapped_column(String(200))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    submitted_by: Mapped[str | None] = mapped_column(String(36))
    package_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    package_dir: Mapped[str | None] = mapped_column(Text)
    #: counts per roster sheet, JSON
    counts: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    EDITABLE = ("school_year", "semester", "category", "number", "corrects_id", "reason",
                "submitted_at", "submitted_by", "package_sha256", "package_dir", "counts")


class SubmissionItem(SyncMixin, Base):
    """One row sent: which record and version, the receipt kind, sheet and key it travels
    under, and the values as exported (to compare with what comes back)."""

    __tablename__ = "submission_item"
    __table_args__ = (Index("ix_submission_item_submission", "submission_id"),
                      Index("ix_submission_item_student", "student_id"))
    submission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("submission.id"),
                                                     nullable=False)
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("student.id"), nullable=False)
    record_table: Mapped[str] = mapped_column(String(30), nullable=False)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    record_version: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)
    sheet: Mapped[str] = mapped_column(String(20), nullable=False)
    key: Mapped[str] = mapped_column(String(300), nullable=False)
    #: the exported row (column → text), JSON
    values_json: Mapped[str] = mapped_column(Text, nullable=False)
    file_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class Receipt(SyncMixin, Base):
    """One imported receipt-details file (收訖明細) and its reconciliation totals."""

    __tablename__ = "receipt"
    __table_args__ = (Index("ix_receipt_term", "school_year", "semester"),)
    school_year: Mapped[int] = mapped_column(Integer, nullable=False)
    semester: Mapped[int] = mapped_column(Integer, nullable=False)
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    file_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    kinds: Mapped[str] = mapped_column(String(100), nullable=False)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    imported_by: Mapped[str | None] = mapped_column(String(36))
    #: counts per outcome (相符, 缺漏, 多出, 不同), JSON
    counts: Mapped[str] = mapped_column(Text, nullable=False, default="{}")


class ReceiptItem(SyncMixin, Base):
    """One line of the reconciliation: received as sent, missing, unexpected or different."""

    __tablename__ = "receipt_item"
    __table_args__ = (Index("ix_receipt_item_receipt", "receipt_id"),
                      Index("ix_receipt_item_student", "student_id"))
    receipt_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("receipt.id"), nullable=False)
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("student.id"), nullable=False)
    submission_item_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("submission_item.id"))
    kind: Mapped[str] = mapped_column(String(10), nullable=False)
    sheet: Mapped[str] = mapped_column(String(20), nullable=False)
    key: Mapped[str] = mapped_column(String(300), nullable=False)
    outcome: Mapped[str] = mapped_column(String(4), nullable=False)
    title: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    term_label: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    file_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    detail: Mapped[str | None] = mapped_column(Text)


class ConfirmationPeriod(SyncMixin, Base):
    """The announced period (≥ 3 days) in which students confirm the receipt details."""

    __tablename__ = "confirmation_period"
    __table_args__ = (Index("ix_confirmation_period_term", "school_year", "semester"),)
    school_year: Mapped[int] = mapped_column(Integer, nullable=False)
    semester: Mapped[int] = mapped_column(Integer, nullable=False)
    start_date: Mapped[date] = mapped_column(Date, nullable=False)
    end_date: Mapped[date] = mapped_column(Date, nullable=False)
    announced_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    announced_by: Mapped[str | None] = mapped_column(String(36))
    #: when the rest became 視為確認 (NULL while the period runs)
    closed_on: Mapped[date | None] = mapped_column(Date)
    EDITABLE = ("school_year", "semester", "start_date", "end_date", "closed_on")


class Confirmation(SyncMixin, Base):
    """A student's state in a period: 待確認 → 已確認 / 提出疑義 / 視為確認."""

    __tablename__ = "confirmation"
    __table_args__ = (Index("ix_confirmation_period_student", "period_id", "student_id"),)
    period_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("confirmation_period.id"),
                                                 nullable=False)
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("student.id"), nullable=False)
    state: Mapped[str] = mapped_column(String(4), nullable=False)
    state_date: Mapped[date | None] = mapped_column(Date)
    objection: Mapped[str | None] = mapped_column(String(500))
    objection_date: Mapped[date | None] = mapped_column(Date)
    handled_by: Mapped[str | None] = mapped_column(String(36))
    resolution: Mapped[str | None] = mapped_column(String(500))
    resolved_on: Mapped[date | None] = mapped_column(Date)
    resubmission_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("submission.id"))
    EDITABLE = ("state", "state_date", "objection", "objection_date", "handled_by",
                "resolution", "resolved_on", "resubmission_id")
