"""The course catalogue (課程代碼) and 修課紀錄 (enrolments with grades)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, false, or_, select
from sqlalchemy.orm import Session

from lxp_desktop.domain import enums, records
from lxp_desktop.domain.course_code import normalize_course_code
from lxp_desktop.domain.errors import FieldError
from lxp_desktop.domain.text import cell_to_str
from lxp_desktop.services import scope
from lxp_desktop.services.base import (
    Column,
    FormField,
    RecordService,
    choices,
    lookup,
    own_students,
)
from lxp_desktop.services.cadres import (
    join_student,
    student_columns,
    student_form_values,
    student_order,
)
from lxp_desktop.services.context import Actor
from lxp_desktop.services.students import resolve_student, student_search_ids
from lxp_desktop.store.models import Course, Enrolment, School, Staff

SEMESTERS = (("1", "第1學期"), ("2", "第2學期"))


def school_code(session: Session) -> str | None:
    return session.scalars(select(School.code).where(School.deleted == false()).limit(1)).first()


def find_course(session: Session, code: str, school_year: int, semester: int) -> Course | None:
    return next((c for c in lookup(session, Course, code=code, school_year=school_year,
                                   semester=semester) if not c.deleted), None)


def taught_courses(viewer: Actor, school_year: int | None = None) -> Select[Any]:
    """The courses ``viewer`` teaches (``scope.taught_courses``, the one definition)."""
    return scope.taught_courses(viewer, school_year)


def typed_term(raw: dict[str, Any]) -> tuple[int | None, int | None]:
    """學年度 and 學期 as typed (full-width, 113.0 …), None where either is not a number."""
    return (records.clean_int(raw.get("school_year"), "")[0],
            records.clean_int(raw.get("semester"), "")[0])


def find_staff(session: Session, text: str) -> Staff | None:
    """A staff member by username or by name (the first active one with that name)."""
    found = [s for s in lookup(session, Staff, username=text) + lookup(session, Staff, name=text)
             if not s.deleted]
    return sorted(found, key=lambda s: not s.active)[0] if found else None


def resolve_staff(session: Session, raw: dict[str, Any], field: str, id_field: str,
                  label: str, errors: list[FieldError], *, required: bool = False) -> None:
    """What a clerk typed for a staff member (帳號 or 姓名) in ``field`` → ``id_field``.

    Without ``field`` the row came with the id itself (set-up code, an import that matched
    it), which is kept."""
    if field not in raw:
        return
    name = str(raw.get(field) or "").strip()
    raw[id_field] = None
    if not name:
        if required:
            errors.append(FieldError(field, f"{label}：必填，請輸入帳號或姓名。"))
        return
    staff = find_staff(session, name)
    if staff is None:
        errors.append(FieldError(field, f"{label}：找不到教職員「{name}」，請輸入帳號或姓名，或先新增教職員。"))
    else:
        raw[id_field] = staff.id


class CourseService(RecordService[Course]):
    model = Course
    table = "course"
    label = "課程"

    @staticmethod
    def cleaner(raw: Any) -> Any:  # type: ignore[override]
        return records.clean_course(raw, school_code=raw.get("school_code"))

    def columns(self) -> list[Column]:
        return [Column("code", "課程代碼", Course.code, width=190),
                Column("name", "科目名稱", Course.name, width=120),
                Column("credits", "學分數", Course.credits, "int", 50),
                Column("grade", "開課年級", Course.grade, "int", 60),
                Column("category", "課程類別", Course.category, "course_category", 90),
                Column("teacher", "任課教師", Staff.name, width=80)]

    def joined(self, stmt: Select[Any]) -> Select[Any]:
        return stmt.outerjoin(Staff, Course.teacher_id == Staff.id)

    def search_condition(self, search: str) -> ColumnElement[bool]:
        text = search.strip()
        return or_(Course.code.like(f"{text.upper()}%"), Course.name.like(f"%{text}%"))

    def fields(self) -> list[FormField]:
        return [FormField("code", "課程代碼", required=True, max_length=23),
                FormField("name", "科目名稱", required=True, max_length=50),
                FormField("credits", "學分數", "int", True),
                FormField("grade", "開課年級", "choice", True,
                          (("1", "1 一年級"), ("2", "2 二年級"), ("3", "3 三年級"))),
                FormField("school_year", "學年度", "int", True),
                FormField("semester", "學期", "choice", True, SEMESTERS),
                FormField("teacher", "任課教師", placeholder="帳號或姓名")]

    def form_values(self, session: Session, obj: Course) -> dict[str, str]:
        out = super().form_values(session, obj)
        teacher = session.get(Staff, obj.teacher_id) if obj.teacher_id else None
        out["teacher"] = teacher.username if teacher else ""
        return out

    def resolve(self, session: Session, raw: dict[str, Any],
                errors: list[FieldError]) -> dict[str, Any]:
        raw["school_code"] = school_code(session)
        resolve_staff(session, raw, "teacher", "teacher_id", "任課教師", errors)
        return raw

    def check(self, session: Session, values: dict[str, Any], obj: Course | None,
              errors: list[FieldError]) -> None:
        other = find_course(session, values["code"], values["school_year"], values["semester"])
        if other is not None and (obj is None or other.id != obj.id):
            errors.append(FieldError("code", f"課程代碼：{values['code']} 在這個學期已經開設，請勿重複新增。"))


class EnrolmentService(RecordService[Enrolment]):
    model = Enrolment
    table = "enrolment"
    label = "修課紀錄"
    cleaner = staticmethod(records.clean_enrolment)

    def columns(self) -> list[Column]:
        return [*student_columns(),
                Column("course_code", "課程代碼", Course.code, width=190),
                Column("course_name", "科目名稱", Course.name, width=110),
                Column("credits", "修課學分", Enrolment.credits, "int", 60),
                Column("score", "學期學業成績", Enrolment.score, "float", 80),
                Column("passed", "成績及格", Enrolment.passed, "bool", 60),
                Column("makeup_score", "補考成績", Enrolment.makeup_score, "float", 60),
                Column("makeup_passed", "補考及格", Enrolment.makeup_passed, "bool", 60),
                Column("credit_counted", "採計學分", Enrolment.credit_counted, "bool", 60),
                Column("kind", "修課別", Enrolment.kind, width=60)]

    def joined(self, stmt: Select[Any]) -> Select[Any]:
        return join_student(stmt, Enrolment).join(Course, Enrolment.course_id == Course.id)

    def default_order(self) -> list[Any]:
        return [*student_order(), Course.code]

    def search_condition(self, search: str) -> ColumnElement[bool]:
        text = search.strip()
        courses = select(Course.id).where(or_(Course.code.like(f"{text.upper()}%"),
                                              Course.name.like(f"%{text}%")))
        return or_(Enrolment.student_id.in_(student_search_ids(search)),
                   Enrolment.course_id.in_(courses))

    def fields(self) -> list[FormField]:
        yes_no = (("", ""), ("是", "是"), ("否", "否"))
        return [FormField("student_no", "學號", required=True, max_length=12),
                FormField("school_year", "學年度", "int", True),
                FormField("semester", "學期", "choice", True, SEMESTERS),
                FormField("course_code", "課程代碼", required=True, max_length=23),
                FormField("credits", "修課學分", "int", placeholder="空白時取課程學分數"),
                FormField("score", "學期學業成績", "float"),
                FormField("passed", "成績及格", "choice", choices=yes_no),
                FormField("makeup_score", "補考成績", "float"),
                FormField("makeup_passed", "補考及格", "choice", choices=yes_no),
                FormField("credit_counted", "是否採計學分", "choice", True,
                          (("是", "是"), ("否", "否"))),
                FormField("kind", "修課別", "choice", True, choices(enums.ENROLMENT_KINDS)),
                FormField("remark", "質性文字描述", "multiline", max_length=200)]

    def form_values(self, session: Session, obj: Enrolment) -> dict[str, str]:
        out = super().form_values(session, obj)
        student_form_values(session, obj, out)
        course = session.get(Course, obj.course_id)
        out["course_code"] = course.code if course else ""
        return out

    def resolve(self, session: Session, raw: dict[str, Any],
                errors: list[FieldError]) -> dict[str, Any]:
        resolve_student(session, raw, errors)
        if raw.get("course_id"):
            return raw
        code = normalize_course_code(cell_to_str(raw.get("course_code")))
        year, sem = typed_term(raw)
        if year is None or sem is None:
            return raw  # the cleaner reports 學年度/學期
        if not code:
            errors.append(FieldError("course_code", "課程代碼：必填，請輸入 23 碼課程代碼。"))
            return raw
        course = find_course(session, code, year, sem)
        if course is None:
            errors.append(FieldError("course_code", f"課程代碼：{year}學年度第{sem}學期沒有開設 {code}，請先在課程清單新增，或檢查學年度、學期。"))
            return raw
        raw["course_id"] = course.id
        if str(raw.get("credits") or "").strip() == "":
            raw["credits"] = course.credits
        return raw

    def viewer_condition(self, viewer: Actor,
                         school_year: int | None = None) -> ColumnElement[bool] | None:
        """A teacher sees the enrolments of the courses they teach, and every enrolment of
        their homeroom class's and counselled students."""
        return or_(Enrolment.course_id.in_(taught_courses(viewer, school_year)),
                   Enrolment.student_id.in_(own_students(viewer, teaching=False,
                                                         school_year=school_year)))

    def check(self, session: Session, values: dict[str, Any], obj: Enrolment | None,
              errors: list[FieldError]) -> None:
        dup = next((e for e in lookup(session, Enrolment, student_id=values["student_id"],
                                      course_id=values["course_id"])
                    if e.id != (obj.id if obj else None)), None)
        if dup is not None:
            errors.append(FieldError("course_code", "課程代碼：這位學生本學期已有這門課的修課紀錄，請改為編輯原紀錄。" + ("（原紀錄已刪除，可從刪除清單還原）" if dup.deleted else "")))


courses = CourseService()
enrolments = EnrolmentService()
