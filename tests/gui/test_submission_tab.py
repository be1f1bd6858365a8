"""The 提交與收訖 tab driven as a clerk would: check, open a finding's record with Enter,
fix it, export, import a receipt, see the differences, announce a period and record answers."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import update

from lxp_desktop.domain.roc import format_roc
from lxp_desktop.services.students import students
from lxp_desktop.store.models import Student
from lxp_desktop.ui.jobs import SyncRunner
from tests import receipt_maker as rm


def test_check_open_fix_export_import_and_confirm(window, workspace, school, qtbot,
                                                  qtmodeltester, tmp_path: Path):
    with workspace.write("測試") as (s, _a):
        s.execute(update(Student).where(Student.student_no == "113002")
                  .values(national_id="B223456780"))
    win = window
    win.select_term(113, 1)
    tab = win.submission_tab
    tab.runner = SyncRunner()
    assert win.tabs.tabText(win.tabs.indexOf(tab)) == "提交與收訖"
    win.tabs.setCurrentWidget(tab)
    qtbot.keyClick(tab, Qt.Key.Key_F5)
    assert [f.code for f in tab.findings] == ["S01"]
    qtmodeltester.check(tab.findings_model)
    assert "須修正 1" in tab.counts_label.text()

    # Enter on the finding opens the student in 學生基本資料, selected
    tab.findings_view.setFocus()
    tab.findings_view.selectRow(0)
    qtbot.keyClick(tab.findings_view, Qt.Key.Key_Return)
    students_tab = win.record_tabs["students"]
    assert win.tabs.currentWidget() is students_tab
    assert students_tab.current_id() == school.students["113002"].id

    with workspace.write("測試") as (s, a):
        students.update(s, a, school.students["113002"].id, {"national_id": "B223456782"})
    win.bus.notify("student")
    win.tabs.setCurrentWidget(tab)
    steps: list[int] = []
    tab.busy.valueChanged.connect(steps.append)
    tab.run_check()
    assert tab.findings == [] and "沒有發現問題" in tab.message.text()
    assert steps and tab.busy.maximum() == steps[-1]  # the check's steps were shown …
    assert tab.busy.isHidden()  # … and the bar is gone once it is done

    tab.category.setCurrentIndex(tab.category.findData("修課紀錄"))
    tab.export_package(tmp_path / "out")
    assert "第 1 次提交" in tab.message.text()
    assert tab.ledger_model.rowCount() == 1
    qtmodeltester.check(tab.ledger_model)

    folder = tmp_path / "out" / "113_1_修課紀錄_第1次"
    doc = rm.from_package(folder, "修課紀錄")
    rm.change_value(doc, "修課紀錄", "A123456789", "學期成績", "學期學業成績", "80")
    path = rm.write_zip(tmp_path / "r.zip", {rm.receipt_name(113, 1, "修課紀錄"): doc}, "pw")
    tab.import_receipt(path, "wrong")
    assert "密碼不對" in tab.message.text() and tab.diff_model.rowCount() == 0
    tab.import_receipt(path, "pw")
    assert "不同 1" in tab.message.text()
    assert tab.diff_model.rowCount() == 1
    qtmodeltester.check(tab.diff_model)
    assert "不同 1" in tab.counts_label.text()
    # Enter on the difference opens the enrolment
    tab.diff_view.setFocus()
    tab.diff_view.selectRow(0)
    qtbot.keyClick(tab.diff_view, Qt.Key.Key_Return)
    assert win.tabs.currentWidget() is win.record_tabs["enrolments"]
    assert win.record_tabs["enrolments"].current_id() is not None
    win.tabs.setCurrentWidget(tab)
    tab.export_differences(tmp_path / "d.xlsx")
    assert (tmp_path / "d.xlsx").is_file()

    today = date.today()
    assert not tab.announce(format_roc(today), format_roc(today + timedelta(days=1)))
    assert "至少須公告 3 天" in tab.message.text()
    assert tab.announce(format_roc(today), format_roc(today + timedelta(days=2)))
    assert tab.states_model.rowCount() == 1
    assert "待確認 1" in tab.counts_label.text()
    # the same button now moves the running period's dates
    assert "變更確認期間" in tab.announce_button.text()
    later = today + timedelta(days=6)
    assert tab.announce(format_roc(today), format_roc(later))
    assert "確認期間已改為" in tab.message.text()
    assert f"–{format_roc(later)}" in tab.counts_label.text()
    assert tab.states_model.rowCount() == 1  # the students' states are kept
    tab.states_view.selectRow(0)
    assert tab.record_answer("object", "成績應為 88")
    assert "疑義 處理中 1" in tab.counts_label.text()
    assert tab.record_answer("resolve", "已查明中央資料庫登錄有誤，已函請更正")
    assert "已處理 1" in tab.counts_label.text()
    qtmodeltester.check(tab.states_model)
    paths = tab.export_class_lists(tmp_path / "lists")
    assert [p.name for p in paths] == ["113_1_收訖確認名單_101.xlsx"]
