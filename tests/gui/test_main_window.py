"""The main window driven as a clerk would: keyboard, search box, forms, offscreen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox

from lxp_desktop.services.registry import CATEGORIES
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.ui.main_window import MainWindow
from lxp_desktop.ui.record_form import RecordForm
from lxp_desktop.ui.table_model import RecordTableModel
from tests.makers import ADMIN_PASSWORD, ADMIN_USER


def type_text(qtbot, widget, text: str) -> None:
    """ASCII by key clicks; Chinese as an input method would commit it (keyClicks crashes)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


def students_tab(win: MainWindow):
    win.tabs.setCurrentWidget(win.record_tabs["students"])
    return win.record_tabs["students"]


def column_values(tab, key: str) -> list[str]:
    col = [c.key for c in tab.model.columns].index(key)
    return [tab.model.index(r, col).data() for r in range(tab.model.rowCount())]


def visible_form(tab) -> RecordForm:
    forms = [f for f in tab.findChildren(RecordForm) if f.isVisible()]
    assert len(forms) == 1
    return forms[0]


def open_form(qtbot, tab) -> RecordForm:
    qtbot.keyClick(tab.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = visible_form(tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.editors["student_no"].widget)
    return form


def fill_new_student(qtbot, form: RecordForm) -> None:
    """Walk the form with Tab, typing each field, as a clerk does."""
    typed = {"student_no": "113010", "national_id": "a200000003", "name": "陳怡君",
             "gender": "2", "birth_date": "0970301", "class_code": "101", "seat_no": "10"}
    focus = QApplication.focusWidget()
    assert focus is form.editors["student_no"].widget
    for key in ["student_no", "national_id", "name", "gender", "birth_date", "class_code",
                "seat_no"]:
        widget = form.editors[key].widget
        assert QApplication.focusWidget() is widget, key
        type_text(qtbot, widget, typed[key])
        qtbot.keyClick(widget, Qt.Key.Key_Tab)


def test_window_has_a_tab_per_category_and_status(window):
    labels = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert labels[:6] == ["學生基本資料", "幹部經歷", "修課紀錄", "課程諮詢紀錄",
                          "課程學習成果", "多元表現"]
    assert window.sync_label.text() == "未設定共用資料庫"
    assert str(window.workspace.store.path) in window.db_label.text()
    assert window.term_box.currentText() in ("113學年度第2學期", "113學年度第1學期")


def test_add_student_with_keyboard_search_edit_and_reopen(window, qtbot, data_dir):
    tab = students_tab(window)
    form = open_form(qtbot, tab)
    fill_new_student(qtbot, form)
    qtbot.keyClick(form.editors["seat_no"].widget, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier)
    assert not form.isVisible()
    assert "陳怡君" in column_values(tab, "name")
    assert "A200000003" in column_values(tab, "national_id")

    # find with the search box
    tab.search.setFocus()
    qtbot.keyClicks(tab.search, "11301")
    qtbot.waitUntil(lambda: column_values(tab, "student_no") == ["113010"])

    # edit: Enter on the row opens the form; change the seat number, save with Enter
    tab.view.setFocus()
    tab.view.selectRow(0)
    qtbot.keyClick(tab.view, Qt.Key.Key_F2)
    form = visible_form(tab)
    assert form.editors["name"].text() == "陳怡君"
    seat = form.editors["seat_no"].widget
    assert isinstance(seat, QLineEdit)
    seat.selectAll()
    qtbot.keyClicks(seat, "12")
    qtbot.keyClick(seat, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert column_values(tab, "seat_no") == ["12"]

    # close and reopen: still there
    workspace = window.workspace
    window.close()
    workspace.close()
    again = Workspace.open(data_dir, username=ADMIN_USER, password=ADMIN_PASSWORD)
    win2 = MainWindow(again)
    qtbot.addWidget(win2)
    win2.show()
    tab2 = students_tab(win2)
    tab2.search.setText("陳怡君")
    qtbot.waitUntil(lambda: column_values(tab2, "seat_no") == ["12"])
    win2.close()
    again.close()


def test_rejected_form_shows_message_by_the_field_and_saves_nothing(window, qtbot):
    tab = students_tab(window)
    before = tab.model.total
    form = open_form(qtbot, tab)
    qtbot.keyClicks(form.editors["student_no"].widget, "113020")
    qtbot.keyClicks(form.editors["national_id"].widget, "A123456780")
    qtbot.keyClicks(form.editors["birth_date"].widget, "113/02/30")
    qtbot.keyClick(form.editors["birth_date"].widget, Qt.Key.Key_Return)
    assert form.isVisible()
    assert "檢查碼" in form.editors["national_id"].message.text()
    assert form.editors["national_id"].message.isVisible()
    assert "姓名" in form.editors["name"].message.text()
    assert "不存在" in form.editors["birth_date"].message.text()
    assert not form.editors["student_no"].message.isVisible()
    assert QApplication.focusWidget() is form.editors["national_id"].widget
    qtbot.keyClick(form.editors["national_id"].widget, Qt.Key.Key_Escape)
    assert not form.isVisible()
    tab.reload()
    assert tab.model.total == before


def test_delete_asks_and_then_hides_the_row(window, qtbot, monkeypatch):
    tab = students_tab(window)
    tab.view.setFocus()
    tab.view.selectRow(0)
    first = column_values(tab, "name")[0]
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert first in column_values(tab, "name")
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert first not in column_values(tab, "name")


def test_term_selector_filters_enrolments(window, qtbot):
    tab = window.record_tabs["enrolments"]
    window.tabs.setCurrentWidget(tab)
    window.select_term(113, 1)
    assert column_values(tab, "name") == ["王小明"]
    window.select_term(113, 2)
    assert tab.model.total == 0
    assert window.count_label.text() == "0 筆"


def test_enrolment_form_uses_the_selected_term(window, qtbot, school):
    tab = window.record_tabs["enrolments"]
    window.tabs.setCurrentWidget(tab)
    window.select_term(113, 1)
    form = open_form(qtbot, tab)
    assert form.editors["school_year"].text() == "113"
    assert form.editors["semester"].text() == "1"
    qtbot.keyClicks(form.editors["student_no"].widget, "113002")
    qtbot.keyClicks(form.editors["course_code"].widget, school.courses["英語文"].code)
    qtbot.keyClicks(form.editors["score"].widget, "75")
    assert form.try_save()
    assert "李小華" in column_values(tab, "name")


def test_sorting_happens_in_sql(window, qtbot):
    tab = students_tab(window)
    col = [c.key for c in tab.model.columns].index("student_no")
    tab.view.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    assert column_values(tab, "student_no") == ["113002", "113001", "111005"]
    tab.view.sortByColumn(col, Qt.SortOrder.AscendingOrder)
    assert column_values(tab, "student_no") == ["111005", "113001", "113002"]


def test_models_pass_the_model_tester(app, workspace, school, qtmodeltester):
    for category in CATEGORIES:
        model = RecordTableModel(category.service, workspace.read)
        model.refresh()
        qtmodeltester.check(model)


def test_choice_fields_are_combo_boxes(window, qtbot):
    tab = students_tab(window)
    form = open_form(qtbot, tab)
    assert isinstance(form.editors["gender"].widget, QComboBox)
    form.reject()
