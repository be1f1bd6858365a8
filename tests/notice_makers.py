"""Departed students with records in 113-2, for the notice tests."""

from __future__ import annotations

from typing import Any

from lxp_desktop.domain.roc import Term
from lxp_desktop.services import school as sch
from lxp_desktop.services.cadres import cadres
from lxp_desktop.services.courses import courses, enrolments
from lxp_desktop.services.students import students
from tests.makers import course_code

TERM = Term(113, 2)


def add_courses(ws: Any, count: int) -> list[str]:
    """``count`` 113-2 courses (distinct codes); returns their names."""
    names = []
    with ws.write("測試資料") as (s, a):
        for i in range(count):
            subject = f"{i % 100:02d}"
            category = "123456789"[i // 100]
            name = f"選修課程第{i + 1:03d}號"
            courses.create(s, a, {
                "code": course_code(subject, category=category), "name": name, "credits": "2",
                "grade": "3", "school_year": "113", "semester": "2", "teacher": "t.lin"})
            names.append(name)
    return names


def enrol(ws: Any, student_no: str, course_names: list[str]) -> None:
    with ws.write("測試資料") as (s, a):
        from lxp_desktop.services.courses import find_course

        for name in course_names:
            course = next(c for c in _courses_named(s, name))
            assert find_course(s, course.code, 113, 2) is not None
            enrolments.create(s, a, {"student_no": student_no, "school_year": "113",
                                     "semester": "2", "course_code": course.code,
                                     "score": "75", "credit_counted": "是", "kind": "原修"})


def _courses_named(session: Any, name: str) -> Any:
    from sqlalchemy import select

    from lxp_desktop.store.models import Course

    return session.scalars(select(Course).where(Course.name == name, Course.school_year == 113,
                                                Course.semester == 2))


def set_status(ws: Any, student_no: str, status: str, **more: str) -> None:
    with ws.write("測試資料") as (s, a):
        from lxp_desktop.services.students import find_student

        st = find_student(s, student_no)
        assert st is not None
        students.update(s, a, st.id, {"status": status, "status_date": "114/02/10", **more})


def add_student(ws: Any, student_no: str, national_id: str, name: str, status: str,
                postal_code: str = "40756", address: str = "臺中市西屯區福星路88號") -> None:
    with ws.write("測試資料") as (s, a):
        sch.ensure_term(s, a, TERM)
        students.create(s, a, {
            "student_no": student_no, "national_id": national_id, "name": name, "gender": "1",
            "birth_date": "096/03/02", "class_code": "301", "seat_no": "9", "status": status,
            "status_date": "114/02/10" if status != "在學" else "",
            "postal_code": postal_code, "address": address})


def add_cadre(ws: Any, student_no: str, unit: str, position: str) -> None:
    with ws.write("測試資料") as (s, a):
        cadres.create(s, a, {"student_no": student_no, "school_year": "113", "semester": "2",
                             "unit_name": unit, "position": position, "level": "2"})


def departed_school(ws: Any) -> dict[str, list[str]]:
    """張大同 (畢業) with 3 courses and a cadre record, 李小華 (轉出) with 2 courses; 王小明
    stays in school. Returns each departed student's expected item titles."""
    names = add_courses(ws, 3)
    enrol(ws, "111005", names)
    enrol(ws, "113002", names[:2])
    add_cadre(ws, "111005", "三年一班", "班長")
    set_status(ws, "111005", "畢業")
    set_status(ws, "113002", "轉出", postal_code="10058",
               address="臺北市中正區重慶南路一段122號3樓")
    return {"111005": list(names) + ["三年一班 班長"], "113002": list(names[:2])}
