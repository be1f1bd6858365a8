"""Import and export from the main window: menu, toolbar, preview, commit, mapping, cancel."""

from __future__ import annotations

import openpyxl
from PySide6.QtWidgets import QDialog, QFileDialog

from lxp_desktop.domain.ids import make_id
from lxp_desktop.ui.import_dialog import ImportDialog, MappingDialog
from lxp_desktop.ui.jobs import SyncRunner, ThreadRunner
from tests.makers import course_code
from tests.xlsx_makers import ENROL, ROSTER, enrol_row, roster_row, write_book


def open_dialog(window, tab: str) -> ImportDialog:
    window.tabs.setCurrentWidget(window.record_tabs[tab])
    window.transfer.runner = SyncRunner()
    return window.transfer.open_import()


def test_actions_in_file_menu_and_toolbar(window):
    t = window.transfer
    assert t.import_action in window.file_menu.actions()
    assert t.export_action in window.file_menu.actions()
    assert t.import_action in window.toolbar.actions()
    assert t.export_action in window.toolbar.actions()
    assert t.import_action.shortcut().toString() == "Ctrl+I"


def test_preview_then_commit_refreshes_the_tab(window, tmp_path, qtbot):
    path = write_book(tmp_path / "g.xlsx", ENROL, [enrol_row("113002", course_code("01"), 75),
                                                   enrol_row("113001", course_code("01"), 90)])
    window.select_term(113, 1)
    dialog = open_dialog(window, "enrolments")
    assert dialog.kind.key == "enrolments"  # the current tab's kind
    dialog.path_edit.setText(str(path))
    dialog.preview_button.click()
    assert "新增 1、修改 1、不變 0" in dialog.status.text()
    assert "學期學業成績：88 → 90" in dialog.text.toPlainText()
    assert dialog.commit_button.isEnabled()
    dialog.commit_button.click()
    assert "匯入完成" in dialog.status.text()
    assert not dialog.commit_button.isEnabled()
    tab = window.record_tabs["enrolments"]
    assert tab.model.total == 2


def test_errors_shown_and_annotated_copy_saved(window, tmp_path, monkeypatch):
    path = write_book(tmp_path / "r.xlsx", ROSTER, [roster_row("113060", "A123456780", "丙")])
    dialog = open_dialog(window, "students")
    dialog.path_edit.setText(str(path))
    dialog.preview_button.click()
    assert "1 個錯誤" in dialog.status.text()
    assert "第 2 列 B 欄（身分證統一編號）" in dialog.text.toPlainText()
    assert not dialog.commit_button.isEnabled() and dialog.annotate_button.isEnabled()
    out = tmp_path / "marked.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert dialog.save_annotated_copy() == out
    assert openpyxl.load_workbook(out).active["B2"].comment is not None


def test_mapping_dialog_for_other_headers_is_remembered(window, tmp_path, monkeypatch):
    header = ["學生學號", "學年", "學期別", "課程代碼", "成績"]
    path = write_book(tmp_path / "o.xlsx", header, [["113002", 113, 1, course_code("02"), 66]])
    shown = []

    def fake_exec(self):
        shown.append(self)
        proposed = {h: b.currentData() for h, b in self.boxes.items()}
        assert proposed["學號"] == 0 and proposed["學年度"] == 1 and proposed["學期"] == 2
        assert proposed["學期學業成績"] == 4 and proposed["成績及格"] == -1
        self.boxes["學號"].setCurrentIndex(0)  # （不匯入）: a required field is missing
        self.accept()
        assert "學號" in self.problem.text() and self.result() == 0
        self.boxes["學號"].setCurrentIndex(self.boxes["學號"].findData(0))
        self.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MappingDialog, "exec", fake_exec)
    dialog = open_dialog(window, "enrolments")
    dialog.path_edit.setText(str(path))
    dialog.preview_button.click()
    assert len(shown) == 1 and "新增 1" in dialog.status.text()
    dialog.preview_button.click()  # same layout: remembered, not asked again
    assert len(shown) == 1


def test_cancel_on_a_worker_thread_changes_nothing(window, tmp_path, qtbot):
    rows = [roster_row(f"4{i:05d}", make_id("F", "1", f"{i:07d}"), f"生{i}") for i in range(3000)]
    path = write_book(tmp_path / "big.xlsx", ROSTER, rows)
    dialog = open_dialog(window, "students")
    window.transfer.runner = ThreadRunner()
    dialog.runner = window.transfer.runner
    dialog.path_edit.setText(str(path))
    dialog.mapping = None
    dialog.preview_button.click()
    assert dialog.cancel_button.isEnabled() and dialog.progress.isVisible()
    dialog.cancel_job()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert "已取消" in dialog.status.text()
    assert window.record_tabs["students"].model.total == 3


def test_export_current_tab(window, tmp_path, monkeypatch):
    out = tmp_path / "students.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.tabs.setCurrentWidget(window.record_tabs["students"])
    window.record_tabs["students"].search.setText("11300")
    window.record_tabs["students"].reload()
    window.transfer.runner = SyncRunner()
    window.transfer.export_action.trigger()
    assert window.transfer.last_export is not None and window.transfer.last_export.rows == 2
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    tab = window.record_tabs["students"]
    col = [c.key for c in tab.model.columns].index("student_no")
    shown = [tab.model.index(r, col).data() for r in range(tab.model.rowCount())]
    assert list(rows[0]) == ROSTER and [r[0] for r in rows[1:]] == shown  # same filter, order
    assert sorted(shown) == ["113001", "113002"]
    assert "已匯出 2 筆" in window.statusBar().currentMessage()
