"""The one place that decides which students, rows and fields an account may read and write.

Every door asks it — the tabs' lists and the export stream (``RecordService``), the 預檢, the
notices, the submission cycle, the account list, the audit view, every sub-command and the
window's tabs and menus — so that a 任課教師 gets the same answer from the command line as
from the window. What each role holds is data, in ``domain/roles.py``; this module applies it
to an account, a student and a row.

- **Students**: the offices see every student. A 任課教師 sees the students enrolled in the
  courses they teach, a 導師 those of the class they are homeroom teacher of, a 課程諮詢教師
  those they counsel — in the 學年度 being looked at (any year when none is chosen).
- **Fields**: 身分證統一編號 comes whole only to the roles that need it; everyone else sees it
  masked and cannot search by it (a search by prefix would tell the digits one by one).
- **Rows written**: an account that does not see every student writes only rows of its own
  students, and a 任課教師 only the 課程學習成果 of courses they teach — or of a teacher they
  are the recorded proxy (代理人) of, and then as that proxy.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, Select, false, select, union
from sqlalchemy.orm import Session

from lxp_desktop.domain import roles
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.ids import mask_id
from lxp_desktop.services.context import Actor
from lxp_desktop.store.models import (
    Consultation,
    Course,
    Enrolment,
    SchoolClass,
    Student,
)
from lxp_desktop.store.roster_models import ClassMembership

NOT_SIGNED_IN = "請先登入：尚未登入的使用者不能查看或修改任何資料。"


def who(actor: Actor) -> str:
    return actor.name if actor.roles or actor.staff_id else "尚未登入的使用者"


# --- what a role holds ------------------------------------------------------------------------
def may(actor: Actor, permission: str) -> bool:
    return roles.holds(actor.roles, permission)


def require(actor: Actor, permission: str) -> None:
    """Refuse (in Chinese, naming what is missing) unless ``actor`` holds ``permission``."""
    if may(actor, permission):
        return
    if not actor.roles:
        raise ValidationFailed(NOT_SIGNED_IN)
    kind, _, table = permission.partition(":")
    if kind == "read" and table:
        what = f"查看「{roles.TABLE_LABELS.get(table, table)}」"
    elif kind == "write" and table:
        what = f"修改「{roles.TABLE_LABELS.get(table, table)}」"
    else:
        what = roles.GRANT_LABELS.get(permission, permission)
    holders = [roles.ROLES[r] for r in roles.holders(permission) if r != roles.ADMIN]
    by = "、".join(holders) if holders else "系統管理者"
    raise ValidationFailed(f"{who(actor)} 沒有{what}的權限，這項工作由{by}處理。")


def may_read(actor: Actor, table: str) -> bool:
    return may(actor, f"read:{table}")


def may_write(actor: Actor, table: str) -> bool:
    return may(actor, f"write:{table}")


def sees_all_students(actor: Actor) -> bool:
    return may(actor, "all_students")


def sees_full_ids(actor: Actor) -> bool:
    return may(actor, "full_ids")


def may_search_ids(actor: Actor | None) -> bool:
    """Whether a search by 身分證統一編號 is allowed (``None``: a trusted internal caller)."""
    return actor is None or sees_full_ids(actor)


def shown_id(actor: Actor | None, national_id: str | None) -> str:
    """A national ID as ``actor`` may see it: whole for the roles that need it, else masked."""
    if not national_id:
        return ""
    return national_id if actor is None or sees_full_ids(actor) else mask_id(national_id)


# --- which students ---------------------------------------------------------------------------
def _me(actor: Actor) -> uuid.UUID | None:
    try:
        return uuid.UUID(actor.staff_id) if actor.staff_id else None
    except ValueError:
        return None


def taught_courses(actor: Actor, school_year: int | None = None) -> Select[Any]:
    """The courses ``actor`` teaches (none unless they are a 任課教師)."""
    me = _me(actor)
    if "teacher" not in actor.roles or me is None:
        return select(Course.id).where(false())
    stmt = select(Course.id).where(Course.teacher_id == me)
    if school_year is not None:
        stmt = stmt.where(Course.school_year == school_year)
    return stmt


def own_students(actor: Actor, *, teaching: bool = True,
                 school_year: int | None = None) -> Select[Any]:
    """The students of an account that does not see every student: those of the class it is
    homeroom teacher of (導師), those enrolled in a course it teaches (任課教師; not with
    ``teaching=False``) and those it counsels (課程諮詢教師) — in ``school_year`` when given."""
    me = _me(actor)
    parts: list[Select[Any]] = []
    if me is not None and "homeroom" in actor.roles:
        # the students of the class in each 學年度 (class_membership), not only its last
        homeroom = (select(ClassMembership.student_id)
                    .join(SchoolClass, ClassMembership.class_id == SchoolClass.id)
                    .where(SchoolClass.homeroom_teacher_id == me,
                           ClassMembership.deleted == false()))
        if school_year is not None:
            homeroom = homeroom.where(SchoolClass.school_year == school_year)
        parts.append(homeroom)
    if me is not None and teaching and "teacher" in actor.roles:
        taught = (select(Enrolment.student_id).join(Course, Enrolment.course_id == Course.id)
                  .where(Course.teacher_id == me, Enrolment.deleted == false()))
        if school_year is not None:
            taught = taught.where(Course.school_year == school_year)
        parts.append(taught)
    if me is not None and "consultant" in actor.roles:
        counselled = select(Consultation.student_id).where(
            Consultation.consultant_id == me, Consultation.deleted == false())
        if school_year is not None:
            counselled = counselled.where(Consultation.school_year == school_year)
        parts.append(counselled)
    if not parts:
        return select(Student.id).where(false())
    return parts[0] if len(parts) == 1 else select(union(*parts).subquery().c[0])


def student_condition(actor: Actor | None, column: Any,
                      school_year: int | None = None) -> ColumnElement[bool] | None:
    """A condition on ``column`` (a student id) keeping the students ``actor`` may see;
    ``None`` when they see every student (or ``actor`` is a trusted internal caller)."""
    if actor is None or sees_all_students(actor):
        return None
    condition: ColumnElement[bool] = column.in_(own_students(actor, school_year=school_year))
    return condition


def may_see_student(session: Session, actor: Actor, student_id: uuid.UUID) -> bool:
    if sees_all_students(actor):
        return True
    return session.scalar(select(Student.id).where(
        Student.id == student_id, Student.id.in_(own_students(actor)))) is not None


def may_certify(session: Session, actor: Actor) -> bool:
    """Whether the account certifies anything: a 任課教師, or a listed proxy (代理人) for
    課程認證 of some teacher (or of every teacher)."""
    if may(actor, "certify"):
        return True
    me = _me(actor)
    if me is None:
        return False
    from lxp_desktop.services.duties import teachers_covered

    every, some = teachers_covered(session, me)
    return every or bool(some)


# --- which rows may be written ----------------------------------------------------------------
def _outcome_teacher(session: Session, enrolment_id: Any) -> uuid.UUID | None:
    if enrolment_id is None:
        return None
    return session.scalar(select(Course.teacher_id).join(
        Enrolment, Enrolment.course_id == Course.id).where(Enrolment.id == enrolment_id))


def write_row(session: Session, actor: Actor, table: str, row: Any) -> Actor:
    """The actor as it may write ``row`` (an ORM row, or the checked values of a new one) of
    ``table``: itself, or the recorded proxy of the course's teacher; anyone else is refused
    with a message that says whose row it is.

    Called after the role check (``permissions.authorize``): this adds the row's scope.
    """
    if sees_all_students(actor) or actor.acting_for:
        return actor  # an office, or the recorded proxy of a duty's responsible person
    def get(key: str) -> Any:
        return row.get(key) if isinstance(row, dict) else getattr(row, key, None)

    if table == "outcome" and "teacher" in actor.roles:
        teacher = _outcome_teacher(session, get("enrolment_id"))
        me = _me(actor)
        if teacher is not None and teacher == me:
            return actor
        if teacher is not None and me is not None:
            from lxp_desktop.services.duties import certification_proxies

            if me in certification_proxies(session, teacher):
                return actor.as_proxy_for(str(teacher))
        raise ValidationFailed(
            f"{who(actor)} 沒有處理這筆課程學習成果的權限：它屬於其他教師的課程；"
            "任課教師只能處理自己任教課程的成果（或登錄為其代理人的教師的課程），"
            "請由該課程的任課教師或其代理人處理。")
    student_id = get("student_id")
    if table == "consultation" and get("consultant_id") not in (None, _me(actor)) \
            and not sees_all_students(actor):
        raise ValidationFailed(f"{who(actor)} 沒有修改這筆課程諮詢紀錄的權限：只能修改自己的諮詢紀錄。")
    if table == "consultation" and "consultant" in actor.roles:
        return actor  # a 課程諮詢教師 may counsel any student: the record makes them theirs
    if student_id is not None and not may_see_student(session, actor, student_id):
        raise ValidationFailed(
            f"{who(actor)} 沒有修改這位學生資料的權限：只能修改自己任教、導師班或諮詢的學生的資料。")
    return actor
