"""Import and export through the services, on real .xlsx/.csv files and a real store."""

from __future__ import annotations

import datetime as dt
import hashlib

import openpyxl
import pytest
from sqlalchemy import func, select

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.ids import make_id
from lxp_desktop.io.tabular import ENC_BIG5, ENC_UTF8, ENC_UTF8_BOM, FileProblem
from lxp_desktop.services import audit
from lxp_desktop.services.base import ListQuery
from lxp_desktop.services.exports import TAB_OF_KIND, export_view
from lxp_desktop.services.imports import (
    KINDS,
    propose_mapping,
    remember_mapping,
    resolve_mapping,
    run_import,
    save_annotated,
)
from lxp_desktop.store.models import (
    AuditEntry,
    CadreRecord,
    Course,
    Enrolment,
    Performance,
    Student,
)
from tests.makers import course_code
from tests.xlsx_makers import ENROL, ROSTER, enrol_row, roster_row, write_book, write_csv

NEW_ID = make_id("A", "1", "2345670")  # a valid 身分證 not in the small school


def counts(ws) -> dict[str, int]:
    with ws.read() as s:
        return {m.__name__: s.scalar(select(func.count()).select_from(m)) or 0
                for m in (Student, Course, Enrolment, CadreRecord, Performance, AuditEntry)}


# ------------------------------------------------------------------------- happy paths
def test_roster_new_rows_normalised_and_audited_with_file_hash(workspace, school, tmp_path):
    path = write_book(tmp_path / "roster.xlsx", ROSTER, [
        roster_row("１１３００９", f" {NEW_ID} ", "歐陽　小美", 性別="2",
                   出生日期="民國97年5月12日"),
        roster_row("113010", make_id("B", "2", "1111111"), "林小安",
                   出生日期=dt.datetime(2008, 5, 13)),
        roster_row("113011", make_id("C", "1", "2222222"), "陳小宇", 出生日期="0970514"),
    ])
    report = run_import(workspace, "roster", path, dry_run=False)
    assert report.ok and report.committed, report.full_text()
    assert (report.new, report.changed, report.unchanged) == (3, 0, 0)
    assert report.notes["全形轉半形"] >= 1 and report.notes["去除前後空白"] >= 1
    assert report.notes["日期寫法轉為民國日期"] == 2 and report.notes["Excel 日期轉為民國日期"] == 1
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    with workspace.read() as s:
        st = s.scalars(select(Student).where(Student.student_no == "113009")).one()
        assert st.national_id == NEW_ID and st.name == "歐陽　小美"  # names never altered
        assert st.birth_date == dt.date(2008, 5, 12) and st.gender == "2"
        entry = audit.history(s, "student", st.id)[0]
        assert entry.source == f"匯入 roster.xlsx sha256={sha}"
        assert audit.verify(s) is None
    again = run_import(workspace, "roster", path, dry_run=False)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 3)
    assert "沒有任何變更" in again.summary()


def test_enrolment_upsert_reports_changed_fields(workspace, school, tmp_path):
    code = course_code("01")
    path = write_book(tmp_path / "grades.xlsx", ENROL, [
        enrol_row("113001", code, 92),  # existing (88) → changed
        enrol_row("113002", code, 45),  # new
        enrol_row("113002", course_code("02"), -1, 成績及格="否"),
    ])
    dry = run_import(workspace, "enrolments", path)
    assert dry.ok and not dry.committed
    assert (dry.new, dry.changed, dry.unchanged) == (2, 1, 0)
    change = dry.changes[0]
    assert change.row == 2 and change.fields["學期學業成績"] == ("88", "92")
    assert "成績及格" not in change.fields  # still passed
    before = counts(workspace)
    done = run_import(workspace, "enrolments", path, dry_run=False)
    assert done.committed
    after = counts(workspace)
    assert after["Enrolment"] == before["Enrolment"] + 2
    assert after["AuditEntry"] == before["AuditEntry"] + 3
    with workspace.read() as s:
        scores = sorted(e.score if e.score is not None else -1 for e in s.scalars(select(Enrolment)))
        assert scores == [-1, 45, 92]
        assert s.scalars(select(Enrolment).where(Enrolment.score == 45)).one().passed is False


