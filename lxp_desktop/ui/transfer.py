"""Import and export on the main window: File menu 匯入／匯出, toolbar buttons, export job."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QProgressDialog

from lxp_desktop.services.exports import IMPORT_KIND_OF_TAB, ExportResult, default_name, export_view
from lxp_desktop.ui.import_dialog import ImportDialog
from lxp_desktop.ui.jobs import JobHandle, ThreadRunner


def tr(text: str) -> str:
    return QCoreApplication.translate("Transfer", text)


class Transfer:
    """The import/export actions of one main window."""

    def __init__(self, window: Any) -> None:
        self.window: QMainWindow = window
        self.runner: ThreadRunner = ThreadRunner()
        self.job: JobHandle | None = None
        self.last_export: ExportResult | None = None
        self.import_action = QAction(tr("匯入 Excel／CSV(&I)…"), window)
        self.import_action.setObjectName("import_action")
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.setToolTip(tr("匯入學籍、課程、修課紀錄、幹部經歷或多元表現（先試算再寫入）"))
        self.import_action.triggered.connect(self.open_import)
        self.export_action = QAction(tr("匯出目前分頁(&E)…"), window)
        self.export_action.setObjectName("export_action")
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setToolTip(tr("把目前分頁篩選後的資料匯出為 Excel（可再匯入）"))
        self.export_action.triggered.connect(self.export_current)
        menu = window.file_menu
        first = menu.actions()[0] if menu.actions() else None
        menu.insertAction(first, self.import_action)
        menu.insertAction(first, self.export_action)
        menu.insertSeparator(first)
        window.toolbar.addSeparator()
        window.toolbar.addAction(self.import_action)
        window.toolbar.addAction(self.export_action)

    def open_import(self) -> ImportDialog:
        tab = self.window.tabs.currentWidget()
        kind = IMPORT_KIND_OF_TAB.get(getattr(getattr(tab, "category", None), "key", ""), "roster")
        dialog = ImportDialog(self.window.workspace, self.window.bus, self.window, self.runner,
                              kind)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def export_current(self) -> JobHandle | None:
        tab = self.window.tabs.currentWidget()
        category = getattr(tab, "category", None)
        if category is None:
            return None
        query = tab.query()
        name, _ = QFileDialog.getSaveFileName(
            self.window, tr("匯出為 Excel"), str(Path.home() / default_name(category.key, query)),
            tr("Excel 活頁簿 (*.xlsx)"))
        if not name:
            return None
        out = Path(name)
        if out.suffix.lower() != ".xlsx":
            out = out.with_suffix(".xlsx")
        dialog = QProgressDialog(tr("匯出中…"), tr("取消"), 0, 0, self.window)
        dialog.setObjectName("export_progress")
        dialog.setWindowTitle(tr("匯出"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        workspace = self.window.workspace

        def job(progress: Any) -> ExportResult:
            return export_view(workspace, category.key, query, out, progress)

        def step(done: int, total: int, text: str) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))
            dialog.setLabelText(text)

        def finished(result: ExportResult) -> None:
            dialog.reset()
            dialog.deleteLater()
            self.last_export = result
            self.window.statusBar().showMessage(
                tr("已匯出 %1 筆：%2").replace("%1", str(result.rows)).replace("%2", str(result.path)),
                10000)

        def failed(exc: BaseException, _tb: str) -> None:
            dialog.reset()
            dialog.deleteLater()
            from lxp_desktop.ui.jobs import Cancelled

            if isinstance(exc, Cancelled):
                self.window.statusBar().showMessage(tr("已取消匯出，沒有產生檔案。"), 10000)
                return
            from lxp_desktop.ui.errors import describe

            QMessageBox.warning(self.window, tr("無法匯出"), describe(exc))

        self.job = self.runner.start(job, done=finished, failed=failed, progress=step)
        dialog.canceled.connect(self.job.cancel)
        return self.job
