"""The scope below the role: a teacher's own students, rows and IDs, at every door.

A 任課教師 may write 課程學習成果 — but only of the courses they teach, or as the recorded
proxy (代理人) of the course's teacher; they list and export only their own students (of the
學年度 looked at), IDs masked, and cannot search by an ID; the command line gives them what
the window does.
"""

from __future__ import annotations

from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from lxp_desktop.cli import main
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import accounts, attachments, certification, duties, exports
from lxp_desktop.services import school as sch
from lxp_desktop.services.base import ListQuery
from lxp_desktop.services.courses import courses, enrolments
from lxp_desktop.services.portfolio import consultations, outcomes
from lxp_desktop.services.school import actor_for
from lxp_desktop.services.students import students
from lxp_desktop.store.models import AuditEntry, Outcome
from tests.files import pdf_bytes
from tests.makers import course_code

PASSWORD = "password-123"


@pytest.fixture
def two_teachers(workspace, school) -> dict[str, Any]:
    """林老師 (t.lin) teaches 國語文 to 113001; 王老師 (t.wang) teaches 數學 to 113002, whose
    outcome in it is certified and carries a file."""
    with workspace.write("測試") as (s, a):
        accounts.set_password(s, a, school.teacher.id, PASSWORD)
        wang = sch.add_staff(s, a, "t.wang", "王老師", ["teacher"])
        accounts.set_password(s, a, wang.id, PASSWORD)
        math = courses.create(s, a, {"code": course_code("03"), "name": "數學",
                                     "credits": "4", "grade": "1", "school_year": "113",
                                     "semester": "1", "teacher": "t.wang"})
        enrolments.create(s, a, {"student_no": "113002", "school_year": "113",
                                 "semester": "1", "course_code": math.code,
                                 "credit_counted": "是", "kind": "原修"})
        theirs = outcomes.create(s, a, {"student_no": "113002", "school_year": "113",
                                        "semester": "1", "course_code": math.code,
                                        "title": "數學筆記", "summary": "整理"})
        attachments.attach(s, a, "outcome", theirs.id, pdf_bytes(), "筆記.pdf")
    ws_id = workspace.store.workstation_id
    lin, wang_actor = actor_for(school.teacher, ws_id), actor_for(wang, ws_id)
    with workspace.write("測試") as (s, _a):
        certification.certify(s, wang_actor, [theirs.id])
    return {"lin": lin, "wang": wang_actor, "outcome": theirs.id, "wang_id": wang.id}


def _status(ws: Any, outcome_id: Any) -> tuple[str, bool]:
    with ws.read() as s:
        o = s.get(Outcome, outcome_id)
        return o.status, o.selected


def _audit(ws: Any) -> int:
    """The audit log's last sequence number."""
    with ws.read() as s:
        return int(s.scalar(select(func.max(AuditEntry.seq))) or 0)


def test_a_teacher_cannot_select_attach_or_edit_another_teachers_outcome(workspace, two_teachers):
    lin, oid = two_teachers["lin"], two_teachers["outcome"]
    before = _audit(workspace)
    for act in (
        lambda s: certification.set_selected(s, lin, "outcome", [oid], True),
        lambda s: attachments.attach(s, lin, "outcome", oid, pdf_bytes("x"), "另一份.pdf"),
        lambda s: outcomes.update(s, lin, oid, {"title": "改標題"}),
        lambda s: outcomes.delete(s, lin, oid),
    ):
        with pytest.raises(ValidationFailed, match="沒有處理這筆課程學習成果的權限") as exc:
            with workspace.write() as (s, _a):
                act(s)
        assert "其他教師的課程" in str(exc.value)
    # 王老師's certification stands: nothing was written
    assert _status(workspace, oid) == ("已認證", False)
    assert _audit(workspace) == before


def test_a_recorded_proxy_may_attach_and_the_reset_is_said_and_recorded(workspace, two_teachers):
    lin, oid = two_teachers["lin"], two_teachers["outcome"]
    with workspace.write() as (s, a):
        duties.seed_default_duties(s, a)
        duties.save_duty(s, a, "課程認證", "t.wang", ["t.lin"])
    with workspace.write() as (s, _a):
        note = attachments.reopens_certification(s, "outcome", oid)
        attachments.attach(s, lin, "outcome", oid, pdf_bytes("second"), "補充.pdf")
    # said before the change: whose certification it resets
    assert note is not None and "王老師" in note and "已認證" in note and "待認證" in note
    assert _status(workspace, oid) == ("待認證", False)
    with workspace.read() as s:
        last = s.scalars(select(AuditEntry).where(AuditEntry.row_id == str(oid))
                         .order_by(AuditEntry.seq.desc())).first()
    # the reset is in the log as done by 林老師 for 王老師
    assert last.action == "resubmit"
    assert last.acting_for == str(two_teachers["wang_id"])


