"""Certification by the teacher, by a proxy, refused for anyone else; queue; selection caps."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import attachments, certification, duties, settings
from lxp_desktop.services import school as sch
from lxp_desktop.services.cadres import cadres
from lxp_desktop.services.portfolio import outcomes, performances
from lxp_desktop.services.school import actor_for, terms
from lxp_desktop.store.models import AuditEntry, Outcome, Term
from tests.files import pdf_bytes


@pytest.fixture
def people(workspace, school):
    """A teacher, the 教學組長 (school-wide proxy for 課程認證), a teacher's own proxy, a clerk."""
    with workspace.write("測試") as (s, a):
        head = sch.add_staff(s, a, "h.wu", "吳組長", ["academic"])
        own = sch.add_staff(s, a, "t.chang", "張老師", ["teacher"])
        clerk = sch.add_staff(s, a, "r.lee", "李幹事", ["registrar"])
        duties.seed_default_duties(s, a)
        [row] = [d for d in duties.list_duties(s) if d.name == "課程認證"]
        duties.save_duty(s, a, "課程認證", "", ["h.wu"], row.id)
        duties.save_duty(s, a, "課程認證", "t.lin", ["張老師"])
    ws_id = workspace.store.workstation_id
    return {"teacher": actor_for(school.teacher, ws_id), "head": actor_for(head, ws_id),
            "own": actor_for(own, ws_id), "clerk": actor_for(clerk, ws_id),
            "ids": {"teacher": school.teacher.id, "head": head.id, "own": own.id}}


def new_outcomes(ws, school, n, student_no="113001"):
    made = []
    with ws.write("測試") as (s, a):
        for i in range(n):
            made.append(outcomes.create(s, a, {
                "student_no": student_no, "school_year": "113", "semester": "1",
                "course_code": school.courses["國語文"].code, "title": f"成果{i + 1}",
                "summary": "課堂報告"}).id)
    return made


def audit_of(ws, row_id):
    with ws.read() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.row_id == str(row_id))
                              .order_by(AuditEntry.seq)))


def test_teacher_certifies_own_course_and_the_record_says_who(workspace, school, people):
    [oid] = new_outcomes(workspace, school, 1)
    with workspace.write() as (s, _a):
        certification.certify(s, people["teacher"], [oid])
    with workspace.read() as s:
        o = s.get(Outcome, oid)
        assert (o.status, o.certified_by, o.certified_for) == (
            "已認證", people["ids"]["teacher"], people["ids"]["teacher"])
        assert o.certified_at is not None
    last = audit_of(workspace, oid)[-1]
    assert last.action == "certify" and last.acting_for is None
    assert last.staff_id == str(people["ids"]["teacher"])


@pytest.mark.parametrize("who", ["head", "own"])
def test_proxy_certifies_and_acts_for_the_teacher(workspace, school, people, who):
    [oid] = new_outcomes(workspace, school, 1)
    with workspace.write() as (s, _a):
        certification.certify(s, people[who], [oid])
    with workspace.read() as s:
        o = s.get(Outcome, oid)
        assert o.certified_by == people["ids"][who]
        assert o.certified_for == people["ids"]["teacher"]
    last = audit_of(workspace, oid)[-1]
    assert last.acting_for == str(people["ids"]["teacher"])
    assert last.staff_id == str(people["ids"][who])


def test_proxy_order_is_the_teachers_own_list_first(workspace, school, people):
    with workspace.read() as s:
        assert duties.certification_proxies(s, people["ids"]["teacher"]) == [
            people["ids"]["own"], people["ids"]["head"]]


@pytest.mark.parametrize("who", ["clerk", "admin"])
def test_anyone_else_is_refused_and_nothing_is_written(workspace, school, people, who):
    ids = new_outcomes(workspace, school, 2)
    actor = workspace.actor if who == "admin" else people[who]
    with pytest.raises(ValidationFailed) as exc, workspace.write() as (s, _a):
        certification.certify(s, actor, ids)
    assert "只有任課教師 林老師 或其代理人可以認證" in str(exc.value)
    with workspace.read() as s:
        assert {s.get(Outcome, i).status for i in ids} == {"待認證"}


