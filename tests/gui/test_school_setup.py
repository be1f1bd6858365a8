"""Setting up a new store from the window: school data, a term, a class."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from lxp_desktop.services.school import get_school
from lxp_desktop.ui.main_window import MainWindow
from lxp_desktop.ui.record_form import RecordForm
from lxp_desktop.ui.school_dialog import TermsAndClassesDialog


def visible(cls):
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()]
    assert len(found) == 1, found
    return found[0]


def test_first_start_asks_for_the_school_then_terms_and_classes(app, workspace, qtbot):
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    win.show()
    win.first_start()
    form = visible(RecordForm)
    form.editors["code"].set_text("06340")
    form.editors["name"].set_text("臺中市私立示範高級中學")
    form.editors["postal_code"].set_text("100")
    form.editors["address"].set_text("臺中市西屯區福星路100號")
    assert not form.try_save()
    assert "6 碼" in form.editors["code"].message.text()
    assert "臺中市西屯區" in form.editors["address"].message.text()
    form.editors["code"].set_text("063401")
    form.editors["postal_code"].set_text("407")
    assert form.try_save()
    with workspace.read() as s:
        assert get_school(s).name == "臺中市私立示範高級中學"
    assert "臺中市私立示範高級中學" in win.windowTitle()

    dialog = visible(TermsAndClassesDialog)
    tab = dialog.terms_tab
    term_form = tab.add_record()
    term_form.editors["school_year"].set_text("113")
    term_form.editors["semester"].set_text("2")
    term_form.editors["start_date"].set_text("113/08/01")
    term_form.editors["end_date"].set_text("114/07/31")
    assert not term_form.try_save()
    assert "113學年度第1學期" in term_form.editors["start_date"].message.text()
    term_form.editors["start_date"].set_text("114/02/01")
    assert term_form.try_save()
    assert tab.model.total == 1
    # the toolbar's term selector learns the new term at once
    assert win.term_box.findData("113-2") >= 0

    dialog.tabs.setCurrentWidget(dialog.classes_tab)
    class_form = dialog.classes_tab.add_record()
    for key, value in {"school_year": "113", "code": "101", "name": "一年一班"}.items():
        class_form.editors[key].set_text(value)
    assert class_form.try_save()
    assert dialog.classes_tab.model.total == 1
    dialog.reject()