def test_the_own_course_works_and_a_consultant_keeps_to_their_own_records(workspace, school,
                                                                             two_teachers):
    lin = two_teachers["lin"]
    with workspace.write() as (s, _a):
        mine = outcomes.create(s, lin, {"student_no": "113001", "school_year": "113",
                                        "semester": "1",
                                        "course_code": school.courses["國語文"].code,
                                        "title": "讀書心得", "summary": "心得"})
        attachments.attach(s, lin, "outcome", mine.id, pdf_bytes(), "心得.pdf")
    # an outcome of a student in another teacher's course, made by 林老師: refused
    with pytest.raises(ValidationFailed, match="權限"):
        with workspace.write() as (s, _a):
            outcomes.create(s, lin, {"student_no": "113002", "school_year": "113",
                                     "semester": "1", "course_code": course_code("03"),
                                     "title": "偷寫", "summary": "不是我的課"})
    with workspace.write() as (s, a):
        other = sch.add_staff(s, a, "c.wu", "吳諮詢", ["consultant"])
        rec = consultations.create(s, a, {"student_no": "113001", "date": "1131015",
                                          "time": "10:00", "place": "輔導室",
                                          "consultant": "c.wu", "content": "選修",
                                          "opinion": "再談"})
    chen = actor_for(school.consultant, workspace.store.workstation_id)
    with pytest.raises(ValidationFailed, match="只能修改自己的諮詢紀錄"):
        with workspace.write() as (s, _a):
            consultations.update(s, chen, rec.id, {"content": "改寫"})
    assert other.name == "吳諮詢"


def test_a_teachers_list_and_export_are_their_own_students_of_the_year(workspace, school,
                                                                       two_teachers, tmp_path):
    lin = two_teachers["lin"]
    nos = [c.key for c in students.columns()].index("student_no") + 1
    with workspace.read() as s:
        def listed(**q: Any) -> list[str]:
            return [r[nos] for r in students.page(s, ListQuery(viewer=lin, **q), 0, 50)]

        assert listed() == ["113001"]
        assert listed(school_year=113) == ["113001"]
        assert listed(school_year=114) == []  # no course of theirs that year
        # no ID search at all for a role that sees IDs masked: not a prefix, not the whole
        assert listed(search="A1") == [] and listed(search="A123456789") == []
        assert listed(search="B2") == []
        assert listed(search="1130") == ["113001"]  # 學號 still works, within their own
    # the export stream is the list: the same rows, the IDs masked
    out = exports.export_view(workspace, "students", ListQuery(viewer=lin, search="A12"),
                              tmp_path / "probe.xlsx")
    assert out.rows == 0
    out = exports.export_view(workspace, "students", ListQuery(viewer=lin), tmp_path / "mine.xlsx")
    rows = list(openpyxl.load_workbook(out.path).active.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1]) for r in rows] == [("113001", "A12****789")]


def test_a_teacher_on_the_command_line_gets_what_the_window_gives(workspace, two_teachers,
                                                                   tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LXP_USER", "t.lin")
    monkeypatch.setenv("LXP_PASSWORD", PASSWORD)
    before = _audit(workspace)
    # 預檢 runs over every student of the school: refused, in Chinese, naming who does it
    assert main(["check", "--term", "113-1"]) == 1
    out, err = capsys.readouterr()
    assert "林老師 沒有執行預檢的權限" in err and "註冊組" in err and out == ""
    # export --search is no oracle of ID prefixes …
    for probe in ("A", "A1", "A12", "B", "F1", "A123456789"):
        assert main(["export", "roster", str(tmp_path / "p.xlsx"), "--search", probe]) == 0
        assert "已匯出 0 筆" in capsys.readouterr().out, probe
    # … and without a search it is the teacher's own students, IDs masked
    assert main(["export", "roster", str(tmp_path / "r.xlsx"), "--term", "113-1"]) == 0
    assert "已匯出 1 筆" in capsys.readouterr().out
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx").active
    assert [c.value for c in sheet[2]][:2] == ["113001", "A12****789"]
    # other doors of the office's work are refused the same way
    for argv in (["account", "list"], ["notices", "--term", "113-1", "--out",
                                        str(tmp_path / "n.pdf")],
                 ["submission", "list", "--term", "113-1"], ["audit", "verify"],
                 ["select", "outcome", str(two_teachers["outcome"])]):
        assert main(argv) == 1, argv
        assert "權限" in capsys.readouterr().err, argv
    with workspace.read() as s:
        actions = set(s.scalars(select(AuditEntry.action).where(AuditEntry.seq > before)))
    assert actions == {"signin"}  # the sign-ins, nothing written
    assert not (tmp_path / "n.pdf").exists()


def test_a_teacher_reveals_a_full_id_only_of_their_own_students(workspace, school, two_teachers):
    from lxp_desktop.services.privacy import reveal_national_id

    lin = two_teachers["lin"]
    with workspace.write() as (s, _a):
        assert reveal_national_id(s, lin, school.students["113001"].id) == "A123456789"
    with pytest.raises(ValidationFailed, match="找不到這位學生"):
        with workspace.write() as (s, _a):
            reveal_national_id(s, lin, school.students["113002"].id)


def test_a_teacher_cannot_send_back_another_teachers_returned_outcome(workspace, two_teachers):
    lin, wang, oid = two_teachers["lin"], two_teachers["wang"], two_teachers["outcome"]
    with workspace.write() as (s, a):
        # 王老師 returns it (reset first: it was certified)
        outcomes.apply(s, a, s.get(Outcome, oid), {"status": "待認證"}, action="resubmit")
        certification.return_outcomes(s, wang, [oid], "檔案無法開啟")
    with pytest.raises(ValidationFailed, match="權限"):
        with workspace.write() as (s, _a):
            certification.resubmit(s, lin, [oid])
    assert _status(workspace, oid) == ("退回", False)
    with workspace.write() as (s, _a):
        certification.resubmit(s, wang, [oid])
    assert _status(workspace, oid) == ("待認證", False)
