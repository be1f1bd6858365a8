"""The audit view: who, when, from which PC, acting for whom, which record, old → new values.

Filter by person, by kind of record, by date; opened from a record's tab it shows that
record's full history. National IDs in the values are masked for roles that see them masked.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lxp_desktop.domain.roc import format_roc, parse_date
from lxp_desktop.services import accounts, anchoring, audit, audit_labels
from lxp_desktop.services.permissions import TABLE_LABELS, may_read_audit, sees_full_ids
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.store.models import AuditEntry
from lxp_desktop.ui.jobs import ThreadRunner
from lxp_desktop.ui.list_model import ListModel

PAGE = 200
ACTIONS = {"create": "新增", "update": "修改", "delete": "刪除", "restore": "還原",
           "signin": "登入", "password": "變更密碼", "reveal_id": "顯示完整身分證號",
           "backup": "備份", "purge": "保存期限清除", "sync": "同步", "reprint": "重印",
           "void": "作廢", "certify": "認證", "return": "退回", "resubmit": "重新送出",
           "select": "勾選", "unselect": "取消勾選", "export": "匯出", "reconcile": "收訖核對",
           "confirm": "確認", "object": "提出疑義", "resolve": "疑義處理", "deem": "視為確認"}


def tr(text: str) -> str:
    return QCoreApplication.translate("AuditView", text)


class AuditModel(ListModel[tuple[str, ...]]):
    """The log, newest first, a page at a time as the clerk scrolls (``fetchMore``)."""

    headers = ("時間", "人員", "代理", "電腦", "資料", "紀錄", "動作", "異動內容", "來源")
    translate = staticmethod(tr)

    def __init__(self, workspace: Workspace, parent: Any = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.query = audit.AuditQuery()
        self.total = 0
        self.names: dict[str, str] = {}

    def cell(self, row: tuple[str, ...], column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[column]
        return None

    def _rows(self, s: Any, entries: list[AuditEntry], mask: bool) -> list[tuple[str, ...]]:
        records = audit_labels.describe_records(s, [(e.table_name, e.row_id) for e in entries])
        return [self._row(e, mask, records) for e in entries]

    def _row(self, e: AuditEntry, mask: bool,
             records: dict[tuple[str, str], str]) -> tuple[str, ...]:
        """One line in a clerk's words: the record by 學號 and name (not its UUID), the
        fields by their labels (not their keys), the PC as 本機 or another PC."""
        local = e.at.astimezone()
        return (format_roc(local.date()) + local.strftime(" %H:%M:%S"),
                self.names.get(e.staff_id or "", e.staff_id or tr("系統")),
                self.names.get(e.acting_for or "", e.acting_for or ""),
                tr(audit_labels.workstation_label(e.workstation,
                                                  self.workspace.store.workstation_id)),
                tr(TABLE_LABELS.get(e.table_name, e.table_name)),
                records.get((e.table_name, e.row_id), e.row_id),
                tr(ACTIONS.get(e.action, e.action)),
                audit_labels.describe_changes(e.table_name, e.changes, mask), e.source or "")

    def refresh(self, query: audit.AuditQuery | None = None) -> None:
        if query is not None:
            self.query = query
        mask = not sees_full_ids(self.workspace.actor)
        with self.workspace.read() as s:
            self.names = accounts.staff_names(s)
            self.total = audit.count(s, self.query)
            rows = self._rows(s, audit.page(s, self.query, 0, PAGE), mask)
        self.set_rows(rows)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if parent.isValid():
            return
        mask = not sees_full_ids(self.workspace.actor)
        with self.workspace.read() as s:
            more = self._rows(s, audit.page(s, self.query, len(self.rows), PAGE), mask)
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()


class AuditDialog(QDialog):
    """The whole log (registrar, admin), or one record's history (anyone who can read it)."""

    def __init__(self, workspace: Workspace, table: str | None = None,
                 row_id: uuid.UUID | str | None = None, parent: QWidget | None = None,
                 runner: ThreadRunner | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audit_view")
        self.workspace = workspace
        self.runner = runner or ThreadRunner()
        self.row_id = str(row_id) if row_id else None
        self.setWindowTitle(tr("紀錄歷程") if row_id else tr("稽核紀錄"))
        self.resize(1100, 600)
        self.person = QComboBox(self)
        self.person.setObjectName("person")
        self.person.addItem(tr("全部人員"), None)
        with workspace.read() as s:
            for staff_id, name in sorted(accounts.staff_names(s).items(), key=lambda x: x[1]):
                self.person.addItem(name, staff_id)
        self.table = QComboBox(self)
        self.table.setObjectName("table_filter")
        self.table.addItem(tr("全部資料"), None)
        for key, label in TABLE_LABELS.items():
            self.table.addItem(tr(label), key)
        self.table.addItem(tr("備份"), "backup")
        if table:
            self.table.setCurrentIndex(max(self.table.findData(table), 0))
        self.since = QLineEdit(self)
        self.since.setObjectName("since")
        self.since.setPlaceholderText(tr("起日，例如 113/09/01"))
        self.until = QLineEdit(self)
        self.until.setObjectName("until")
        self.until.setPlaceholderText(tr("迄日"))
        self.apply_button = QPushButton(tr("查詢(&Q)"), self)
        self.verify_button = QPushButton(tr("檢查雜湊鏈(&V)"), self)
        self.verify_button.setObjectName("verify_chain")
        self.verify_button.setToolTip(tr("檢查稽核紀錄有沒有被改過、從中截斷，或最新的紀錄被刪除"
                                         "（與備份、共用資料庫及資料庫旁的檔案比對）"))
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.model = AuditModel(workspace, self)
        self.view = QTableView(self)
        self.view.setObjectName("audit_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((140, 90, 70, 70, 90, 80, 70, 320)):
            self.view.setColumnWidth(col, width)
        bar = QHBoxLayout()
        for w in (QLabel(tr("人員：")), self.person, QLabel(tr("資料：")), self.table,
                  QLabel(tr("日期：")), self.since, QLabel("–"), self.until, self.apply_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        if self.row_id:  # one record's history: the record is the filter
            for w in (self.table,):
                w.setEnabled(False)
        elif not may_read_audit(workspace.actor):
            self.view.setEnabled(False)
        self.verify_button.setVisible(not self.row_id and may_read_audit(workspace.actor))
        self.verify_button.clicked.connect(self.verify)
        self.last_verification: audit.Verification | None = None
        self.apply_button.clicked.connect(self.apply)
        self.since.returnPressed.connect(self.apply)
        self.until.returnPressed.connect(self.apply)
        self.apply()

    def query(self) -> audit.AuditQuery:
        q = audit.AuditQuery(staff_id=self.person.currentData(), table=self.table.currentData(),
                             row_id=self.row_id)
        for edit, attr, shift in ((self.since, "since", 0), (self.until, "until", 1)):
            text = edit.text().strip()
            if text:
                day = parse_date(text) + timedelta(days=shift)
                local = datetime.combine(day, time()).astimezone()
                setattr(q, attr, local.astimezone(UTC))
        return q

    def apply(self) -> None:
        if not self.row_id and not may_read_audit(self.workspace.actor):
            self.message.setText(tr("只有註冊組與系統管理者可以查看全部稽核紀錄。"))
            return
        try:
            q = self.query()
        except ValueError as exc:
            self.message.setText(str(exc))
            return
        self.model.refresh(q)
        self.message.setText(tr("共 %n 筆").replace("%n", str(self.model.total)))

    # --- audit verify ------------------------------------------------------------------------
    def verify(self) -> None:
        """The chain's links and its anchors, checked off the UI thread (a long log, the
        shared database), the report shown in a message box."""
        self.verify_button.setEnabled(False)
        self.message.setText(tr("正在檢查稽核紀錄的雜湊鏈…"))
        self.runner.start(lambda _progress: anchoring.verify_workspace(self.workspace),
                          done=self._verified, failed=self._verify_failed)

    def _verified(self, result: audit.Verification) -> None:
        self.verify_button.setEnabled(True)
        self.last_verification = result
        lines = result.lines()
        self.message.setText(lines[0])
        box = QMessageBox(QMessageBox.Icon.Information if result.ok else QMessageBox.Icon.Warning,
                          tr("檢查雜湊鏈"), "\n\n".join(lines), QMessageBox.StandardButton.Ok,
                          self)
        box.setObjectName("verify_report")
        box.open()

    def _verify_failed(self, exc: BaseException, tb: str) -> None:
        self.verify_button.setEnabled(True)
        self.message.setText(tr("無法檢查稽核紀錄：") + str(exc))
