"""學期行事曆 and the rules of issue #18, one test per rule and door (docs/rules.md)."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from lxp_desktop.domain import deadlines as rules
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.roc import Term
from lxp_desktop.services import calendar, certification, duties, progress, retention, settings
from lxp_desktop.services import school as sch
from lxp_desktop.services.accounts import actor_for
from lxp_desktop.services.attachments import attach
from lxp_desktop.services.courses import courses, enrolments
from lxp_desktop.services.portfolio import consultations, outcomes, performances
from lxp_desktop.services.students import students
from lxp_desktop.store.models import AuditEntry, Outcome
from lxp_desktop.store.models import Term as TermRow
from tests.files import pdf_bytes, pdf_of_size
from tests.makers import course_code

T = Term(113, 1)  # 2024-08-01 – 2025-01-31


@pytest.fixture
def people(workspace, school):
    with workspace.write("測試") as (s, a):
        head = sch.add_staff(s, a, "h.wu", "吳組長", ["academic"])
        other = sch.add_staff(s, a, "t.chang", "張老師", ["teacher"])
        duties.seed_default_duties(s, a)
    ws_id = workspace.store.workstation_id
    return {"teacher": actor_for(school.teacher, ws_id), "head": actor_for(head, ws_id),
            "other": actor_for(other, ws_id)}


def add_outcome(ws, school, title="成果", student_no="113001"):
    with ws.write("測試") as (s, a):
        return outcomes.create(s, a, {
            "student_no": student_no, "school_year": "113", "semester": "1",
            "course_code": school.courses["國語文"].code, "title": title,
            "summary": "課堂報告"}).id


def set_calendar(ws, **values):
    with ws.write("測試") as (s, a):
        return calendar.save(s, a, T, values)


# --- the calendar ------------------------------------------------------------------------------
def test_defaults_come_from_the_term_and_the_settings_each_with_its_source(workspace, school):
    with workspace.read() as s:
        d = calendar.dates(s, T)
    assert (d["upload"].start, d["upload"].end) == (date(2024, 8, 1), date(2025, 2, 14))
    assert d["certification"].end == date(2025, 2, 21)  # 休業式 + 3 weeks (§9.1 example)
    assert d["submit:修課紀錄"].end == date(2025, 3, 14)
    assert d["internal"].end == date(2025, 2, 28)  # two weeks before the upload deadline
    assert d["announce_by"].end == date(2025, 4, 13)
    assert all("DOMAIN.md §" in x.source and not x.set_by_school for x in d.values())
    with workspace.write("測試") as (s, a):
        settings.put(s, a, "calendar_internal_before_submission_days", 21)
    with workspace.read() as s:
        assert calendar.date_of(s, T, "internal").end == date(2025, 2, 21)
        assert not calendar.is_set(s, T)


def test_saving_checks_every_date_and_the_whole_calendar_all_or_nothing(workspace, school):
    with pytest.raises(ValidationFailed) as exc:
        set_calendar(workspace, upload=(date(2025, 2, 1), date(2025, 1, 1)))
    assert "教師與學生上傳期間：結束日 114/01/01 早於開始日 114/02/01" in str(exc.value)
    with pytest.raises(ValidationFailed, match="校內完成期限.*晚於提交期限：修課紀錄"):
        set_calendar(workspace, internal=(None, date(2025, 3, 20)))
    with pytest.raises(ValidationFailed, match="沒有「nope」這個日期"):
        set_calendar(workspace, nope=(None, date(2025, 3, 20)))
    with workspace.read() as s:
        assert not calendar.is_set(s, T)
    changed = set_calendar(workspace, certification=(date(2024, 9, 1), date(2025, 2, 10)))
    assert "certification" in changed and "upload" in changed  # the rest as shown
    with workspace.read() as s:
        assert calendar.is_set(s, T)
        d = calendar.date_of(s, T, "certification")
        assert d.set_by_school and d.end == date(2025, 2, 10)
        # one date: the queue's 逾期 mark uses the same day
        term = s.scalars(select(TermRow).where(TermRow.school_year == 113,
                                               TermRow.semester == 1)).one()
        assert term.certification_deadline == date(2025, 2, 10)
        assert s.scalars(select(AuditEntry).where(
            AuditEntry.table_name == "term_calendar")).first() is not None


def test_a_teacher_cannot_set_the_calendar(workspace, school, people):
    with pytest.raises(ValidationFailed, match="權限"), workspace.write() as (s, _a):
        calendar.save(s, people["teacher"], T, {})
    with workspace.write() as (s, _a):  # 教學組 may
        calendar.save(s, people["head"], T, {})


# --- windows -----------------------------------------------------------------------------------
def test_nothing_is_refused_before_the_school_sets_its_calendar(workspace, school, people,
                                                                 clock):
    clock.day = date(2026, 1, 1)
    oid = add_outcome(workspace, school)
    with workspace.write() as (s, _a):
        certification.certify(s, people["teacher"], [oid])


def test_upload_outside_its_window_is_refused_naming_it_and_who_opens_it(workspace, school,
                                                                         clock):
    set_calendar(workspace)
    clock.day = date(2025, 2, 14)  # the last day still counts
    add_outcome(workspace, school, "最後一天")
    clock.day = date(2025, 2, 15)
    with pytest.raises(ValidationFailed) as exc:
        add_outcome(workspace, school, "太晚")
    text = exc.value.by_field()["title"]
    assert "113學年度第1學期教師與學生上傳期間（113/08/01–114/02/14）已於 114/02/14 截止" in text
    assert "教學組或註冊組申請展延" in text
    # editing an uploaded item's content is an upload too; its certification is not
    with workspace.read() as s:
        [o] = s.scalars(select(Outcome).where(Outcome.title == "最後一天")).all()
    with pytest.raises(ValidationFailed, match="上傳期間"), workspace.write() as (s, a):
        outcomes.update(s, a, o.id, {"summary": "改過"})


def test_late_certification_refused_then_allowed_by_a_recorded_extension(workspace, school,
                                                                         people, clock):
    oid = add_outcome(workspace, school)
    with workspace.write() as (s, a):
        enrolments.create(s, a, {"student_no": "111005", "school_year": "113",
                                 "semester": "1", "course_code": school.courses["國語文"].code,
                                 "score": "70", "credit_counted": "是", "kind": "原修"})
    other = add_outcome(workspace, school, "別班的", "111005")
    set_calendar(workspace)
    clock.day = date(2025, 2, 22)
    with pytest.raises(ValidationFailed) as exc, workspace.write() as (s, _a):
        certification.certify(s, people["teacher"], [oid])
    assert "任課教師認證期間（113/08/01–114/02/21）已於 114/02/21 截止" in str(exc.value)
    # the teacher cannot open it; 教學組 can, for one class, with a reason
    with pytest.raises(ValidationFailed, match="權限"), workspace.write() as (s, _a):
        calendar.grant(s, people["teacher"], T, "certification", "all", None,
                       date(2025, 3, 1), "我要補認證")
    with workspace.write() as (s, _a):
        klass = calendar.resolve_target(s, T, "class", "101")
        calendar.grant(s, people["head"], T, "certification", "class", klass,
                       date(2025, 2, 28), "林老師公假，補認證一週")
    with workspace.write() as (s, _a):
        certification.certify(s, people["teacher"], [oid])
    with pytest.raises(ValidationFailed, match="認證期間"), workspace.write() as (s, _a):
        certification.certify(s, people["teacher"], [other])  # class 301 is not covered
    with workspace.read() as s:
        [ext] = calendar.extensions(s, T)
        assert (ext.target_label, ext.granted_by, ext.reason) == (
            "班級 101", "吳組長", "林老師公假，補認證一週")
        assert s.scalars(select(AuditEntry).where(
            AuditEntry.table_name == "deadline_extension")).first() is not None
    clock.day = date(2025, 3, 1)  # the extension is over too
    with pytest.raises(ValidationFailed, match="認證期間"), workspace.write() as (s, _a):
        certification.return_outcomes(s, people["teacher"], [other], "檔案無法開啟")


def test_an_extension_needs_a_reason_a_later_date_and_a_window_that_can_be_extended(
        workspace, school, clock):
    set_calendar(workspace)
    clock.day = date(2025, 2, 22)
    with pytest.raises(ValidationFailed) as exc, workspace.write() as (s, a):
        calendar.grant(s, a, T, "internal", "teacher", None, date(2025, 2, 1), " ")
    by = exc.value.by_field()
    assert "只有上傳、認證與勾選期間可以展延" in by["window"]
    assert "請指定教師" in by["target"] and "原因：必填" in by["reason"]
    assert "已經過去" in by["until"]
    with pytest.raises(ValidationFailed, match="沒有晚於"), workspace.write() as (s, a):
        clock.day = date(2025, 2, 1)
        calendar.grant(s, a, T, "upload", "all", None, date(2025, 2, 10), "全校展延")
    with pytest.raises(ValidationFailed, match="找不到帳號或姓名"), workspace.write() as (s, _a):
        calendar.resolve_target(s, T, "teacher", "nobody")


def test_selection_outside_its_window_is_refused(workspace, school, people, clock):
    oid = add_outcome(workspace, school)
    with workspace.write() as (s, a):
        attach(s, a, "outcome", oid, pdf_bytes(), "作品.pdf")
    with workspace.write() as (s, _a):
        certification.certify(s, people["teacher"], [oid])
    set_calendar(workspace, selection=(date(2024, 9, 1), date(2025, 2, 20)))
    clock.day = date(2025, 2, 21)
    with pytest.raises(ValidationFailed, match="學生勾選期間.*已於 114/02/20 截止"), \
            workspace.write() as (s, a):
        certification.set_selected(s, a, "outcome", [oid])
    clock.day = date(2025, 2, 20)
    with workspace.write() as (s, a):
        assert certification.set_selected(s, a, "outcome", [oid]) == 1


# --- the guide's rules ---------------------------------------------------------------------------
def test_outcomes_only_on_courses_whose_credits_count(workspace, school):
    with workspace.write() as (s, a):
        code = course_code("03", category="8")  # 團體活動時間
        courses.create(s, a, {"code": code, "name": "班級活動", "credits": "1", "grade": "1",
                              "school_year": "113", "semester": "1", "teacher": "t.lin"})
        enrolments.create(s, a, {"student_no": "113001", "school_year": "113",
                                 "semester": "1", "course_code": code, "score": "80",
                                 "credit_counted": "是", "kind": "原修"})
    with pytest.raises(ValidationFailed) as exc, workspace.write() as (s, a):
        outcomes.create(s, a, {"student_no": "113001", "school_year": "113", "semester": "1",
                               "course_code": code, "title": "班會紀錄", "summary": "主持班會"})
    text = exc.value.by_field()["course_code"]
    assert "「班級活動」屬團體活動時間" in text and "有核計學分" in text and "多元表現" in text


def test_consultation_attachments_pdf_jpg_png_up_to_2_mb(workspace, school):
    with workspace.write() as (s, a):
        c = consultations.create(s, a, {
            "student_no": "113001", "date": "113/10/01", "time": "10:10", "place": "輔導室",
            "consultant": "c.chen", "content": "選修規劃", "opinion": "建議選修物理"})
        attach(s, a, "consultation", c.id, pdf_bytes(), "紀錄.pdf")
    mp3 = b"ID3\x03\x00\x00\x00\x00\x00\x21" + b"\x00" * 400
    with pytest.raises(ValidationFailed, match="只收 pdf、jpg、png"), \
            workspace.write() as (s, a):
        attach(s, a, "consultation", c.id, mp3, "錄音.mp3")
    with pytest.raises(ValidationFailed, match="超過課程諮詢紀錄附件上限 2 MB"), \
            workspace.write() as (s, a):
        attach(s, a, "consultation", c.id, pdf_of_size(3 * 1024 * 1024), "掃描.pdf")
    with pytest.raises(ValidationFailed) as exc, workspace.write() as (s, a):
        consultations.create(s, a, {"student_no": "113001", "date": "113/10/02",
                                    "place": "輔導室", "consultant": "c.chen",
                                    "content": "選修規劃"})
    assert set(exc.value.by_field()) >= {"time", "opinion"}


def test_retention_from_graduation_or_departure_never_a_suspended_student(workspace, school):
    with workspace.write() as (s, a):
        for no, status in (("111005", "休學"), ("113002", "轉出")):
            students.update(s, a, school.students[no].id,
                            {"status": status, "status_date": "2025-01-20"})
            performances.create(s, a, {
                "student_no": no, "school_year": "113", "kind": "服務學習紀錄",
                "title": "淨灘", "summary": "心得", "in_school": "否"})
    with workspace.read() as s:
        assert [d.student_no for d in retention.due(s, date(2031, 1, 21))] == ["113002"]


def test_the_letter_promises_no_answer_time_unless_the_school_sets_one(workspace, school):
    from lxp_desktop.printing.notices import Letter, SchoolHeader, render_letters

    def text(days):
        out = BytesIO()
        letter = Letter("R1", date(2025, 3, 3), date(2025, 3, 21), "王小明", "113001", "101",
                        "A12****789", "407", "臺中市西屯區福星路123號", "113學年度第1學期",
                        answer_days=days)
        render_letters([letter], out, SchoolHeader("示範高中", "407", "臺中市", "04-1", "", "",
                                                   ""))
        return "".join(p.extract_text() for p in PdfReader(BytesIO(out.getvalue())).pages)

    plain = text(None)
    assert "3 日內" not in plain and "妥為處置" in plain
    assert "含當日" in plain and "郵戳為憑" in plain
    assert "5 日內查明處理" in text(5)


# --- progress ---------------------------------------------------------------------------------
def test_progress_and_reminder_lists(workspace, school, people, clock, tmp_path):
    pending = add_outcome(workspace, school, "待認證的")
    returned = add_outcome(workspace, school, "退回的")
    with workspace.write() as (s, a):
        enrolments.create(s, a, {"student_no": "113002", "school_year": "113",
                                 "semester": "1", "course_code": school.courses["國語文"].code,
                                 "score": "70", "credit_counted": "是", "kind": "原修"})
        certification.return_outcomes(s, people["teacher"], [returned], "檔案不完整")
    set_calendar(workspace)
    clock.day = date(2025, 2, 12)
    with workspace.read() as s:
        rows = {(r.group, r.label): r for r in progress.rows(s, T)}
        by_teacher = progress.reminders(s, T, "teacher")
        by_class = progress.reminders(s, T, "class")
    cat = rows[("類別", "課程學習成果")]
    assert (cat.missing, cat.uncertified, cat.returned, cat.unselected) == (1, 1, 1, 0)
    assert (cat.deadline, cat.days_left) == (date(2025, 2, 21), 10)
    teacher = rows[("教師", "林老師")]
    assert (teacher.uncertified, teacher.returned) == (1, 1)
    klass = rows[("班級", "101")]
    assert (klass.missing, klass.deadline, klass.days_left) == (1, date(2025, 2, 14), 3)
    assert [(lst.label, [ln.student_no for ln in lst.lines]) for lst in by_teacher] == [
        ("林老師", ["113001"])]
    [c101] = by_class
    assert sorted((ln.student_no, ln.what) for ln in c101.lines) == [
        ("113001", "退回"), ("113002", "未上傳")]
    assert pending  # still 待認證, listed for the teacher

    xlsx = progress.write_xlsx(by_class, T, tmp_path / "催繳.xlsx")
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["101"]
    values = [[c.value for c in r] for r in wb["101"].iter_rows()]
    assert values[2] == list(progress.HEADERS) and len(values) == 5
    out = tmp_path / "催繳.pdf"
    pages = progress.render_pdf(by_class + by_teacher, T, "示範高中", out, clock.day)
    reader = PdfReader(out)
    assert pages == len(reader.pages) == 2  # one page each
    first = reader.pages[0].extract_text()
    assert "班級 101" in first and "李小華" in first and "未上傳" in first
    assert "剩 3 天" in first
    assert "教師 林老師" in reader.pages[1].extract_text()


# --- the clock --------------------------------------------------------------------------------
def test_fixed_clock_and_window_state():
    c = rules.FixedClock(date(2025, 1, 31))
    assert rules.window_state(date(2025, 1, 1), date(2025, 1, 31), c.today()) == rules.OPEN
    assert c.advance() == date(2025, 2, 1)
    assert rules.window_state(date(2025, 1, 1), date(2025, 1, 31), c.today()) == rules.CLOSED
    assert rules.window_state(date(2025, 2, 2), date(2025, 2, 9), c.today()) == rules.BEFORE
    assert rules.days_left(date(2025, 2, 1), c.today()) == 1
    assert rules.reply_deadline(date(2025, 3, 3), 4, 14) == date(2025, 3, 21)
    assert rules.reply_accepted(date(2025, 3, 21), date(2025, 3, 21))
    assert not rules.reply_accepted(date(2025, 3, 22), date(2025, 3, 21))


# --- the 預檢 grouped, filtered and exported ------------------------------------------------------
def test_precheck_grouped_filtered_by_class_teacher_rule_category_and_exported(
        workspace, school, tmp_path):
    from sqlalchemy import update

    from lxp_desktop.services import precheck, precheck_view
    from lxp_desktop.store.models import Enrolment, Student

    with workspace.write() as (s, a):
        enrolments.create(s, a, {"student_no": "111005", "school_year": "113", "semester": "1",
                                 "course_code": school.courses["英語文"].code,
                                 "credit_counted": "是", "kind": "原修"})  # no score: E01
        s.execute(update(Student).where(Student.student_no == "113002")
                  .values(national_id="B223456780"))  # a bad check digit: S01
    with workspace.read() as s:
        placed = precheck_view.place(s, precheck.run_check(s, T), T.school_year)
        assert s.scalars(select(Enrolment)).first() is not None
    by_code = {p.code: p for p in placed}
    assert (by_code["E01"].class_code, by_code["E01"].teacher, by_code["E01"].student_no) == (
        "301", "林老師", "111005")
    assert (by_code["S01"].class_code, by_code["S01"].student_no) == ("101", "113002")
    assert [p.code for p in precheck_view.select_findings(placed, class_code="301")] == ["E01"]
    assert [p.code for p in precheck_view.select_findings(placed, teacher="林老師")] == ["E01"]
    assert [p.code for p in precheck_view.select_findings(placed, category="修課紀錄")] == [
        "S01", "E01"]
    assert [p.code for p in precheck_view.select_findings(placed, category="多元表現")] == [
        "S01"]  # an ID breaks every roster
    grouped = precheck_view.select_findings(placed, group="class")
    assert [p.class_code for p in grouped] == ["101", "301"]
    n = precheck_view.write_xlsx(grouped, tmp_path / "預檢.xlsx", "class")
    rows = [[c.value for c in r] for r in load_workbook(tmp_path / "預檢.xlsx").active.iter_rows()]
    assert n == 2 and rows[0] == list(precheck_view.HEADERS)
    assert rows[1][:5] == ["101", "S01", "須修正", "101", "113002"]
