"""Class and seat per 學年度 and the year's promotion (升級作業): a student promoted twice, a
repeater (重讀), a transfer in mid-year, a 延修 student and a graduate; every past term shows
the class of its own year in the tab, the 預檢, the package and the letter; undo until the
new year's first record."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.roc import Term
from lxp_desktop.services import membership, notices, precheck, promotion
from lxp_desktop.services import school as sch
from lxp_desktop.services import submission as sub
from lxp_desktop.services.base import ListQuery
from lxp_desktop.services.courses import courses, enrolments
from lxp_desktop.services.students import students
from lxp_desktop.store.models import AuditEntry, SchoolClass, Student
from tests.makers import course_code

GRADUATION = date(2025, 7, 31)


def _student(s, a, no, nid, name, klass, seat, status="在學", status_date=None):
    return students.create(s, a, {
        "student_no": no, "national_id": nid, "name": name, "gender": "1",
        "birth_date": "097/05/12", "class_code": klass, "seat_no": str(seat),
        "status": status, "status_date": status_date or "", "postal_code": "40756",
        "address": "臺中市西屯區福星路123號"})


@pytest.fixture
def years(workspace, school):
    """The small school (113: 101 and 301) plus 201 and a second 301 student; terms 113–115."""
    with workspace.write("測試") as (s, a):
        for y in (114, 115):
            for sem in (1, 2):
                sch.ensure_term(s, a, Term(y, sem))
        sch.ensure_class(s, a, 113, "201", "二年一班", 2)
        _student(s, a, "112003", "A100000010", "周中和", "201", 3)
        _student(s, a, "111006", "A100000029", "吳畢業", "301", 6)
    return school


def _promote(ws, year, **kw):
    with ws.write("升級") as (s, a):
        plan = promotion.preview(s, year, kw.pop("graduation", GRADUATION), **kw)
        return promotion.promote(s, a, plan), plan


def _class_of(ws, no, year):
    with ws.read() as s:
        st = s.scalars(select(Student).where(Student.student_no == no)).one()
        found = membership.classes_in(s, [st.id], year).get(st.id)
        return (found[0].code, found[1]) if found else None


def test_promotion_moves_each_kind_of_student_and_keeps_every_year(workspace, years):
    result, plan = _promote(workspace, 113, actions={"113002": "重讀", "111005": "延修"})
    assert result.counts == {"升級": 2, "重讀": 1, "延修": 1, "畢業": 1}
    assert {m.student_no: (m.action, m.to_class, m.to_seat) for m in plan.moves} == {
        "113001": ("升級", "201", 1), "113002": ("重讀", "101", 2),
        "112003": ("升級", "301", 3), "111005": ("延修", "301", 5),
        "111006": ("畢業", None, None)}
    assert _class_of(workspace, "113001", 114) == ("201", 1)
    assert _class_of(workspace, "113002", 114) == ("101", 2)
    assert _class_of(workspace, "111005", 114) == ("301", 5)
    assert _class_of(workspace, "111006", 114) is None
    with workspace.read() as s:
        grad = s.scalars(select(Student).where(Student.student_no == "111006")).one()
        assert (grad.status, grad.status_date) == ("畢業", GRADUATION)
        ext = s.scalars(select(Student).where(Student.student_no == "111005")).one()
        assert ext.status == "延修"
        made = {(k.code, k.name) for k in s.scalars(select(SchoolClass).where(
            SchoolClass.school_year == 114))}
        assert made == {("101", "一年一班"), ("201", "二年一班"), ("301", "三年一班")}
        # one audit entry per student, and the run's own
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "promote")).all()
        assert len(entries) == 5
    # a transfer in during 114: the form puts them in 114's 201
    with workspace.write("轉入") as (s, a):
        _student(s, a, "114009", "A100000038", "林轉入", "201", 9, "轉入", "114/03/01")
    assert _class_of(workspace, "114009", 114) == ("201", 9)
    # the second promotion: 113001 is now in 301 of 115; the 延修 student stays in 301
    with pytest.raises(ValidationFailed, match="已完成升級"):
        _promote(workspace, 113)
    result, _ = _promote(workspace, 114, graduation=date(2026, 7, 31))
    assert _class_of(workspace, "113001", 113) == ("101", 1)
    assert _class_of(workspace, "113001", 114) == ("201", 1)
    assert _class_of(workspace, "113001", 115) == ("301", 1)
    assert _class_of(workspace, "114009", 115) == ("301", 9)
    assert _class_of(workspace, "113002", 115) == ("201", 2)
    with workspace.read() as s:
        st = s.scalars(select(Student).where(Student.student_no == "113001")).one()
        assert membership.history(s, st.id) == [(113, "101", 1), (114, "201", 1),
                                                (115, "301", 1)]


def test_every_past_term_shows_that_years_class(workspace, years, tmp_path: Path):
    with workspace.write("114 課程") as (s, a):
        c = courses.create(s, a, {"code": course_code("03"), "name": "數學", "credits": "4",
                                  "grade": "2", "school_year": "114", "semester": "1",
                                  "teacher": "t.lin"})
    _promote(workspace, 113, actions={"113002": "重讀"})
    with workspace.write("114 修課") as (s, a):
        enrolments.create(s, a, {"student_no": "113001", "school_year": "114", "semester": "1",
                                 "course_code": c.code, "score": "70",
                                 "credit_counted": "是", "kind": "原修"})
    with workspace.read() as s:
        # the tab: 113-1 shows 101 seat 1, 114-1 shows 201 seat 1
        cols = [c.key for c in enrolments.columns()]
        ci, si = 1 + cols.index("class_code"), 1 + cols.index("seat_no")

        def shown(query):
            return {(r[ci], r[si]) for r in enrolments.page(s, query, 0, 20)}

        assert shown(ListQuery(search="113001")) == {("101", 1), ("201", 1)}
        assert shown(ListQuery(school_year=113, semester=1, search="113001")) == {("101", 1)}
        assert shown(ListQuery(school_year=114, semester=1, search="113001")) == {("201", 1)}
        # the 預檢 names the class of its year
        f113 = precheck.run_check(s, Term(113, 1))
        assert not any("201班1號 113001" in f.message for f in f113)
    # the package of 113-1 lists 101, the one of 114-1 lists 201 (the repeater 101 both years)
    for term, expected in ((Term(113, 1), {"113001": ("101", "1"), "113002": ("101", "2")}),
                           (Term(114, 1), {"113001": ("201", "1"), "113002": ("101", "2")})):
        with workspace.write("匯出") as (s, a):
            result = sub.export_submission(s, a, term, "基本資料", tmp_path / str(term))
        wb = load_workbook(next(result.folder.glob("*學生資料名冊.xlsx")))
        ws = wb["學生資料"]
        header = [c.value for c in ws[1]]
        by_id = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
        ids = {"113001": "A123456789", "113002": "B223456782"}
        for no, (klass, seat) in expected.items():
            row = by_id[ids[no]]
            assert (row[header.index("班別")], row[header.index("座號")]) == (klass, seat), term
    # the letter of the graduate, about 113-2: 原班級 三年一班 (the class of that year)
    with workspace.read() as s:
        grad = s.scalars(select(Student).where(Student.student_no == "111006")).one()
        [row] = [c for c in notices.candidate_rows(s, Term(113, 2), [grad])]
        assert row.class_name == "三年一班"


def test_undo_until_the_new_years_first_record(workspace, years):
    _promote(workspace, 113)
    with workspace.write("復原") as (s, a):
        assert promotion.undo(s, a, 114) == 5
    assert _class_of(workspace, "113001", 114) is None
    with workspace.read() as s:
        grad = s.scalars(select(Student).where(Student.student_no == "111006")).one()
        assert grad.status == "在學"
        assert not s.scalars(select(SchoolClass).where(SchoolClass.school_year == 114,
                                                       SchoolClass.deleted.is_(False))).all()
    # promote again, then write the new year's first record: undo is refused
    _promote(workspace, 113)
    assert _class_of(workspace, "113001", 114) == ("201", 1)
    with workspace.write("114") as (s, a):
        c = courses.create(s, a, {"code": course_code("04"), "name": "物理", "credits": "2",
                                  "grade": "2", "school_year": "114", "semester": "1",
                                  "teacher": "t.lin"})
        enrolments.create(s, a, {"student_no": "113001", "school_year": "114", "semester": "1",
                                 "course_code": c.code, "credit_counted": "是", "kind": "原修"})
    with workspace.write("復原") as (s, a), pytest.raises(ValidationFailed, match="不能再復原"):
        promotion.undo(s, a, 114)


def test_the_command_line_previews_then_promotes_then_undoes(workspace, years, data_dir,
                                                              capsys, monkeypatch):
    from lxp_desktop.cli import main
    from tests.makers import ADMIN_PASSWORD, ADMIN_USER

    monkeypatch.setenv("LXP_USER", ADMIN_USER)
    monkeypatch.setenv("LXP_PASSWORD", ADMIN_PASSWORD)
    base = ["promote", "--data-dir", str(data_dir)]
    assert main([*base, "--from", "113", "--graduation-date", "114/07/31",
                 "--student", "113002=重讀"]) == 0
    out = capsys.readouterr().out
    assert "升級 2 人、畢業 2 人、重讀 1 人" in out
    assert "113002 李小華：重讀 → 101 班 2 號" in out and "僅預覽" in out
    assert _class_of(workspace, "113001", 114) is None  # a preview writes nothing
    assert main([*base, "--from", "113", "--graduation-date", "114/13/31"]) == 2
    assert main([*base, "--from", "113", "--graduation-date", "114/07/31",
                 "--student", "999999=重讀"]) == 1
    assert "999999" in capsys.readouterr().err
    assert main([*base, "--from", "113", "--graduation-date", "114/07/31",
                 "--student", "113002=重讀", "--yes"]) == 0
    assert "升級作業完成：113 → 114 學年度" in capsys.readouterr().out
    assert _class_of(workspace, "113001", 114) == ("201", 1)
    assert main([*base, "--undo", "114"]) == 0
    assert "5 位學生" in capsys.readouterr().out
    assert _class_of(workspace, "113001", 114) is None
