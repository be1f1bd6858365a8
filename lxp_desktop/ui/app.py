"""Starting the window: the application object, the bundled font, translations, the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QSize,
    QTranslator,
)
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

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


def app_icon() -> QIcon:
    """The app's icon in every rendered size (the window, the taskbar, Alt+Tab)."""
    icon = QIcon()
    for size in paths.ICON_SIZES:
        png = paths.app_icon_path(size)
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    return icon


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
    if isinstance(app, QGuiApplication):
        app.setWindowIcon(app_icon())
        # Wayland and the taskbars match the window to installers/linux/lxp-desktop.desktop
        QGuiApplication.setDesktopFileName("lxp-desktop")


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
        workspace = Workspace.open(source="表單")
    except StoreError as exc:
        workspace = offer_restore(str(exc))
        if workspace is None:
            return app, None
    if not sign_in(workspace):
        workspace.close()
        return app, None
    from lxp_desktop.services.confirmation import apply_due_in

    apply_due_in(workspace)  # a confirmation period that ended while the app was closed
    window = MainWindow(workspace)
    window.show()
    from lxp_desktop.services.formats import check_at_start

    problem = check_at_start()  # a school's layout file that is wrong: said now, by line
    if problem:
        QMessageBox.warning(window, QCoreApplication.translate("App", "名冊格式檔有誤"), problem)
    window.first_start()
    start_daily_backup(window)
    return app, window


def sign_in(workspace: Any, parent: Any = None) -> bool:
    """The first-start set-up or the sign-in, before any data is shown."""
    from lxp_desktop.ui.sign_in import SETUP, SIGN_IN, SignInDialog

    mode = SETUP if workspace.needs_setup() else SIGN_IN
    return SignInDialog(workspace, mode, parent).exec() == SignInDialog.DialogCode.Accepted


def offer_restore(problem: str) -> Any:
    """The store cannot be opened (damaged): offer to restore a backup, then open it."""
    from lxp_desktop.domain.errors import ValidationFailed
    from lxp_desktop.services import backups
    from lxp_desktop.services.workspace import Workspace

    answer = QMessageBox.critical(
        None, "LXP Desktop",
        problem + "\n\n" + QCoreApplication.translate("App", "要從備份還原嗎？目前的資料庫檔會保留在備份資料夾。"),
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close)
    if answer != QMessageBox.StandardButton.Open:
        return None
    path, _f = QFileDialog.getOpenFileName(None, QCoreApplication.translate("App", "從備份還原"),
                                           str(paths.backups_dir()),
                                           QCoreApplication.translate("App", "備份檔 (*.zip)"))
    if not path:
        return None
    try:
        backups.restore(None, Path(path), paths.database_path())
        return Workspace.open(source="表單")
    except (ValidationFailed, StoreError) as exc:
        QMessageBox.critical(None, "LXP Desktop", str(exc))
        return None


def start_daily_backup(window: Any) -> None:
    """The day's first start backs the store up, off the UI thread."""
    from lxp_desktop.services import backups

    def failed(exc: BaseException, _tb: str) -> None:
        window.statusBar().showMessage(
            QCoreApplication.translate("App", "每日自動備份失敗：") + str(exc))

    def done(path: object) -> None:
        if path:
            window.statusBar().showMessage(
                QCoreApplication.translate("App", "已完成今日自動備份"), 10_000)

    window.runner.start(lambda _report: backups.daily_backup(window.workspace),
                        done=done, failed=failed)


def run_gui(lang: str, data_dir: Path | None) -> int:
    app, window = start_gui(lang, data_dir)
    if window is None:
        return 1
    code = app.exec()
    window.workspace.close()
    return int(code)
