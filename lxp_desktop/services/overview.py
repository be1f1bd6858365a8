"""學生歷程總覽: one student's every category and term with where each stands — entered,
certified, selected (勾選), submitted, received by the central database, confirmed — the
page a 導師 hands out before the period ends (printed as a 檢核表 for the student to sign).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import case, false, func, select
from sqlalchemy.orm import Session

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.roc import Term
from lxp_desktop.services.base import own_students
from lxp_desktop.services.context import Actor
from lxp_desktop.services.permissions import sees_all_students
from lxp_desktop.store.models import (
    CadreRecord,
    Consultation,
    Enrolment,
    Outcome,
    Performance,
    SchoolClass,
    Student,
)
from lxp_desktop.store.submission_models import (
    Confirmation,
    ConfirmationPeriod,
    Receipt,
    ReceiptItem,
    Submission,
    SubmissionItem,
)

#: the categories in the order of the tabs; the submission kind each is sent as
CATEGORIES = ("修課紀錄", "幹部經歷", "課程諮詢紀錄", "課程學習成果", "多元表現")
_KIND = {"修課紀錄": "修課紀錄", "幹部經歷": "校內幹部經歷", "課程學習成果": "課程學習成果",
         "多元表現": "多元表現"}


@dataclass
class OverviewRow:
    term: Term  # semester 0 for the yearly 多元表現
    category: str
    records: int = 0
    certified: int | None = None  # 課程學習成果
    selected: int | None = None  # 課程學習成果, 多元表現
    submitted: int = 0
    received: int = 0
    confirmation: str = ""  # the term's receipt confirmation: 待確認, 已確認, 有疑義, 視為確認

    @property
    def term_label(self) -> str:
        return self.term.label

    def status(self) -> str:
        """「12 筆；已提交 12；中央收訖 12；已確認」 — what a student checks."""
        unit = "件" if self.category in ("課程學習成果", "多元表現") else "筆"
        parts = [f"{self.records} {unit}"]
        if self.certified is not None:
            parts.append(f"已認證 {self.certified}")
        if self.selected is not None:
            parts.append(f"已勾選 {self.selected}")
        if self.category in _KIND:
            parts.append(f"已提交 {self.submitted}" if self.submitted else "未提交")
            if self.submitted:
                parts.append(f"中央收訖 {self.received}" if self.received else "尚無收訖明細")
            if self.confirmation:
                parts.append(self.confirmation)
        return "；".join(parts)


@dataclass
class Overview:
    student_no: str
    name: str
    class_name: str
    seat_no: int | None
    status: str
    rows: list[OverviewRow] = field(default_factory=list)


def overview(session: Session, viewer: Actor, student_id: uuid.UUID) -> Overview:
    """Every category and term of the student (a viewer sees only students they may see)."""
    s = session.get(Student, student_id)
    if s is None or s.deleted:
        raise ValidationFailed("找不到這位學生，可能已被刪除；請重新整理。")
    if not sees_all_students(viewer):
        mine = session.scalars(own_students(viewer)).all()
        if student_id not in set(mine):
            raise ValidationFailed("您只能查看自己任教、導師班或諮詢的學生。")
    klass = session.get(SchoolClass, s.class_id) if s.class_id else None
    out = Overview(s.student_no, s.name, klass.name if klass else "", s.seat_no, s.status or "")
    rows: dict[tuple[int, int, str], OverviewRow] = {}

    def row(year: int, sem: int, category: str) -> OverviewRow:
        key = (year, sem, category)
        if key not in rows:
            rows[key] = OverviewRow(Term(year, sem), category)
        return rows[key]

    for model, category in ((Enrolment, "修課紀錄"), (CadreRecord, "幹部經歷"),
                            (Consultation, "課程諮詢紀錄")):
        for year, sem, n in session.execute(
                select(model.school_year, model.semester, func.count())
                .where(model.student_id == student_id, model.deleted == false())
                .group_by(model.school_year, model.semester)):
            row(year, sem, category).records = n
    for year, sem, n, certified, selected in session.execute(
            select(Outcome.school_year, Outcome.semester, func.count(),
                   func.sum(case((Outcome.status == "已認證", 1), else_=0)),
                   func.sum(case((Outcome.selected, 1), else_=0)))
            .where(Outcome.student_id == student_id, Outcome.deleted == false())
            .group_by(Outcome.school_year, Outcome.semester)):
        r = row(year, sem, "課程學習成果")
        r.records, r.certified, r.selected = n, int(certified or 0), int(selected or 0)
    for year, n, selected in session.execute(
            select(Performance.school_year, func.count(),
                   func.sum(case((Performance.selected, 1), else_=0)))
            .where(Performance.student_id == student_id, Performance.deleted == false())
            .group_by(Performance.school_year)):
        r = row(year, 0, "多元表現")
        r.records, r.selected = n, int(selected or 0)
    by_kind = {kind: category for category, kind in _KIND.items()}
    for year, sem, kind, n in session.execute(
            select(Submission.school_year, Submission.semester, SubmissionItem.kind,
                   func.count(func.distinct(SubmissionItem.record_id)))
            .join(Submission, SubmissionItem.submission_id == Submission.id)
            .where(SubmissionItem.student_id == student_id, SubmissionItem.deleted == false(),
                   Submission.deleted == false())
            .group_by(Submission.school_year, Submission.semester, SubmissionItem.kind)):
        cat = by_kind.get(kind)
        if cat:
            row(year, 0 if cat == "多元表現" else sem, cat).submitted = n
    for year, sem, kind, n in session.execute(
            select(Receipt.school_year, Receipt.semester, ReceiptItem.kind, func.count())
            .join(Receipt, ReceiptItem.receipt_id == Receipt.id)
            .where(ReceiptItem.student_id == student_id, ReceiptItem.deleted == false(),
                   ReceiptItem.outcome != "缺漏", Receipt.deleted == false())
            .group_by(Receipt.school_year, Receipt.semester, ReceiptItem.kind)):
        cat = by_kind.get(kind)
        if cat:
            r = row(year, 0 if cat == "多元表現" else sem, cat)
            r.received = max(r.received, n)
    for year, sem, state in session.execute(
            select(ConfirmationPeriod.school_year, ConfirmationPeriod.semester,
                   Confirmation.state)
            .join(ConfirmationPeriod, Confirmation.period_id == ConfirmationPeriod.id)
            .where(Confirmation.student_id == student_id, Confirmation.deleted == false())):
        for (y, s_, _c), r in rows.items():
            if r.category in _KIND and y == year and (s_ == sem or (s_ == 0 and sem == 2)):
                r.confirmation = state
    out.rows = sorted(rows.values(), key=lambda r: (
        r.term.school_year, r.term.semester or 3, CATEGORIES.index(r.category)))
    return out


def write_checklist(session: Session, viewer: Actor, student_id: uuid.UUID, out: Path,
                    today: date) -> int:
    """The student's 檢核表 as a PDF at ``out`` (whole or not at all); returns the pages."""
    import os

    from lxp_desktop.printing.overview import render_checklist
    from lxp_desktop.services.school import get_school

    view = overview(session, viewer, student_id)
    school = get_school(session)
    klass = f"{view.class_name} {view.seat_no} 號" if view.seat_no else view.class_name
    rows = [(r.term_label, r.category, r.status()) for r in view.rows]
    tmp = out.with_name(f".{out.name}.part")
    try:
        pages = render_checklist(school.name if school else "", (view.student_no, view.name,
                                 klass, view.status), rows, tmp, today)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return pages