def test_enrolment_keys_typed_full_width_find_their_student_and_course(workspace, school,
                                                                     tmp_path):
    """學號 and 課程代碼 are matched as the clerk sees them: full-width digits, spaces and
    the hyphens people type into a code do not make a 'not found'."""
    code = course_code("02")
    typed = code.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    path = write_book(tmp_path / "fw.xlsx", ENROL, [
        enrol_row("１１３００２", f" {typed[:9]}-{typed[9:]} ", 77, 學年度="１１３", 學期=1.0)])
    done = run_import(workspace, "enrolments", path, dry_run=False)
    assert done.committed and done.new == 1, done.full_text()
    assert done.notes["全形轉半形"] >= 2
    with workspace.read() as s:
        e = s.scalars(select(Enrolment).where(Enrolment.score == 77)).one()
        assert s.get(Course, e.course_id).code == code
        assert s.get(Student, e.student_id).student_no == "113002"
    again = run_import(workspace, "enrolments", path)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 1), again.full_text()


def test_courses_cadres_and_performances(workspace, school, tmp_path):
    courses_file = write_book(tmp_path / "c.xlsx", KINDS["courses"].headers, [
        [course_code("03"), "數學", 4, 1, 113, 1, "林老師"]])
    r = run_import(workspace, "courses", courses_file, dry_run=False)
    assert r.committed and r.new == 1, r.full_text()
    cadres_file = write_book(tmp_path / "k.xlsx", KINDS["cadres"].headers, [
        ["113001", 113, 1, "一年一班", "班長", "班級", "113/08/30", "1140131"],
        ["113002", 113, 1, "一年一班", "副班長", 2, None, None]])
    r = run_import(workspace, "cadres", cadres_file, dry_run=False)
    assert r.committed and r.new == 2, r.full_text()
    perf_file = write_book(tmp_path / "p.xlsx", KINDS["performances"].headers, [
        ["113001", 113, "競賽參與", "全國科展", "教育部", "全國", "113/10/01", "113/10/03",
         -1, "佳作", "以水質監測參賽並獲佳作。", "https://example.org/a", "校外"],
        ["113001", 113, "服務學習", "淨灘", "本校", None, "113/11/02", "113/11/02",
         4, None, "參加本校淨灘活動。", None, None]])
    r = run_import(workspace, "performances", perf_file, dry_run=False)
    assert r.committed and r.new == 2, r.full_text()
    with workspace.read() as s:
        p = s.scalars(select(Performance).where(Performance.title == "全國科展")).one()
        assert p.kind == "競賽參與紀錄" and p.hours is None and p.in_school is False
        beach = s.scalars(select(Performance).where(Performance.title == "淨灘")).one()
        assert beach.in_school is True  # 校內 when left blank
        assert {c.level for c in s.scalars(select(CadreRecord))} == {2}
    for f, kind in ((courses_file, "courses"), (cadres_file, "cadres"), (perf_file, "performances")):
        again = run_import(workspace, kind, f)
        assert (again.new, again.changed, again.error_count) == (0, 0, 0)


@pytest.mark.parametrize("kind", ["roster", "courses", "enrolments", "cadres", "performances"])
def test_export_reimports_with_no_changes(workspace, school, tmp_path, kind):
    run_import(workspace, "cadres", write_book(tmp_path / "k.xlsx", KINDS["cadres"].headers, [
        ["113001", 113, 1, "學生會", "會長", 1, "113/08/01", None]]), dry_run=False)
    run_import(workspace, "performances", write_book(
        tmp_path / "p.xlsx", KINDS["performances"].headers, [
            ["113002", 113, "服務學習紀錄", "淨灘", "環保局", None, "113/09/01", "113/09/01",
             3.5, None, "海灘清潔服務。", None]]), dry_run=False)
    out = tmp_path / f"{kind}.xlsx"
    result = export_view(workspace, TAB_OF_KIND[kind], ListQuery(school_year=113, semester=1)
                         if kind not in ("roster",) else ListQuery(), out)
    assert result.rows >= 1 and result.reimportable
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    assert [c.value for c in ws[1]] == KINDS[kind].headers
    assert ws[1][0].font.b and ws.freeze_panes == "A2"
    if kind == "roster":
        ids = [r[1] for r in ws.iter_rows(min_row=2, values_only=True)]
        assert all(isinstance(v, str) for v in ids)
    before = counts(workspace)
    again = run_import(workspace, kind, out, dry_run=False)
    assert again.ok, again.full_text()
    assert (again.new, again.changed, again.unchanged) == (0, 0, result.rows)
    assert counts(workspace) == before


# ------------------------------------------------------------------------- encodings
@pytest.mark.parametrize(("encoding", "expected"), [
    ("utf-8", ENC_UTF8), ("utf-8-sig", ENC_UTF8_BOM), ("cp950", ENC_BIG5)])
