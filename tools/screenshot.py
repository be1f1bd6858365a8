"""Take the README's screenshot of the main window on a demo store (offscreen).

    lxp-desktop demo --students 600 --data-dir /tmp/demo600
    QT_QPA_PLATFORM=offscreen python tools/screenshot.py /tmp/demo600 docs/main-window.png [TAB SEARCH]
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from lxp_desktop import paths
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.ui.app import configure_application, register_fonts


def main(data_dir: str, out: str, tab: str = "enrolments", search: str = "301") -> None:
    app = QApplication(sys.argv[:1])
    paths.set_data_dir(Path(data_dir))
    configure_application(app, "zh_TW")
    family = register_fonts()
    if family:
        font = app.font()
        font.setFamily(family)
        font.setPointSize(10)
        app.setFont(font)
    from lxp_desktop.ui.main_window import MainWindow

    ws = Workspace.open(username="registrar", password="demo")
    win = MainWindow(ws)
    win.resize(1280, 720)
    win.show()
    win.select_term(114, 2)  # a finished term: grades are in
    win.tabs.setCurrentWidget(win.record_tabs[tab])
    win.record_tabs[tab].search.setText(search)  # one class, as a clerk checks it
    for _ in range(5):
        app.processEvents()
    win.grab().save(out)
    ws.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
