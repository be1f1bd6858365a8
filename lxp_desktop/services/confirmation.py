"""The confirmation period of the receipt details (收訖確認) and each student's state.

A period of at least three days is announced for a term once its receipt details are in;
every student in them starts 待確認 and becomes 已確認 or 提出疑義 (the objection's text, date,
who handled it, the resolution and the resubmission that corrected it). When the period is
over, every student still 待確認 becomes 視為確認 with the period's end date: ``apply_due``
does it, cheaply, whenever the app starts, the 提交與收訖 tab refreshes or the command line
runs. The departed students' list and their received items serve the paper notices.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session

from lxp_desktop.domain import confirmation as rules
from lxp_desktop.domain import enums
from lxp_desktop.domain.errors import FieldError, ValidationFailed
from lxp_desktop.domain.roc import Term as TermKey
from lxp_desktop.domain.roc import format_roc
from lxp_desktop.services import precheck
from lxp_desktop.services.base import RecordService, insert_row
from lxp_desktop.services.context import Actor
from lxp_desktop.services.membership import OF_CLASS, SEAT, ClassMembership, in_year
from lxp_desktop.services.permissions import authorize
from lxp_desktop.services.students import find_student
from lxp_desktop.store.models import SchoolClass, Staff, Student, utcnow
from lxp_desktop.store.submission_models import (
    Confirmation,
    ConfirmationPeriod,
    Receipt,
    ReceiptItem,
    Submission,
)

PENDING, CONFIRMED, OBJECTED, DEEMED = rules.PENDING, rules.CONFIRMED, rules.OBJECTED, rules.DEEMED
TEXT_MAX = 500


class _Periods(RecordService[ConfirmationPeriod]):
    model = ConfirmationPeriod
    table = "confirmation_period"
    label = "確認期間"


class _Confirmations(RecordService[Confirmation]):
    model = Confirmation
    table = "confirmation"
    label = "收訖確認"


periods = _Periods()
confirmations = _Confirmations()


@dataclass(frozen=True)
class Counts:
    """The numbers at a glance; every one is a count of ``confirmation`` rows."""

    pending: int = 0
    confirmed: int = 0
    objections_open: int = 0
    objections_closed: int = 0
    deemed: int = 0
    objections_overdue: int = 0

    @property
    def total(self) -> int:
        return (self.pending + self.confirmed + self.objections_open + self.objections_closed
                + self.deemed)


@dataclass(frozen=True)
class StudentState:
    confirmation_id: uuid.UUID
    student_id: uuid.UUID
    class_code: str
    seat_no: int | None
    student_no: str
    name: str
    status: str
    state: str
    state_date: date | None
    objection: str | None
    objection_date: date | None
    resolution: str | None
    resolved_on: date | None
    overdue: bool


@dataclass(frozen=True)
class DepartedStudent:
    """A student who has left (轉出, 休學, 退學, 畢業) and is in the term's receipt details:
    who gets a paper notice. ``national_id`` is the full number: mask it on paper."""

    student_id: uuid.UUID
    student_no: str
    name: str
    national_id: str
    class_code: str
    class_name: str
    seat_no: int | None
    status: str
    status_date: date | None
    guardian: str | None
    postal_code: str | None
    address: str | None
    phone: str | None
    #: the student's confirmation state, or None before a period is announced
    state: str | None
    period_start: date | None
    period_end: date | None


@dataclass(frozen=True)
class ReceivedItem:
    """One item the central database received for the student (from the reconciled receipt)."""

    category: str  # 修課紀錄, 課程學習成果, 多元表現, 校內幹部經歷
    school_year: int
    #: the term's semester; outcomes carry their 實際修課學期; 多元表現 (yearly) is 0
    semester: int
    title: str  # 科目名稱 (courses, outcomes) or the item's name
    file_count: int
    sheet: str


# --- the period ---------------------------------------------------------------------------------
def current_period(session: Session, term: TermKey) -> ConfirmationPeriod | None:
    return session.scalars(select(ConfirmationPeriod).where(
        ConfirmationPeriod.school_year == term.school_year,
        ConfirmationPeriod.semester == term.semester, ConfirmationPeriod.deleted == false())
        .order_by(ConfirmationPeriod.announced_at.desc()).limit(1)).first()


def _receipt_students(session: Session, term: TermKey) -> set[uuid.UUID]:
    from lxp_desktop.services.receipts import MISSING, current_items

    cond = current_items(session, term)
    if cond is None:
        return set()
    return set(session.scalars(select(ReceiptItem.student_id).where(
        cond, ReceiptItem.outcome != MISSING, ReceiptItem.deleted == false()).distinct()))


def announce(session: Session, actor: Actor, term: TermKey, start: date,
             end: date) -> ConfirmationPeriod:
    """Announce the period; every student in the term's receipt details starts 待確認."""
    actor = authorize(session, actor, "confirmation_period")
    precheck.term_row(session, term)
    problem = rules.check_period(start, end)
    if problem:
        raise ValidationFailed(FieldError("end_date", problem))
    running = current_period(session, term)
    if running is not None and running.closed_on is None:
        raise ValidationFailed(
            f"{term.label}已公告確認期間 {format_roc(running.start_date)}–"
            f"{format_roc(running.end_date)}，尚未結束；要改期請使用「變更確認期間」。")
    students = _receipt_students(session, term)
    if not students:
        raise ValidationFailed(f"{term.label}還沒有匯入收訖明細；請先匯入收訖明細再公告確認期間。")
    period = ConfirmationPeriod(school_year=term.school_year, semester=term.semester,
                                start_date=start, end_date=end, announced_at=utcnow(),
                                announced_by=actor.staff_id)
    insert_row(session, actor, "confirmation_period", period)
    _add_rows(session, actor, period, students)
    return period


