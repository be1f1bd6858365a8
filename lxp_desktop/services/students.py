"""學生基本資料 (學籍): the roster."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select
from sqlalchemy.orm import Session

from lxp_desktop.domain import enums, records
from lxp_desktop.domain.errors import FieldError
from lxp_desktop.domain.text import normalize_code
from lxp_desktop.services.base import (
    Column,
    FormField,
    RecordService,
    choices,
    lookup,
    show,
    student_search_ids,
)
from lxp_desktop.services.context import Actor
from lxp_desktop.services.membership import set_membership
from lxp_desktop.store.models import SchoolClass, Student


def find_class(session: Session, code: str, school_year: int | None = None) -> SchoolClass | None:
    """The class with this code, in ``school_year`` or else the latest year that has it."""
    found = [c for c in lookup(session, SchoolClass, code=code) if not c.deleted
             and (school_year is None or c.school_year == school_year)]
    return max(found, key=lambda c: c.school_year, default=None)


def find_student(session: Session, student_no: str) -> Student | None:
    return next(iter(lookup(session, Student, student_no=student_no)), None)


def find_student_by_id(session: Session, national_id: str) -> Student | None:
    return next(iter(lookup(session, Student, national_id=national_id)), None)


def resolve_student(session: Session, raw: dict[str, Any], errors: list[FieldError]) -> None:
    """``student_no`` (學號, what a clerk types) → ``student_id``."""
    if raw.get("student_id"):
        return
    no = normalize_code(raw.get("student_no"))
    if not no:
        errors.append(FieldError("student_no", "學號：必填，請輸入學生的學號。"))
        return
    student = find_student(session, no)
    if student is None or student.deleted:
        errors.append(FieldError("student_no", f"學號：找不到學號 {no} 的學生，請先在「學生基本資料」新增，或檢查學號。"))
        return
    raw["student_id"] = student.id


class StudentService(RecordService[Student]):
    model = Student
    table = "student"
    label = "學生基本資料"
    scope = None
    cleaner = staticmethod(records.clean_student)

    def student_key(self) -> Any:
        return Student.id

    def columns(self) -> list[Column]:
        return [
            Column("class_code", "班級", SchoolClass.code, width=60),
            Column("seat_no", "座號", Student.seat_no, "int", 50),
            Column("student_no", "學號", Student.student_no, width=80),
            Column("name", "姓名", Student.name, width=90),
            Column("national_id", "身分證統一編號", Student.national_id, "id", 110),
            Column("gender", "性別", Student.gender, "gender", 50),
            Column("birth_date", "出生日期", Student.birth_date, "date", 90),
            Column("status", "學籍狀態", Student.status, width=70),
            Column("status_date", "學籍異動日期", Student.status_date, "date", 100),
            Column("postal_code", "郵遞區號", Student.postal_code, width=70),
            Column("address", "通訊地址", Student.address, width=220),
            Column("phone", "聯絡電話", Student.phone, width=100),
        ]

    def joined(self, stmt: Select[Any]) -> Select[Any]:
        return stmt.outerjoin(SchoolClass, Student.class_id == SchoolClass.id)

    def search_condition(self, search: str) -> ColumnElement[bool]:
        return Student.id.in_(student_search_ids(search))

    #: the 學籍狀態 filter of the tab (``ListQuery.extra["status"]``)
    IN_SCHOOL, DEPARTED = "在學", "離校"

    def _conditions(self, query: Any) -> list[ColumnElement[bool]]:
        conds = super()._conditions(query)
        wanted = query.extra.get("status")
        if wanted == self.IN_SCHOOL:
            conds.append(Student.status.not_in(sorted(enums.LEFT_STATUSES)))
        elif wanted == self.DEPARTED:
            conds.append(Student.status.in_(sorted(enums.LEFT_STATUSES)))
        return conds

    def _order(self, query: Any) -> list[Any]:
        if not query.sort:
            return [SchoolClass.code, Student.seat_no, Student.student_no]
        return super()._order(query)

    def fields(self) -> list[FormField]:
        return [
            FormField("student_no", "學號", required=True, max_length=12),
            FormField("national_id", "身分證統一編號", required=True, max_length=10,
                      placeholder="A123456789"),
            FormField("name", "姓名", required=True, max_length=40),
            FormField("gender", "性別", "choice", True, choices(enums.GENDERS)),
            FormField("birth_date", "出生日期", "date", True, placeholder="090/05/12"),
            FormField("class_code", "班級", max_length=8, placeholder="101"),
            FormField("seat_no", "座號", "int"),
            FormField("status", "學籍狀態", "choice", True, choices(enums.STUDENT_STATUSES)),
            FormField("status_date", "學籍異動日期", "date"),
            FormField("guardian", "監護人", max_length=40),
            FormField("postal_code", "郵遞區號", max_length=6),
            FormField("address", "通訊地址", max_length=120),
            FormField("phone", "聯絡電話", max_length=30),
            FormField("email", "電子郵件", max_length=120),
            FormField("special_status", "特殊身分別", max_length=8,
                      placeholder="學生資料名冊的代碼"),
            FormField("admission_method", "入學方式", max_length=8,
                      placeholder="學生資料名冊的代碼"),
        ]

    def form_values(self, session: Session, obj: Student) -> dict[str, str]:
        out = super().form_values(session, obj)
        klass = session.get(SchoolClass, obj.class_id) if obj.class_id else None
        out["class_code"] = klass.code if klass else ""
        out["gender"] = obj.gender or ""
        return out

    def resolve(self, session: Session, raw: dict[str, Any],
                errors: list[FieldError]) -> dict[str, Any]:
        if "class_code" not in raw:
            return raw  # given as an id, or not at all
        code = str(raw.get("class_code") or "").strip()
        raw["class_id"] = None
        if code:
            klass = find_class(session, code)
            if klass is None:
                errors.append(FieldError("class_code", f"班級：沒有班級 {code}，請先建立班級或檢查班級代碼。"))
            else:
                raw["class_id"] = klass.id
        return raw

    # --- the class of the year (class_membership) --------------------------------------
    def insert(self, session: Session, actor: Actor, values: dict[str, Any]) -> Student:
        obj = super().insert(session, actor, values)
        self._keep_membership(session, actor, obj)
        return obj

    def apply(self, session: Session, actor: Actor, obj: Student, values: dict[str, Any],
              action: str = "update") -> Student:
        before = (obj.class_id, obj.seat_no)
        obj = super().apply(session, actor, obj, values, action)
        if (obj.class_id, obj.seat_no) != before:
            self._keep_membership(session, actor, obj)
        return obj

    @staticmethod
    def _keep_membership(session: Session, actor: Actor, obj: Student) -> None:
        """The student's class and seat, as the form or the import set them, are their
        class and seat in that class's 學年度 (earlier years keep theirs)."""
        if not obj.class_id:
            return
        klass = next(iter(lookup(session, SchoolClass, id=obj.class_id)), None)
        if klass is not None:
            set_membership(session, actor, obj.id, klass.school_year, obj.class_id,
                           obj.seat_no)

    def check(self, session: Session, values: dict[str, Any], obj: Student | None,
              errors: list[FieldError]) -> None:
        own = obj.id if obj else None
        other = next((o for o in lookup(session, Student, student_no=values["student_no"])
                      if o.id != own), None)
        if other is not None:
            errors.append(FieldError("student_no", f"學號：{values['student_no']} 已是 {other.name} 的學號，請檢查是否重複輸入。"))
        if values.get("national_id"):
            other = next((o for o in lookup(session, Student,
                                            national_id=values["national_id"])
                          if o.id != own), None)
            if other is not None:
                errors.append(FieldError("national_id", f"身分證統一編號：已屬於學號 {other.student_no} {other.name}，同一人不可建立兩筆學籍。"))


students = StudentService()
__all__ = ["students", "StudentService", "find_student", "find_class", "resolve_student", "show"]
