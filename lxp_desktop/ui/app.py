"""Starting the window: the application object, the bundled font, translations, the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from lxp_desktop import __version__, paths
from lxp_desktop.store.db import StoreError

_translators: list[QTranslator] = []


def register_fonts() -> str | None:
    """Load the bundled Traditional Chinese font so the window shows Chinese on any PC."""
    family = None
    for font_file in sorted(paths.resources_dir().joinpath("fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(font_file))
        if font_id >= 0 and family is None:
            families = QFontDatabase.applicationFontFamilies(font_id)
            family = families[0] if families else None
    return family


def install_translations(app: QCoreApplication, lang: str) -> None:
    """Traditional Chinese is the source language; ``en`` loads the English translation."""
    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    if lang.startswith("zh"):
        qt = QTranslator(app)
        if qt.load(QLocale(QLocale.Language.Chinese, QLocale.Country.Taiwan), "qtbase", "_",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _translators.append(qt)
        return
    ours = QTranslator(app)
    if ours.load(str(paths.translations_dir() / f"lxp_{lang}.qm")):
        app.installTranslator(ours)
        _translators.append(ours)


def configure_application(app: QCoreApplication, lang: str) -> None:
    app.setApplicationName("LXP Desktop")
    app.setOrganizationName("lxp-desktop")
    app.setApplicationVersion(__version__)
    # window state lives beside the data, so each data folder (and each test) has its own
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(paths.data_dir() / "ui-state"))
    install_translations(app, lang)


def start_gui(lang: str, data_dir: Path | None = None) -> tuple[QApplication, Any]:
    """Everything up to the shown main window; ``None`` for the window when the store failed."""
    from lxp_desktop.services.workspace import Workspace
    from lxp_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    if data_dir is not None:
        paths.set_data_dir(data_dir)
    configure_application(app, lang)
    family = register_fonts()
    if family:
        font = QFont(family)
        font.setPointSize(10)
        QApplication.setFont(font)
    try:
        workspace = Workspace.open()
    except StoreError as exc:
        QMessageBox.critical(None, "LXP Desktop", str(exc))
        return app, None
    from lxp_desktop.services.confirmation import apply_due_in

    apply_due_in(workspace)  # a confirmation period that ended while the app was closed
    window = MainWindow(workspace)
    window.show()
    window.first_start()
    return app, window


def run_gui(lang: str, data_dir: Path | None) -> int:
    app, window = start_gui(lang, data_dir)
    if window is None:
        return 1
    code = app.exec()
    window.workspace.close()
    return int(code)
