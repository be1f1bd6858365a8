"""The 紙本通知 tab driven as a clerk would: pre-selected departed students, add/remove by
keyboard, a batch generated off the UI thread, preview, print, save, the mailing log and a
barcode scanner typing a reply slip's code."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtPrintSupport import QPrinter
from sqlalchemy import func, select

from lxp_desktop.services import notices
from lxp_desktop.store.notice_models import Notice
from lxp_desktop.ui.jobs import SyncRunner, ThreadRunner
from lxp_desktop.ui.tabs.notices import FieldsDialog, NoticesTab
from tests.notice_makers import departed_school


def open_tab(window, qtbot) -> NoticesTab:
    window.bus.notify("student")  # the makers wrote behind the window's back
    window.select_term(113, 2)
    window.tabs.setCurrentWidget(window.notices_tab)
    tab = window.notices_tab
    tab.runner = ThreadRunner()
    return tab


def students(tab: NoticesTab) -> list[str]:
    return [r.student_no for r in tab.model.rows]


def select_student(tab: NoticesTab, student_no: str) -> None:
    row = students(tab).index(student_no)
    tab.view.selectionModel().setCurrentIndex(
        tab.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)


def generate(tab: NoticesTab, qtbot) -> None:
    job = tab.generate()
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=20000)


def test_batch_from_preselection_to_print_and_log(window, workspace, qtbot, tmp_path,
                                                   monkeypatch) -> None:
    departed_school(workspace)
    tab = open_tab(window, qtbot)
    assert sorted(students(tab)) == ["111005", "113002"]

    # add 王小明 (still in school) by 學號 + Enter, then remove him with Delete
    tab.add_edit.setFocus()
    qtbot.keyClicks(tab.add_edit, "113001")
    qtbot.keyClick(tab.add_edit, Qt.Key.Key_Return)
    assert "113001" in students(tab)
    select_student(tab, "113001")
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert sorted(students(tab)) == ["111005", "113002"]

    generate(tab, qtbot)
    assert tab.last_pdf is not None and tab.last_pdf.exists(), tab.message.text()
    assert len(tab.preview.pages) == 2 and not tab.preview.pages[0].isNull()
    assert {r.state for r in tab.model.rows} == {"已產生"}
    assert "已產生 2 份通知" in tab.message.text()

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert tab.print_to(printer) == 2
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 2

    saved = tmp_path / "saved.pdf"
    monkeypatch.setattr("lxp_desktop.ui.tabs.notices.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(saved), ""))
    assert tab.save_dialog() == saved
    assert "李小華" in PdfReader(saved).pages[0].extract_text()
    assert tab.export("list_xlsx", tmp_path / "list.xlsx") == tmp_path / "list.xlsx"

    # mailing log: sent, then the reply slip scanned (keyboard wedge: code + Enter)
    select_student(tab, "113002")
    dialog = tab.sent_dialog()
    assert isinstance(dialog, FieldsDialog)
    dialog.editors["registered_no"].setPlainText("123456")
    dialog.accept()
    row = next(r for r in tab.model.rows if r.student_no == "113002")
    assert row.state == "已寄出" and "123456" in row.detail

    tab.scan_edit.setFocus()
    qtbot.keyClicks(tab.scan_edit, row.reference.lower())
    qtbot.keyClick(tab.scan_edit, Qt.Key.Key_Return)
    reply = tab.dialog
    assert isinstance(reply, FieldsDialog) and row.reference in reply.windowTitle()
    reply.editors["reply"].setCurrentText("疑義")
    reply.accept()  # an objection needs its content
    assert reply.isVisible() and "疑義內容" in reply.error.text()
    reply.editors["objection"].setPlainText("選修課程第002號的學分應為 3")
    reply.accept()
    row = next(r for r in tab.model.rows if r.student_no == "113002")
    assert row.state == "已回覆" and "學分應為 3" in row.detail
    assert "已回覆 1" in tab.summary.text()


def test_unknown_code_and_unknown_student_are_reported(window, workspace, qtbot) -> None:
    departed_school(workspace)
    tab = open_tab(window, qtbot)
    tab.scan_edit.setText("1132-ZZZZZZ")
    tab.scan()
    assert "1132-ZZZZZZ" in tab.message.text() and tab.dialog is None
    tab.add_edit.setText("999999")
    tab.add_from_edit()
    assert "999999" in tab.message.text()


class CancellingRunner(SyncRunner):
    """The clerk presses 取消 as soon as the job starts."""

    def _run(self, runnable) -> None:  # type: ignore[no-untyped-def]
        runnable.handle.cancel()
        runnable.run()


def test_cancel_leaves_nothing_behind(window, workspace, qtbot) -> None:
    departed_school(workspace)
    tab = open_tab(window, qtbot)
    tab.runner = CancellingRunner()
    tab.generate()
    assert "已取消" in tab.message.text()
    with workspace.read() as s:
        assert s.scalar(select(func.count()).select_from(Notice)) == 0
    assert not list((Path(workspace.store.path).parent / "notices").glob("*.pdf"))


def test_problems_are_shown_before_anything_is_made(window, workspace, qtbot) -> None:
    departed_school(workspace)
    tab = open_tab(window, qtbot)
    tab.runner = SyncRunner()
    tab.deadline_edit.setText("不是日期")
    assert tab.generate() is None and "回覆期限" in tab.message.text()
    tab.deadline_edit.setText("")
    with workspace.write() as (s, a):
        from lxp_desktop.services.students import find_student
        from lxp_desktop.services.students import students as svc

        svc.update(s, a, find_student(s, "111005").id, {"postal_code": "", "address": ""})
    tab.reload()
    tab.generate()
    assert "111005" in tab.message.text() and "沒有郵遞區號" in tab.message.text()
    with workspace.read() as s:
        assert notices.counts(s, notices.Term(113, 2))["未產生"] == 2


def select_all(tab: NoticesTab) -> None:
    tab.view.selectAll()


def test_reprint_any_time_and_a_second_generation_asks(window, workspace, qtbot,
                                                       monkeypatch) -> None:
    departed_school(workspace)
    tab = open_tab(window, qtbot)
    generate(tab, qtbot)
    first = {r.student_no: r.reference for r in tab.model.rows}
    # a new session of the tab (as after restarting the app): 列印 works for earlier notices
    tab.last_pdf, tab.last_notice_ids = None, []
    tab._update_buttons()
    assert not tab.print_button.isEnabled() and tab.reprint_button.isEnabled()
    select_student(tab, "113002")
    out = tab.reprint_selected()
    assert out is not None and tab.print_button.isEnabled() and tab.save_button.isEnabled()
    assert first["113002"] in PdfReader(out).pages[0].extract_text()
    assert "參考編號不變" in tab.message.text()
    # generating again asks; 取消 does nothing
    asked: list[int] = []
    monkeypatch.setattr(tab, "ask_live", lambda n: asked.append(n) or None)
    assert tab.generate() is None and asked == [2]
    with workspace.read() as s:
        assert s.scalar(select(func.count()).select_from(Notice)) == 2
    # 作廢並發新通知: new references; the old slip reports 已作廢 when scanned
    monkeypatch.setattr(tab, "ask_live", lambda n: "reissue")
    generate(tab, qtbot)
    now = {r.student_no: r.reference for r in tab.model.rows}
    assert not set(now.values()) & set(first.values())
    assert "已作廢的原通知" in tab.message.text()
    tab.scan_edit.setText(first["113002"])
    tab.scan()
    assert tab.dialog is None and "已作廢" in tab.message.text()
    assert now["113002"] in tab.message.text()


def test_a_batch_is_sent_numbered_returned_and_imported(window, workspace, qtbot,
                                                       tmp_path) -> None:
    departed_school(workspace)
    tab = open_tab(window, qtbot)
    generate(tab, qtbot)
    tab.view.clearSelection()
    dialog = tab.sent_dialog()  # nothing selected: the whole batch
    assert dialog.editors["scope"].currentText() == "整批 2 份"
    dialog.editors["registered_no"].setPlainText("700100")
    dialog.accept()
    assert not dialog.isVisible(), dialog.error.text()
    by_no = {r.student_no: r for r in tab.model.rows}
    assert {r.state for r in by_no.values()} == {"已寄出"}
    numbers = sorted(r.detail.split("掛號 ")[1] for r in by_no.values())
    assert numbers == ["700100", "700101"]
    # the post office's list corrects the numbers by reference
    path = tmp_path / "post.csv"
    path.write_text("參考編號,掛號號碼\n" + "".join(
        f"{r.reference},81{i:04d}\n" for i, r in enumerate(by_no.values())), encoding="utf-8")
    assert tab.import_registered(path) == 2
    assert "已登記 2 份" in tab.message.text()
    # 退件 for both at once
    select_all(tab)
    returned = tab.returned_dialog()
    returned.editors["reason"].setText("查無此人")
    returned.accept()
    assert {r.state for r in tab.model.rows} == {"退件"}
