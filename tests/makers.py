"""Small data makers for tests: a school with a few real-looking records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxp_desktop.domain.course_code import make_course_code
from lxp_desktop.domain.roc import Term
from lxp_desktop.services import school as sch
from lxp_desktop.services.courses import courses, enrolments
from lxp_desktop.services.students import students

SCHOOL_CODE = "063401"
ADMIN_USER, ADMIN_PASSWORD = "admin", "admin-test-pw"


def open_as_admin(data_dir: Any = None, source: str | None = None) -> Any:
    """A workspace signed in as the administrator; a fresh store is set up first."""
    from lxp_desktop.services.workspace import Workspace

    ws = Workspace.open(data_dir, source)
    if ws.needs_setup():
        ws.set_up(ADMIN_USER, "系統管理者", ADMIN_PASSWORD)
    else:
        ws.sign_in(ADMIN_USER, ADMIN_PASSWORD)
    return ws


@dataclass
class SmallSchool:
    teacher: Any
    consultant: Any
    students: dict[str, Any]
    courses: dict[str, Any]


def course_code(subject: str = "01", category: str = "1", domain: str = "01") -> str:
    return make_course_code(113, SCHOOL_CODE, category=category, domain=domain,
                            subject=subject)


def make_small_school(ws: Any) -> SmallSchool:
    with ws.write("測試資料") as (s, a):
        sch.save_school(s, a, {"code": SCHOOL_CODE, "name": "臺中市私立示範高級中學",
                               "postal_code": "407", "address": "臺中市西屯區福星路100號"})
        for sem in (1, 2):
            sch.ensure_term(s, a, Term(113, sem))
        sch.ensure_class(s, a, 113, "101", "一年一班", 1)
        sch.ensure_class(s, a, 113, "301", "三年一班", 3)
        teacher = sch.add_staff(s, a, "t.lin", "林老師", ["teacher"])
        consultant = sch.add_staff(s, a, "c.chen", "陳諮詢", ["consultant"])
        made = {}
        for no, nid, name, gender, klass, seat in (
            ("113001", "A123456789", "王小明", "1", "101", "1"),
            ("113002", "B223456782", "李小華", "2", "101", "2"),
            ("111005", "F131232476", "張大同", "1", "301", "5"),
        ):
            made[no] = students.create(s, a, {
                "student_no": no, "national_id": nid, "name": name, "gender": gender,
                "birth_date": "097/05/12", "class_code": klass, "seat_no": seat,
                "status": "在學", "postal_code": "40756",
                "address": "臺中市西屯區福星路123號"})
        cs = {}
        for subject, name in (("01", "國語文"), ("02", "英語文")):
            code = course_code(subject)
            cs[name] = courses.create(s, a, {
                "code": code, "name": name, "credits": "4", "grade": "1",
                "school_year": "113", "semester": "1", "teacher": "t.lin"})
        enrolments.create(s, a, {"student_no": "113001", "school_year": "113",
                                 "semester": "1", "course_code": cs["國語文"].code,
                                 "score": "88", "credit_counted": "是", "kind": "原修"})
    return SmallSchool(teacher, consultant, made, cs)
