"""The records, as SQLAlchemy 2 models that run on SQLite (workstation) and PostgreSQL (shared).

Every synced table carries the columns of docs/architecture.md (``SyncMixin``): a UUID made on the
workstation, a version, when and by whom it was last changed, on which workstation, and a
tombstone. Nothing is hard-deleted by a clerk.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC everywhere; always returned as an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SyncMixin:
    """The columns every synced row carries (docs/architecture.md, Store)."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(36))
    origin: Mapped[str | None] = mapped_column(String(36))
    deleted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    #: fields a person edits; the audit log and the forms use this list
    EDITABLE: tuple[str, ...] = ()

    def values(self, fields: tuple[str, ...] | None = None) -> dict[str, Any]:
        return {f: getattr(self, f) for f in (fields or self.EDITABLE)}


class School(SyncMixin, Base):
    __tablename__ = "school"
    code: Mapped[str] = mapped_column(String(6), nullable=False)
    name: Mapped[str] = mapped_column(String(80), nullable=False)
    postal_code: Mapped[str | None] = mapped_column(String(6))
    address: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(30))
    registrar_name: Mapped[str | None] = mapped_column(String(40))
    registrar_phone: Mapped[str | None] = mapped_column(String(30))
    registrar_email: Mapped[str | None] = mapped_column(String(120))
    EDITABLE = ("code", "name", "postal_code", "address", "phone", "registrar_name",
                "registrar_phone", "registrar_email")


class Term(SyncMixin, Base):
    __tablename__ = "term"
    __table_args__ = (UniqueConstraint("school_year", "semester"),)
    school_year: Mapped[int] = mapped_column(Integer, nullable=False)
    semester: Mapped[int] = mapped_column(Integer, nullable=False)
    start_date: Mapped[date] = mapped_column(Date, nullable=False)
    end_date: Mapped[date] = mapped_column(Date, nullable=False)
    certification_deadline: Mapped[date | None] = mapped_column(Date)
    EDITABLE = ("school_year", "semester", "start_date", "end_date", "certification_deadline")


class Staff(SyncMixin, Base):
    __tablename__ = "staff"
    username: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(40), nullable=False)
    roles: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    email: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(30))
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    EDITABLE = ("username", "name", "roles", "email", "phone", "active")


class SchoolClass(SyncMixin, Base):
    __tablename__ = "school_class"
    __table_args__ = (UniqueConstraint("school_year", "code"),)
    school_year: Mapped[int] = mapped_column(Integer, nullable=False)
    code: Mapped[str] = mapped_column(String(8), nullable=False)
    name: Mapped[str] = mapped_column(String(40), nullable=False)
    grade: Mapped[int] = mapped_column(Integer, nullable=False)
    homeroom_teacher_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    #: the 學生資料名冊's codes that belong to the class (群別代碼, 科班學程別代碼, 部別代碼)
    group_code: Mapped[str | None] = mapped_column(String(4))
    program_code: Mapped[str | None] = mapped_column(String(8))
    division_code: Mapped[str | None] = mapped_column(String(4))
    EDITABLE = ("school_year", "code", "name", "grade", "homeroom_teacher_id", "group_code",
                "program_code", "division_code")


class Student(SyncMixin, Base):
    __tablename__ = "student"
    __table_args__ = (
        Index("ix_student_class_seat", "class_id", "seat_no"),
        Index("ix_student_name", "name"),
    )
    student_no: Mapped[str] = mapped_column(String(12), nullable=False, unique=True)
    national_id: Mapped[str | None] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(40), nullable=False)
    gender: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date)
    class_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("school_class.id"))
    seat_no: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(4), nullable=False, default="在學")
    status_date: Mapped[date | None] = mapped_column(Date)
    guardian: Mapped[str | None] = mapped_column(String(40))
    postal_code: Mapped[str | None] = mapped_column(String(6))
    address: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(120))
    #: 特殊身分別 and 入學方式 of the 學生資料名冊 (codes of domain/code_lists.json)
    special_status: Mapped[str | None] = mapped_column(String(8))
    admission_method: Mapped[str | None] = mapped_column(String(8))
    EDITABLE = ("student_no", "national_id", "name", "gender", "birth_date", "class_id",
                "seat_no", "status", "status_date", "guardian", "postal_code", "address",
                "phone", "email", "special_status", "admission_method")


