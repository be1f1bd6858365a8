"""The whole term cycle on a small school with seeded faults: check → fix → clean → export
(manifest verified) → receipt with a missing and a changed item → reconciliation shows exactly
those → period of 2 days refused, 3 accepted → confirmations, an objection handled with a
resubmission → the period ends and the rest are deemed confirmed."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, update

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.roc import Term
from lxp_desktop.io import rosters as rs
from lxp_desktop.services import attachments, certification, confirmation, precheck, receipts
from lxp_desktop.services import submission as sub
from lxp_desktop.services.base import ListQuery
from lxp_desktop.services.cadres import cadres
from lxp_desktop.services.courses import enrolments
from lxp_desktop.services.portfolio import outcomes
from lxp_desktop.services.school import actor_for
from lxp_desktop.services.students import students
from lxp_desktop.store.blobs import default_store
from lxp_desktop.store.models import AuditEntry, Outcome, Student
from lxp_desktop.store.submission_models import Confirmation, Receipt, Submission
from tests import receipt_maker as rm
from tests.files import pdf_bytes

T = Term(113, 1)


def codes(findings):
    return sorted({f.code for f in findings})


@pytest.fixture
def faulty(workspace, school):
    """The small school with one fault of each kind seeded (as legacy or imported data)."""
    with workspace.write("測試") as (s, a):
        enrolments.create(s, a, {"student_no": "113002", "school_year": "113", "semester": "1",
                                 "course_code": school.courses["國語文"].code,
                                 "credit_counted": "是", "kind": "原修"})  # no grade
        enrolments.create(s, a, {"student_no": "111005", "school_year": "113", "semester": "1",
                                 "course_code": school.courses["英語文"].code, "score": "70",
                                 "credit_counted": "是", "kind": "原修"})
        cadre = cadres.create(s, a, {"student_no": "113001", "school_year": "113",
                                     "semester": "1", "unit_name": "一年一班",
                                     "position": "班長", "level": "2",
                                     "start_date": "113/07/01", "end_date": "113/12/31"})
        [e1] = [e for e in enrolments.page(s, ListQuery(search="113001"), 0, 9)]
        out = outcomes.create(s, a, {"student_no": "113001", "school_year": "113",
                                     "semester": "1", "course_code": school.courses["國語文"].code,
                                     "title": "閱讀心得", "summary": "讀完紅樓夢前五回的心得"})
        att = attachments.attach(s, a, "outcome", out.id, pdf_bytes("essay"), "心得.pdf")
        # legacy data the forms would refuse: a wrong check digit, a selected uncertified item
        s.execute(update(Student).where(Student.student_no == "113002")
                  .values(national_id="B223456780"))
        s.execute(update(Outcome).where(Outcome.id == out.id).values(selected=True))
        students.update(s, a, school.students["111005"].id,
                        {"status": "休學", "status_date": "113/10/01", "postal_code": "",
                         "address": ""})
    sha = att.sha256
    path = default_store().path_for(sha)
    original = path.read_bytes()
    path.chmod(0o644)
    path.write_bytes(original + b"tampered")
    return {"cadre": cadre, "outcome": out, "sha": sha, "original": original, "e1": e1}


def test_whole_cycle(workspace, school, faulty, tmp_path: Path):
    ws = workspace
    # --- the check finds every seeded fault, pointing at the record --------------------------
    with ws.read() as s:
        found = precheck.run_check(s, T)
    assert codes(found) == ["C01", "E01", "F02", "O01", "S01", "S03"]
    by = {f.code: f for f in found}
    assert by["S01"].row_id == str(school.students["113002"].id)
    assert by["C01"].row_id == str(faulty["cadre"].id) and by["C01"].table == "cadre_record"
    assert by["O01"].row_id == str(faulty["outcome"].id)
    assert by["S03"].severity == "warning"
    assert "113002 李小華" in by["E01"].message and "學期學業成績" in by["E01"].message
    with ws.write("測試") as (s, a), pytest.raises(ValidationFailed, match="預檢還有"):
        sub.export_submission(s, a, T, "修課紀錄", tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())

    # --- fix through the same services as the forms ---------------------------------------------
    teacher = actor_for(school.teacher, ws.store.workstation_id)
    with ws.write("測試") as (s, a):
        students.update(s, a, school.students["113002"].id, {"national_id": "B223456782"})
        [e2] = [e for e in enrolments.page(s, ListQuery(search="113002"), 0, 9)]
        enrolments.update(s, a, e2[0], {"score": "65"})
        cadres.update(s, a, faulty["cadre"].id, {"start_date": "113/08/01"})
        certification.certify(s, teacher, [faulty["outcome"].id])
    default_store().put_bytes(faulty["original"])  # restored from the backup
    with ws.write("測試") as (s, a):
        certification.set_selected(s, a, "outcome", [faulty["outcome"].id])
    with ws.read() as s:
        found = precheck.run_check(s, T)
    assert codes(found) == ["S03"] and not any(f.blocking for f in found)

    # --- export: the package is what the manifest says ------------------------------------------
    out = tmp_path / "out"
    with ws.write("測試") as (s, a):
        basic = sub.export_submission(s, a, T, "基本資料", out)
        grades = sub.export_submission(s, a, T, "修課紀錄", out)
        works = sub.export_submission(s, a, T, "課程學習成果", out)
        with pytest.raises(ValidationFailed, match="只留存校內"):
            sub.export_submission(s, a, T, "課程諮詢紀錄", out)
    for result in (basic, grades, works):
        assert rs.verify_package(result.folder) == []
    assert basic.counts == {"學生資料名冊": {"學生資料": 3},
                            "校內幹部經歷名冊": {"幹部經歷紀錄": 1}}
    assert grades.counts == {"學生成績名冊": {"學期成績": 3}} and grades.items == 3
    assert works.files == 1
    manifest = json.loads((works.folder / rs.MANIFEST).read_text("utf-8"))
    [att] = manifest["附件"]
    assert att["sha256"] == faulty["sha"] and (works.folder / att["檔案"]).is_file()
    # no national ID in any file or folder name of a package (the manifest says whose it is)
    assert att["身分證號"] == "A123456789"
    for result in (basic, grades, works):
        assert not [p for p in result.folder.rglob("*") if "A123456789" in p.as_posix()]
    wb = load_workbook(grades.folder / "113_1_學生成績名冊.xlsx", read_only=True)
    assert [list(r) for r in wb["封面"].iter_rows(values_only=True)] == [
        ["學校代碼", "學年度", "學期", "名冊別"], ["063401", "113", "1", "22"]]
    rows = list(wb["學期成績"].iter_rows(values_only=True))
    assert rows[0][:4] == ("身分證號", "出生日期", "課程代碼", "科目名稱")
    assert ("A123456789", "0970512") == rows[1][:2]
    wb.close()
    assert (works.folder / "113_0_學生課程學習成果名冊.xlsx").is_file()

    # --- receipt with one missing and one changed item -----------------------------------------
    doc = rm.from_package(grades.folder, "修課紀錄")
    rm.drop_row(doc, "修課紀錄", "B223456782", "學期成績")
    rm.change_value(doc, "修課紀錄", "A123456789", "學期成績", "學期學業成績", "78")
    works_doc = rm.from_package(works.folder, "課程學習成果")
    works_doc["課程學習成果"][0]["學期課程學習成果"][0]["檔案數"] = 1
    zip_path = rm.write_zip(tmp_path / "receipt.zip", {
        rm.receipt_name(113, 1, "修課紀錄"): doc,
        rm.receipt_name(113, 0, "課程學習成果"): works_doc}, password="s3cret")
    with ws.write("測試") as (s, a):
        result = receipts.import_receipt(s, a, zip_path, T, "s3cret")
    assert result.counts == {"相符": 2, "不同": 1, "多出": 0, "缺漏": 1}
    with ws.read() as s:
        diffs = receipts.differences(s, T)
    assert sorted((d.outcome, d.student_no) for d in diffs) == [("不同", "113001"),
                                                                ("缺漏", "113002")]
    changed = next(d for d in diffs if d.outcome == "不同")
    assert "學期學業成績：送出「88」，收到「78」" in changed.detail
    assert changed.record_table == "enrolment"
    with ws.read() as s:
        n = receipts.export_differences(s, T, tmp_path / "diff.xlsx")
    assert n == 2
    assert len(list(load_workbook(tmp_path / "diff.xlsx").active.iter_rows())) == 3

    # --- the period: 2 days refused, 3 accepted --------------------------------------------------
    with ws.write("測試") as (s, a), pytest.raises(ValidationFailed, match="至少須公告 3 天"):
        confirmation.announce(s, a, T, date(2025, 3, 3), date(2025, 3, 4))
    with ws.write("測試") as (s, a):
        confirmation.announce(s, a, T, date(2025, 3, 3), date(2025, 3, 5))
    with ws.read() as s:
        assert confirmation.counts(s, T).pending == 2  # 113001 and 111005 were received
        # 113002's only item went missing: the student is not in the receipt (yet)

    # --- answers: a confirmation, an objection answered with a resubmission -------------------
    with ws.write("測試") as (s, a):
        confirmation.confirm(s, a, T, "113001", date(2025, 3, 3))
        confirmation.raise_objection(s, a, T, "111005", "英語文成績應為 75", date(2025, 3, 4))
    with ws.read() as s:
        c = confirmation.counts(s, T, today=date(2025, 3, 9))
        assert (c.confirmed, c.objections_open, c.objections_overdue) == (1, 1, 1)
        assert [x.student_no for x in confirmation.overdue_objections(s, T, date(2025, 3, 9))] \
            == ["111005"]
    with ws.write("測試") as (s, a):
        [e3] = [e for e in enrolments.page(s, ListQuery(search="111005"), 0, 9)]
        enrolments.update(s, a, e3[0], {"score": "75"})
        again = sub.export_submission(s, a, T, "修課紀錄", out, reason="111005 疑義更正")
        confirmation.resolve_objection(s, a, T, "111005", "查明成績登錄錯誤，已更正並重新提交",
                                       again.submission_id, date(2025, 3, 5))
    assert again.corrects_id == grades.submission_id and again.number == 2
    with ws.read() as s:
        c = confirmation.counts(s, T, today=date(2025, 3, 5))
        assert (c.objections_open, c.objections_closed) == (0, 1)
        row = s.scalars(select(Confirmation).where(
            Confirmation.resubmission_id == again.submission_id)).one()
        assert row.handled_by is not None and row.resolved_on == date(2025, 3, 5)
        ledger = sub.ledger(s, T)
        assert [(e.category, e.number, e.corrects_number) for e in ledger
                if e.category == "修課紀錄"] == [("修課紀錄", 2, 1), ("修課紀錄", 1, None)]

    # --- a late receipt adds 113002; the period ends, the silent are deemed confirmed -----------
    doc2 = rm.from_package(again.folder, "修課紀錄")
    with ws.write("測試") as (s, a):
        receipts.import_receipt(s, a, rm.write_zip(tmp_path / "r2.zip", {
            rm.receipt_name(113, 1, "修課紀錄"): doc2}), T)
        assert receipts.reconciliation_counts(s, T)["不同"] == 0
        assert confirmation.counts(s, T).pending == 1
    with ws.write("測試") as (s, a):
        assert confirmation.apply_due(s, a, today=date(2025, 3, 5)) == 0  # last day still counts
        assert confirmation.apply_due(s, a, today=date(2025, 3, 6)) == 1
        assert confirmation.apply_due(s, a, today=date(2025, 3, 7)) == 0  # once only
    with ws.read() as s:
        c = confirmation.counts(s, T)
        assert (c.pending, c.confirmed, c.objections_closed, c.deemed) == (0, 1, 1, 1)
        [deemed] = confirmation.states(s, T, ("視為確認",))
        assert deemed.student_no == "113002" and deemed.state_date == date(2025, 3, 5)
        with pytest.raises(ValidationFailed, match="已於 114/03/05 結束"):
            confirmation.confirm(s, ws.actor, T, "113002", date(2025, 3, 6))

        # --- for the paper notices: the departed student and what was received -------------
        [gone] = confirmation.departed_students(s, T)
        assert (gone.student_no, gone.status, gone.state) == ("111005", "休學", "提出疑義")
        items = confirmation.received_items(s, gone.student_id, T)
        assert [(i.category, i.school_year, i.semester, i.title) for i in items] == [
            ("修課紀錄", 113, 1, "英語文")]
        mine = confirmation.received_items(s, school.students["113001"].id, T)
        assert ("課程學習成果", 113, 1, "國語文", 1) in [
            (i.category, i.school_year, i.semester, i.title, i.file_count) for i in mine]
    with ws.read() as s:
        paths = confirmation.class_lists(s, T, tmp_path / "lists")
    assert sorted(p.name for p in paths) == ["113_1_收訖確認名單_101.xlsx",
                                             "113_1_收訖確認名單_301.xlsx"]
    cells = [r for r in load_workbook(paths[0]).active.iter_rows(values_only=True)]
    assert ("1", "113001", "王小明") == tuple(str(v) for v in cells[3][:3])
    assert cells[3][4] == "已確認"


def _snapshot(ws):
    with ws.read() as s:
        return (s.scalar(select(func.count()).select_from(Receipt)),
                s.scalar(select(func.count()).select_from(AuditEntry)))


@pytest.fixture
def exported(workspace, school, tmp_path):
    with workspace.write("測試") as (s, a):
        students.update(s, a, school.students["111005"].id, {"status": "在學"})
        return sub.export_submission(s, a, T, "修課紀錄", tmp_path / "out")


@pytest.mark.parametrize("fault, message", [
    ("columns", "缺少欄位「學期學業成績」"),
    ("extra_column", "不認得的欄位「備註」"),
    ("unknown_student", "本校學籍找不到的學生：Z12****998"),
    ("wrong_term", "是112學年度第1學期的收訖明細"),
    ("birth", "的出生日期「0960101」與學籍"),
    ("sha", "SHA-256 與 SHA.txt 不符"),
    ("password", "密碼不對"),
    ("no_password", "有密碼保護"),
    ("not_zip", "不是 ZIP 檔"),
    ("sheet", "不認得的工作表「補考成績」"),
])
def test_a_malformed_receipt_is_refused_and_changes_nothing(workspace, exported, tmp_path,
                                                           fault, message):
    doc = rm.from_package(exported.folder, "修課紀錄")
    people = doc["修課紀錄"]
    name = rm.receipt_name(113, 1, "修課紀錄")
    password, given = None, None
    sha = None
    if fault == "columns":
        del people[0]["學期成績"][0]["學期學業成績"]
    elif fault == "extra_column":
        people[0]["學期成績"][0]["備註"] = "x"
    elif fault == "unknown_student":
        people.append({"身分證號": "Z123456998", "出生日期": "0970512", "學期成績": []})
    elif fault == "wrong_term":
        doc["名冊資訊"]["學年度"] = 112
    elif fault == "birth":
        people[0]["出生日期"] = "0960101"
    elif fault == "sha":
        sha = {name: "0" * 64}
    elif fault == "password":
        password, given = "right", "wrong"
    elif fault == "no_password":
        password = "right"
    elif fault == "sheet":
        people[0]["補考成績"] = []
    before = _snapshot(workspace)
    path = tmp_path / "bad.zip"
    if fault == "not_zip":
        path.write_bytes(b"PK-not-really")
    else:
        rm.write_zip(path, {name: doc}, password, sha_override=sha)
    with workspace.write("測試") as (s, a), pytest.raises(ValidationFailed) as err:
        receipts.import_receipt(s, a, path, T, given)
    assert message in str(err.value)
    assert _snapshot(workspace) == before


def test_receipt_without_bom_and_twice(workspace, exported, tmp_path):
    doc = rm.from_package(exported.folder, "修課紀錄")
    path = rm.write_zip(tmp_path / "r.zip", {rm.receipt_name(113, 1, "修課紀錄"): doc}, bom=False)
    with workspace.write("測試") as (s, a):
        result = receipts.import_receipt(s, a, path, T)
    assert result.counts == {"相符": 1, "不同": 0, "多出": 0, "缺漏": 0}
    with workspace.write("測試") as (s, a), pytest.raises(ValidationFailed, match="已經匯入過"):
        receipts.import_receipt(s, a, path, T)


def test_no_receipt_no_period_and_reversed_dates(workspace, school):
    with workspace.write("測試") as (s, a):
        with pytest.raises(ValidationFailed, match="還沒有匯入收訖明細"):
            confirmation.announce(s, a, T, date(2025, 3, 3), date(2025, 3, 10))
        with pytest.raises(ValidationFailed, match="早於開始日"):
            confirmation.announce(s, a, T, date(2025, 3, 10), date(2025, 3, 3))
    with workspace.read() as s:
        assert s.scalar(select(func.count()).select_from(Submission)) == 0
        assert confirmation.departed_students(s, T) == []
