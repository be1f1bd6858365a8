"""學生歷程總覽: the student selected in any tab (Ctrl+Shift+O), every category and term with
its status; 列印檢核表 saves the page the student signs."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import overview
from lxp_desktop.services.overview import OverviewRow
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.ui.fit import fit_to_screen
from lxp_desktop.ui.list_model import ListModel, list_view


def tr(text: str) -> str:
    return QCoreApplication.translate("OverviewDialog", text)


COLUMNS = (("term", "學年度／學期", 130), ("category", "類別", 100), ("status", "狀態", 520))


class OverviewModel(ListModel[OverviewRow]):
    headers = tuple(c[1] for c in COLUMNS)
    translate = staticmethod(tr)  # type: ignore[assignment]  # as ListModel documents

    def cell(self, row: OverviewRow, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.term_label, QCoreApplication.translate("records", row.category),
                    row.status())[column]
        return None


class OverviewDialog(QDialog):
    def __init__(self, workspace: Workspace, student_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("student_overview")
        self.workspace, self.student_id = workspace, student_id
        with workspace.read() as session:
            view = overview.overview(session, workspace.actor, student_id)
        self.setWindowTitle(tr("學生歷程總覽：") + f"{view.student_no} {view.name}")
        heading = QLabel(f"{view.student_no}　{view.name}　{view.class_name}"
                         + (f" {view.seat_no} 號" if view.seat_no else "") + f"　{view.status}",
                         self)
        heading.setObjectName("heading")
        self.model = OverviewModel(self)
        self.model.set_rows(view.rows)
        self.view = list_view(self, self.model, "overview", [c[2] for c in COLUMNS])
        self.empty = QLabel(tr("這位學生還沒有任何紀錄；在各分頁新增後，這裡會列出每學期每類別的狀態。"),
                            self)
        self.empty.setWordWrap(True)
        self.empty.setVisible(not view.rows)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.print_button = QPushButton(tr("列印檢核表…（Ctrl+P）"), self)
        self.print_button.setShortcut("Ctrl+P")
        self.print_button.clicked.connect(self.save_dialog)
        close = QPushButton(tr("關閉"), self)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.resize(820, 480)
        fit_to_screen(self, self.size())

    def save_dialog(self) -> Path | None:
        name, _f = QFileDialog.getSaveFileName(self, tr("儲存檢核表"), tr("檢核表.pdf"),
                                               tr("PDF 檔 (*.pdf)"))
        return self.save(Path(name)) if name else None

    def save(self, path: Path) -> Path | None:
        try:
            with self.workspace.read() as session:
                overview.write_checklist(session, self.workspace.actor, self.student_id, path,
                                         date.today())
        except (ValidationFailed, OSError) as exc:
            self.message.setText(str(exc))
            return None
        self.message.setText(tr("已存檔：") + str(path))
        return path
