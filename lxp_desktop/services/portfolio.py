"""課程諮詢紀錄, 課程學習成果 and 多元表現."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session, aliased

from lxp_desktop.domain import code_lists, enums, records
from lxp_desktop.domain.course_code import normalize_course_code
from lxp_desktop.domain.errors import FieldError
from lxp_desktop.domain.text import cell_to_str
from lxp_desktop.services import settings
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
from lxp_desktop.services.courses import (
    SEMESTERS,
    find_course,
    resolve_staff,
    taught_courses,
    typed_term,
)
from lxp_desktop.services.students import resolve_student
from lxp_desktop.store.models import Consultation, Course, Enrolment, Outcome, Performance, Staff

Consultant = aliased(Staff)


class ConsultationService(RecordService[Consultation]):
    model = Consultation
    table = "consultation"
    label = "課程諮詢紀錄"
    cleaner = staticmethod(records.clean_consultation)

    def columns(self) -> list[Column]:
        return [*student_columns(),
                Column("date", "日期", Consultation.date, "date"),
                Column("time", "時間", Consultation.time, width=50),
                Column("place", "地點", Consultation.place, width=90),
                Column("consultant", "課程諮詢教師", Consultant.name, width=90),
                Column("content", "諮詢內容", Consultation.content, width=220),
                Column("opinion", "諮詢意見", Consultation.opinion, width=160)]

    def joined(self, stmt: Select[Any]) -> Select[Any]:
        return join_student(stmt, Consultation).join(
            Consultant, Consultation.consultant_id == Consultant.id)

    def default_order(self) -> list[Any]:
        return [*student_order(), Consultation.date]

    def fields(self) -> list[FormField]:
        return [FormField("student_no", "學號", required=True, max_length=12),
                FormField("date", "日期", "date", True),
                FormField("time", "時間", placeholder="14:30", max_length=5),
                FormField("place", "地點", required=True, max_length=50),
                FormField("consultant", "課程諮詢教師", required=True, placeholder="帳號或姓名"),
                FormField("content", "諮詢內容", "multiline", True, max_length=100),
                FormField("opinion", "諮詢意見", "multiline", max_length=100)]

    def form_values(self, session: Session, obj: Consultation) -> dict[str, str]:
        out = super().form_values(session, obj)
        student_form_values(session, obj, out)
        staff = session.get(Staff, obj.consultant_id)
        out["consultant"] = staff.username if staff else ""
        return out

    def resolve(self, session: Session, raw: dict[str, Any],
                errors: list[FieldError]) -> dict[str, Any]:
        resolve_student(session, raw, errors)
        resolve_staff(session, raw, "consultant", "consultant_id", "課程諮詢教師", errors,
                      required=True)
        return raw


class OutcomeService(RecordService[Outcome]):
    model = Outcome
    table = "outcome"
    label = "課程學習成果"
    cleaner = staticmethod(records.clean_outcome)

    def columns(self) -> list[Column]:
        return [*student_columns(),
                Column("course_name", "科目名稱", Course.name, width=110),
                Column("title", "成果名稱", Outcome.title, width=160),
                Column("summary", "成果簡述", Outcome.summary, width=240),
                Column("status", "認證狀態", Outcome.status, width=70),
                Column("selected", "勾選提交", Outcome.selected, "bool", 60)]

    def joined(self, stmt: Select[Any]) -> Select[Any]:
        return (join_student(stmt, Outcome)
                .join(Enrolment, Outcome.enrolment_id == Enrolment.id)
                .join(Course, Enrolment.course_id == Course.id))

    def default_order(self) -> list[Any]:
        return [*student_order(), Course.code, Outcome.title]

    def fields(self) -> list[FormField]:
        return [FormField("student_no", "學號", required=True, max_length=12),
                FormField("school_year", "學年度", "int", True),
                FormField("semester", "學期", "choice", True, SEMESTERS),
                FormField("course_code", "課程代碼", required=True, max_length=23),
                FormField("title", "成果名稱", required=True, max_length=50),
                FormField("summary", "成果簡述", "multiline", True, max_length=100)]

    def form_values(self, session: Session, obj: Outcome) -> dict[str, str]:
        out = super().form_values(session, obj)
        student_form_values(session, obj, out)
        enrolment = session.get(Enrolment, obj.enrolment_id)
        course = session.get(Course, enrolment.course_id) if enrolment else None
        out["course_code"] = course.code if course else ""
        return out

    def resolve(self, session: Session, raw: dict[str, Any],
                errors: list[FieldError]) -> dict[str, Any]:
        resolve_student(session, raw, errors)
        if raw.get("enrolment_id") or not raw.get("student_id"):
            return raw
        code = normalize_course_code(cell_to_str(raw.get("course_code")))
        year, sem = typed_term(raw)
        if year is None or sem is None:
            errors.append(FieldError("school_year", "學年度、學期：請輸入數字，例如 113 與 1。"))
            return raw
        course = find_course(session, code, year, sem) if code else None
        enrolment = next((e for e in lookup(session, Enrolment, student_id=raw["student_id"],
                                            course_id=course.id) if not e.deleted),
                         None) if course else None
        if enrolment is None:
            errors.append(FieldError("course_code", f"課程代碼：這位學生在{year}學年度第{sem}學期沒有修習 {code or '（未填）'}，課程學習成果只能登錄本學期有修的課。"))
        else:
            raw["enrolment_id"] = enrolment.id
        return raw

    def viewer_condition(self, viewer: Actor,
                         school_year: int | None = None) -> ColumnElement[bool] | None:
        """A teacher sees the outcomes of the courses they teach (what they certify), and
        every outcome of their homeroom class's and counselled students."""
        of_mine = select(Enrolment.id).where(
            Enrolment.course_id.in_(taught_courses(viewer, school_year)))
        return or_(Outcome.enrolment_id.in_(of_mine),
                   Outcome.student_id.in_(own_students(viewer, teaching=False,
                                                       school_year=school_year)))

    def check(self, session: Session, values: dict[str, Any], obj: Outcome | None,
              errors: list[FieldError]) -> None:
        enrolment = session.get(Enrolment, values["enrolment_id"])
        if enrolment is None or enrolment.student_id != values["student_id"]:
            errors.append(FieldError("course_code", "課程代碼：這筆修課紀錄不屬於這位學生。"))
            return
        values["school_year"], values["semester"] = enrolment.school_year, enrolment.semester
        cap = settings.get(session, "outcomes_per_term")
        count = sum(1 for o in lookup(session, Outcome, student_id=values["student_id"],
                                      school_year=enrolment.school_year,
                                      semester=enrolment.semester)
                    if not o.deleted and o.id != (obj.id if obj else None))
        if count >= cap:
            errors.append(FieldError("title", f"成果名稱：這位學生本學期已上傳 {count} 件課程學習成果，已達上限 {cap} 件；請先刪除一件再新增。"))


    def before_update(self, session: Session, obj: Outcome, values: dict[str, Any]) -> None:
        """An edited item that was 已認證 or 退回 is submitted again: it waits for certification
        (certification covers what the item says), and is no longer selected."""
        edited = any(k in values and values[k] != getattr(obj, k)
                     for k in ("enrolment_id", "title", "summary"))
        if edited and obj.status != "待認證":
            values.update(status="待認證", certified_by=None, certified_for=None,
                          certified_at=None, selected=False)