class CadreRecord(SyncMixin, Base):
    __tablename__ = "cadre_record"
    __table_args__ = (
        Index("ix_cadre_term_student", "school_year", "semester", "student_id"),
        Index("ix_cadre_student", "student_id"),
    )
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("student.id"), nullable=False)
    school_year: Mapped[int] = mapped_column(Integer, nullable=False)
    semester: Mapped[int] = mapped_column(Integer, nullable=False)
    unit_name: Mapped[str] = mapped_column(String(50), nullable=False)
    position: Mapped[str] = mapped_column(String(50), nullable=False)
    level: Mapped[int] = mapped_column(Integer, nullable=False)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    EDITABLE = ("student_id", "school_year", "semester", "unit_name", "position", "level",
                "start_date", "end_date")


class Course(SyncMixin, Base):
    __tablename__ = "course"
    __table_args__ = (UniqueConstraint("code", "school_year", "semester"),
                      Index("ix_course_term", "school_year", "semester"))
    code: Mapped[str] = mapped_column(String(23), nullable=False)
    name: Mapped[str] = mapped_column(String(50), nullable=False)
    credits: Mapped[int] = mapped_column(Integer, nullable=False)
    category: Mapped[str] = mapped_column(String(1), nullable=False)
    grade: Mapped[int] = mapped_column(Integer, nullable=False)
    school_year: Mapped[int] = mapped_column(Integer, nullable=False)
    semester: Mapped[int] = mapped_column(Integer, nullable=False)
    teacher_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    EDITABLE = ("code", "name", "credits", "category", "grade", "school_year", "semester",
                "teacher_id")


class Enrolment(SyncMixin, Base):
    """修課紀錄: one course taken by one student in one term, with its grade."""

    __tablename__ = "enrolment"
    __table_args__ = (
        UniqueConstraint("student_id", "course_id"),
        Index("ix_enrolment_term_student", "school_year", "semester", "student_id"),
        Index("ix_enrolment_course", "course_id"),
    )
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("student.id"), nullable=False)
    course_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("course.id"), nullable=False)
    school_year: Mapped[int] = mapped_column(Integer, nullable=False)
    semester: Mapped[int] = mapped_column(Integer, nullable=False)
    credits: Mapped[int] = mapped_column(Integer, nullable=False)
    score: Mapped[float | None] = mapped_column(Float)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    makeup_score: Mapped[float | None] = mapped_column(Float)
    makeup_passed: Mapped[bool | None] = mapped_column(Boolean)
    credit_counted: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    kind: Mapped[str] = mapped_column(String(4), nullable=False, default="原修")
    remark: Mapped[str | None] = mapped_column(String(200))
    EDITABLE = ("student_id", "course_id", "school_year", "semester", "credits", "score",
                "passed", "makeup_score", "makeup_passed", "credit_counted", "kind", "remark")


class Consultation(SyncMixin, Base):
    """課程諮詢紀錄: kept in school, never part of a central submission."""

    __tablename__ = "consultation"
    __table_args__ = (Index("ix_consultation_term_student", "school_year", "semester",
                            "student_id"),)
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("student.id"), nullable=False)
    consultant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"), nullable=False)
    school_year: Mapped[int] = mapped_column(Integer, nullable=False)
    semester: Mapped[int] = mapped_column(Integer, nullable=False)
    date: Mapped[date] = mapped_column(Date, nullable=False)
    time: Mapped[str | None] = mapped_column(String(5))
    place: Mapped[str] = mapped_column(String(50), nullable=False)
    content: Mapped[str] = mapped_column(String(100), nullable=False)
    opinion: Mapped[str | None] = mapped_column(String(100))
    EDITABLE = ("student_id", "consultant_id", "school_year", "semester", "date", "time",
                "place", "content", "opinion")


