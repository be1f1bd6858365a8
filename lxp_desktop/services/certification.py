"""Teacher certification (認證) of 課程學習成果, and the yearly selection (勾選) with its caps.

Certification only confirms that an item comes from the course (docs/domain.md §1); it is done by
the course's teacher, or by that teacher's proxy (代理人) — the teacher's own list first, then
the school's list for 課程認證 — and the record keeps who certified and for whom. A proxy's
act goes into the audit log with ``acting_for`` set. Anyone else is refused. Every door (the
queue window, the command line) calls these functions.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import false, func, or_, select
from sqlalchemy.orm import Session

from lxp_desktop.domain.errors import FieldError, ValidationFailed
from lxp_desktop.services import duties, scope, settings
from lxp_desktop.services.base import _uuid
from lxp_desktop.services.context import Actor
from lxp_desktop.services.membership import OF_CLASS, SEAT, ClassMembership, in_year
from lxp_desktop.services.permissions import authorize
from lxp_desktop.services.portfolio import outcomes, performances
from lxp_desktop.store.models import (
    Attachment,
    Course,
    Enrolment,
    Outcome,
    Performance,
    SchoolClass,
    Staff,
    Student,
    Term,
    utcnow,
)

PENDING, CERTIFIED, RETURNED = "待認證", "已認證", "退回"
REASON_MAX = 200


@dataclass(frozen=True)
class QueueItem:
    """One row of a teacher's certification queue (plain values for the window)."""

    id: uuid.UUID
    class_code: str
    seat_no: int | None
    student_no: str
    student_name: str
    course_name: str
    teacher_id: uuid.UUID | None
    teacher_name: str
    title: str
    summary: str
    files: int
    status: str
    return_reason: str | None
    school_year: int
    semester: int
    deadline: date | None
    overdue: bool
    version: int


def _course_teacher(session: Session, outcome: Outcome) -> tuple[Course | None, Staff | None]:
    enrolment = session.get(Enrolment, outcome.enrolment_id)
    course = session.get(Course, enrolment.course_id) if enrolment else None
    teacher = session.get(Staff, course.teacher_id) if course and course.teacher_id else None
    return course, teacher


def certifier(session: Session, actor: Actor, teacher_id: uuid.UUID | None) -> Actor | None:
    """The actor as it certifies for ``teacher_id``: the teacher, their proxy, or None."""
    if teacher_id is None or actor.staff_id is None:
        return None
    me = uuid.UUID(actor.staff_id)
    if me == teacher_id:
        return actor
    if me in duties.certification_proxies(session, teacher_id):
        return actor.as_proxy_for(str(teacher_id))
    return None


def _load(session: Session, ids: Iterable[uuid.UUID | str]) -> list[Outcome]:
    found = []
    for i in ids:
        try:
            key = _uuid(i)
        except ValueError:
            raise ValidationFailed(f"「{i}」不是課程學習成果的識別碼（應為 36 字元的 UUID）。") from None
        obj = session.get(Outcome, key)
        if obj is None or obj.deleted:
            raise ValidationFailed("找不到這筆課程學習成果（可能已被刪除），請重新整理清單。")
        found.append(obj)
    return found


def _label(session: Session, o: Outcome) -> str:
    student = session.get(Student, o.student_id)
    return f"{student.student_no if student else '?'} {student.name if student else ''}「{o.title}」"


def _decide(session: Session, actor: Actor, ids: Iterable[uuid.UUID | str], status: str,
            reason: str | None) -> list[Outcome]:
    items = _load(session, ids)
    errors: list[FieldError] = []
    plan: list[tuple[Outcome, Actor, uuid.UUID]] = []
    for o in items:
        course, teacher = _course_teacher(session, o)
        what = _label(session, o)
        if teacher is None:
            errors.append(FieldError("teacher", f"{what}：課程「{course.name if course else '?'}」沒有設定任課教師，請先在課程資料填上任課教師。"))
            continue
        acting = certifier(session, actor, teacher.id)
        if acting is None:
            errors.append(FieldError("teacher", f"{what}：{actor.name} 沒有認證這筆成果的權限，只有任課教師 {teacher.name} 或其代理人可以認證。請由任課教師處理，或在「承辦人與代理人」設定代理人。"))
            continue
        if o.status != PENDING:
            errors.append(FieldError("status", f"{what}：狀態是「{o.status}」，只有待認證的成果可以{'認證' if status == CERTIFIED else '退回'}。"))
            continue
        plan.append((o, acting, teacher.id))
    if errors:
        raise ValidationFailed(errors)
    now = utcnow()
    for o, acting, teacher_id in plan:
        values: dict[str, object] = {
            "status": status, "certified_by": uuid.UUID(acting.staff_id or ""),
            "certified_for": teacher_id, "certified_at": now}
        if status == RETURNED:
            values.update(return_reason=reason, selected=False)
        else:
            values["return_reason"] = None
        outcomes.apply(session, acting, o, values,
                       action="certify" if status == CERTIFIED else "return")
    return items