def test_csv_encodings_detected_and_named(workspace, school, tmp_path, encoding, expected):
    path = write_csv(tmp_path / "roster.csv", ROSTER,
                     [roster_row("113020", NEW_ID, "許家瑋")], encoding)
    report = run_import(workspace, "roster", path, dry_run=False)
    assert report.encoding == expected and f"文字編碼：{expected}" in report.summary()
    assert report.committed, report.full_text()
    with workspace.read() as s:
        assert s.scalars(select(Student.name).where(Student.student_no == "113020")).one() == "許家瑋"


# ------------------------------------------------------------------------- bad input
def _bad_cases(tmp_path):
    code = course_code("01")
    yield "wrong headers", write_book(tmp_path / "a.xlsx", ["編號", "名字"], [["1", "x"]]), \
        ["缺少必要欄位「學號」"]
    yield "duplicate keys", write_book(tmp_path / "b.xlsx", ENROL, [
        enrol_row("113002", code), enrol_row("113002", code, 70)]), ["與第 2 列是同一筆資料"]
    yield "check digit", write_book(tmp_path / "c.xlsx", ROSTER, [
        roster_row("113030", "A123456780", "王小明")]), ["B 欄（身分證統一編號）", "A123456780"]
    yield "impossible date", write_book(tmp_path / "d.xlsx", ROSTER, [
        roster_row("113031", NEW_ID, "王小明", 出生日期="097/02/30")]), ["E 欄（出生日期）", "不存在"]
    yield "merged cells", write_book(tmp_path / "e.xlsx", ENROL, [
        enrol_row("113002", code), enrol_row("113001", course_code("02"))], merge="B2:B3"), \
        ["B2:B3 是合併儲存格"]
    yield "blank row", write_book(tmp_path / "f.xlsx", ENROL, [
        enrol_row("113002", code), [None] * len(ENROL), enrol_row("113001", course_code("02"))]), \
        ["第 3 列是空白列"]
    yield "formula", write_book(tmp_path / "g.xlsx", ENROL, [
        enrol_row("113002", code, "=80+5")]), ["G 欄（學期學業成績）", "是公式"]


@pytest.mark.parametrize("case", ["wrong headers", "duplicate keys", "check digit",
                                  "impossible date", "merged cells", "blank row", "formula"])
def test_bad_rows_reported_and_nothing_written(workspace, school, tmp_path, case):
    name, path, wanted = next(c for c in _bad_cases(tmp_path) if c[0] == case)
    kind = "roster" if name in ("check digit", "impossible date") else "enrolments"
    before = counts(workspace)
    report = run_import(workspace, kind, path, dry_run=False)
    text = report.full_text()
    assert report.error_count >= 1 and not report.committed
    for w in wanted:
        assert w in text
    assert "工作表「資料」第" in text and "沒有寫入任何資料" in text
    assert counts(workspace) == before


def test_files_that_cannot_be_read(workspace, school, tmp_path):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    renamed = write_csv(tmp_path / "x.csv", ROSTER, [roster_row("1", NEW_ID, "甲")])
    renamed = renamed.rename(tmp_path / "renamed.xlsx")
    corrupt = tmp_path / "corrupt.xlsx"
    good = write_book(tmp_path / "good.xlsx", ROSTER, [])
    corrupt.write_bytes(good.read_bytes()[:300])
    locked = tmp_path / "locked.xlsx"  # an encrypted workbook is an OLE2 file with this stream
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
                       + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512)
    before = counts(workspace)
    for path, words in ((empty, "0 位元組"), (renamed, "改了副檔名的 CSV"),
                        (corrupt, "已損毀"), (locked, "密碼保護")):
        with pytest.raises(FileProblem) as exc:
            run_import(workspace, "roster", path, dry_run=False)
        assert words in str(exc.value)
    assert counts(workspace) == before


def test_one_bad_row_among_thousands_blocks_everything(workspace, school, tmp_path):
    code = course_code("02")
    rows = [roster_row(f"2{i:05d}", make_id("D", "1", f"{i:07d}"), f"學生{i}") for i in range(3000)]
    rows[1776][ROSTER.index("性別")] = "X"
    path = write_book(tmp_path / "big.xlsx", ROSTER, rows)
    before = counts(workspace)
    report = run_import(workspace, "roster", path, dry_run=False)
    assert report.error_count == 1 and not report.committed
    assert report.errors[0].row == 1778 and report.errors[0].letter == "D"
    assert report.new == 2999  # the preview still counts the others
    assert counts(workspace) == before
    assert code  # the course is untouched too