def change_period(session: Session, actor: Actor, term: TermKey, start: date,
                  end: date) -> ConfirmationPeriod:
    """Move the running period's dates (still at least three days)."""
    actor = authorize(session, actor, "confirmation_period")
    period = current_period(session, term)
    if period is None or period.closed_on is not None:
        raise ValidationFailed(f"{term.label}沒有進行中的確認期間可以變更。")
    problem = rules.check_period(start, end)
    if problem:
        raise ValidationFailed(FieldError("end_date", problem))
    return periods.apply(session, actor, period, {"start_date": start, "end_date": end})


def _add_rows(session: Session, actor: Actor, period: ConfirmationPeriod,
              students: set[uuid.UUID]) -> int:
    have = set(session.scalars(select(Confirmation.student_id).where(
        Confirmation.period_id == period.id, Confirmation.deleted == false())))
    added = 0
    for sid in sorted(students - have):
        insert_row(session, actor, "confirmation", Confirmation(
            period_id=period.id, student_id=sid, state=PENDING))
        added += 1
    return added


def add_new_students(session: Session, actor: Actor, term: TermKey) -> int:
    """After a receipt import during a running period, its new students start 待確認."""
    period = current_period(session, term)
    if period is None or period.closed_on is not None:
        return 0
    return _add_rows(session, actor, period, _receipt_students(session, term))


# --- a student's answer -----------------------------------------------------------------------
def _row(session: Session, term: TermKey, student_no: str) -> Confirmation:
    period = current_period(session, term)
    if period is None:
        raise ValidationFailed(f"{term.label}還沒有公告確認期間。")
    student = find_student(session, student_no.strip().upper())
    if student is None or student.deleted:
        raise ValidationFailed(FieldError("student_no", f"學號：找不到學號 {student_no} 的學生。"))
    row = session.scalars(select(Confirmation).where(
        Confirmation.period_id == period.id, Confirmation.student_id == student.id,
        Confirmation.deleted == false())).first()
    if row is None:
        raise ValidationFailed(FieldError(
            "student_no", f"{student.student_no} {student.name} 不在{term.label}的收訖明細中，沒有待確認的資料。"))
    return row