def certify(session: Session, actor: Actor, ids: Iterable[uuid.UUID | str]) -> list[Outcome]:
    """待認證 → 已認證 for every item, or nothing at all when any one is refused."""
    return _decide(session, actor, ids, CERTIFIED, None)


def return_outcomes(session: Session, actor: Actor, ids: Iterable[uuid.UUID | str],
                    reason: str) -> list[Outcome]:
    """待認證 → 退回 with a reason the student will see (required, ≤ 200 characters)."""
    text = " ".join((reason or "").split())
    if not text:
        raise ValidationFailed(FieldError("return_reason", "退回原因：必填，學生會看到這段說明；請寫明要修改什麼（例如：檔案不是本課程的作品）。"))
    if len(text) > REASON_MAX:
        raise ValidationFailed(FieldError("return_reason", f"退回原因：目前 {len(text)} 字，超過 {REASON_MAX} 字上限；請刪減 {len(text) - REASON_MAX} 字。"))
    return _decide(session, actor, ids, RETURNED, text)


def resubmit(session: Session, actor: Actor, ids: Iterable[uuid.UUID | str]) -> list[Outcome]:
    """退回 → 待認證 after the student (or staff for them) corrected the item."""
    items = _load(session, ids)
    acting = authorize(session, actor, "outcome")
    bad = [_label(session, o) for o in items if o.status != RETURNED]
    if bad:
        raise ValidationFailed(FieldError("status", f"只有被退回的成果可以重新送出認證：{'、'.join(bad)}。"))
    as_whom = [scope.write_row(session, acting, "outcome", o) for o in items]  # own rows only
    for o, who_acts in zip(items, as_whom, strict=True):
        outcomes.apply(session, who_acts, o, {"status": PENDING, "certified_by": None,
                                              "certified_for": None, "certified_at": None},
                       action="resubmit")
    return items


# --- the queue ----------------------------------------------------------------------------
def queue(session: Session, actor: Actor, school_year: int | None = None,
          semester: int | None = None, statuses: tuple[str, ...] = (PENDING,),
          teacher_id: uuid.UUID | None = None, today: date | None = None) -> list[QueueItem]:
    """The outcomes the actor may certify: their own courses' and those of the teachers they
    are proxy for (``teacher_id`` narrows to one teacher). Overdue items say so."""
    today = today or date.today()
    if actor.staff_id is None:
        return []
    me = uuid.UUID(actor.staff_id)
    every, some = duties.teachers_covered(session, me)
    stmt = (select(Outcome, Student, SchoolClass.code, Course.name, Course.teacher_id,
                   Staff.name, Term.certification_deadline)
            .join(Student, Outcome.student_id == Student.id)
            .outerjoin(ClassMembership, in_year(Outcome.school_year)).outerjoin(SchoolClass, OF_CLASS)
            .join(Enrolment, Outcome.enrolment_id == Enrolment.id)
            .join(Course, Enrolment.course_id == Course.id)
            .outerjoin(Staff, Course.teacher_id == Staff.id)
            .outerjoin(Term, (Term.school_year == Outcome.school_year)
                       & (Term.semester == Outcome.semester) & (Term.deleted == false()))
            .where(Outcome.deleted == false(), Outcome.status.in_(statuses),
                   Course.teacher_id.is_not(None)))
    if not every:
        stmt = stmt.where(or_(Course.teacher_id == me, Course.teacher_id.in_(some)))
    if teacher_id is not None:
        stmt = stmt.where(Course.teacher_id == teacher_id)
    if school_year is not None:
        stmt = stmt.where(Outcome.school_year == school_year)
    if semester is not None:
        stmt = stmt.where(Outcome.semester == semester)
    stmt = stmt.order_by(Outcome.school_year, Outcome.semester, Course.name,
                         SchoolClass.code, SEAT, Student.student_no, Outcome.title)
    rows = session.execute(stmt).all()
    files = dict(session.execute(
        select(Attachment.owner_id, func.count()).where(
            Attachment.owner_table == "outcome", Attachment.deleted == false(),
            Attachment.owner_id.in_([r[0].id for r in rows]))
        .group_by(Attachment.owner_id)).all()) if rows else {}
    out = []
    for o, st, klass, course_name, t_id, t_name, deadline in rows:
        out.append(QueueItem(
            o.id, klass or "", st.seat_no, st.student_no, st.name, course_name, t_id,
            t_name or "", o.title, o.summary, int(files.get(o.id, 0)), o.status,
            o.return_reason, o.school_year, o.semester, deadline,
            bool(deadline and o.status == PENDING and today > deadline), o.version))
    return out