def test_cancel_leaves_database_as_it_was(workspace, school, tmp_path):
    rows = [roster_row(f"3{i:05d}", make_id("E", "2", f"{i:07d}"), f"學生{i}") for i in range(1200)]
    path = write_book(tmp_path / "r.xlsx", ROSTER, rows)
    before = counts(workspace)

    def progress(done, total, text):
        if done >= 1000:
            raise RuntimeError("cancelled")

    report = run_import(workspace, "roster", path, dry_run=False, progress=progress)
    assert report.cancelled and not report.committed and "已取消" in report.summary()
    assert counts(workspace) == before


def test_annotated_copy_marks_bad_cells(workspace, school, tmp_path):
    path = write_book(tmp_path / "r.xlsx", ROSTER, [
        roster_row("113040", NEW_ID, "甲"), roster_row("113041", "A123456780", "乙")])
    report = run_import(workspace, "roster", path)
    out = tmp_path / "marked.xlsx"
    assert save_annotated(report, path, out) == 1
    ws = openpyxl.load_workbook(out).active
    bad = ws["B3"]
    assert bad.value == "A123456780" and bad.fill.fgColor.rgb.endswith("FFC7CE")
    assert "檢查碼" in bad.comment.text
    assert ws.cell(row=1, column=len(ROSTER) + 1).value == "錯誤說明"
    assert ws["B2"].comment is None


def test_mapping_proposed_remembered_and_used(workspace, school, tmp_path):
    header = ["學生學號", "學年", "學期別", "課程代碼", "成績"]
    kind = KINDS["enrolments"]
    proposed = propose_mapping(kind, header)
    assert proposed["學號"] == 0 and proposed["課程代碼"] == 3 and proposed["學期學業成績"] == 4
    mapping, missing = resolve_mapping(workspace.store, kind, header)
    assert "學年度" in missing
    chosen = {"學號": 0, "學年度": 1, "學期": 2, "課程代碼": 3, "學期學業成績": 4}
    remember_mapping(workspace.store, "enrolments", header, chosen)
    again, missing = resolve_mapping(workspace.store, kind, header)
    assert again == chosen and missing == []
    path = write_book(tmp_path / "m.xlsx", header, [["113002", 113, 1, course_code("01"), 77]])
    report = run_import(workspace, "enrolments", path, dry_run=False)
    assert report.committed and report.new == 1, report.full_text()


def test_an_export_shows_what_the_exporter_may_see(workspace, school, tmp_path):
    """The file carries what the screen shows: IDs masked for a role that sees them masked,
    nothing from a table the role may not read, only a teacher's own students."""
    from lxp_desktop.services import accounts

    with workspace.write() as (s, a):
        accounts.create_account(s, a, "acad", "教學組長", ["academic"], "password-123")
        accounts.set_password(s, a, school.teacher.id, "password-123")
    academic = accounts.sign_in(workspace.store, "acad", "password-123")
    teacher = accounts.sign_in(workspace.store, "t.lin", "password-123")
    out = tmp_path / "roster.xlsx"
    export_view(workspace, "students", ListQuery(viewer=academic), out)
    ids = [r[1] for r in openpyxl.load_workbook(out).active.iter_rows(min_row=2,
                                                                      values_only=True)]
    assert len(ids) == 3 and "A12****789" in ids and "A123456789" not in ids
    export_view(workspace, "students", ListQuery(viewer=workspace.actor), out)
    assert "A123456789" in [r[1] for r in openpyxl.load_workbook(out).active.iter_rows(
        min_row=2, values_only=True)]
    with pytest.raises(ValidationFailed, match="沒有查看「課程諮詢紀錄」的權限"):
        export_view(workspace, "consultations", ListQuery(viewer=academic), tmp_path / "c.xlsx")
    assert export_view(workspace, "students", ListQuery(viewer=teacher), out).rows == 1


def test_an_import_edits_a_row_as_the_form_does_and_restores_a_deleted_one_visibly(
        workspace, school, tmp_path):
    """An existing row is changed through the same edit as a form's save: a deleted student
    in a roster file is restored, said so in the report (「已刪除的資料，匯入後恢復」) and
    audited as a restore — never changed silently while staying invisible (README)."""
    from lxp_desktop.services.students import students

    st = school.students["113001"]
    with workspace.write() as (s, a):
        students.delete(s, a, st.id)
        current = s.get(Student, st.id)
        nid, name = current.national_id, current.name
    path = write_book(tmp_path / "roster.xlsx", ROSTER, [
        roster_row("113001", nid, name, 聯絡電話="04-22223333")])
    report = run_import(workspace, "roster", path, dry_run=False)
    assert report.committed and report.restored == 1
    assert "已刪除的資料，匯入後恢復" in report.summary()
    with workspace.read() as s:
        row = s.get(Student, st.id)
        assert row.deleted is False and row.phone == "04-22223333"