def test_return_needs_a_reason_then_resubmission_after_an_edit(workspace, school, people):
    [oid] = new_outcomes(workspace, school, 1)
    with pytest.raises(ValidationFailed, match="退回原因：必填"), workspace.write() as (s, _a):
        certification.return_outcomes(s, people["teacher"], [oid], "  ")
    with workspace.write() as (s, _a):
        certification.return_outcomes(s, people["teacher"], [oid], "非本課程之成果")
    with workspace.read() as s:
        o = s.get(Outcome, oid)
        assert (o.status, o.return_reason) == ("退回", "非本課程之成果")
    with pytest.raises(ValidationFailed, match="只有待認證"), workspace.write() as (s, _a):
        certification.certify(s, people["teacher"], [oid])
    with workspace.write() as (s, a):
        outcomes.update(s, a, oid, {"summary": "改交課堂小論文"})
    with workspace.read() as s:
        assert s.get(Outcome, oid).status == "待認證"
    with workspace.write() as (s, _a):
        certification.certify(s, people["teacher"], [oid])
    with workspace.read() as s:
        assert s.get(Outcome, oid).status == "已認證"


def test_explicit_resubmit_only_for_returned_items(workspace, school, people):
    [oid] = new_outcomes(workspace, school, 1)
    with pytest.raises(ValidationFailed, match="被退回"), workspace.write() as (s, a):
        certification.resubmit(s, a, [oid])
    with workspace.write() as (s, a):
        certification.return_outcomes(s, people["teacher"], [oid], "檔案不完整：請補上檔案")
        certification.resubmit(s, a, [oid])
        assert s.get(Outcome, oid).status == "待認證"


def test_queue_shows_own_and_proxied_items_and_overdue(workspace, school, people):
    ids = new_outcomes(workspace, school, 2)
    with workspace.write() as (s, a):
        term = s.scalars(select(Term).where(Term.school_year == 113, Term.semester == 1)).one()
        terms.apply(s, a, term, {"certification_deadline": date(2025, 2, 7)})
    with workspace.read() as s:
        items = certification.queue(s, people["teacher"], 113, 1, today=date(2025, 2, 8))
        assert [i.id for i in items] == ids
        assert all(i.overdue and i.teacher_name == "林老師" for i in items)
        early = certification.queue(s, people["head"], 113, 1, today=date(2025, 2, 7))
        assert [i.overdue for i in early] == [False, False]
        assert len(certification.queue(s, people["own"])) == 2
        assert certification.queue(s, people["clerk"]) == []
        assert certification.teachers_for(s, people["clerk"]) == []
        assert certification.teachers_for(s, people["head"]) == [
            (people["ids"]["teacher"], "林老師")]


def test_outcome_for_a_course_not_taken_is_refused(workspace, school):
    with pytest.raises(ValidationFailed) as exc, workspace.write() as (s, a):
        outcomes.create(s, a, {"student_no": "113001", "school_year": "113", "semester": "1",
                               "course_code": school.courses["英語文"].code, "title": "作文",
                               "summary": "英文作文"})
    assert "沒有修習" in exc.value.by_field()["course_code"]


def test_per_term_upload_cap_from_the_school_setting(workspace, school):
    with workspace.write() as (s, a):
        settings.put(s, a, "outcomes_per_term", 2)
    new_outcomes(workspace, school, 2)
    with pytest.raises(ValidationFailed, match="已達上限 2 件"):
        new_outcomes(workspace, school, 1)


def _certified_with_file(ws, school, people, n):
    ids = new_outcomes(ws, school, n)
    with ws.write() as (s, a):
        for i in ids:
            attachments.attach(s, a, "outcome", i, pdf_bytes(f"outcome {i}"), "成果.pdf")
        certification.certify(s, people["teacher"], ids)
    return ids


def test_selection_cap_for_outcomes_all_or_nothing(workspace, school, people):
    with workspace.write() as (s, a):
        settings.put(s, a, "outcomes_selected_per_year", 2)
    ids = _certified_with_file(workspace, school, people, 3)
    with workspace.write() as (s, a):
        assert certification.set_selected(s, a, "outcome", ids[:1]) == 1
    with pytest.raises(ValidationFailed, match="已勾選 1 件.*再勾 2 件會超過上限 2 件"), \
            workspace.write() as (s, a):
        certification.set_selected(s, a, "outcome", ids[1:])
    with workspace.read() as s:
        assert [s.get(Outcome, i).selected for i in ids] == [True, False, False]
    with workspace.write() as (s, a):
        assert certification.set_selected(s, a, "outcome", ids[:1], False) == 1
        assert certification.set_selected(s, a, "outcome", ids[1:]) == 2


