"""Services on a temporary SQLite store: the same rules and the audit log at every door."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import audit
from lxp_desktop.services.base import ListQuery
from lxp_desktop.services.cadres import cadres
from lxp_desktop.services.courses import courses, enrolments
from lxp_desktop.services.portfolio import consultations, outcomes, performances
from lxp_desktop.services.students import students
from lxp_desktop.store.models import AuditEntry, Student
from tests.makers import course_code


def errors_of(exc: pytest.ExceptionInfo[ValidationFailed]) -> dict[str, str]:
    return exc.value.by_field()


def test_student_created_listed_and_audited(workspace, school):
    with workspace.read() as s:
        rows = students.page(s, ListQuery(), 0, 10)
        assert [r[3] for r in rows] == ["113001", "113002", "111005"]  # by class, seat
        entry = s.scalars(select(AuditEntry).where(
            AuditEntry.row_id == str(school.students["113001"].id))).one()
    assert entry.action == "create"
    assert entry.workstation == workspace.store.workstation_id
    assert entry.staff_id == workspace.actor.staff_id
    assert json.loads(entry.changes)["name"] == [None, "王小明"]


def test_search_by_number_name_class_and_id(workspace, school):
    with workspace.read() as s:
        def names(text: str) -> list[str]:
            return [r[4] for r in students.page(s, ListQuery(search=text), 0, 50)]

        assert names("11300") == ["王小明", "李小華"]
        assert names("小華") == ["李小華"]
        assert names("301") == ["張大同"]
        assert names("b2234") == ["李小華"]
        assert names("%") == []


def test_rejected_student_writes_nothing(workspace, school):
    with pytest.raises(ValidationFailed) as exc, workspace.write() as (s, a):
        students.create(s, a, {"student_no": "113001", "national_id": "A123456780",
                               "name": "", "gender": "1", "birth_date": "113/02/30"})
    found = errors_of(exc)
    assert "檢查碼" in found["national_id"]
    assert "姓名" in found["name"]
    assert "不存在" in found["birth_date"]
    with workspace.read() as s:
        assert s.query(Student).count() == 3
        assert s.query(AuditEntry).filter(AuditEntry.table_name == "student").count() == 3


def test_duplicate_student_number_and_id_refused(workspace, school):
    with pytest.raises(ValidationFailed) as exc, workspace.write() as (s, a):
        students.create(s, a, {"student_no": "113001", "national_id": "A123456789",
                               "name": "王小明", "gender": "1", "birth_date": "2008-05-12"})
    found = errors_of(exc)
    assert "已是 王小明 的學號" in found["student_no"]
    assert "113001" in found["national_id"]


def test_edit_records_old_and_new_values_and_bumps_version(workspace, school):
    sid = school.students["113002"].id
    with workspace.write() as (s, a):
        obj = students.update(s, a, sid, {"address": "臺中市西屯區福星路7號"}, 1)
        assert obj.version == 2
    with workspace.read() as s:
        last = audit.history(s, "student", sid)[-1]
    assert last.action == "update"
    assert json.loads(last.changes) == {
        "address": ["臺中市西屯區福星路123號", "臺中市西屯區福星路7號"]}


def test_stale_edit_is_refused(workspace, school):
    sid = school.students["113002"].id
    with workspace.write() as (s, a):
        students.update(s, a, sid, {"phone": "04-23456789"}, 1)
    with pytest.raises(ValidationFailed, match="已被其他人修改"), workspace.write() as (s, a):
        students.update(s, a, sid, {"phone": "04-11111111"}, 1)


def test_soft_delete_hides_but_keeps_the_row(workspace, school):
    sid = school.students["111005"].id
    with workspace.write() as (s, a):
        students.delete(s, a, sid)
    with workspace.read() as s:
        assert students.count(s, ListQuery()) == 2
        assert students.count(s, ListQuery(include_deleted=True)) == 3
        assert s.get(Student, sid).deleted is True
        assert audit.history(s, "student", sid)[-1].action == "delete"
    with workspace.write() as (s, a):
        students.restore(s, a, sid)
    with workspace.read() as s:
        assert students.count(s, ListQuery()) == 3


def test_address_must_match_postal_code(workspace, school):
    with pytest.raises(ValidationFailed) as exc, workspace.write() as (s, a):
        students.update(s, a, school.students["113001"].id,
                        {"postal_code": "100", "address": "臺中市西屯區福星路1號"})
    assert "郵遞區號" in errors_of(exc)["address"]


def test_enrolment_needs_a_course_of_that_term(workspace, school):
    with pytest.raises(ValidationFailed) as exc, workspace.write() as (s, a):
        enrolments.create(s, a, {"student_no": "113002", "school_year": "113",
                                 "semester": "2", "course_code": school.courses["國語文"].code,
                                 "credit_counted": "是", "kind": "原修"})
    assert "113學年度第2學期沒有開設" in errors_of(exc)["course_code"]


def test_enrolment_credits_from_course_and_pass_from_score(workspace, school):
    with workspace.write() as (s, a):
        e = enrolments.create(s, a, {"student_no": "113002", "school_year": "113",
                                     "semester": "1",
                                     "course_code": school.courses["英語文"].code,
                                     "score": "59.5", "credit_counted": "是",
                                     "kind": "原修"})
        assert (e.credits, e.passed) == (4, False)
    with pytest.raises(ValidationFailed, match="已有這門課"), workspace.write() as (s, a):
        enrolments.create(s, a, {"student_no": "113002", "school_year": "113",
                                 "semester": "1", "course_code": school.courses["英語文"].code,
                                 "credit_counted": "是", "kind": "原修"})


def test_course_code_must_be_the_schools(workspace, school):
    other = course_code("03").replace("063401", "999999")
    with pytest.raises(ValidationFailed) as exc, workspace.write() as (s, a):
        courses.create(s, a, {"code": other, "name": "數學", "credits": "4", "grade": "1",
                              "school_year": "113", "semester": "1"})
    assert "課程代碼" in errors_of(exc)["code"]


def test_outcome_only_for_a_course_taken_that_term(workspace, school):
    base = {"student_no": "113002", "school_year": "113", "semester": "1",
            "course_code": school.courses["國語文"].code, "title": "讀書報告",
            "summary": "閱讀《老人與海》後的心得報告"}
    with pytest.raises(ValidationFailed) as exc, workspace.write() as (s, a):
        outcomes.create(s, a, base)
    assert "沒有修習" in errors_of(exc)["course_code"]
    with workspace.write() as (s, a):
        o = outcomes.create(s, a, {**base, "student_no": "113001"})
        assert (o.school_year, o.semester, o.status) == (113, 1, "待認證")


def test_outcome_cap_per_term(workspace, school):
    base = {"student_no": "113001", "school_year": "113", "semester": "1",
            "course_code": school.courses["國語文"].code, "summary": "作品簡述"}
    with workspace.write() as (s, a):
        for i in range(6):
            outcomes.create(s, a, {**base, "title": f"作品{i}"})
    with pytest.raises(ValidationFailed, match="已達上限 6 件"), workspace.write() as (s, a):
        outcomes.create(s, a, {**base, "title": "第七件"})


def test_summary_limit_counts_characters(workspace, school):
    base = {"student_no": "113001", "school_year": "113", "kind": "競賽參與紀錄",
            "title": "全國科展", "in_school": "否"}
    with workspace.write() as (s, a):
        performances.create(s, a, {**base, "summary": "字" * 100})
    with pytest.raises(ValidationFailed) as exc, workspace.write() as (s, a):
        performances.create(s, a, {**base, "summary": "字" * 101})
    assert "101" in errors_of(exc)["summary"]


def test_performance_cap_and_link(workspace, school):
    base = {"student_no": "113001", "school_year": "113", "kind": "服務學習紀錄",
            "summary": "淨灘", "in_school": "否"}
    with pytest.raises(ValidationFailed) as exc, workspace.write() as (s, a):
        performances.create(s, a, {**base, "title": "淨灘", "external_link": "ftp://x"})
    assert "外部連結" in errors_of(exc)["external_link"]
    with workspace.write() as (s, a):
        for i in range(10):
            performances.create(s, a, {**base, "title": f"服務{i}"})
    with pytest.raises(ValidationFailed, match="已達上限 10 項"), workspace.write() as (s, a):
        performances.create(s, a, {**base, "title": "服務10"})


def test_cadre_and_consultation(workspace, school):
    with workspace.write() as (s, a):
        cadres.create(s, a, {"student_no": "113001", "school_year": "113", "semester": "1",
                             "unit_name": "一年一班", "position": "班長", "level": "2",
                             "start_date": "113/08/30", "end_date": "114/01/20"})
        c = consultations.create(s, a, {"student_no": "113001", "date": "1131015",
                                        "time": "14:30", "place": "輔導室",
                                        "consultant": "c.chen", "content": "選修規劃",
                                        "opinion": "依興趣選修"})
        assert (c.school_year, c.semester) == (113, 1)
    with pytest.raises(ValidationFailed) as exc, workspace.write() as (s, a):
        cadres.create(s, a, {"student_no": "999999", "school_year": "113", "semester": "1",
                             "unit_name": "一年一班", "position": "班長", "level": "7",
                             "start_date": "114/01/20", "end_date": "113/08/30"})
    found = errors_of(exc)
    assert "999999" in found["student_no"]
    assert "幹部等級" in found["level"]
    assert "早於" in found["end_date"]


def test_permissions_checked_in_the_service(workspace, school):
    from dataclasses import replace

    teacher = replace(workspace.actor, roles=frozenset({"teacher"}), name="林老師")
    with pytest.raises(ValidationFailed, match="沒有修改「學生基本資料」的權限"), \
            workspace.write() as (s, _a):
        students.update(s, teacher, school.students["113001"].id, {"phone": "0912345678"})


def test_audit_chain_verifies_and_detects_tampering(workspace, school):
    with workspace.read() as s:
        assert audit.verify(s) is None
    with workspace.write() as (s, _a):
        entry = s.scalars(select(AuditEntry).where(
            AuditEntry.row_id == str(school.students["113001"].id))).one()
        assert "王小明" in entry.changes
        entry.changes = entry.changes.replace("王小明", "王大明")
        seq = entry.seq
    with workspace.read() as s:
        assert audit.verify(s) == seq


def test_all_terms_list_the_newest_term_first(workspace, school):
    """全部學期: the newest term's rows first, each term in class-list order."""
    with workspace.write() as (s, a):
        spring = courses.create(s, a, {"code": course_code("03"), "name": "數學",
                                       "credits": "4", "grade": "1", "school_year": "113",
                                       "semester": "2"})
        for no in ("111005", "113002"):
            enrolments.create(s, a, {"student_no": no, "school_year": "113", "semester": "2",
                                     "course_code": spring.code, "score": "70"})
    with workspace.read() as s:
        rows = enrolments.page(s, ListQuery(), 0, 10)
        whole_year = enrolments.page(s, ListQuery(school_year=113), 0, 10)
    keys = [c.key for c in enrolments.columns()]
    listed = [(r[1 + keys.index("student_no")], r[1 + keys.index("course_name")]) for r in rows]
    assert listed == [("113002", "數學"), ("111005", "數學"), ("113001", "國語文")]
    assert [r[0] for r in whole_year] == [r[0] for r in rows]


def test_unsorted_lists_follow_the_class_list(workspace, school):
    """Class, seat number, then the record's own key — whatever order rows were typed in."""
    with workspace.write() as (s, a):
        for no in ("111005", "113002"):
            enrolments.create(s, a, {"student_no": no, "school_year": "113", "semester": "1",
                                     "course_code": school.courses["英語文"].code,
                                     "score": "70", "credit_counted": "是", "kind": "原修"})
    with workspace.read() as s:
        rows = enrolments.page(s, ListQuery(school_year=113, semester=1), 0, 10)
    keys = [c.key for c in enrolments.columns()]
    listed = [(r[1 + keys.index("student_no")], r[1 + keys.index("course_name")]) for r in rows]
    assert listed == [("113001", "國語文"), ("113002", "英語文"), ("111005", "英語文")]
