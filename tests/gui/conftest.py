from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from lxp_desktop.ui.app import configure_application, register_fonts


@pytest.fixture
def app(qapp: QApplication, data_dir):  # type: ignore[no-untyped-def]
    configure_application(qapp, "zh_TW")
    register_fonts()
    return qapp


@pytest.fixture
def window(app, workspace, school, qtbot):  # type: ignore[no-untyped-def]
    from lxp_desktop.ui.main_window import MainWindow

    win = MainWindow(workspace)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