def teachers_for(session: Session, actor: Actor) -> list[tuple[uuid.UUID, str]]:
    """The teachers whose queue the actor may work: themselves (if teaching) and whom they
    are proxy for."""
    if actor.staff_id is None:
        return []
    me = uuid.UUID(actor.staff_id)
    every, some = duties.teachers_covered(session, me)
    stmt = (select(Staff.id, Staff.name).where(Staff.deleted == false())
            .where(Staff.id.in_(select(Course.teacher_id).where(Course.deleted == false())))
            .order_by(Staff.name))
    if not every:
        stmt = stmt.where(Staff.id.in_({me, *some}))
    return [(i, n) for i, n in session.execute(stmt)]


# --- selection (勾選) for the central database ---------------------------------------------------
def set_selected(session: Session, actor: Actor, table: str, ids: Iterable[uuid.UUID | str],
                 selected: bool = True) -> int:
    """Select (or unselect) outcomes or performances for central submission, within the
    per-student per-學年度 caps; all or nothing. Returns how many rows changed."""
    if table not in ("outcome", "performance"):
        raise ValidationFailed(f"只有課程學習成果與多元表現可以勾選提交，「{table}」不行。")
    service = outcomes if table == "outcome" else performances
    acting = authorize(session, actor, table)
    model = Outcome if table == "outcome" else Performance
    rows = [service.get(session, i) for i in ids]
    errors: list[FieldError] = []
    changing = [r for r in rows if not r.deleted and r.selected != selected]
    if selected:
        key = "outcomes_selected_per_year" if table == "outcome" else "performances_per_year"
        cap = settings.get(session, key)
        adding: dict[tuple[uuid.UUID, int], int] = {}
        for r in changing:
            what = _label(session, r) if isinstance(r, Outcome) else _perf_label(session, r)
            if isinstance(r, Outcome):
                if r.status != CERTIFIED:
                    errors.append(FieldError("selected", f"{what}：狀態是「{r.status}」，只有已認證的課程學習成果可以勾選提交。"))
                    continue
                n_files = session.scalar(select(func.count()).select_from(Attachment).where(
                    Attachment.owner_table == "outcome", Attachment.owner_id == r.id,
                    Attachment.deleted == false())) or 0
                if not n_files:
                    errors.append(FieldError("selected", f"{what}：沒有附加檔案，請先附加成果檔案再勾選。"))
                    continue
            k = (r.student_id, r.school_year)
            adding[k] = adding.get(k, 0) + 1
        for (student_id, year), n in adding.items():
            have = session.scalar(select(func.count()).select_from(model).where(
                model.student_id == student_id, model.school_year == year,
                model.selected.is_(True), model.deleted == false())) or 0
            if have + n > cap:
                st = session.get(Student, student_id)
                errors.append(FieldError("selected", f"{st.student_no if st else ''} {st.name if st else ''}：{year}學年度已勾選 {have} 件{service.label}，再勾 {n} 件會超過上限 {cap} 件；請先取消其他勾選。"))
    if errors:
        raise ValidationFailed(errors)
    # only rows of the account's own students; a teacher only outcomes of their own
    # courses, or as the recorded proxy of the course's teacher — every row checked first
    as_whom = [scope.write_row(session, acting, table, r) for r in changing]
    for r, who_acts in zip(changing, as_whom, strict=True):
        service.apply(session, who_acts, r, {"selected": selected},
                      action="select" if selected else "unselect")
    return len(changing)


def _perf_label(session: Session, p: Performance) -> str:
    student = session.get(Student, p.student_id)
    return f"{student.student_no if student else '?'} {student.name if student else ''}「{p.title}」"


def certified_at_text(value: datetime | None) -> str:
    from lxp_desktop.services.base import show

    return show(value)
