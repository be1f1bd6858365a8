"""Traditional Chinese by default; --lang en shows English from the translation file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from lxp_desktop.ui.app import install_translations
from lxp_desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def test_english_window(app, workspace, school, qtbot):
    install_translations(app, "en")
    try:
        win = MainWindow(workspace)
        qtbot.addWidget(win)
        labels = [win.tabs.tabText(i) for i in range(6)]
        assert labels == ["Students", "Cadre records", "Course records",
                          "Course consultations", "Course learning outcomes",
                          "Diverse performances"]
        assert win.sync_label.text() == "No shared database configured"
        tab = win.record_tabs["students"]
        assert tab.model.headerData(3, Qt.Orientation.Horizontal) == "Name"
        # lists whose headers and actions are kept in tables, not written inline
        log = win.show_audit()
        qtbot.addWidget(log)
        assert log.model.headerData(7, Qt.Orientation.Horizontal) == "Changes"
        actions = {row[6] for row in log.model.rows}
        assert actions and not any("\u4e00" <= ch <= "\u9fff" for a in actions for ch in a)
    finally:
        install_translations(app, "zh_TW")
    win2 = MainWindow(workspace)
    qtbot.addWidget(win2)
    assert win2.tabs.tabText(0) == "學生基本資料"


def test_every_visible_string_has_english():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "translations.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_compiled_translation_is_current(tmp_path):
    """The committed .qm is what lrelease makes of the committed .ts."""
    ts = ROOT / "resources" / "translations" / "lxp_en.ts"
    fresh = tmp_path / "fresh.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(fresh)], check=True)
    assert fresh.read_bytes() == ts.with_suffix(".qm").read_bytes()
