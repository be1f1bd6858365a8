"""幹部經歷: school, class and club officers, entered by 學務處 (訓育組)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session

from lxp_desktop.domain import enums, records
from lxp_desktop.domain.errors import FieldError
from lxp_desktop.services.base import Column, FormField, RecordService, choices, lookup
from lxp_desktop.services.membership import SEAT, join_class
from lxp_desktop.services.students import resolve_student
from lxp_desktop.store.models import CadreRecord, SchoolClass, Student


def student_columns() -> list[Column]:
    """The student's class and seat of the record's own 學年度 (see ``join_student``)."""
    return [
        Column("class_code", "班級", SchoolClass.code, width=60),
        Column("seat_no", "座號", SEAT, "int", 50),
        Column("student_no", "學號", Student.student_no, width=80),
        Column("name", "姓名", Student.name, width=90),
    ]


def student_order() -> list[Any]:
    """A class list's order: class, seat number, 學號."""
    return [SchoolClass.code, SEAT, Student.student_no]


def join_student(stmt: Select[Any], model: Any) -> Select[Any]:
    """The student of each row and their class in the row's own 學年度."""
    return join_class(stmt.join(Student, model.student_id == Student.id), model.school_year)


def student_form_values(session: Session, obj: Any, out: dict[str, str]) -> None:
    student = session.get(Student, obj.student_id)
    out["student_no"] = student.student_no if student else ""


class CadreService(RecordService[CadreRecord]):
    model = CadreRecord
    table = "cadre_record"
    label = "幹部經歷"
    cleaner = staticmethod(records.clean_cadre)

    def columns(self) -> list[Column]:
        return [*student_columns(),
                Column("unit_name", "單位名稱", CadreRecord.unit_name, width=120),
                Column("position", "擔任職務", CadreRecord.position, width=100),
                Column("level", "幹部等級", CadreRecord.level, "cadre_level", 80),
                Column("start_date", "開始日期", CadreRecord.start_date, "date"),
                Column("end_date", "結束日期", CadreRecord.end_date, "date")]

    def joined(self, stmt: Select[Any]) -> Select[Any]:
        return join_student(stmt, CadreRecord)

    def default_order(self) -> list[Any]:
        return [*student_order(), CadreRecord.start_date, CadreRecord.unit_name]

    def fields(self) -> list[FormField]:
        return [
            FormField("student_no", "學號", required=True, max_length=12),
            FormField("school_year", "學年度", "int", True),
            FormField("semester", "學期", "choice", True, (("1", "第1學期"), ("2", "第2學期"))),
            FormField("unit_name", "單位名稱", required=True, max_length=50,
                      placeholder="班級、社團或學生會"),
            FormField("position", "擔任職務", required=True, max_length=50),
            FormField("level", "幹部等級", "choice", True, choices(enums.CADRE_LEVELS)),
            FormField("start_date", "開始日期", "date"),
            FormField("end_date", "結束日期", "date"),
        ]

    def form_values(self, session: Session, obj: CadreRecord) -> dict[str, str]:
        out = super().form_values(session, obj)
        student_form_values(session, obj, out)
        return out

    def resolve(self, session: Session, raw: dict[str, Any],
                errors: list[FieldError]) -> dict[str, Any]:
        resolve_student(session, raw, errors)
        return raw

    def check(self, session: Session, values: dict[str, Any], obj: CadreRecord | None,
              errors: list[FieldError]) -> None:
        dup = next((c for c in lookup(
            session, CadreRecord, student_id=values["student_id"],
            school_year=values["school_year"], semester=values["semester"],
            unit_name=values["unit_name"], position=values["position"])
            if not c.deleted and c.id != (obj.id if obj else None)), None)
        if dup is not None:
            errors.append(FieldError("position", "擔任職務：這位學生本學期在同一單位已有相同職務的紀錄，請勿重複輸入。"))


cadres = CadreService()
