"""The school itself: its data, terms, classes and staff (accounts and sign-in: accounts.py)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, false, or_, select
from sqlalchemy.orm import Session

from lxp_desktop.domain import records
from lxp_desktop.domain.errors import FieldError, ValidationFailed
from lxp_desktop.domain.roc import Term as TermKey
from lxp_desktop.domain.roc import default_dates
from lxp_desktop.services.accounts import actor_for, system_actor  # noqa: F401 - re-exported
from lxp_desktop.services.base import (
    Column,
    FormField,
    ListQuery,
    RecordService,
    escape_like,
    insert_row,
)
from lxp_desktop.services.context import Actor
from lxp_desktop.store.models import School, SchoolClass, Staff, Term

SEMESTERS = (("1", "第1學期"), ("2", "第2學期"))
#: the one school row of every store and of the shared database: a fixed id, so that two
#: PCs that each fill in the school's data make one row (their values meet as field edits)
SCHOOL_ID = uuid.UUID("5c4f0a1e-0000-4000-8000-000000000001")


class SchoolService(RecordService[School]):
    model = School
    table = "school"
    label = "學校資料"
    scope = None
    cleaner = staticmethod(records.clean_school)

    def columns(self) -> list[Column]:
        return [Column("code", "學校代碼", School.code), Column("name", "學校名稱", School.name)]

    def fields(self) -> list[FormField]:
        return [FormField("code", "學校代碼", required=True, max_length=6, placeholder="063401"),
                FormField("name", "學校名稱", required=True, max_length=80),
                FormField("postal_code", "郵遞區號", max_length=6),
                FormField("address", "地址", max_length=120),
                FormField("phone", "電話", max_length=30),
                FormField("registrar_name", "註冊組聯絡人", max_length=40),
                FormField("registrar_phone", "註冊組電話", max_length=30),
                FormField("registrar_email", "註冊組電子郵件", max_length=120)]

    def search_condition(self, search: str, no_ids: bool = False) -> ColumnElement[bool]:
        return School.name.like(f"%{escape_like(search)}%", escape="\\")

    def check(self, session: Session, values: dict[str, Any], obj: School | None,
              errors: list[FieldError]) -> None:
        if obj is None and get_school(session) is not None:
            errors.append(FieldError("code", "學校資料已經建立，請改為編輯。"))

    def insert(self, session: Session, actor: Actor, values: dict[str, Any]) -> School:
        obj = School(id=SCHOOL_ID, **self._storable(values))
        insert_row(session, actor, self.table, obj)
        return obj


class TermService(RecordService[Term]):
    model = Term
    table = "term"
    label = "學期"
    scope = None
    cleaner = staticmethod(records.clean_term)

    def columns(self) -> list[Column]:
        return [Column("school_year", "學年度", Term.school_year, "int", 60),
                Column("semester", "學期", Term.semester, "int", 50),
                Column("start_date", "學期開始日期", Term.start_date, "date", 100),
                Column("end_date", "學期結束日期", Term.end_date, "date", 100),
                Column("certification_deadline", "課程學習成果認證截止日",
                       Term.certification_deadline, "date", 150)]

    def _order(self, query: ListQuery) -> list[Any]:
        if not query.sort:
            return [Term.school_year.desc(), Term.semester.desc()]
        return super()._order(query)

    def search_condition(self, search: str, no_ids: bool = False) -> ColumnElement[bool]:
        return Term.school_year.like(f"{escape_like(search)}%", escape="\\")

    def fields(self) -> list[FormField]:
        return [FormField("school_year", "學年度", "int", True, placeholder="113"),
                FormField("semester", "學期", "choice", True, SEMESTERS),
                FormField("start_date", "學期開始日期", "date", True, placeholder="113/08/01"),
                FormField("end_date", "學期結束日期", "date", True, placeholder="114/01/31"),
                FormField("certification_deadline", "課程學習成果認證截止日", "date")]

    def check(self, session: Session, values: dict[str, Any], obj: Term | None,
              errors: list[FieldError]) -> None:
        other = session.scalars(select(Term).where(
            Term.school_year == values["school_year"], Term.semester == values["semester"],
            Term.id != (obj.id if obj else None))).first()
        if other is not None:
            errors.append(FieldError("semester", f"學期：{values['school_year']}學年度第{values['semester']}學期已經建立，請改為編輯。"))


class ClassService(RecordService[SchoolClass]):
    model = SchoolClass
    table = "school_class"
    label = "班級"
    scope = None
    cleaner = staticmethod(records.clean_class)

    def columns(self) -> list[Column]:
        return [Column("school_year", "學年度", SchoolClass.school_year, "int", 60),
                Column("code", "班級代碼", SchoolClass.code, width=70),
                Column("name", "班級名稱", SchoolClass.name, width=120),
                Column("grade", "年級", SchoolClass.grade, "int", 50),
                Column("homeroom", "導師", Staff.name, width=90)]

    def joined(self, stmt: Any) -> Any:
        return stmt.outerjoin(Staff, SchoolClass.homeroom_teacher_id == Staff.id)

    def _order(self, query: ListQuery) -> list[Any]:
        if not query.sort:
            return [SchoolClass.school_year.desc(), SchoolClass.code]
        return super()._order(query)

    def search_condition(self, search: str, no_ids: bool = False) -> ColumnElement[bool]:
        like = escape_like(search.strip())
        return or_(SchoolClass.code.like(f"{like}%", escape="\\"),
                   SchoolClass.name.like(f"%{like}%", escape="\\"))

    def fields(self) -> list[FormField]:
        return [FormField("school_year", "學年度", "int", True),
                FormField("code", "班級代碼", required=True, max_length=8, placeholder="101"),
                FormField("name", "班級名稱", required=True, max_length=40,
                          placeholder="一年一班"),
                FormField("grade", "年級", "choice", True,
                          (("1", "1 一年級"), ("2", "2 二年級"), ("3", "3 三年級"))),
                FormField("homeroom", "導師", placeholder="帳號或姓名"),
                FormField("group_code", "群別代碼", max_length=2, placeholder="11"),
                FormField("program_code", "科班學程別代碼", max_length=8, placeholder="101"),
                FormField("division_code", "部別代碼", max_length=4)]

    def form_values(self, session: Session, obj: SchoolClass) -> dict[str, str]:
        out = super().form_values(session, obj)
        teacher = session.get(Staff, obj.homeroom_teacher_id) if obj.homeroom_teacher_id else None
        out["homeroom"] = teacher.username if teacher else ""
        return out

    def resolve(self, session: Session, raw: dict[str, Any],
                errors: list[FieldError]) -> dict[str, Any]:
        from lxp_desktop.services.courses import resolve_staff

        resolve_staff(session, raw, "homeroom", "homeroom_teacher_id", "導師", errors)
        return raw

    def check(self, session: Session, values: dict[str, Any], obj: SchoolClass | None,
              errors: list[FieldError]) -> None:
        other = session.scalars(select(SchoolClass).where(
            SchoolClass.school_year == values["school_year"],
            SchoolClass.code == values["code"],
            SchoolClass.id != (obj.id if obj else None))).first()
        if other is not None:
            errors.append(FieldError("code", f"班級代碼：{values['school_year']}學年度已有班級 {values['code']}。"))


schools = SchoolService()
terms = TermService()
classes = ClassService()


def get_school(session: Session) -> School | None:
    """The school (the row of the fixed id first, should an older store hold another)."""
    return session.scalars(select(School).where(School.deleted == false())
                           .order_by((School.id == SCHOOL_ID).desc(), School.updated_at)
                           .limit(1)).first()


def save_school(session: Session, actor: Actor, values: dict[str, Any]) -> School:
    """Create the school's data, or change it (there is one school per store)."""
    school = get_school(session)
    if school is None:
        return schools.create(session, actor, values)
    return schools.update(session, actor, school.id, values)