def _text(value: str | None, label: str) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise ValidationFailed(FieldError(label, f"{label}：必填，請寫明內容。"))
    if len(text) > TEXT_MAX:
        raise ValidationFailed(FieldError(label, f"{label}：目前 {len(text)} 字，超過 {TEXT_MAX} 字上限。"))
    return text


def _in_period(session: Session, row: Confirmation, on: date) -> ConfirmationPeriod:
    period = session.get(ConfirmationPeriod, row.period_id)
    assert period is not None
    if on < period.start_date:
        raise ValidationFailed(f"確認期間從 {format_roc(period.start_date)} 開始，"
                               f"{format_roc(on)} 還不能登錄。")
    if row.state == DEEMED or rules.period_over(period.end_date, on):
        raise ValidationFailed(f"確認期間已於 {format_roc(period.end_date)} 結束，"
                               "未回覆者已視為確認；如有疑義請另案處理。")
    return period


def confirm(session: Session, actor: Actor, term: TermKey, student_no: str,
            on: date | None = None) -> Confirmation:
    """待確認 → 已確認."""
    actor = authorize(session, actor, "confirmation")
    on = on or date.today()
    row = _row(session, term, student_no)
    _in_period(session, row, on)
    if row.state != PENDING:
        raise ValidationFailed(f"這位學生的狀態是「{row.state}」，只有待確認的可以登錄為已確認。")
    return confirmations.apply(session, actor, row, {"state": CONFIRMED, "state_date": on},
                               action="confirm")


def raise_objection(session: Session, actor: Actor, term: TermKey, student_no: str,
                    text: str, on: date | None = None) -> Confirmation:
    """待確認 (or 已確認, changing their mind within the period) → 提出疑義."""
    actor = authorize(session, actor, "confirmation")
    on = on or date.today()
    row = _row(session, term, student_no)
    _in_period(session, row, on)
    if row.state == OBJECTED:
        raise ValidationFailed("這位學生已提出疑義，請在原疑義補充或處理。")
    return confirmations.apply(session, actor, row, {
        "state": OBJECTED, "state_date": on, "objection": _text(text, "疑義內容"),
        "objection_date": on}, action="object")


def resolve_objection(session: Session, actor: Actor, term: TermKey, student_no: str,
                      resolution: str, resubmission_id: uuid.UUID | str | None = None,
                      on: date | None = None) -> Confirmation:
    """Record how an objection was investigated and answered (and the resubmission)."""
    actor = authorize(session, actor, "confirmation")
    on = on or date.today()
    row = _row(session, term, student_no)
    if row.state != OBJECTED:
        raise ValidationFailed(f"這位學生的狀態是「{row.state}」，沒有待處理的疑義。")
    if row.resolved_on is not None:
        raise ValidationFailed(f"這個疑義已於 {format_roc(row.resolved_on)} 處理完畢。")
    resub = None
    if resubmission_id:
        try:
            resub = session.get(Submission, uuid.UUID(str(resubmission_id)))
        except ValueError:
            resub = None
        if resub is None or resub.deleted:
            raise ValidationFailed(FieldError("resubmission", "找不到這筆重新提交紀錄，請由提交紀錄選擇。"))
    return confirmations.apply(session, actor, row, {
        "resolution": _text(resolution, "處理結果"), "resolved_on": on,
        "handled_by": actor.acting_for or actor.staff_id,
        "resubmission_id": resub.id if resub else None}, action="resolve")


