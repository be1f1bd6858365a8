"""學生歷程總覽: select a student (or one of their records) in any tab, Ctrl+Shift+O shows
every category and term with its status; the 檢核表 prints for the student to sign."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, Qt

from lxp_desktop.services.school import actor_for
from lxp_desktop.ui.overview_dialog import OverviewDialog
from tests.notice_makers import add_cadre, add_courses, enrol


def select_row(tab, row: int) -> None:
    tab.view.selectionModel().setCurrentIndex(
        tab.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)


def test_overview_from_a_record_and_the_checklist(window, workspace, school, qtbot, tmp_path,
                                                  qtmodeltester):
    names = add_courses(workspace, 3)
    enrol(workspace, "113002", names)
    add_cadre(workspace, "113002", "三年一班", "班長")
    window.bus.notify("enrolment", "cadre_record")
    window.select_term(113, 2)
    tab = window.record_tabs["enrolments"]
    window.tabs.setCurrentWidget(tab)
    tab.search.setText("113002")
    tab._search_timer.stop()
    tab.reload()
    select_row(tab, 0)
    qtbot.keyClick(window.tabs, Qt.Key.Key_O,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialogs = [d for d in window.findChildren(OverviewDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    qtmodeltester.check(dialog.model)
    assert "113002" in dialog.windowTitle()
    shown = {(r.term_label, r.category): r.status() for r in dialog.model.rows}
    assert shown[("113學年度第2學期", "修課紀錄")].startswith("3 筆；未提交")
    assert shown[("113學年度第2學期", "幹部經歷")].startswith("1 筆")
    out = dialog.save(tmp_path / "檢核表.pdf")
    assert out is not None
    text = PdfReader(out).pages[0].extract_text()
    assert "學生學習歷程檔案檢核表" in text and "113002" in text and "學生簽名" in text
    assert "3 筆；未提交" in text
    dialog.close()


def test_overview_needs_a_selected_student_and_respects_scope(window, workspace, school, qtbot):
    window.tabs.setCurrentWidget(window.submission_tab)
    assert window.open_overview() is None
    assert "請先在分頁中選一位學生" in window.statusBar().currentMessage()
    # a teacher with no class, course or counselling of this student cannot see it
    from lxp_desktop.domain.errors import ValidationFailed
    from lxp_desktop.services import overview
    from lxp_desktop.services.students import find_student

    with workspace.read() as s:
        sid = find_student(s, "113002").id
        stranger = actor_for(school.teacher, workspace.store.workstation_id)
        try:
            overview.overview(s, stranger, sid)
            visible = True
        except ValidationFailed as exc:
            visible = False
            assert "只能查看" in str(exc)
        mine = set(s.scalars(overview.own_students(stranger)).all())
    assert visible == (sid in mine)
