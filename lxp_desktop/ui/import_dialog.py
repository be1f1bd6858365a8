"""The import dialog: pick a kind and a file, map columns, preview (dry run), then commit.

Both the preview and the commit run off the UI thread (``ui.jobs``) with a progress bar and a
cancel button; a cancelled or failed run leaves the database exactly as it was. The column
mapping is remembered per layout (a hash of the header row) on this workstation.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lxp_desktop import paths
from lxp_desktop.io.tabular import FileProblem
from lxp_desktop.services.exports import write_template
from lxp_desktop.services.imports import (
    KINDS,
    ImportKind,
    ImportReport,
    propose_mapping,
    read_header,
    remember_mapping,
    resolve_mapping,
    run_import,
    save_annotated,
)
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.ui.changes import ChangeBus
from lxp_desktop.ui.jobs import JobHandle, ThreadRunner


def tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


KIND_LABELS = {"roster": "學籍", "courses": "課程", "enrolments": "修課紀錄",
               "cadres": "幹部經歷", "performances": "多元表現"}


def template_path(kind_key: str) -> Path:
    return paths.resources_dir() / "templates" / f"{KIND_LABELS[kind_key]}_範本.xlsx"


class MappingDialog(QDialog):
    """For each column the app knows, which column of the file holds it."""

    def __init__(self, kind: ImportKind, header: list[str], parent: QWidget | None = None,
                 ) -> None:
        super().__init__(parent)
        self.kind, self.header = kind, header
        self.setObjectName("mapping_dialog")
        self.setWindowTitle(tr("對應欄位"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("檔案的欄位標題與範本不同；請確認每個欄位對應到檔案的哪一欄。"
                                   "（* 為必要欄位）這個對應會記住，下次同樣版面的檔案自動套用。"),
                                self))
        form = QFormLayout()
        proposed = propose_mapping(kind, header)
        self.boxes: dict[str, QComboBox] = {}
        for col in kind.columns:
            box = QComboBox(self)
            box.setObjectName(f"map_{col.header}")
            box.addItem(tr("（不匯入）"), -1)
            for i, h in enumerate(header):
                box.addItem(h or tr("（第 %1 欄，無標題）").replace("%1", str(i + 1)), i)
            chosen = proposed.get(col.header)
            if chosen is not None:
                box.setCurrentIndex(box.findData(chosen))
            self.boxes[col.header] = box
            form.addRow(col.header + (" *" if col.required else ""), box)
        layout.addLayout(form)
        self.problem = QLabel(self)
        self.problem.setObjectName("mapping_problem")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def mapping(self) -> dict[str, int]:
        return {h: int(b.currentData()) for h, b in self.boxes.items() if int(b.currentData()) >= 0}

    def accept(self) -> None:
        mapping = self.mapping()
        missing = [c.header for c in self.kind.columns if c.required and c.header not in mapping]
        used = list(mapping.values())
        if missing:
            self.problem.setText(tr("還缺必要欄位：") + "、".join(missing))
            return
        if len(used) != len(set(used)):
            self.problem.setText(tr("同一個檔案欄位不可對應到兩個欄位；請更正。"))
            return
        super().accept()


class ImportDialog(QDialog):
    """Import one file: preview first, then commit all or nothing."""

    def __init__(self, workspace: Workspace, bus: ChangeBus, parent: QWidget | None = None,
                 runner: ThreadRunner | None = None, kind: str = "roster") -> None:
        super().__init__(parent)
        self.workspace, self.bus = workspace, bus
        self.runner = runner or ThreadRunner()
        self.setObjectName("import_dialog")
        self.setWindowTitle(tr("匯入 Excel／CSV"))
        self.resize(760, 560)
        self.report: ImportReport | None = None
        self.mapping: dict[str, int] | None = None
        self.job: JobHandle | None = None

        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("kind")
        for key, label in KIND_LABELS.items():
            self.kind_box.addItem(QCoreApplication.translate("records", label), key)
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(kind)))
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("path")
        self.path_edit.setPlaceholderText(tr(".xlsx 或 .csv（UTF-8、UTF-8 BOM 或 Big5）"))
        browse = QPushButton(tr("選擇檔案(&B)…"), self)
        browse.setObjectName("browse")
        self.template_button = QPushButton(tr("儲存範本(&T)…"), self)
        self.template_button.setObjectName("save_template")
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout()
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_box, 1)
        kind_row.addWidget(self.template_button)
        form.addRow(tr("種類(&K)："), kind_row)
        form.addRow(tr("檔案(&F)："), row)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("progress")
        self.progress.setVisible(False)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("report")
        self.text.setReadOnly(True)

        self.preview_button = QPushButton(tr("預覽（試算）(&P)"), self)
        self.preview_button.setObjectName("preview")
        self.commit_button = QPushButton(tr("匯入(&I)"), self)
        self.commit_button.setObjectName("commit")
        self.commit_button.setEnabled(False)
        self.annotate_button = QPushButton(tr("儲存標註錯誤的檔案(&A)…"), self)
        self.annotate_button.setObjectName("annotate")
        self.annotate_button.setEnabled(False)
        self.cancel_button = QPushButton(tr("取消執行(&C)"), self)
        self.cancel_button.setObjectName("cancel_job")
        self.cancel_button.setEnabled(False)
        close = QPushButton(tr("關閉"), self)
        buttons = QHBoxLayout()
        for b in (self.preview_button, self.commit_button, self.annotate_button,
                  self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)

        browse.clicked.connect(self.browse)
        self.template_button.clicked.connect(self.save_template)
        self.preview_button.clicked.connect(self.preview)
        self.commit_button.clicked.connect(self.commit)
        self.annotate_button.clicked.connect(self.save_annotated_copy)
        self.cancel_button.clicked.connect(self.cancel_job)
        close.clicked.connect(self.reject)
        self.kind_box.currentIndexChanged.connect(self._reset)
        self.path_edit.textChanged.connect(self._reset)

    # --- state ---------------------------------------------------------------------------
    @property
    def kind(self) -> ImportKind:
        return KINDS[self.kind_box.currentData()]

    @property
    def path(self) -> Path:
        return Path(self.path_edit.text().strip())

    def _reset(self, *_args: object) -> None:
        self.report, self.mapping = None, None
        self.commit_button.setEnabled(False)
        self.annotate_button.setEnabled(False)

    def _busy(self, busy: bool) -> None:
        for w in (self.preview_button, self.kind_box, self.path_edit, self.template_button):
            w.setEnabled(not busy)
        self.commit_button.setEnabled(False)
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)

    # --- actions -------------------------------------------------------------------------
    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("選擇要匯入的檔案"), str(Path.home()),
                                              tr("Excel 或 CSV (*.xlsx *.csv)"))
        if name:
            self.path_edit.setText(name)

    def save_template(self) -> Path | None:
        kind = self.kind_box.currentData()
        default = str(Path.home() / template_path(kind).name)
        name, _ = QFileDialog.getSaveFileName(self, tr("儲存範本"), default,
                                              tr("Excel 活頁簿 (*.xlsx)"))
        if not name:
            return None
        out = Path(name)
        shipped = template_path(kind)
        if shipped.is_file():
            shutil.copyfile(shipped, out)
        else:
            write_template(kind, out)
        self.status.setText(tr("範本已儲存：") + str(out))
        return out

    def choose_mapping(self) -> bool:
        """Find the column mapping (remembered, exact, or asked); False if the clerk gave up."""
        try:
            _sheet, header, _enc = read_header(self.path, self.kind)
        except FileProblem as exc:
            self._show_problem(str(exc))
            return False
        mapping, missing = resolve_mapping(self.workspace.store, self.kind, header)
        if missing:
            dialog = MappingDialog(self.kind, header, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            mapping = dialog.mapping()
            remember_mapping(self.workspace.store, self.kind.key, header, mapping)
        self.mapping = mapping
        return True

    def preview(self) -> None:
        if not self.path_edit.text().strip():
            self._show_problem(tr("請先選擇要匯入的檔案。"))
            return
        if not self.choose_mapping():
            return
        self._start(dry_run=True)

    def commit(self) -> None:
        if self.report is None or not self.report.ok:
            return
        self._start(dry_run=False)

    def _start(self, dry_run: bool) -> None:
        kind, path, mapping, ws = self.kind.key, self.path, dict(self.mapping or {}), self.workspace
        self._busy(True)
        self.status.setText(tr("試算中…") if dry_run else tr("匯入中…"))

        def job(progress: Any) -> ImportReport:
            return run_import(ws, kind, path, dry_run=dry_run, mapping=mapping,
                              progress=progress)

        self.job = self.runner.start(job, done=self._done, failed=self._failed,
                                     progress=self._progress)

    def cancel_job(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status.setText(tr("取消中…"))

    def _progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        self.status.setText(QCoreApplication.translate("imports", text))

    def _done(self, report: ImportReport) -> None:
        self._busy(False)
        self.job = None
        self.report = report
        self.text.setPlainText(report.full_text())
        self.annotate_button.setEnabled(report.error_count > 0)
        if report.cancelled:
            self.status.setText(tr("已取消，資料庫沒有任何變更。"))
        elif report.committed:
            self.status.setText(tr("匯入完成：新增 %1、修改 %2、不變 %3。")
                                .replace("%1", str(report.new)).replace("%2", str(report.changed))
                                .replace("%3", str(report.unchanged)))
            self.bus.notify(self.kind.service.table)
        elif report.error_count:
            self.status.setText(tr("有 %1 個錯誤，沒有寫入任何資料。").replace(
                "%1", str(report.error_count)))
        else:
            nothing = report.new == 0 and report.changed == 0
            self.status.setText(tr("檔案與資料庫相同，沒有需要匯入的變更。") if nothing else
                                tr("試算完成：新增 %1、修改 %2、不變 %3。按「匯入」寫入資料庫。")
                                .replace("%1", str(report.new))
                                .replace("%2", str(report.changed))
                                .replace("%3", str(report.unchanged)))
            self.commit_button.setEnabled(not nothing)

    def _failed(self, exc: BaseException, _tb: str) -> None:
        self._busy(False)
        self.job = None
        from lxp_desktop.ui.errors import describe

        message = str(exc) if isinstance(exc, FileProblem) else describe(
            exc, tr("匯入時發生未預期的錯誤，資料庫沒有任何變更："))
        self._show_problem(message)

    def _show_problem(self, message: str) -> None:
        self.status.setText(message)
        self.text.setPlainText(message)

    def save_annotated_copy(self) -> Path | None:
        if self.report is None:
            return None
        default = self.path.with_name(self.path.stem + "_錯誤標註.xlsx")
        name, _ = QFileDialog.getSaveFileName(self, tr("儲存標註錯誤的檔案"), str(default),
                                              tr("Excel 活頁簿 (*.xlsx)"))
        if not name:
            return None
        try:
            save_annotated(self.report, self.path, name)
        except (FileProblem, OSError) as exc:
            QMessageBox.warning(self, tr("無法儲存"), str(exc))
            return None
        self.status.setText(tr("已儲存標註檔：") + name)
        return Path(name)

    def reject(self) -> None:
        if self.job is not None and not self.job.done:
            self.job.cancel()
        super().reject()


__all__ = ["ImportDialog", "MappingDialog", "template_path", "Qt"]