def list_terms(session: Session) -> list[Term]:
    return list(session.scalars(select(Term).where(Term.deleted == false())
                                .order_by(Term.school_year, Term.semester)))


def ensure_term(session: Session, actor: Actor, key: TermKey,
                start: date | None = None, end: date | None = None) -> Term:
    term = session.scalars(select(Term).where(Term.school_year == key.school_year,
                                              Term.semester == key.semester)).first()
    if term is None:
        d_start, d_end = default_dates(key)
        term = terms.create(session, actor, {
            "school_year": key.school_year, "semester": key.semester,
            "start_date": start or d_start, "end_date": end or d_end})
    return term


def ensure_class(session: Session, actor: Actor, school_year: int, code: str, name: str,
                 grade: int, homeroom_teacher_id: uuid.UUID | None = None) -> SchoolClass:
    klass = session.scalars(select(SchoolClass).where(SchoolClass.school_year == school_year,
                                                      SchoolClass.code == code)).first()
    if klass is None:
        klass = classes.create(session, actor, {
            "school_year": school_year, "code": code, "name": name, "grade": grade,
            "homeroom_teacher_id": homeroom_teacher_id})
    return klass


def add_staff(session: Session, actor: Actor, username: str, name: str, roles: list[str],
              email: str | None = None) -> Staff:
    if "admin" not in actor.roles:
        raise ValidationFailed(f"{actor.name} 沒有新增教職員帳號的權限，請由系統管理者處理。")
    if session.scalars(select(Staff).where(Staff.username == username)).first():
        raise ValidationFailed(FieldError("username", f"帳號：{username} 已有人使用。"))
    staff = Staff(username=username, name=name, roles=",".join(roles), email=email, active=True)
    insert_row(session, actor, "staff", staff)
    return staff
