"""Render every window and dialog to PNG on a screen of the office PC's size, and say what
does not fit (a window larger than the screen, a label whose text is cut).

    lxp-desktop demo --students 600 --data-dir /tmp/demo600
    .venv/bin/python tools/screens.py /tmp/demo600 /tmp/screens [--screen 1280x720] \\
        [--user registrar --password demo] [--only main-tab_students,school-settings]

Exit status 1 when something does not fit (the list is printed). The README's screenshots
are copied from a run at 1366x768 on the demo school by ``--readme docs/``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

#: the README's screenshots: gallery name → file in docs/
README_SHOTS = {"main-tab_students": "main-window.png", "main-tab_notices": "notices.png"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--screen", default="1366x768")
    parser.add_argument("--user", default="registrar")
    parser.add_argument("--password", default="demo")
    parser.add_argument("--term", default="", help="e.g. 114-2 (default: the newest)")
    parser.add_argument("--only", default="", help="names to render, comma-separated")
    parser.add_argument("--readme", type=Path, help="copy main-window.png here")
    args = parser.parse_args(argv)

    from lxp_desktop.ui.screens import offscreen_platform

    config_dir = Path(tempfile.mkdtemp(prefix="lxp-screen-"))
    from PySide6.QtWidgets import QApplication

    app = QApplication(["lxp", "-platform", offscreen_platform(args.screen, config_dir)])
    from lxp_desktop import paths
    from lxp_desktop.services.workspace import Workspace
    from lxp_desktop.ui.app import configure_application, register_fonts
    from lxp_desktop.ui.gallery import problems, views

    paths.set_data_dir(args.data_dir)
    configure_application(app, "zh_TW")
    family = register_fonts()
    if family:
        font = app.font()
        font.setFamily(family)
        font.setPointSize(10)
        app.setFont(font)
    from lxp_desktop.domain.roc import Term
    from lxp_desktop.ui.main_window import MainWindow

    ws = Workspace.open(username=args.user, password=args.password)
    window = MainWindow(ws)
    window.show()
    if args.term:
        term = Term.parse(args.term)
        window.select_term(term.school_year, term.semester)
    for _ in range(5):
        app.processEvents()
    args.out.mkdir(parents=True, exist_ok=True)
    wanted = {n for n in args.only.split(",") if n}
    found: list[str] = []
    for name, widget in views(window):
        if wanted and name not in wanted:
            continue
        widget.grab().save(str(args.out / f"{name}.png"))
        found += problems(name, widget)
    if args.readme:
        args.readme.mkdir(parents=True, exist_ok=True)
        for name, target in README_SHOTS.items():
            if (args.out / f"{name}.png").is_file():
                shutil.copyfile(args.out / f"{name}.png", args.readme / target)
    window.close()
    ws.close()
    shutil.rmtree(config_dir, ignore_errors=True)
    for line in found:
        print(line)
    print(f"{args.screen}: {len(found)} problem(s); PNGs in {args.out}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