def apply_due(session: Session, actor: Actor, today: date | None = None) -> int:
    """Every period that is over: its students still 待確認 become 視為確認 with the end date.
    Returns how many students changed; one indexed query when nothing is due."""
    today = today or date.today()
    due = list(session.scalars(select(ConfirmationPeriod).where(
        ConfirmationPeriod.closed_on.is_(None), ConfirmationPeriod.end_date < today,
        ConfirmationPeriod.deleted == false())))
    changed = 0
    for period in due:
        for row in session.scalars(select(Confirmation).where(
                Confirmation.period_id == period.id, Confirmation.state == PENDING,
                Confirmation.deleted == false())):
            confirmations.apply(session, actor, row, {"state": DEEMED,
                                                      "state_date": period.end_date},
                                action="deem")
            changed += 1
        periods.apply(session, actor, period, {"closed_on": today}, action="close")
    return changed


def apply_due_in(workspace: Any, today: date | None = None) -> int:
    """``apply_due`` in its own transaction (app start, the command line)."""
    with workspace.store.session() as session:
        if not session.scalar(select(func.count()).select_from(ConfirmationPeriod).where(
                ConfirmationPeriod.closed_on.is_(None),
                ConfirmationPeriod.end_date < (today or date.today()),
                ConfirmationPeriod.deleted == false())):
            return 0
    with workspace.write("確認期間結束，未回覆者視為確認") as (session, actor):
        return apply_due(session, actor, today)


# --- what the tab shows -----------------------------------------------------------------------
def counts(session: Session, term: TermKey, today: date | None = None) -> Counts:
    period = current_period(session, term)
    if period is None:
        return Counts()
    today = today or date.today()
    by: dict[str, int] = {}
    overdue = 0
    for state, resolved, raised in session.execute(select(
            Confirmation.state, Confirmation.resolved_on, Confirmation.objection_date).where(
            Confirmation.period_id == period.id, Confirmation.deleted == false())):
        if state == OBJECTED:
            state = "closed" if resolved else "open"
            if raised and rules.objection_overdue(raised, bool(resolved), today):
                overdue += 1
        by[state] = by.get(state, 0) + 1
    return Counts(by.get(PENDING, 0), by.get(CONFIRMED, 0), by.get("open", 0),
                  by.get("closed", 0), by.get(DEEMED, 0), overdue)


def states(session: Session, term: TermKey, only: Sequence[str] = (),
           today: date | None = None) -> list[StudentState]:
    """Each student's state in the term's period, by class and seat."""
    period = current_period(session, term)
    if period is None:
        return []
    today = today or date.today()
    stmt = (select(Confirmation, Student, SchoolClass.code)
            .join(Student, Confirmation.student_id == Student.id)
            .outerjoin(ClassMembership, in_year(term.school_year)).outerjoin(SchoolClass, OF_CLASS)
            .where(Confirmation.period_id == period.id, Confirmation.deleted == false())
            .order_by(SchoolClass.code, SEAT, Student.student_no))
    if only:
        stmt = stmt.where(Confirmation.state.in_(only))
    return [StudentState(c.id, st.id, klass or "", st.seat_no, st.student_no, st.name,
                         st.status, c.state, c.state_date, c.objection, c.objection_date,
                         c.resolution, c.resolved_on,
                         bool(c.objection_date and rules.objection_overdue(
                             c.objection_date, c.resolved_on is not None, today)))
            for c, st, klass in session.execute(stmt)]


def overdue_objections(session: Session, term: TermKey,
                       today: date | None = None) -> list[StudentState]:
    return [s for s in states(session, term, (OBJECTED,), today) if s.overdue]


