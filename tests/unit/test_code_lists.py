"""The roster code lists (domain/code_lists.json): codes or names in, codes stored, a clear
message naming the list and its values for anything else."""

from __future__ import annotations

from lxp_desktop.domain import code_lists
from lxp_desktop.domain.records import clean_class, clean_performance, clean_student


def _competition(**kw):
    raw = {"student_id": "8c1f0c9e-1c33-4f77-a5b6-0b9d1e7a8e10", "school_year": "113",
           "kind": "競賽參與紀錄", "title": "全國科展", "summary": "物理組佳作",
           "start_date": "113/03/01", "end_date": "113/03/02", **kw}
    return clean_performance(raw)


def test_competition_level_and_participation_are_codes() -> None:
    for given, code in (("縣市級", "2"), ("2", "2"), ("4 國際", "4"), (3, "3")):
        clean, errors = _competition(level=given, participation="團體", item="物理科")
        assert errors == [] and clean["level"] == code and clean["participation"] == "2"
        assert clean["item"] == "物理科"
    clean, errors = _competition(level="市級")
    assert [e.field for e in errors] == ["level"]
    assert "「市級」不在競賽等級代碼表中" in errors[0].message
    assert "1 校級、2 縣市級、3 全國、4 國際" in errors[0].message
    _clean, errors = _competition(level="1", participation="3")
    assert [e.field for e in errors] == ["participation"]
    assert "1 個人、2 團體" in errors[0].message


def test_other_kinds_keep_their_level_as_text() -> None:
    clean, errors = clean_performance({
        "student_id": "8c1f0c9e-1c33-4f77-a5b6-0b9d1e7a8e10", "school_year": "113",
        "kind": "檢定證照紀錄", "title": "全民英檢中級", "level": "中級", "summary": "通過"})
    assert errors == [] and clean["level"] == "中級"


def test_roster_codes_of_student_and_class() -> None:
    clean, errors = clean_student({
        "student_no": "113001", "national_id": "A123456789", "name": "王小明", "gender": "1",
        "birth_date": "097/05/12", "special_status": "A1", "admission_method": "免試 入學"})
    assert [e.field for e in errors] == ["admission_method"]
    assert clean["special_status"] == "A1"
    clean, errors = clean_class({"school_year": "113", "code": "101", "name": "一年一班",
                                 "grade": "1", "group_code": "11", "program_code": "101",
                                 "division_code": "D"})
    assert errors == [] and (clean["group_code"], clean["program_code"],
                             clean["division_code"]) == ("11", "101", "D")
    _clean, errors = clean_class({"school_year": "113", "code": "101", "name": "一年一班",
                                  "grade": "1", "group_code": "學術"})
    assert [e.field for e in errors] == ["group_code"]


def test_every_list_is_loaded_from_the_data_file() -> None:
    assert code_lists.codes("競賽等級") == {"1": "校級", "2": "縣市級", "3": "全國", "4": "國際"}
    assert "_說明" not in code_lists.lists()


def test_import_and_export_carry_the_roster_fields(workspace, school, tmp_path) -> None:
    from sqlalchemy import select

    from lxp_desktop.domain.ids import make_id
    from lxp_desktop.services.imports import KINDS, run_import
    from lxp_desktop.store.models import Performance, Student
    from tests.xlsx_makers import ROSTER, roster_row, write_book

    path = write_book(tmp_path / "roster.xlsx", ROSTER, [
        roster_row("113020", make_id("A", "1", "7654321"), "許小真", 特殊身分別="A1",
                   入學方式="3")])
    report = run_import(workspace, "roster", path, dry_run=False)
    assert report.ok and report.committed, report.full_text()
    with workspace.read() as s:
        st = s.scalars(select(Student).where(Student.student_no == "113020")).one()
        assert (st.special_status, st.admission_method) == ("A1", "3")
    perf = KINDS["performances"].headers
    rows = [{"學號": "113001", "學年度": 113, "類別": "競賽參與紀錄", "名稱": "科展",
             "等級": "縣市級", "內容簡述": "物理組佳作", "項目": "物理科", "團體參與": "團體"},
            {"學號": "113002", "學年度": 113, "類別": "競賽參與紀錄", "名稱": "演講",
             "等級": "市級", "內容簡述": "英語演講"}]
    bad = write_book(tmp_path / "perf.xlsx", perf, [[r.get(h) for h in perf] for r in rows])
    report = run_import(workspace, "performances", bad, dry_run=True)
    assert not report.ok
    text = report.full_text()
    assert "第 3 列" in text and "「市級」不在競賽等級代碼表中" in text
    good = write_book(tmp_path / "perf2.xlsx", perf, [[rows[0].get(h) for h in perf]])
    report = run_import(workspace, "performances", good, dry_run=False)
    assert report.committed, report.full_text()
    with workspace.read() as s:
        p = s.scalars(select(Performance)).one()
        assert (p.level, p.item, p.participation) == ("2", "物理科", "2")
