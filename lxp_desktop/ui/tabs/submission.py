"""The 提交與收訖 tab: the check (預檢) with links to the records, the upload package, the
receipt details and their differences, the confirmation period and each student's state.

Every number shown is a count of rows the lists below it show. Long jobs (check, export,
import) run through the runner (a thread in the app, inline in tests).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lxp_desktop.domain.checks import SEVERITY_LABELS, SUBMISSION_CATEGORIES, Finding
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.roc import Term, format_roc, parse_date
from lxp_desktop.services import confirmation, precheck, receipts, submission
from lxp_desktop.services import sync as sync_service
from lxp_desktop.services.base import show
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.ui.changes import ChangeBus
from lxp_desktop.ui.jobs import ThreadRunner
from lxp_desktop.ui.list_model import ListModel, list_view


def tr(text: str) -> str:
    return QCoreApplication.translate("SubmissionTab", text)


RowIdRole = Qt.ItemDataRole.UserRole + 1


class GetterModel(ListModel[Any]):
    """A short list of plain rows (findings, differences, states): columns are
    ``(header, getter)``; ``RowIdRole`` gives the row object."""

    def __init__(self, columns: Sequence[tuple[str, Callable[[Any], Any]]],
                 parent: QObject | None = None,
                 highlight: Callable[[Any], bool] | None = None) -> None:
        super().__init__(parent)
        self.getters = [getter for _header, getter in columns]
        self.headers = [header for header, _getter in columns]  # already translated
        self._highlight = highlight

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.getters[column](row)
            return "" if value is None else str(value)
        if role == RowIdRole:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and self._highlight and self._highlight(row):
            return QBrush(QColor(180, 0, 0))
        return None



class PeriodDialog(QDialog):
    """Start and end of the confirmation period (ROC or AD dates)."""

    def __init__(self, parent: QWidget | None = None, running: Any = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("變更確認期間") if running is not None else tr("公告確認期間"))
        self.start = QLineEdit(format_roc(running.start_date if running is not None
                                          else today or date.today()), self)
        self.start.setObjectName("start")
        self.end = QLineEdit(format_roc(running.end_date) if running is not None else "", self)
        self.end.setObjectName("end")
        self.end.setPlaceholderText(tr("至少 3 天，例如 114/03/05"))
        form = QFormLayout(self)
        form.addRow(tr("開始日期"), self.start)
        form.addRow(tr("結束日期"), self.end)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class SubmissionTab(QWidget):
    """提交與收訖."""

    def __init__(self, workspace: Workspace, bus: ChangeBus,
                 open_record: Callable[[str, uuid.UUID], bool],
                 parent: QWidget | None = None, runner: ThreadRunner | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tab_submission")
        self.workspace = workspace
        self.bus = bus
        self.open_record = open_record
        self.runner = runner or ThreadRunner()
        self.term: Term | None = None
        self.findings: list[Finding] = []
        self._job: Any = None

        self.check_button = QPushButton(tr("執行預檢(&K)"), self)
        self.check_button.setToolTip(tr("檢查本學期的資料（F5）"))
        self.category = QComboBox(self)
        self.category.setObjectName("category")
        for c in SUBMISSION_CATEGORIES:
            self.category.addItem(tr(c), c)
        self.export_button = QPushButton(tr("匯出提交包(&X)…"), self)
        self.import_button = QPushButton(tr("匯入收訖明細(&R)…"), self)
        self.diff_button = QPushButton(tr("匯出差異 .xlsx…"), self)
        self.announce_button = QPushButton(tr("公告確認期間(&P)…"), self)
        self.lists_button = QPushButton(tr("導師名單 .xlsx…"), self)
        #: while a check, an export or an import runs: its steps, or just that it is busy
        self.busy = QProgressBar(self)
        self.busy.setObjectName("busy")
        self.busy.setMaximumWidth(160)
        self.busy.hide()
        bar = QHBoxLayout()
        for w in (self.check_button, QLabel(tr("類別："), self), self.category,
                  self.export_button, self.import_button, self.diff_button,
                  self.announce_button, self.lists_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.busy)

        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("counts")
        self.counts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)

        self.findings_model = GetterModel([
            (tr("代碼"), lambda f: f.code),
            (tr("嚴重度"), lambda f: tr(SEVERITY_LABELS[f.severity])),
            (tr("班級"), lambda f: getattr(f, "class_code", "")),
            (tr("任課教師"), lambda f: getattr(f, "teacher", "")),
            (tr("說明"), lambda f: f.message)], self, highlight=lambda f: f.blocking)
        self.findings_view = list_view(self, self.findings_model, "findings")
        self.findings_view.setColumnWidth(0, 50)
        # the 預檢 grouped and filtered (by rule, class, teacher; the 類別 selector above)
        self.placed: list[Any] = []
        self.group_by = QComboBox(self)
        self.group_by.setObjectName("findings_group")
        self.filters: dict[str, QComboBox] = {}
        from lxp_desktop.services.precheck_view import GROUPS

        for key, label in GROUPS.items():
            self.group_by.addItem(tr(label), key)
        findings_page = QWidget(self)
        fp = QVBoxLayout(findings_page)
        fbar = QHBoxLayout()
        fbar.addWidget(QLabel(tr("分組："), findings_page))
        fbar.addWidget(self.group_by)
        for key, label in (("rule", "規則"), ("class", "班級"), ("teacher", "教師")):
            box = QComboBox(findings_page)
            box.setObjectName(f"findings_{key}")
            box.addItem(tr("全部") + tr(label), None)
            self.filters[key] = box
            fbar.addWidget(box)
            box.currentIndexChanged.connect(lambda _i: self.show_findings())
        self.findings_export = QPushButton(tr("匯出預檢 .xlsx…"), findings_page)
        fbar.addStretch(1)
        fbar.addWidget(self.findings_export)
        fp.addLayout(fbar)
        fp.addWidget(self.findings_view, 1)
        self.findings_page = findings_page
        self.group_by.currentIndexChanged.connect(lambda _i: self.show_findings())
        self.category.currentIndexChanged.connect(lambda _i: self.show_findings())
        self.findings_export.clicked.connect(lambda: self.export_findings())
        self.diff_model = GetterModel([
            (tr("核對結果"), lambda d: tr(d.outcome)), (tr("種類"), lambda d: d.kind),
            (tr("班級"), lambda d: d.class_code), (tr("學號"), lambda d: d.student_no),
            (tr("姓名"), lambda d: d.name), (tr("項目"), lambda d: d.title or d.key),
            (tr("說明"), lambda d: d.detail)], self)
        self.diff_view = list_view(self, self.diff_model, "differences")
        self.states_model = GetterModel([
            (tr("班級"), lambda s: s.class_code), (tr("座號"), lambda s: s.seat_no),
            (tr("學號"), lambda s: s.student_no), (tr("姓名"), lambda s: s.name),
            (tr("學籍狀態"), lambda s: s.status), (tr("確認狀態"), lambda s: tr(s.state)),
            (tr("日期"), lambda s: show(s.state_date)),
            (tr("疑義內容"), lambda s: s.objection),
            (tr("處理結果"), lambda s: s.resolution)], self, highlight=lambda s: s.overdue)
        self.states_view = list_view(self, self.states_model, "states")
        self.ledger_model = GetterModel([
            (tr("類別"), lambda e: tr(e.category)), (tr("次別"), lambda e: e.number),
            (tr("更正"), lambda e: e.corrects_number or ""),
            (tr("提交時間"), lambda e: show(e.submitted_at)),
            (tr("經辦"), lambda e: e.submitted_by), (tr("筆數"), lambda e: e.items),
            (tr("SHA-256"), lambda e: e.package_sha256), (tr("位置"), lambda e: e.folder)],
            self)
        self.ledger_view = list_view(self, self.ledger_model, "ledger")

        self.confirm_button = QPushButton(tr("已確認(&C)"), self)
        self.object_button = QPushButton(tr("提出疑義(&O)…"), self)
        self.resolve_button = QPushButton(tr("處理疑義(&H)…"), self)
        states_page = QWidget(self)
        sp = QVBoxLayout(states_page)
        sbar = QHBoxLayout()
        for b in (self.confirm_button, self.object_button, self.resolve_button):
            sbar.addWidget(b)
        sbar.addStretch(1)
        sp.addLayout(sbar)
        sp.addWidget(self.states_view, 1)

        self.pages = QTabWidget(self)
        self.pages.setObjectName("pages")
        self.pages.addTab(self.findings_page, tr("預檢結果"))
        self.pages.addTab(self.diff_view, tr("收訖核對差異"))
        self.pages.addTab(states_page, tr("確認狀態"))
        self.pages.addTab(self.ledger_view, tr("提交紀錄"))
        from lxp_desktop.ui.calendar_dialog import ProgressPage

        self.progress_page = ProgressPage(workspace, self)
        self.pages.addTab(self.progress_page, tr("進度"))

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)

        self.check_button.clicked.connect(self.run_check)
        self.export_button.clicked.connect(lambda: self.export_package())
        self.import_button.clicked.connect(lambda: self.import_receipt())
        self.diff_button.clicked.connect(lambda: self.export_differences())
        self.announce_button.clicked.connect(lambda: self.announce())
        self.lists_button.clicked.connect(lambda: self.export_class_lists())
        self.confirm_button.clicked.connect(lambda: self.record_answer("confirm"))
        self.object_button.clicked.connect(lambda: self.record_answer("object"))
        self.resolve_button.clicked.connect(lambda: self.record_answer("resolve"))
        self.findings_view.doubleClicked.connect(lambda _i: self.open_current_finding())
        self.diff_view.doubleClicked.connect(lambda _i: self.open_current_difference())
        for view in (self.findings_view, self.diff_view):
            view.installEventFilter(self)
        QShortcut(QKeySequence("F5"), self, activated=self.run_check)
        bus.changed.connect(self._on_changed)

    # --- keyboard ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if watched is self.findings_view:
                    self.open_current_finding()
                    return True
                if watched is self.diff_view:
                    self.open_current_difference()
                    return True
        return super().eventFilter(watched, event)

    # --- state ----------------------------------------------------------------------------------
    def set_term(self, term: tuple[int, int] | None) -> None:
        self.term = Term(*term) if term else None
        self.findings = []
        self.placed = []
        self.findings_model.set_rows([])
        self.refresh()
        self.progress_page.set_term(self.term)

    def _on_changed(self, tables: frozenset[str]) -> None:
        if tables & {"submission", "receipt", "confirmation", "confirmation_period", "student"}:
            self.refresh()
        if tables & {"outcome", "performance", "term_calendar", "deadline_extension", "student"}:
            self.progress_page.refresh()

    def say(self, text: str) -> None:
        self.message.setText(text)

    def refresh(self) -> None:
        """Counts, differences, states and the ledger of the term (the check runs on demand)."""
        enabled = self.term is not None
        for w in (self.check_button, self.export_button, self.import_button, self.diff_button,
                  self.announce_button, self.lists_button):
            w.setEnabled(enabled)
        if self.term is None:
            self.counts_label.setText(tr("請在工具列選擇一個學期。"))
            for m in (self.diff_model, self.states_model, self.ledger_model):
                m.set_rows([])
            return
        if confirmation.apply_due_in(self.workspace):
            self.bus.notify("confirmation")
            return
        keep = self.current_state()
        with self.workspace.read() as s:
            c = confirmation.counts(s, self.term)
            period = confirmation.current_period(s, self.term)
            recon = receipts.reconciliation_counts(s, self.term)
            self.diff_model.set_rows(receipts.differences(s, self.term))
            self.states_model.set_rows(confirmation.states(s, self.term))
            self.ledger_model.set_rows(submission.ledger(s, self.term))
        if keep is not None:
            for i, row in enumerate(self.states_model.rows):
                if row.confirmation_id == keep.confirmation_id:
                    self.states_view.selectRow(i)
        parts = [self.term.label]
        if self.findings or self._checked:
            blocking = sum(f.blocking for f in self.findings)
            parts.append(tr("預檢：須修正 %1、提醒 %2").replace("%1", str(blocking))
                         .replace("%2", str(len(self.findings) - blocking)))
        parts.append(tr("收訖核對：相符 %1、不同 %2、缺漏 %3、多出 %4")
                     .replace("%1", str(recon["相符"])).replace("%2", str(recon["不同"]))
                     .replace("%3", str(recon["缺漏"])).replace("%4", str(recon["多出"])))
        self.running = period if period is not None and period.closed_on is None else None
        self.announce_button.setText(tr("變更確認期間(&P)…") if self.running is not None
                                     else tr("公告確認期間(&P)…"))
        if period is not None:
            parts.append(tr("確認期間 %1–%2").replace("%1", format_roc(period.start_date))
                         .replace("%2", format_roc(period.end_date)))
            parts.append(tr("待確認 %1、已確認 %2、疑義 處理中 %3／已處理 %4、視為確認 %5")
                         .replace("%1", str(c.pending)).replace("%2", str(c.confirmed))
                         .replace("%3", str(c.objections_open))
                         .replace("%4", str(c.objections_closed))
                         .replace("%5", str(c.deemed)))
            if c.objections_overdue:
                parts.append(tr("逾期未處理疑義 %n").replace("%n", str(c.objections_overdue)))
        else:
            parts.append(tr("尚未公告確認期間"))
        self.counts_label.setText("｜".join(parts))

    _checked = False

    # --- the check ------------------------------------------------------------------------------
    def run_check(self) -> None:
        term = self.term
        if term is None:
            return
        self.check_button.setEnabled(False)
        self.say(tr("預檢中…"))

        def job(progress: Any) -> list[Any]:
            from lxp_desktop.services.precheck_view import place

            self._fetch_files(term, progress)
            with self.workspace.read() as s:
                return place(s, precheck.run_check(
                    s, term, progress=lambda d, t, text: progress(d, t, text)), term.school_year)

        def done(found: list[Any]) -> None:
            self.check_button.setEnabled(True)
            self.findings, self._checked = found, True
            self.placed = found
            self._fill_filters()
            self.show_findings()
            self.pages.setCurrentWidget(self.findings_page)
            blocking = sum(f.blocking for f in found)
            self.say((tr("預檢完成：須修正 %1 項，提醒 %2 項。雙擊或按 Enter 開啟該筆資料。")
                      .replace("%1", str(blocking)).replace("%2", str(len(found) - blocking))
                      if found else tr("預檢完成：沒有發現問題。"))
                     + (f"\n{self.fetch_problem}" if self.fetch_problem else ""))
            self.refresh()

        self._start(job, done)

    def _fetch_files(self, term: Term, progress: Any) -> None:
        """In a job: the package's files attached on other PCs, from the shared database
        (what cannot be had is reported by the check as a missing file)."""
        progress(0, 0, tr("下載其他電腦附加的檔案…"))
        self.fetch_problem = sync_service.fetch_term_files(self.workspace, term)

    def _start(self, job: Callable[[Any], Any], done: Callable[[Any], None]) -> None:
        """Run ``job`` off the window's thread, its progress in the bar beside the buttons."""
        self.busy.setRange(0, 0)  # busy, until a step count arrives
        self.busy.show()

        def finished(result: Any) -> None:
            self.busy.hide()
            done(result)

        def failed(exc: BaseException, tb: str) -> None:
            self.busy.hide()
            self._failed(exc, tb)

        def progressed(step: int, total: int, text: str) -> None:
            if total > 1:
                self.busy.setRange(0, total)
                self.busy.setValue(step)
            if text:
                self.say(text)

        self._job = self.runner.start(job, done=finished, failed=failed, progress=progressed)

    def _failed(self, exc: BaseException, _tb: str) -> None:
        self.check_button.setEnabled(True)
        from lxp_desktop.ui.errors import describe

        self.say(str(exc) if isinstance(exc, ValidationFailed | OSError) else describe(exc))

    def _fill_filters(self) -> None:
        from lxp_desktop.services.precheck_view import choices

        values = choices(self.placed)
        for key, box in self.filters.items():
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for v in values[key]:
                box.addItem(v, v)
            box.blockSignals(False)

    def shown_findings(self) -> list[Any]:
        """The placed findings the filters and the 類別 selector let through, grouped."""
        from lxp_desktop.services.precheck_view import select_findings

        return select_findings(
            self.placed, rule=self.filters["rule"].currentData(),
            class_code=self.filters["class"].currentData(),
            teacher=self.filters["teacher"].currentData(),
            category=self.category.currentData(), group=self.group_by.currentData())

    def show_findings(self) -> None:
        self.findings_model.set_rows(self.shown_findings())

    def export_findings(self, path: Any = None) -> Any:
        """The list as shown (filtered, grouped) to .xlsx; ``path`` from a test, else asked."""
        from lxp_desktop.services.precheck_view import write_xlsx

        if not self.placed or self.term is None:
            self.say(tr("請先執行預檢。"))
            return None
        if path is None:
            chosen, _f = QFileDialog.getSaveFileName(
                self, tr("匯出預檢 .xlsx…"), f"{self.term.code}_預檢.xlsx", "Excel (*.xlsx)")
            if not chosen:
                return None
            path = chosen
        n = write_xlsx(self.shown_findings(), Path(path), self.group_by.currentData())
        self.say(tr("已匯出 %n 項預檢結果：").replace("%n", str(n)) + str(path))
        return path

    def open_current_finding(self) -> bool:
        index = self.findings_view.currentIndex()
        if not index.isValid():
            return False
        f: Finding = self.findings_model.rows[index.row()]
        return self.open_record(f.table, uuid.UUID(f.row_id))

    def open_current_difference(self) -> bool:
        index = self.diff_view.currentIndex()
        if not index.isValid():
            return False
        d = self.diff_model.rows[index.row()]
        if d.record_table and d.record_id:
            return self.open_record(d.record_table, d.record_id)
        return self.open_record("student", d.student_id)

    # --- package and receipts -----------------------------------------------------------------
    def export_package(self, out_dir: Path | None = None) -> None:
        term, category = self.term, self.category.currentData()
        if term is None:
            return
        if out_dir is None:
            chosen = QFileDialog.getExistingDirectory(self, tr("選擇提交包的存放資料夾"))
            if not chosen:
                return
            out_dir = Path(chosen)
        self.say(tr("匯出中…"))

        def job(progress: Any) -> submission.ExportResult:
            self._fetch_files(term, progress)
            with self.workspace.write("提交與收訖") as (s, a):
                return submission.export_submission(s, a, term, category, out_dir,
                                                    progress=progress)

        def done(result: submission.ExportResult) -> None:
            self.bus.notify("submission")
            self.pages.setCurrentWidget(self.ledger_view)
            self.say(tr("已匯出%1第 %2 次提交：%3").replace("%1", tr(category))
                     .replace("%2", str(result.number)).replace("%3", str(result.folder)))

        self._start(job, done)

    def import_receipt(self, path: Path | None = None, password: str | None = None) -> None:
        term = self.term
        if term is None:
            return
        if path is None:
            chosen, _f = QFileDialog.getOpenFileName(self, tr("選擇收訖明細檔"), "",
                                                     tr("收訖明細 (*.zip)"))
            if not chosen:
                return
            path = Path(chosen)
            text, ok = QInputDialog.getText(self, tr("收訖明細密碼"),
                                            tr("密碼（沒有密碼請留空）："),
                                            QLineEdit.EchoMode.Password)
            if not ok:
                return
            password = text or None
        self.say(tr("匯入中…"))

        def job(_progress: Any) -> receipts.ImportResult:
            with self.workspace.write(f"匯入收訖明細 {path.name}") as (s, a):
                return receipts.import_receipt(s, a, path, term, password)

        def done(result: receipts.ImportResult) -> None:
            self.bus.notify("receipt", "confirmation")
            self.pages.setCurrentWidget(self.diff_view)
            c = result.counts
            self.say(tr("已匯入收訖明細：相符 %1、不同 %2、缺漏 %3、多出 %4。")
                     .replace("%1", str(c["相符"])).replace("%2", str(c["不同"]))
                     .replace("%3", str(c["缺漏"])).replace("%4", str(c["多出"])))

        self._start(job, done)

    def export_differences(self, path: Path | None = None) -> None:
        if self.term is None:
            return
        if path is None:
            chosen, _f = QFileDialog.getSaveFileName(
                self, tr("儲存差異清單"), f"{self.term.code}_收訖差異.xlsx", "Excel (*.xlsx)")
            if not chosen:
                return
            path = Path(chosen)
        with self.workspace.read() as s:
            n = receipts.export_differences(s, self.term, path)
        self.say(tr("已匯出 %n 筆差異：").replace("%n", str(n)) + str(path))

    # --- the confirmation period -------------------------------------------------------------
    running: Any = None  # the term's confirmation period while it runs
    fetch_problem: str | None = None  # why files attached elsewhere could not be fetched

    def announce(self, start: str | None = None, end: str | None = None) -> bool:
        """Announce the term's confirmation period, or move the running one's dates."""
        if self.term is None:
            return False
        running = self.running
        if start is None or end is None:
            dialog = PeriodDialog(self, running, self.workspace.clock.today())
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            start, end = dialog.start.text(), dialog.end.text()
        try:
            d1, d2 = parse_date(start), parse_date(end)
            with self.workspace.write("提交與收訖") as (s, a):
                if running is not None:
                    confirmation.change_period(s, a, self.term, d1, d2)
                else:
                    confirmation.announce(s, a, self.term, d1, d2)
        except (ValueError, ValidationFailed) as exc:
            self.say(str(exc))
            return False
        self.bus.notify("confirmation_period", "confirmation")
        self.pages.setCurrentIndex(2)
        done = tr("確認期間已改為 %1–%2。") if running is not None else tr("已公告確認期間 %1–%2。")
        self.say(done.replace("%1", format_roc(d1)).replace("%2", format_roc(d2)))
        return True

    def current_state(self) -> Any:
        index = self.states_view.currentIndex()
        return self.states_model.rows[index.row()] if index.isValid() else None

    def record_answer(self, answer: str, text: str | None = None,
                      resubmission: str | None = None) -> bool:
        row, term = self.current_state(), self.term
        if row is None or term is None:
            self.say(tr("請先在「確認狀態」選擇一位學生。"))
            return False
        if answer != "confirm" and text is None:
            title = tr("提出疑義") if answer == "object" else tr("處理疑義")
            label = tr("疑義內容：") if answer == "object" else tr("處理結果（調查與更正）：")
            text, ok = QInputDialog.getMultiLineText(self, title, label)
            if not ok:
                return False
        try:
            with self.workspace.write("提交與收訖") as (s, a):
                if answer == "confirm":
                    confirmation.confirm(s, a, term, row.student_no)
                elif answer == "object":
                    confirmation.raise_objection(s, a, term, row.student_no, text or "")
                else:
                    latest = resubmission
                    if latest is None:
                        entries = submission.ledger(s, term)
                        latest = str(entries[0].id) if entries and entries[0].corrects_number \
                            else None
                    confirmation.resolve_objection(s, a, term, row.student_no, text or "",
                                                   latest)
        except ValidationFailed as exc:
            self.say(str(exc))
            return False
        self.bus.notify("confirmation")
        self.say(f"{row.student_no} {row.name}：" + tr("已登錄。"))
        return True

    def export_class_lists(self, out_dir: Path | None = None) -> list[Path]:
        if self.term is None:
            return []
        if out_dir is None:
            chosen = QFileDialog.getExistingDirectory(self, tr("選擇導師名單的存放資料夾"))
            if not chosen:
                return []
            out_dir = Path(chosen)
        try:
            with self.workspace.read() as s:
                paths = confirmation.class_lists(s, self.term, out_dir)
        except ValidationFailed as exc:
            self.say(str(exc))
            return []
        self.say(tr("已匯出 %n 個班級的名單到 ").replace("%n", str(len(paths))) + str(out_dir))
        return paths