def class_lists(session: Session, term: TermKey, out_dir: Path) -> list[Path]:
    """One .xlsx per class for its 導師: each student's state, objection and resolution."""
    from openpyxl import Workbook

    from lxp_desktop.io.tabular import safe_row

    rows = states(session, term)
    if not rows:
        raise ValidationFailed(f"{term.label}還沒有公告確認期間，沒有名單可以匯出。")
    period = current_period(session, term)
    assert period is not None
    teachers = dict(session.execute(select(SchoolClass.code, Staff.name).join(
        Staff, SchoolClass.homeroom_teacher_id == Staff.id).where(
        SchoolClass.school_year == term.school_year)).all())
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    by_class: dict[str, list[StudentState]] = {}
    for r in rows:
        by_class.setdefault(r.class_code or "未編班", []).append(r)
    for code, members in by_class.items():
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("收訖確認")
        ws.append([f"{term.label} 收訖明細確認名單　班級 {code}　導師 {teachers.get(code, '')}"])
        ws.append([f"確認期間 {format_roc(period.start_date)}–{format_roc(period.end_date)}；"
                   "期滿未回覆者視為確認。"])
        ws.append(["座號", "學號", "姓名", "學籍狀態", "確認狀態", "日期", "疑義內容", "處理結果"])
        for m in members:
            ws.append(safe_row([m.seat_no, m.student_no, m.name, m.status, m.state,
                                format_roc(m.state_date) if m.state_date else "",
                                m.objection or "", m.resolution or ""]))
        path = out_dir / f"{term.school_year}_{term.semester}_收訖確認名單_{code}.xlsx"
        wb.save(path)
        paths.append(path)
    return paths


# --- for the paper notices ----------------------------------------------------------------------
def departed_students(session: Session, term: TermKey) -> list[DepartedStudent]:
    """Students who have left (status in ``enums.LEFT_STATUSES``) and are in the term's
    receipt details, by class and seat, with their confirmation state when a period runs."""
    in_receipt = _receipt_students(session, term)
    if not in_receipt:
        return []
    period = current_period(session, term)
    states_by: dict[uuid.UUID, str] = {}
    if period is not None:
        states_by = dict(session.execute(select(Confirmation.student_id, Confirmation.state)
                                         .where(Confirmation.period_id == period.id,
                                                Confirmation.deleted == false())).all())
    stmt = (select(Student, SchoolClass)
            .outerjoin(ClassMembership, in_year(term.school_year)).outerjoin(SchoolClass, OF_CLASS)
            .where(Student.id.in_(in_receipt), Student.status.in_(enums.LEFT_STATUSES),
                   Student.deleted == false())
            .order_by(SchoolClass.code, SEAT, Student.student_no))
    return [DepartedStudent(
        st.id, st.student_no, st.name, st.national_id or "", klass.code if klass else "",
        klass.name if klass else "", st.seat_no, st.status, st.status_date, st.guardian,
        st.postal_code, st.address, st.phone, states_by.get(st.id),
        period.start_date if period else None, period.end_date if period else None)
        for st, klass in session.execute(stmt)]


def received_items(session: Session, student_id: uuid.UUID | str,
                   term: TermKey) -> list[ReceivedItem]:
    """What the central database received for the student in the term's reconciled receipt
    details (相符, 不同 and 多出 lines; not the 缺漏 ones)."""
    from lxp_desktop.services.receipts import MISSING, current_items

    cond = current_items(session, term)
    if cond is None:
        return []
    sid = student_id if isinstance(student_id, uuid.UUID) else uuid.UUID(str(student_id))
    out = []
    for item in session.scalars(select(ReceiptItem).where(
            cond, ReceiptItem.student_id == sid, ReceiptItem.outcome != MISSING,
            ReceiptItem.deleted == false()).order_by(ReceiptItem.kind, ReceiptItem.sheet,
                                                     ReceiptItem.term_label,
                                                     ReceiptItem.title)):
        year, _, sem = item.term_label.partition("-")
        out.append(ReceivedItem(item.kind, int(year or term.school_year),
                                int(sem or term.semester), item.title or item.key,
                                item.file_count, item.sheet))
    return out


def receipts_of(session: Session, term: TermKey) -> list[Receipt]:
    return list(session.scalars(select(Receipt).where(
        Receipt.school_year == term.school_year, Receipt.semester == term.semester,
        Receipt.deleted == false()).order_by(Receipt.imported_at)))