class PerformanceService(RecordService[Performance]):
    model = Performance
    table = "performance"
    label = "多元表現"
    scope = "year"
    cleaner = staticmethod(records.clean_performance)

    def columns(self) -> list[Column]:
        return [*student_columns(),
                Column("kind", "類別", Performance.kind, width=120),
                Column("title", "名稱", Performance.title, width=160),
                Column("organiser", "主辦單位", Performance.organiser, width=100),
                Column("level", "等級", Performance.level, width=60),
                Column("start_date", "開始日期", Performance.start_date, "date"),
                Column("end_date", "結束日期", Performance.end_date, "date"),
                Column("hours", "時數", Performance.hours, "float", 50),
                Column("result", "結果", Performance.result, width=80),
                Column("selected", "勾選提交", Performance.selected, "bool", 60)]

    def joined(self, stmt: Select[Any]) -> Select[Any]:
        return join_student(stmt, Performance)

    def default_order(self) -> list[Any]:
        return [*student_order(), Performance.kind, Performance.start_date]

    def fields(self) -> list[FormField]:
        return [FormField("student_no", "學號", required=True, max_length=12),
                FormField("school_year", "學年度", "int", True),
                FormField("kind", "類別", "choice", True, choices(enums.PERFORMANCE_KINDS)),
                FormField("title", "名稱", required=True, max_length=100),
                FormField("organiser", "主辦單位", max_length=50),
                FormField("level", "等級", max_length=20,
                          placeholder="競賽：1 校級、2 縣市級、3 全國、4 國際"),
                FormField("item", "項目", max_length=50, placeholder="競賽的項目，例如 物理科"),
                FormField("participation", "團體參與", "choice",
                          choices=choices(code_lists.codes("團體參與"))),
                FormField("start_date", "開始日期", "date"),
                FormField("end_date", "結束日期", "date"),
                FormField("hours", "時數", "float"),
                FormField("result", "結果", max_length=50),
                FormField("summary", "內容簡述", "multiline", True, max_length=100),
                FormField("external_link", "外部連結", placeholder="https://"),
                FormField("in_school", "校內／校外", "choice", True,
                          (("是", "校內"), ("否", "校外")))]

    def form_values(self, session: Session, obj: Performance) -> dict[str, str]:
        out = super().form_values(session, obj)
        student_form_values(session, obj, out)
        return out

    def resolve(self, session: Session, raw: dict[str, Any],
                errors: list[FieldError]) -> dict[str, Any]:
        resolve_student(session, raw, errors)
        return raw

    def check(self, session: Session, values: dict[str, Any], obj: Performance | None,
              errors: list[FieldError]) -> None:
        cap = settings.get(session, "performances_per_year")
        count = sum(1 for p in lookup(session, Performance, student_id=values["student_id"],
                                      school_year=values["school_year"])
                    if not p.deleted and p.id != (obj.id if obj else None))
        if count >= cap:
            errors.append(FieldError("title", f"名稱：這位學生{values['school_year']}學年度已有 {count} 項多元表現，已達上限 {cap} 項；請先刪除一項再新增。"))


consultations = ConsultationService()
outcomes = OutcomeService()
performances = PerformanceService()
