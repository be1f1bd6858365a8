"""Every window and dialog on the office PC's screen (1366×768, and 1280×720): it fits, its
buttons are on the screen, no label's text is cut; the main window opens maximised."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox

from lxp_desktop.domain.errors import FieldError, ValidationFailed
from lxp_desktop.ui.gallery import problems, views
from lxp_desktop.ui.main_window import MainWindow
from lxp_desktop.ui.settings_dialog import SettingsDialog
from tests.makers import ADMIN_PASSWORD, ADMIN_USER

ROOT = Path(__file__).resolve().parents[2]


def test_the_tests_run_on_the_office_screen(app):
    screen = QGuiApplication.primaryScreen().geometry()
    if not os.environ.get("LXP_TEST_SCREEN"):
        assert (screen.width(), screen.height()) == (1366, 768)


def test_every_window_and_dialog_fits_1366x768(window, qtbot):
    seen, found = [], []
    for name, widget in views(window):
        seen.append(name)
        found += problems(name, widget)
    assert {"main-tab_notices", "school-settings", "form-students", "sign-in",
            "certification-queue", "audit"} <= set(seen), seen
    assert found == [], "\n".join(found)


def test_main_window_opens_maximised_then_keeps_the_users_size(app, workspace, school, qtbot):
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.windowState() & Qt.WindowState.WindowMaximized
    assert win.statusBar().isVisible()
    win.showNormal()
    win.setGeometry(60, 40, 1200, 650)
    win.close()
    again = MainWindow(workspace)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert not again.windowState() & Qt.WindowState.WindowMaximized
    assert (again.width(), again.height()) == (1200, 650)
    assert QSettings().value("window/geometry") is not None


def test_school_settings_scroll_and_keep_their_buttons_in_view(window, qtbot):
    dialog = SettingsDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    dialog.show()
    room = QGuiApplication.primaryScreen().availableGeometry()
    assert dialog.height() + 40 <= room.height()
    # 確定 is inside the dialog's visible rectangle, not under the bottom of the screen
    box = dialog.findChild(QDialogButtonBox)
    bottom = box.mapTo(dialog, box.rect().bottomLeft()).y()
    assert bottom <= dialog.height()
    assert dialog.scroll_area.widget().height() > dialog.scroll_area.viewport().height()  # it scrolls


def test_a_two_line_message_under_a_field_is_shown_whole(window, qtbot):
    tab = window.record_tabs["students"]
    window.tabs.setCurrentWidget(tab)
    form = tab.add_record()
    qtbot.addWidget(form)
    long = ("學號：已有一位學生使用學號 S1130001（301 班 1 號 王小明）；請改用另一個學號，"
            "或到「學生基本資料」找到那位學生修改他的資料，不要重複建立。")
    form.show_errors(ValidationFailed(FieldError("student_no", long)))
    qtbot.wait(10)
    label = form.editors["student_no"].message
    assert label.isVisible()
    assert label.heightForWidth(label.width()) <= label.height() + 1
    assert problems("form", form) == []


def test_every_view_fits_1280x720_too(workspace, school, tmp_path, data_dir):
    """The same gallery in a process of its own, on a 1280×720 screen (tools/screens.py)."""
    workspace.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "screens.py"), str(data_dir), str(tmp_path / "png"),
         "--screen", "1280x720", "--user", ADMIN_USER, "--password", ADMIN_PASSWORD],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1280x720: 0 problem(s)" in run.stdout
    assert (tmp_path / "png" / "main-tab_notices.png").is_file()
    assert (tmp_path / "png" / "school-settings.png").is_file()