def test_only_certified_outcomes_with_files_can_be_selected(workspace, school, people):
    [pending] = new_outcomes(workspace, school, 1)
    with pytest.raises(ValidationFailed, match="只有已認證"), workspace.write() as (s, a):
        certification.set_selected(s, a, "outcome", [pending])
    with workspace.write() as (s, _a):
        certification.certify(s, people["teacher"], [pending])
    with pytest.raises(ValidationFailed, match="沒有附加檔案"), workspace.write() as (s, a):
        certification.set_selected(s, a, "outcome", [pending])


def test_editing_a_selected_outcome_unselects_it(workspace, school, people):
    [oid] = _certified_with_file(workspace, school, people, 1)
    with workspace.write() as (s, a):
        certification.set_selected(s, a, "outcome", [oid])
        outcomes.update(s, a, oid, {"title": "新標題"})
        o = s.get(Outcome, oid)
        assert (o.status, o.selected) == ("待認證", False)


def test_performance_year_cap_on_entry_and_selection(workspace, school):
    with workspace.write() as (s, a):
        settings.put(s, a, "performances_per_year", 2)
        made = [performances.create(s, a, {
            "student_no": "113002", "school_year": "113", "kind": "服務學習紀錄",
            "title": f"服務{i}", "summary": "淨灘"}).id for i in range(2)]
        certification.set_selected(s, a, "performance", made)
    with pytest.raises(ValidationFailed, match="已達上限 2 項"), workspace.write() as (s, a):
        performances.create(s, a, {"student_no": "113002", "school_year": "113",
                                   "kind": "服務學習紀錄", "title": "服務3", "summary": "淨灘"})


def test_performance_link_must_be_http(workspace, school):
    with pytest.raises(ValidationFailed) as exc, workspace.write() as (s, a):
        performances.create(s, a, {"student_no": "113002", "school_year": "113",
                                   "kind": "作品成果紀錄", "title": "作品集",
                                   "summary": "作品", "external_link": "ftp://x.org/a"})
    assert "http" in exc.value.by_field()["external_link"]


def test_a_listed_proxy_writes_other_duties_as_proxy(workspace, school, people):
    """高老師 is listed as the 班級幹部 proxy of 何幹事: a cadre record is written as proxy."""
    with workspace.write() as (s, a):
        officer = sch.add_staff(s, a, "s.ho", "何幹事", ["student_affairs"])
        helper = sch.add_staff(s, a, "t.kao", "高老師", ["teacher"])
        [row] = [d for d in duties.list_duties(s) if d.name == "班級幹部"]
        duties.save_duty(s, a, "班級幹部", "s.ho", ["t.kao"], row.id)
    kao = actor_for(helper, workspace.store.workstation_id)
    with workspace.write() as (s, _a):
        rec = cadres.create(s, kao, {"student_no": "113001", "school_year": "113",
                                     "semester": "1", "unit_name": "一年一班",
                                     "position": "班長", "level": "2"})
    entry = audit_of(workspace, rec.id)[-1]
    assert entry.staff_id == str(helper.id) and entry.acting_for == str(officer.id)
    with pytest.raises(ValidationFailed, match="權限"), workspace.write() as (s, _a):
        performances.create(s, kao, {"student_no": "113002", "school_year": "113",
                                     "kind": "服務學習紀錄", "title": "x", "summary": "y"})


def test_duty_settings_reject_unknown_and_duplicate_people(workspace, school, people):
    with workspace.read() as s:
        rows = duties.list_duties(s)
    assert [d.name for d in rows if d.responsible_id is None] == [
        "校管理者", "成績修課", "修課", "重補修", "班級幹部", "課程成果", "多元表現", "課程認證"]
    cert = [d for d in rows if d.name == "課程認證" and d.responsible_id is None][0]
    assert cert.responsible == "任課教師" and cert.proxies == ("吳組長",)
    with pytest.raises(ValidationFailed) as exc, workspace.write() as (s, a):
        duties.save_duty(s, a, "多元表現", "nobody", ["h.wu", "吳組長"])
    text = str(exc.value)
    assert "找不到教職員「nobody」" in text and "重複" in text
    with workspace.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.table_name == "duty",
                                                   AuditEntry.action == "update")).first()
        assert json.loads(entry.changes)["proxy_ids"][1] == json.dumps([str(people["ids"]["head"])])
