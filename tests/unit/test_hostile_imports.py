"""Issue #15: workbooks and CSV files from outside cannot hurt — formulas, hidden content,
invisible characters, mixed encodings, identity — and every .xlsx we write is formula-free."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from sqlalchemy import func, select

from lxp_desktop.cli import main
from lxp_desktop.domain.text import looks_like_formula, neutralize_formula, strip_text
from lxp_desktop.io.tabular import FileProblem, open_table
from lxp_desktop.services.imports import run_import
from lxp_desktop.store.models import AuditEntry, Student
from tests.makers import open_as_admin
from tests.xlsx_makers import ROSTER, roster_row, write_book

NEW_ID = "A100000001"  # valid check digit, nobody's


def _state(data_dir: Path) -> tuple[int, list[tuple[str, str, str]]]:
    """Students and the audit entries other than sign-ins (the chain intact): what an
    import that is refused must leave as it was."""
    from lxp_desktop.services import audit

    ws = open_as_admin(data_dir)
    try:
        with ws.read() as s:
            n = s.scalar(select(func.count()).select_from(Student))
            entries = [(e.table_name, e.row_id, e.action) for e in s.scalars(
                select(AuditEntry).where(AuditEntry.action != "signin")
                .order_by(AuditEntry.seq))]
            assert audit.verify(s) is None
    finally:
        ws.close()
    return int(n or 0), entries


def _cells(path: Path) -> list[openpyxl.cell.cell.Cell]:
    wb = openpyxl.load_workbook(path)  # not read-only: data_type says formula or not
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]


def assert_no_formula(path: Path) -> None:
    for cell in _cells(path):
        assert cell.data_type != "f", f"{path.name} {cell.coordinate}: {cell.value!r}"
        assert not looks_like_formula(cell.value), f"{path.name} {cell.coordinate}"


# --- item 1: formulas --------------------------------------------------------------------------
def test_the_owasp_rule():
    for v in (" =HYPERLINK(\"http://x\")", "\u200b=1+1", "\u3000@SUM(A1)", "\t=1", "+cmd", "-x"):
        assert looks_like_formula(v) and neutralize_formula(v) == "'" + v
    for v in ("-1", "+886", "12.5", "王小明", "a=b", None, 3, -4.5):
        assert neutralize_formula(v) == v


def test_a_formula_behind_a_space_or_invisible_character_is_refused(workspace, school,
                                                                    data_dir, tmp_path, capsys):
    workspace.close()
    before = _state(data_dir)
    path = write_book(tmp_path / "r.xlsx", ROSTER, [
        roster_row("113060", NEW_ID, ' =HYPERLINK("http://evil.example","點我")'),
        roster_row("113061", "A100000010", "林一", 監護人="\u200b+SUM(1,2)"),
        roster_row("113062", "A100000029", "林二", 聯絡電話="+886 4 2345 6789"),
    ])
    assert main(["import", "roster", str(path), "--data-dir", str(data_dir)]) == 1
    out = capsys.readouterr().out
    assert "第 2 列 C 欄（姓名）" in out and "當成公式" in out
    assert "第 3 列 L 欄（監護人）" in out
    assert "第 4 列 M 欄" not in out  # an international phone number is a phone number
    assert _state(data_dir) == before


def test_every_writer_neutralises_formulas(workspace, school, tmp_path):
    from lxp_desktop.io.mail_list import write_mail_list
    from lxp_desktop.io.rosters import CADRES, RosterRows, write_roster
    from lxp_desktop.io.tabular import write_annotated
    from lxp_desktop.printing.mail import MailListRow
    from lxp_desktop.services.base import ListQuery
    from lxp_desktop.services.cadres import cadres
    from lxp_desktop.services.exports import export_view

    evil = '=HYPERLINK("http://evil.example","x")'
    with workspace.write() as (s, a):
        cadres.create(s, a, {"student_no": "113001", "school_year": "113", "semester": "1",
                             "unit_name": " " + evil, "position": "\u200b@SUM(1)",
                             "level": "2"})
    out = tmp_path / "cadres.xlsx"
    export_view(workspace, "cadres", ListQuery(), out)
    values = [c.value for c in _cells(out)]
    assert "'" + evil in values and "'@SUM(1)" in values
    assert_no_formula(out)

    rr = RosterRows(CADRES)
    rr.add("幹部經歷紀錄", ["A123456789", "0970512", evil, "1130901", "", "-1", "2"])
    write_roster(tmp_path / "roster.xlsx", rr, "063401", 113, 1)
    cells = [c.value for c in _cells(tmp_path / "roster.xlsx")]
    assert "'" + evil in cells and "-1" in cells  # a negative number stays as it is
    assert_no_formula(tmp_path / "roster.xlsx")

    write_mail_list([MailListRow(1, evil, "407", "+886 地址", "")], tmp_path / "mail.xlsx")
    assert_no_formula(tmp_path / "mail.xlsx")

    source = write_book(tmp_path / "in.xlsx", ROSTER, [roster_row("1", evil, evil)])
    write_annotated(source, tmp_path / "marked.xlsx", {2: {0: "錯"}})
    assert_no_formula(tmp_path / "marked.xlsx")


def test_a_neutralised_export_imports_back_unchanged(workspace, school, tmp_path):
    from lxp_desktop.services.base import ListQuery
    from lxp_desktop.services.courses import enrolments
    from lxp_desktop.services.exports import export_view
    from lxp_desktop.store.models import Enrolment

    with workspace.write() as (s, a):
        row = s.scalars(select(Enrolment)).one()
        enrolments.update(s, a, row.id, {"remark": "-補交作業後及格"})
    out = tmp_path / "grades.xlsx"
    export_view(workspace, "enrolments", ListQuery(), out)
    assert "'-補交作業後及格" in [c.value for c in _cells(out)]
    report = run_import(workspace, "enrolments", out, dry_run=True)
    assert report.error_count == 0 and report.unchanged == 1 and report.changed == 0


# --- item 3: what the clerk sees ------------------------------------------------------------------
def _hidden_book(path: Path) -> Path:
    wb = openpyxl.Workbook()
    secret = wb.active
    secret.title = "舊資料"
    secret.append(ROSTER)
    secret.append(roster_row("113070", "A100000038", "隱藏工作表的人"))
    secret.sheet_state = "hidden"
    very = wb.create_sheet("更隱藏")
    very.append(ROSTER)
    very.sheet_state = "veryHidden"
    seen = wb.create_sheet("學籍資料")
    seen.append(ROSTER)
    seen.append(roster_row("113071", "A100000047", "看得見"))
    seen.append(roster_row("113072", "A100000056", "隱藏列的人"))
    seen.row_dimensions[3].hidden = True
    wb.active = 2
    wb.save(path)
    return path


def test_hidden_sheets_are_not_read_and_hidden_rows_refused(workspace, school, tmp_path):
    path = _hidden_book(tmp_path / "hidden.xlsx")
    with open_table(path) as table:
        assert table.sheet == "學籍資料"
        assert table.hidden_sheets == ["舊資料", "更隱藏"] and table.hidden_rows == [3]
    report = run_import(workspace, "roster", path, dry_run=False)
    text = report.full_text()
    assert "隱藏的工作表「舊資料、更隱藏」" in text and "只讀了看得見的工作表「學籍資料」" in text
    assert "第 3 列在 Excel 中是隱藏列" in text
    assert not report.committed and report.error_count == 1
    with workspace.read() as s:
        assert s.scalar(select(func.count()).select_from(Student)) == 3


def test_invisible_characters_are_removed_and_reported(workspace, school, tmp_path):
    name = "\u202e王\u200b小\u00ad芬\u2066"
    path = write_book(tmp_path / "r.xlsx", ROSTER, [roster_row("113080", NEW_ID, name)])
    report = run_import(workspace, "roster", path, dry_run=False)
    assert report.committed and report.new == 1
    assert "移除看不見的字元" in report.summary()
    with workspace.read() as s:
        assert s.scalars(select(Student.name).where(Student.student_no == "113080")).one() \
            == "王小芬"
    assert strip_text(name) == "王小芬"


def test_a_csv_of_two_encodings_is_refused_naming_the_line(workspace, school, tmp_path):
    header = ",".join(ROSTER).encode("cp950")
    big5 = ",".join(str(v or "") for v in roster_row("113090", NEW_ID, "陳大文")).encode("cp950")
    utf8 = ",".join(str(v or "") for v in roster_row("113091", "A100000010", "陳小文")).encode()
    path = tmp_path / "mixed.csv"
    path.write_bytes(header + b"\r\n" + big5 + b"\r\n" + utf8 + b"\r\n")
    try:
        run_import(workspace, "roster", path)
    except FileProblem as exc:
        assert "第 1 行起是 Big5，第 3 行卻是UTF-8" in str(exc)
    else:
        raise AssertionError("a mixed CSV was read")
    # a whole Big5 file is still fine
    path.write_bytes(",".join(ROSTER).encode("cp950") + b"\r\n" + big5 + b"\r\n")
    assert run_import(workspace, "roster", path).encoding == "Big5（cp950）"


def test_a_cell_longer_than_excel_allows_is_refused(workspace, school, tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(",".join(ROSTER) + "\n113001,A123456789," + "長" * 40_000 + "\n", "utf-8")
    try:
        run_import(workspace, "roster", path)
    except FileProblem as exc:
        assert "超過 32767 個字元" in str(exc)
    else:
        raise AssertionError("an over-long cell was read")


# --- item 4: identity ---------------------------------------------------------------------------
def test_a_student_number_with_another_id_is_an_error_naming_both(workspace, school, tmp_path):
    path = write_book(tmp_path / "r.xlsx", ROSTER, [
        roster_row("113001", NEW_ID, "王小明"),  # 113001 is A123456789
        roster_row("113099", "B223456782", "李小華"),  # B223456782 is 113002
        roster_row("113002", "A123456789", "李小華"),  # each belongs to another student
    ])
    report = run_import(workspace, "roster", path, dry_run=False)
    text = report.full_text()
    assert report.error_count == 3 and not report.committed
    assert "學號 113001 已是學生「王小明」（身分證統一編號 A12****789）的，本列的身分證統一編號卻是 A10****001" in text
    assert "身分證統一編號 B22****782 已是學生「李小華」（學號 113002）的，本列的學號卻是 113099" in text
    assert "學號 113002 是學生「李小華」" in text and "卻是另一位學生「王小明」（學號 113001）" in text
    assert "A123456789" not in text and "B223456782" not in text  # masked
    with workspace.read() as s:
        assert s.scalars(select(Student.national_id).where(Student.student_no == "113001")
                         ).one() == "A123456789"


def test_a_deleted_student_imported_again_is_restored_visibly(workspace, school, tmp_path):
    from lxp_desktop.services.students import students

    with workspace.write() as (s, a):
        students.delete(s, a, school.students["113002"].id)
    path = write_book(tmp_path / "r.xlsx", ROSTER, [
        roster_row("113002", "B223456782", "李小華", 性別="女", 座號=2)])
    dry = run_import(workspace, "roster", path, dry_run=True)
    assert dry.restored == 1 and "已刪除的資料，匯入後恢復" in dry.summary()
    report = run_import(workspace, "roster", path, dry_run=False)
    assert report.committed and report.restored == 1
    with workspace.read() as s:
        st = s.get(Student, school.students["113002"].id)
        assert not st.deleted
        actions = list(s.scalars(select(AuditEntry.action).where(
            AuditEntry.row_id.in_([str(st.id), st.id.hex])).order_by(AuditEntry.seq)))
    assert actions[-2:] == ["delete", "restore"]
