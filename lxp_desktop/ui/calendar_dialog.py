"""工具 › 學期行事曆: the term's dates (start and end of each window, each deadline) with the
rule they come from, whether they are the default or set, and the extensions granted; saving
writes every date at once (all or nothing) through ``services.calendar``."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lxp_desktop.domain import deadlines as rules
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.roc import Term, format_roc, parse_date
from lxp_desktop.services import calendar
from lxp_desktop.services.permissions import may_write
from lxp_desktop.services.workspace import Workspace


def tr(text: str) -> str:
    return QCoreApplication.translate("CalendarDialog", text)


class CalendarDialog(QDialog):
    def __init__(self, workspace: Workspace, term: Term, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendar_dialog")
        self.setWindowTitle(tr("學期行事曆") + f"　{term.label}")
        self.workspace, self.term = workspace, term
        self.editable = may_write(workspace.actor, "term_calendar")
        self.starts: dict[str, QLineEdit] = {}
        self.ends: dict[str, QLineEdit] = {}
        self.states: dict[str, QLabel] = {}

        inner = QWidget(self)
        grid = QGridLayout(inner)
        for col, head in enumerate((tr("日期"), tr("開始"), tr("結束"), tr("狀態"), tr("出處"))):
            label = QLabel(f"<b>{head}</b>", inner)
            grid.addWidget(label, 0, col)
        with workspace.read() as s:
            rows = calendar.as_rows(s, term)
        self.rows = rows
        for r, row in enumerate(rows, 1):
            key = row["key"]
            grid.addWidget(QLabel(tr(row["label"]), inner), r, 0)
            kind = rules.kind_of(key)
            if kind is not None and kind.window:
                start = QLineEdit(format_roc(row["start"]) if row["start"] else "", inner)
                start.setObjectName(f"start:{key}")
                start.setReadOnly(not self.editable)
                start.setMaximumWidth(110)
                self.starts[key] = start
                grid.addWidget(start, r, 1)
            elif key == "period":
                grid.addWidget(QLabel(format_roc(row["start"]), inner), r, 1)
            if kind is not None:
                end = QLineEdit(format_roc(row["end"]), inner)
                end.setObjectName(f"end:{key}")
                end.setReadOnly(not self.editable)
                end.setMaximumWidth(110)
                self.ends[key] = end
                grid.addWidget(end, r, 2)
            else:
                grid.addWidget(QLabel(format_roc(row["end"]), inner), r, 2)
            state = QLabel(self._state_text(row), inner)
            state.setObjectName(f"state:{key}")
            self.states[key] = state
            grid.addWidget(state, r, 3)
            source = QLabel(row["source"], inner)
            source.setWordWrap(True)
            source.setMinimumWidth(380)
            source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(source, r, 4)
        grid.setColumnStretch(4, 1)
        grid.setRowStretch(len(rows) + 1, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)

        self.extensions_label = QLabel(self)
        self.extensions_label.setObjectName("extensions")
        self.extensions_label.setWordWrap(True)
        ext_box = QGroupBox(tr("展延（教學組、註冊組）"), self)
        ext_layout = QVBoxLayout(ext_box)
        ext_layout.addWidget(self.extensions_label)
        form = QHBoxLayout()
        self.ext_window = QComboBox(ext_box)
        self.ext_window.setObjectName("ext_window")
        for key in (rules.UPLOAD, rules.CERTIFICATION, rules.SELECTION):
            self.ext_window.addItem(tr(calendar.window_label(key)), key)
        self.ext_scope = QComboBox(ext_box)
        self.ext_scope.setObjectName("ext_scope")
        for key, scope_label in calendar.SCOPES.items():
            self.ext_scope.addItem(tr(scope_label), key)
        self.ext_target = QLineEdit(ext_box)
        self.ext_target.setObjectName("ext_target")
        self.ext_target.setPlaceholderText(tr("教師帳號或班級代碼"))
        self.ext_until = QLineEdit(ext_box)
        self.ext_until.setObjectName("ext_until")
        self.ext_until.setPlaceholderText(tr("展延至，例如 114/02/28"))
        self.ext_reason = QLineEdit(ext_box)
        self.ext_reason.setObjectName("ext_reason")
        self.ext_reason.setPlaceholderText(tr("原因（必填）"))
        self.ext_button = QPushButton(tr("展延(&E)"), ext_box)
        self.ext_button.setObjectName("ext_grant")
        for w in (self.ext_window, self.ext_scope, self.ext_target, self.ext_until):
            form.addWidget(w)
        form.addWidget(self.ext_reason, 1)
        form.addWidget(self.ext_button)
        ext_layout.addLayout(form)
        ext_box.setEnabled(may_write(workspace.actor, "deadline_extension"))
        self.ext_button.clicked.connect(self.grant)

        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        note = QLabel(tr("標示「預設」的日期由學期起訖與學校設定推算，尚未生效；按「儲存」後，"
                         "上傳、認證與勾選期間即依此執行，期間外的操作會被拒絕。"), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
            if self.editable else QDialogButtonBox.StandardButton.Close, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(scroll, 1)
        layout.addWidget(ext_box)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(1200, 620)
        self._show_extensions()

    @staticmethod
    def _state_text(row: dict[str, Any]) -> str:
        text = tr(row["state"])
        if row["state"] != rules.CLOSED:
            text += tr("（剩 %n 天）").replace("%n", str(row["days_left"]))
        if not row["set"]:
            text += tr("・預設")
        return text

    def _show_extensions(self) -> None:
        with self.workspace.read() as s:
            exts = calendar.extensions(s, self.term)
        self.extensions_label.setText("\n".join(
            f"{tr(e.window_label)}　{e.target_label}　→ {format_roc(e.until)}　{e.reason}"
            f"（{e.granted_by}）" for e in exts) or tr("沒有展延。"))

    def _say(self, text: str, error: bool) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")
        self.message.setText(text)

    def values(self) -> dict[str, tuple[date | None, date]]:
        """The dates as typed; ValueError naming the date and the fix."""
        out: dict[str, tuple[date | None, date]] = {}
        for key, end_edit in self.ends.items():
            label = calendar.window_label(key)
            start = None
            if key in self.starts:
                try:
                    start = parse_date(self.starts[key].text())
                except ValueError as exc:
                    raise ValueError(f"{label}開始：{exc}") from None
            try:
                end = parse_date(end_edit.text())
            except ValueError as exc:
                raise ValueError(f"{label}結束：{exc}") from None
            out[key] = (start, end)
        return out

    def save(self) -> list[str] | None:
        try:
            values = self.values()
            with self.workspace.write("學期行事曆") as (s, a):
                changed = calendar.save(s, a, self.term, values)
        except ValueError as exc:
            self._say(str(exc), True)
            return None
        except ValidationFailed as exc:
            self._say("\n".join(e.message for e in exc.errors), True)
            return None
        with self.workspace.read() as s:
            rows = calendar.as_rows(s, self.term)
        for row in rows:
            if row["key"] in self.states:
                self.states[row["key"]].setText(self._state_text(row))
        self._say(tr("已儲存學期行事曆（%n 項變更）。").replace("%n", str(len(changed))), False)
        return changed

    def grant(self) -> bool:
        try:
            until = parse_date(self.ext_until.text())
        except ValueError as exc:
            self._say(tr("展延至：") + str(exc), True)
            return False
        try:
            with self.workspace.write("期限展延") as (s, a):
                scope = self.ext_scope.currentData()
                target = calendar.resolve_target(s, self.term, scope, self.ext_target.text())
                calendar.grant(s, a, self.term, self.ext_window.currentData(), scope, target,
                               until, self.ext_reason.text())
        except ValidationFailed as exc:
            self._say("\n".join(e.message for e in exc.errors), True)
            return False
        self._say(tr("已展延。"), False)
        self.ext_reason.clear()
        self._show_extensions()
        return True


class ProgressPage(QWidget):
    """提交與收訖 › 進度: counts per category, teacher and class with the deadline and days
    left; 催繳名單 per teacher or class to save as .xlsx or PDF."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        from lxp_desktop.ui.list_model import list_view
        from lxp_desktop.ui.tabs.submission import GetterModel

        super().__init__(parent)
        self.setObjectName("progress_page")
        self.workspace = workspace
        self.term: Term | None = None
        self.group = QComboBox(self)
        self.group.setObjectName("progress_group")
        for g in ("全部", "類別", "教師", "班級"):
            self.group.addItem(tr(g), g)
        self.xlsx_button = QPushButton(tr("催繳名單 .xlsx…"), self)
        self.pdf_button = QPushButton(tr("催繳名單 PDF…"), self)
        self.by = QComboBox(self)
        self.by.setObjectName("reminder_by")
        self.by.addItem(tr("每位教師"), "teacher")
        self.by.addItem(tr("每個班級"), "class")
        self.model = GetterModel([
            (tr("分組"), lambda r: tr(r.group)), (tr("名稱"), lambda r: r.label),
            (tr("未上傳"), lambda r: r.missing), (tr("待認證"), lambda r: r.uncertified),
            (tr("退回"), lambda r: r.returned), (tr("未勾選"), lambda r: r.unselected),
            (tr("期限"), lambda r: f"{tr(r.deadline_label)} {format_roc(r.deadline)}"
             if r.deadline else tr("未設定")),
            (tr("剩餘天數"), lambda r: "" if r.days_left is None else r.days_left)],
            self, highlight=lambda r: r.days_left == 0 and (r.uncertified or r.missing))
        self.view = list_view(self, self.model, "progress")
        for col, width in enumerate((60, 160, 70, 70, 70, 70, 300, 80)):
            self.view.setColumnWidth(col, width)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("顯示："), self))
        bar.addWidget(self.group)
        bar.addStretch(1)
        bar.addWidget(self.by)
        bar.addWidget(self.xlsx_button)
        bar.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.group.currentIndexChanged.connect(lambda _i: self.refresh())
        self.xlsx_button.clicked.connect(lambda: self.save_reminders("xlsx"))
        self.pdf_button.clicked.connect(lambda: self.save_reminders("pdf"))

    def set_term(self, term: Term | None) -> None:
        self.term = term
        self.refresh()

    def refresh(self) -> None:
        if self.term is None:
            self.model.set_rows([])
            return
        from lxp_desktop.services import progress

        with self.workspace.read() as s:
            rows = progress.rows(s, self.term)
        group = self.group.currentData()
        self.model.set_rows([r for r in rows if group == "全部" or r.group == group])

    def save_reminders(self, kind: str, path: Any = None) -> Any:
        """Write the 催繳名單 (``path`` given by a test; else a save dialog)."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from lxp_desktop.services import progress
        from lxp_desktop.services.school import get_school

        if self.term is None:
            return None
        by = self.by.currentData()
        if path is None:
            name = f"{self.term.code}_催繳名單_{'教師' if by == 'teacher' else '班級'}.{kind}"
            chosen, _f = QFileDialog.getSaveFileName(self, tr("儲存催繳名單"), name,
                                                     "PDF (*.pdf)" if kind == "pdf"
                                                     else "Excel (*.xlsx)")
            if not chosen:
                return None
            path = chosen
        path = Path(path)
        with self.workspace.read() as s:
            lists = progress.reminders(s, self.term, by)
            school = get_school(s)
            today = calendar.today_of(s)
        if kind == "pdf":
            progress.render_pdf(lists, self.term, school.name if school else "", path, today)
        else:
            progress.write_xlsx(lists, self.term, path)
        return path
