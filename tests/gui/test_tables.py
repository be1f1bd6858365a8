"""Tables that serve: the 學籍狀態 filter (在學 by default, departed shown grey on demand) and
a status bar count that belongs to the visible tab."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.notice_makers import set_status


def students_shown(tab) -> list[str]:
    col = [c.key for c in tab.model.columns].index("student_no")
    return [tab.model.index(r, col).data() for r in range(tab.model.rowCount())]


def test_status_filter_shows_who_is_in_school_first(window, workspace, school, qtbot):
    set_status(workspace, "113002", "轉出", postal_code="10058",
               address="臺北市中正區重慶南路一段122號3樓")
    window.bus.notify("student")
    tab = window.record_tabs["students"]
    window.tabs.setCurrentWidget(tab)
    tab.reload()
    assert tab.status_box.currentData() == "在學"
    assert "113002" not in students_shown(tab) and len(students_shown(tab)) == 2
    tab.status_box.setCurrentIndex(tab.status_box.findData("離校"))
    assert students_shown(tab) == ["113002"]
    tab.status_box.setCurrentIndex(tab.status_box.findData(""))
    shown = students_shown(tab)
    assert len(shown) == 3
    row = shown.index("113002")
    grey = tab.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert grey is not None and grey.color().name() == "#8a8a8a"
    other = tab.model.index((row + 1) % 3, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert other is None


def test_the_status_bar_counts_the_visible_tab(window, workspace, school, qtbot):
    tab = window.record_tabs["students"]
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: window.count_label.text() != "")
    assert window.count_label.text() == f"{tab.model.total} 筆"
    window.tabs.setCurrentWidget(window.submission_tab)
    assert window.count_label.text() == ""  # not the students tab's count