class Outcome(SyncMixin, Base):
    """課程學習成果, tied to an enrolment the student has in that term."""

    __tablename__ = "outcome"
    __table_args__ = (Index("ix_outcome_term_student", "school_year", "semester", "student_id"),
                      Index("ix_outcome_enrolment", "enrolment_id"))
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("student.id"), nullable=False)
    enrolment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("enrolment.id"), nullable=False)
    school_year: Mapped[int] = mapped_column(Integer, nullable=False)
    semester: Mapped[int] = mapped_column(Integer, nullable=False)
    title: Mapped[str] = mapped_column(String(50), nullable=False)
    summary: Mapped[str] = mapped_column(String(100), nullable=False)
    status: Mapped[str] = mapped_column(String(4), nullable=False, default="待認證")
    certified_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    certified_for: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    certified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    return_reason: Mapped[str | None] = mapped_column(String(200))
    selected: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    EDITABLE = ("student_id", "enrolment_id", "school_year", "semester", "title", "summary",
                "status", "certified_by", "certified_for", "certified_at", "return_reason",
                "selected")


class Performance(SyncMixin, Base):
    """多元表現 (yearly: 學期 0 in the rosters)."""

    __tablename__ = "performance"
    __table_args__ = (Index("ix_performance_year_student", "school_year", "student_id"),)
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("student.id"), nullable=False)
    school_year: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    title: Mapped[str] = mapped_column(String(100), nullable=False)
    organiser: Mapped[str | None] = mapped_column(String(50))
    level: Mapped[str | None] = mapped_column(String(20))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    hours: Mapped[float | None] = mapped_column(Float)
    result: Mapped[str | None] = mapped_column(String(50))
    summary: Mapped[str] = mapped_column(String(100), nullable=False)
    external_link: Mapped[str | None] = mapped_column(String(500))
    in_school: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    selected: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    #: 項目 (e.g. a competition's event) and 團體參與 (1 個人, 2 團體)
    item: Mapped[str | None] = mapped_column(String(50))
    participation: Mapped[str | None] = mapped_column(String(1))
    EDITABLE = ("student_id", "school_year", "kind", "title", "organiser", "level",
                "start_date", "end_date", "hours", "result", "summary", "external_link",
                "in_school", "selected", "item", "participation")


class Blob(Base):
    """A file's bytes, stored once under its SHA-256 in the data folder (content-addressed)."""

    __tablename__ = "blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(4), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class Attachment(SyncMixin, Base):
    """A file attached to a record; the row refers to the blob by its hash."""

    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_owner", "owner_table", "owner_id"),)
    owner_table: Mapped[str] = mapped_column(String(30), nullable=False)
    owner_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)
    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"), nullable=False)
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    EDITABLE = ("owner_table", "owner_id", "sha256", "filename")


class Setting(SyncMixin, Base):
    """A school setting (caps, retention, envelope positions …), shared by every PC."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(60), nullable=False, unique=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)
    EDITABLE = ("key", "value")


class AuditEntry(Base):
    """Append-only log of every write; each entry carries the hash of the one before it."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_row", "table_name", "row_id"),
                      Index("ix_audit_at", "at"), Index("ix_audit_staff", "staff_id"),
                      Index("ix_audit_chain_seq", "chain_seq", unique=True))
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: the entry's position in the chain (1, 2, 3 …): a gap is a cut, and an anchor kept
    #: elsewhere (backup, shared database, the file beside the store) names a position and
    #: its hash, so deleted newest entries and a re-hashed chain show
    chain_seq: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    staff_id: Mapped[str | None] = mapped_column(String(36))
    acting_for: Mapped[str | None] = mapped_column(String(36))
    workstation: Mapped[str] = mapped_column(String(36), nullable=False)
    table_name: Mapped[str] = mapped_column(String(30), nullable=False)
    row_id: Mapped[str] = mapped_column(String(36), nullable=False)
    action: Mapped[str] = mapped_column(String(12), nullable=False)
    changes: Mapped[str] = mapped_column(Text, nullable=False)
    source: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    hash: Mapped[str] = mapped_column(String(64), nullable=False)
    #: the chain covers this hash of ``changes``, so a retention purge can blank the changes
    #: (personal data) and the chain still verifies
    changes_sha256: Mapped[str | None] = mapped_column(String(64))
    #: seq of the purge entry that blanked ``changes`` (None: the changes are as written)
    redacted_by: Mapped[int | None] = mapped_column(Integer)


class LocalMeta(Base):
    """Facts of this workstation only (its id, sync cursor …); never synced."""

    __tablename__ = "local_meta"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


# The synced tables (every SyncMixin model, parents first): store.schema.SYNCED_MODELS.
