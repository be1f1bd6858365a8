"""學期行事曆 dialog, the 進度 page on 提交與收訖, and the notices tab's offer to extend a
departed student's period — at 1366x768, on an injected clock."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QMessageBox

from lxp_desktop.domain.roc import Term
from lxp_desktop.services import calendar, confirmation, receipts
from lxp_desktop.services import submission as sub
from lxp_desktop.services.courses import enrolments
from lxp_desktop.services.students import find_student, students
from lxp_desktop.ui.calendar_dialog import CalendarDialog
from lxp_desktop.ui.jobs import SyncRunner
from tests import receipt_maker as rm

T = Term(113, 1)


def test_calendar_dialog_shows_sources_saves_and_extends(window, workspace, qtbot, clock,
                                                          tmp_path):
    window.resize(1366, 768)
    clock.day = date(2025, 2, 10)
    window.select_term(113, 1)
    dialog = window.open_calendar()
    assert isinstance(dialog, CalendarDialog)
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 1366 and dialog.height() <= 768
    assert "（剩 12 天）・預設" in dialog.states["certification"].text()
    dialog.grab().save(str(tmp_path / "calendar.png"))
    dialog.ends["certification"].setText("114/02/05")
    dialog.starts["upload"].setText("不是日期")
    assert dialog.save() is None and "教師與學生上傳期間開始" in dialog.message.text()
    dialog.starts["upload"].setText("113/08/01")
    assert dialog.save() is not None
    assert dialog.states["certification"].text() == "已截止"
    with workspace.read() as s:
        assert calendar.date_of(s, T, "certification").end == date(2025, 2, 5)
    # an extension for one class, from the same dialog
    dialog.ext_window.setCurrentIndex(dialog.ext_window.findData("certification"))
    dialog.ext_scope.setCurrentIndex(dialog.ext_scope.findData("class"))
    dialog.ext_target.setText("101")
    dialog.ext_until.setText("114/02/20")
    dialog.ext_reason.setText("")
    assert not dialog.grant() and "原因：必填" in dialog.message.text()
    dialog.ext_reason.setText("段考延期")
    assert dialog.grant()
    assert "班級 101" in dialog.extensions_label.text()


def test_progress_page_counts_and_saves_reminders(window, workspace, school, qtbot, clock,
                                                  tmp_path, qtmodeltester):
    from lxp_desktop.services.portfolio import outcomes

    clock.day = date(2025, 1, 20)
    with workspace.write("測試") as (s, a):
        outcomes.create(s, a, {"student_no": "113001", "school_year": "113", "semester": "1",
                               "course_code": school.courses["國語文"].code, "title": "心得",
                               "summary": "課堂報告"})
        calendar.save(s, a, T, {})
    window.select_term(113, 1)
    page = window.submission_tab.progress_page
    page.refresh()
    qtmodeltester.check(page.model)
    rows = {(r.group, r.label): r for r in page.model.rows}
    assert rows[("教師", "林老師")].uncertified == 1
    assert rows[("教師", "林老師")].days_left == 33  # to 114/02/21
    page.group.setCurrentIndex(page.group.findData("班級"))
    assert {r.group for r in page.model.rows} == {"班級"}
    page.by.setCurrentIndex(page.by.findData("teacher"))
    out = page.save_reminders("pdf", tmp_path / "t.pdf")
    from pypdf import PdfReader

    assert "林老師" in PdfReader(out).pages[0].extract_text()


def test_notices_offer_to_extend_the_period_for_departed_students(window, workspace, school,
                                                                  qtbot, clock, tmp_path):
    clock.day = date(2025, 3, 10)
    with workspace.write("測試") as (s, a):
        enrolments.create(s, a, {"student_no": "111005", "school_year": "113", "semester": "1",
                                 "course_code": school.courses["英語文"].code, "score": "70",
                                 "credit_counted": "是", "kind": "原修"})
        package = sub.export_submission(s, a, T, "修課紀錄", tmp_path / "out")
    doc = rm.from_package(package.folder, "修課紀錄")
    zip_path = rm.write_zip(tmp_path / "r.zip", {rm.receipt_name(113, 1, "修課紀錄"): doc})
    with workspace.write("測試") as (s, a):
        receipts.import_receipt(s, a, zip_path, T)
        students.update(s, a, find_student(s, "111005").id,
                        {"status": "休學", "status_date": "114/02/20"})
        confirmation.announce(s, a, T, date(2025, 3, 10), date(2025, 3, 14))
    window.bus.notify("student")
    window.select_term(113, 1)
    tab = window.notices_tab
    window.tabs.setCurrentWidget(tab)
    tab.runner = SyncRunner()
    assert [r.student_no for r in tab.model.rows] == ["111005"]
    tab.generate()
    box = tab.period_offer
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "回覆期限應為 114/03/28" in box.text()
    extend = [b for b in box.buttons() if b.objectName() == "extend"][0]
    extend.click()
    qtbot.waitUntil(lambda: tab.last_pdf is not None, timeout=20000)
    with workspace.read() as s:
        period = confirmation.current_period(s, T)
        assert confirmation.student_end(s, period, find_student(s, "111005").id) == \
            date(2025, 3, 28)
