"""A new row the shared database refuses never costs a PC its data (issue #16 item 1).

Two PCs make the same class code or 學號 offline: the second PC's row and everything made
with it stay on that PC, held back (whatever the batch size), until a person merges, renames
or discards it in the 衝突 view. The same new rows with the same values (two PCs importing
one course list) become one row each without a person.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from lxp_desktop.services import conflicts as conflict_service
from lxp_desktop.services import school as sch
from lxp_desktop.services.courses import courses, enrolments
from lxp_desktop.services.portfolio import performances
from lxp_desktop.services.students import find_student, students
from lxp_desktop.store.models import Course, Enrolment, Performance, SchoolClass, Student
from tests.integration.stations import Station, assert_converged, school_on_two_pcs, server_dump
from tests.makers import course_code

pytestmark = pytest.mark.postgres


@pytest.fixture
def pair(tmp_path: Path, server_url: str):  # type: ignore[no-untyped-def]
    a, b = school_on_two_pcs(tmp_path, server_url)
    yield a, b
    a.close()
    b.close()


def count(st: Station, model) -> int:  # type: ignore[no-untyped-def]
    with st.ws.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def new_student(st: Station, no: str, name: str, nid: str, klass: str = "101") -> None:
    with st.write() as (s, actor):
        students.create(s, actor, {"student_no": no, "name": name, "gender": "1",
                                   "national_id": nid, "birth_date": "097/01/02",
                                   "class_code": klass, "seat_no": "30", "status": "在學"})


def performances_for(st: Station, student_no: str, n: int) -> None:
    with st.write() as (s, a):
        for i in range(n):
            performances.create(s, a, {"student_no": student_no, "school_year": "113",
                                       "kind": "服務學習紀錄", "title": f"淨灘{i}",
                                       "summary": "淨灘", "in_school": "否"})


def class_199_on_b_with_students(b: Station) -> None:
    """B makes class 199 offline, moves the three students into it, adds a new student in it
    and records for all of them (more changes than one small batch)."""
    with b.write() as (s, a):
        sch.ensure_class(s, a, 113, "199", "資優班（B）", 1)
        for no in ("113001", "113002", "111005"):
            students.update(s, a, find_student(s, no).id, {"class_code": "199"})
    new_student(b, "113060", "周新生", "A800000014", klass="199")
    for no in ("113001", "113002", "111005", "113060"):
        performances_for(b, no, 3)


def only_conflict(st: Station):  # type: ignore[no-untyped-def]
    with st.ws.read() as s:
        [view] = conflict_service.list_open(s)
    return view


@pytest.mark.parametrize("batch_size", [500, 4])
def test_a_refused_class_keeps_its_students_and_records_on_the_pc(
        pair, server_url: str, batch_size: int) -> None:
    a, b = pair
    with a.write() as (s, actor):
        sch.ensure_class(s, actor, 113, "199", "資優班（A）", 1)
    class_199_on_b_with_students(b)
    before = {m: count(b, m) for m in (SchoolClass, Student, Performance)}
    a.sync()
    report = b.sync(batch_size=batch_size)
    assert report.rejected == 1 and report.held > 0
    # nothing of B's was deleted, on any batch size
    assert {m: count(b, m) for m in (SchoolClass, Student, Performance)} == before
    with b.ws.read() as s:
        assert find_student(s, "113060").name == "周新生"
        assert s.get(SchoolClass, find_student(s, "113001").class_id).name == "資優班（B）"
    assert b.pending() > 0  # the held changes wait in the outbox
    view = only_conflict(b)
    assert view.kind == "duplicate" and view.choices == (
        conflict_service.MERGE, conflict_service.RENAME, conflict_service.DISCARD)
    assert "199" in view.server and view.local == "199、113"
    # the server has none of the held changes: its students are still in their classes
    server = server_dump(server_url)
    assert sum(1 for r in server["school_class"] if "199" in r) == 1
    a.sync()
    assert a.conflicts() and not any("周新生" in str(r) for r in server_dump(server_url)["student"])


def test_rename_sends_the_class_and_everything_held_behind_it(pair, server_url: str) -> None:
    a, b = pair
    with a.write() as (s, actor):
        sch.ensure_class(s, actor, 113, "199", "資優班（A）", 1)
    class_199_on_b_with_students(b)
    a.sync()
    b.sync(batch_size=4)
    conflict_service.resolve(b.ws, only_conflict(b).id, conflict_service.RENAME, "198")
    report = b.sync(batch_size=4)
    assert report.held == 0
    a.sync()
    data = assert_converged(server_url, a, b)
    assert b.conflicts() == [] and a.conflicts() == []
    with a.ws.read() as s:
        moved = find_student(s, "113001")
        assert s.get(SchoolClass, moved.class_id).code == "198"
        assert find_student(s, "113060").name == "周新生"
        assert int(s.scalar(select(func.count()).select_from(Performance))) == 12
    assert len(data["school_class"]) == 4


def test_merge_moves_the_students_into_the_servers_class(pair, server_url: str) -> None:
    a, b = pair
    with a.write() as (s, actor):
        sch.ensure_class(s, actor, 113, "199", "資優班（A）", 1)
    class_199_on_b_with_students(b)
    a.sync()
    b.sync()
    conflict_service.resolve(b.ws, only_conflict(b).id, conflict_service.MERGE)
    b.sync()
    a.sync()
    assert_converged(server_url, a, b)
    with b.ws.read() as s:
        klass = s.get(SchoolClass, find_student(s, "113060").class_id)
        assert (klass.code, klass.name) == ("199", "資優班（A）")  # the server's row
        assert s.get(SchoolClass, find_student(s, "113002").class_id).id == klass.id
    assert count(b, SchoolClass) == 3 and count(b, Performance) == 12


def test_discard_undoes_only_what_depended_on_the_refused_row(pair, server_url: str) -> None:
    a, b = pair
    with a.write() as (s, actor):
        sch.ensure_class(s, actor, 113, "199", "資優班（A）", 1)
    class_199_on_b_with_students(b)
    with b.write() as (s, actor):  # an edit that has nothing to do with class 199
        students.update(s, actor, find_student(s, "113002").id, {"phone": "04-12345678"})
    a.sync()
    b.sync(batch_size=3)
    conflict_service.resolve(b.ws, only_conflict(b).id, conflict_service.DISCARD)
    b.sync()
    a.sync()
    assert_converged(server_url, a, b)
    with b.ws.read() as s:
        assert find_student(s, "113060") is None  # made in the discarded class
        st = find_student(s, "113002")
        assert s.get(SchoolClass, st.class_id).code == "101" and st.phone == "04-12345678"
        # the performances of the students the server has were not in class 199: they stay
        assert int(s.scalar(select(func.count()).select_from(Performance))) == 9


def test_the_same_student_number_added_offline_twice_waits_for_a_person(
        pair, server_url: str) -> None:
    a, b = pair
    new_student(a, "113050", "陳一", "A800000014")
    new_student(b, "113050", "陳二", "A823456783")
    performances_for(b, "113050", 2)
    a.sync()
    report = b.sync()
    a.sync()
    assert report.rejected == 1
    with b.ws.read() as s:
        assert find_student(s, "113050").name == "陳二"  # kept here, not replaced
    view = only_conflict(b)
    assert view.kind == "duplicate" and "學號相同（113050）" in view.detail
    assert "113050" in view.server and view.rename_value == "113050"
    assert sum(1 for r in server_dump(server_url)["student"] if "113050" in r) == 1
    conflict_service.resolve(b.ws, view.id, conflict_service.RENAME, "113051")
    b.sync()
    a.sync()
    assert_converged(server_url, a, b)
    with a.ws.read() as s:
        assert find_student(s, "113050").name == "陳一"
        assert find_student(s, "113051").name == "陳二"
        assert len(s.scalars(select(Performance).where(
            Performance.student_id == find_student(s, "113051").id)).all()) == 2


def test_a_rename_to_a_number_used_here_is_refused_with_the_field(pair) -> None:
    from lxp_desktop.domain.errors import ValidationFailed

    a, b = pair
    new_student(a, "113050", "陳一", "A800000014")
    new_student(b, "113050", "陳二", "A823456783")
    a.sync()
    b.sync()
    with pytest.raises(ValidationFailed, match="學號"):
        conflict_service.resolve(b.ws, only_conflict(b).id, conflict_service.RENAME, "113001")
    assert only_conflict(b).kind == "duplicate"  # still open, nothing changed


def import_term(st: Station) -> None:
    """The same course list and new students, as two PCs importing one file would."""
    with st.write() as (s, a):
        for subject, name in (("05", "數學"), ("06", "物理")):
            courses.create(s, a, {"code": course_code(subject), "name": name, "credits": "2",
                                  "grade": "1", "school_year": "113", "semester": "1",
                                  "teacher": "t.lin"})
    new_student(st, "113070", "林同學", "A800000014")
    with st.write() as (s, a):
        for subject in ("05", "06"):
            enrolments.create(s, a, {"student_no": "113070", "school_year": "113",
                                     "semester": "1", "course_code": course_code(subject),
                                     "score": "75", "credit_counted": "是", "kind": "原修"})


@pytest.mark.parametrize("batch_size", [500, 2])
def test_two_pcs_importing_the_same_rows_converge_to_one_each(
        pair, server_url: str, batch_size: int) -> None:
    a, b = pair
    import_term(a)
    import_term(b)
    a.sync()
    report = b.sync(batch_size=batch_size)
    a.sync()
    assert report.rejected == 0 and report.merged >= 3
    data = assert_converged(server_url, a, b)
    assert a.conflicts() == [] and b.conflicts() == []
    assert len(data["course"]) == 4 and len(data["enrolment"]) == 3
    assert sum(1 for r in data["student"] if "113070" in r) == 1
    with b.ws.read() as s:
        assert int(s.scalar(select(func.count()).select_from(Course))) == 4
        assert int(s.scalar(select(func.count()).select_from(Enrolment))) == 3
