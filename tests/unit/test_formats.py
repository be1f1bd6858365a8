"""Layouts as versioned data: a package made with each format version matches its layout cell
by cell (read from the layout file itself), a receipt of each version reconciles, a school's
newer layout file changes a package without code, and a wrong file is refused at start with
its line and key."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.roc import Term
from lxp_desktop.io.rosters import MANIFEST
from lxp_desktop.services import formats, promotion, receipts
from lxp_desktop.services import school as sch
from lxp_desktop.services import submission as sub
from lxp_desktop.services.courses import courses, enrolments
from lxp_desktop.services.school import classes
from lxp_desktop.services.students import find_class
from tests import receipt_maker as rm
from tests.makers import course_code

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "formats" / "format_1.json"


def version_2() -> dict:
    """A newer layout as a school would drop it in: from 114, other file names, a column
    renamed and one dropped, columns reordered, attachments by 學號."""
    doc = json.loads(SHIPPED.read_text("utf-8"))
    doc["format_version"], doc["applies_from"] = "2", 114
    doc["file_name"] = "{學校代碼}_{學年度}_{學期}_{名冊別}.xlsx"
    doc["attachments"] = "附件/{學號}/{工作表}_{列}_{序}_{檔名}"
    students = doc["rosters"][0]["sheets"][0]
    cols = {c["name"]: c for c in students["columns"]}
    cols["班別"]["name"] = "班級代碼"
    students["columns"] = [cols["座號"], *[c for n, c in cols.items() if n != "座號"]]
    grades = doc["rosters"][2]["sheets"][0]
    grades["columns"] = [c for c in grades["columns"] if c["name"] != "質性文字描述"]
    for c in grades["columns"]:
        if c["name"] == "學期學業成績":
            c["name"] = "學業成績"
    return doc


@pytest.fixture
def two_years(workspace, school, data_dir):
    """113 (format 1) and 114 (format 2, dropped into the data folder), 113001 in 101 then
    201, with a grade in each year."""
    folder = data_dir / formats.SCHOOL_FOLDER
    folder.mkdir()
    (folder / "format_2.json").write_text(json.dumps(version_2(), ensure_ascii=False, indent=1),
                                          "utf-8")
    assert [f.version for f in formats.reload()] == ["1", "2"]
    with workspace.write("測試") as (s, a):
        for sem in (1, 2):
            sch.ensure_term(s, a, Term(114, sem))
        k = find_class(s, "101", 113)
        classes.update(s, a, k.id, {"group_code": "11", "program_code": "101"})
        s.flush()
    with workspace.write("升級") as (s, a):
        promotion.promote(s, a, promotion.preview(s, 113, date(2025, 7, 31)))
    with workspace.write("114") as (s, a):
        c = courses.create(s, a, {"code": course_code("05"), "name": "數學", "credits": "4",
                                  "grade": "2", "school_year": "114", "semester": "1",
                                  "teacher": "t.lin"})
        for no, score in (("113001", "77"), ("113002", "58")):
            enrolments.create(s, a, {"student_no": no, "school_year": "114", "semester": "1",
                                     "course_code": c.code, "score": score,
                                     "credit_counted": "是", "kind": "原修"})
    yield
    formats.reload()


# the values a clerk entered, by source (docs/formats.md), per student and 學年度
def expected(year: int) -> dict[str, dict[str, str]]:
    klass = {113: {"class.code": "101", "class.name": "一年一班", "class.grade": "1",
                   "class.group_code": "11", "class.program_code": "101"},
             114: {"class.code": "201", "class.name": "二年一班", "class.grade": "2",
                   "class.group_code": "11", "class.program_code": "101"}}[year]
    common = {"student.birth_date": "0970512", "student.gender": "1", "student.status": "在學",
              "student.status_date": "", "student.special_status": "",
              "student.admission_method": "", "class.division_code": "", **klass}
    return {"A123456789": {**common, "student.national_id": "A123456789",
                           "membership.seat_no": "1", "student.gender": "1"},
            "B223456782": {**common, "student.national_id": "B223456782",
                           "membership.seat_no": "2", "student.gender": "2"}}


def test_each_version_writes_its_layout_cell_by_cell(workspace, two_years, tmp_path):
    for term, layout, name in (
            (Term(113, 1), json.loads(SHIPPED.read_text("utf-8")), "113_1_學生資料名冊.xlsx"),
            (Term(114, 1), version_2(), "063401_114_1_21.xlsx")):
        with workspace.write("匯出") as (s, a):
            result = sub.export_submission(s, a, term, "基本資料", tmp_path / term.code)
        manifest = json.loads((result.folder / MANIFEST).read_text("utf-8"))
        assert manifest["格式版本"] == layout["format_version"]
        wb = load_workbook(result.folder / name, read_only=True)
        cover = list(wb[layout["cover"]["sheet"]].iter_rows(values_only=True))
        assert list(cover[0]) == layout["cover"]["columns"]
        assert list(cover[1]) == ["063401", str(term.school_year), "1", "21"]
        sheet = layout["rosters"][0]["sheets"][0]
        cols = layout["key_columns"] + sheet["columns"]
        rows = list(wb[sheet["name"]].iter_rows(values_only=True))
        assert list(rows[0]) == [c["name"] for c in cols]
        want = expected(term.school_year)
        got = {r[0]: r for r in rows[1:]}
        for nid in ("A123456789", "B223456782"):
            for i, c in enumerate(cols):
                assert (got[nid][i] or "") == want[nid][c["source"]], (term, nid, c["name"])
        wb.close()


def test_a_receipt_of_each_version_reconciles(workspace, two_years, tmp_path):
    fmts = {f.version: f for f in formats.active()}
    for term, version in ((Term(113, 1), "1"), (Term(114, 1), "2")):
        with workspace.write("匯出") as (s, a):
            result = sub.export_submission(s, a, term, "修課紀錄", tmp_path / term.code)
        roster = fmts[version].by_kind["修課紀錄"]
        doc = rm.from_package(result.folder, "修課紀錄", roster)
        if version == "2":
            person = doc["修課紀錄"][0]
            assert "學業成績" in person["學期成績"][0]
            assert "質性文字描述" not in person["學期成績"][0]
        path = rm.write_zip(tmp_path / f"{term.code}.zip",
                            {rm.receipt_name(term.school_year, 1, "修課紀錄"): doc})
        with workspace.write("收訖") as (s, a):
            receipts.import_receipt(s, a, path, term)
        with workspace.read() as s:
            assert receipts.differences(s, term) == [], term
            assert len(receipts.differences(s, term, include_matches=True)) >= 1


def _drop(data_dir: Path, doc: dict | str) -> Path:
    folder = data_dir / formats.SCHOOL_FOLDER
    folder.mkdir(exist_ok=True)
    path = folder / "format_9.json"
    path.write_text(doc if isinstance(doc, str) else
                    json.dumps(doc, ensure_ascii=False, indent=2), "utf-8")
    return path


def test_a_wrong_layout_file_is_refused_at_start(workspace, data_dir, capsys, monkeypatch):
    doc = version_2()
    doc["rosters"][2]["sheets"][0]["columns"][1]["sorce"] = "course.name"
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    _drop(data_dir, text)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if '"sorce"' in t)
    problem = formats.check_at_start()
    assert problem is not None
    assert "format_9.json" in problem and f"第 {line} 行" in problem
    assert "不認得的欄位「sorce」" in problem
    with pytest.raises(ValidationFailed, match="format_9.json"):
        formats.format_for(114)
    # a missing column: the sheet's identifying column is not among its columns
    doc = version_2()
    doc["rosters"][1]["sheets"][0]["columns"] = [
        c for c in doc["rosters"][1]["sheets"][0]["columns"] if c["name"] != "擔任職務"]
    _drop(data_dir, doc)
    problem = formats.check_at_start()
    assert problem is not None and "缺少欄位「擔任職務」" in problem
    assert "幹部經歷紀錄" in problem
    # an unknown source, named with its column
    doc = version_2()
    doc["rosters"][0]["sheets"][0]["columns"][0]["source"] = "student.shoe_size"
    _drop(data_dir, doc)
    problem = formats.check_at_start()
    assert problem is not None and "來源「student.shoe_size」不認得" in problem
    # not JSON at all: the line and column of the error
    _drop(data_dir, '{\n  "format_version": "9",\n  oops\n}')
    problem = formats.check_at_start()
    assert problem is not None and "第 3 行" in problem
    # the command line says it before anything else
    from lxp_desktop.cli import main
    from tests.makers import ADMIN_PASSWORD, ADMIN_USER

    monkeypatch.setenv("LXP_USER", ADMIN_USER)
    monkeypatch.setenv("LXP_PASSWORD", ADMIN_PASSWORD)
    main(["info", "--data-dir", str(data_dir)])
    assert "format_9.json" in capsys.readouterr().err
    (data_dir / formats.SCHOOL_FOLDER / "format_9.json").unlink()
    assert formats.check_at_start() is None


def test_the_shipped_layout_is_valid_and_in_force() -> None:
    [shipped] = [f for f in formats.active() if f.version == "1"]
    assert shipped.applies_from == 108
    names = [r.name for r in shipped.rosters]
    assert names == ["學生資料名冊", "校內幹部經歷名冊", "學生成績名冊", "學生課程學習成果名冊",
                     "學生自填多元表現名冊"]


def test_the_docs_list_every_column_of_the_shipped_layout() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "formats.md").read_text("utf-8")
    doc = json.loads(SHIPPED.read_text("utf-8"))
    for r in doc["rosters"]:
        assert f"### {r['name']}（名冊別 {r['code']}" in docs
        for s in r["sheets"]:
            assert f"工作表「{s['name']}」" in docs
            for c in s["columns"]:
                assert f"| {c['name']} | `{c['source']}` |" in docs, (s["name"], c["name"])
