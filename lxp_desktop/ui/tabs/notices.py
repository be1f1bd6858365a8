"""The 紙本通知 tab: departed students pre-selected, a batch of notices generated off the UI
thread, previewed, printed or saved, the mailing log kept, and reply slips scanned.

Keys: type a 學號 in 「加入學號」 and Enter adds a student; Delete removes the selected rows;
Ctrl+G generates the batch; Ctrl+P prints; a barcode scanner (keyboard wedge) types the
reply slip's code into 「掃描回條」 and ends with Enter, which opens the reply form.
"""

from __future__ import annotations

import shutil
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lxp_desktop import paths
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.roc import Term, format_roc, parse_date
from lxp_desktop.services import mailing, notices
from lxp_desktop.services.notices import Candidate
from lxp_desktop.services.students import find_student
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.ui.changes import ChangeBus
from lxp_desktop.ui.jobs import Cancelled, JobHandle, ThreadRunner
from lxp_desktop.ui.list_model import ListModel, list_view

CandidateRole = Qt.ItemDataRole.UserRole + 1


def tr(text: str) -> str:
    return QCoreApplication.translate("NoticesTab", text)


COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("class_name", "原班級", 80), ("student_no", "學號", 70), ("name", "姓名", 70),
    ("status", "學籍狀態", 60), ("postal_code", "郵遞區號", 60), ("address", "通訊地址", 220),
    ("state", "通知狀態", 60), ("reference", "參考編號", 112), ("detail", "說明", 220),
)


class CandidateModel(ListModel[Candidate]):
    """The students of this term's notices (a short list: loaded whole)."""

    headers = tuple(column[1] for column in COLUMNS)
    translate = staticmethod(tr)

    def cell(self, row: Candidate, column: int, role: int) -> Any:
        key = COLUMNS[column][0]
        if role == Qt.ItemDataRole.DisplayRole:
            value = getattr(row, key)
            if key == "state" and not value:
                return tr("未產生")
            return str(value or "")
        if role == CandidateRole:
            return row
        return None


class FieldsDialog(QDialog):
    """A small form: text, date, multi-line and choice fields; Enter on the last saves."""

    def __init__(self, title: str, fields: list[tuple[str, str, str, Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FieldsDialog")
        self.setWindowTitle(title)
        self.editors: dict[str, Any] = {}
        form = QFormLayout()
        for key, label, kind, default in fields:
            if kind == "choice":
                editor: Any = QComboBox(self)
                editor.addItems(default)
            elif kind == "multiline":
                editor = QPlainTextEdit(self)
                editor.setTabChangesFocus(True)
                editor.setFixedHeight(70)
                editor.setPlainText(default or "")
            else:
                editor = QLineEdit(default or "", self)
            editor.setObjectName(key)
            self.editors[key] = editor
            form.addRow(label, editor)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("儲存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def value(self, key: str) -> str:
        editor = self.editors[key]
        if isinstance(editor, QComboBox):
            return editor.currentText()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText().strip()
        return editor.text().strip()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class PreviewPane(QScrollArea):
    """The pages of a PDF, rendered by pypdfium2 (no QtPdf in PySide6-Essentials)."""

    MAX_PAGES = 12

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setWidgetResizable(True)
        self.inner = QWidget(self)
        self.box = QVBoxLayout(self.inner)
        # the pages are as tall as they are: the scroll area scrolls, never squeezes them
        self.box.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.setWidget(self.inner)
        self.pages: list[QImage] = []

    def show_pdf(self, path: Path, width: int = 520) -> None:
        while self.box.count():
            item = self.box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.pages = render_pages(path, width=width, limit=self.MAX_PAGES)
        for image in self.pages:
            label = QLabel(self.inner)
            label.setPixmap(QPixmap.fromImage(image))
            label.setFixedSize(image.size())  # whole pages; the scroll area scrolls
            label.setStyleSheet("border: 1px solid #999; background: white;")
            self.box.addWidget(label)


def render_pages(path: Path, *, width: int | None = None, dpi: float | None = None,
                 limit: int | None = None) -> list[QImage]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        out = []
        for i in range(len(doc) if limit is None else min(limit, len(doc))):
            out.append(_page_image(doc[i], width=width, dpi=dpi))
        return out
    finally:
        doc.close()


def _page_image(page: Any, *, width: int | None, dpi: float | None) -> QImage:
    w, _h = page.get_size()
    scale = (width / w) if width else (dpi or 150) / 72
    bitmap = page.render(scale=scale, rev_byteorder=True)
    fmt = QImage.Format.Format_RGBA8888 if bitmap.n_channels == 4 else QImage.Format.Format_RGB888
    image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, fmt).copy()
    page.close()
    return image


class NoticesTab(QWidget):
    """The 紙本通知 tab of the main window."""

    def __init__(self, workspace: Workspace, bus: ChangeBus, parent: QWidget | None = None,
                 runner: ThreadRunner | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tab_notices")
        self.workspace, self.bus = workspace, bus
        self.runner = runner or ThreadRunner()
        self.term: Term | None = None
        self.added: list[uuid.UUID] = []
        self.removed: set[uuid.UUID] = set()
        self.job: JobHandle | None = None
        self.last_pdf: Path | None = None
        self.last_notice_ids: list[uuid.UUID] = []
        self.dialog: QDialog | None = None

        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        self.add_edit = QLineEdit(self)
        self.add_edit.setObjectName("add_student")
        self.add_edit.setPlaceholderText(tr("學號，Enter 加入"))
        add_label = QLabel(tr("加入學號(&A)："), self)
        add_label.setBuddy(self.add_edit)
        self.remove_button = QPushButton(tr("移除選取（Delete）"), self)
        self.deadline_edit = QLineEdit(self)
        self.deadline_edit.setObjectName("deadline")
        self.deadline_edit.setPlaceholderText(tr("預設依學校設定"))
        deadline_label = QLabel(tr("回覆期限(&L)："), self)
        deadline_label.setBuddy(self.deadline_edit)
        self.scan_edit = QLineEdit(self)
        self.scan_edit.setObjectName("scan")
        self.scan_edit.setPlaceholderText(tr("掃描回條條碼或輸入參考編號，Enter"))
        scan_label = QLabel(tr("掃描回條(&B)："), self)
        scan_label.setBuddy(self.scan_edit)

        self.model = CandidateModel(self)
        self.view = list_view(self, self.model, "notices", [c[2] for c in COLUMNS], many=True)

        self.generate_button = QPushButton(tr("產生通知單（Ctrl+G）"), self)
        self.generate_button.setObjectName("generate")
        self.print_button = QPushButton(tr("列印…（Ctrl+P）"), self)
        self.save_button = QPushButton(tr("另存 PDF…"), self)
        self.reprint_button = QPushButton(tr("重印選取（Ctrl+Shift+P）"), self)
        self.reprint_button.setObjectName("reprint")
        self.reprint_button.setToolTip(tr("選取學生的原通知（同一參考編號與回條）重新產生 PDF，可列印或另存"))
        self.outputs_button = QToolButton(self)
        self.outputs_button.setText(tr("標籤、信封與掛號清單"))
        self.outputs_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.outputs_button)
        for text, kind in ((tr("地址標籤 PDF…"), "labels"),
                           (tr("信封（西式橫式）PDF…"), "horizontal"),
                           (tr("信封（中式直式）PDF…"), "vertical"),
                           (tr("掛號郵件清單 Excel…"), "list_xlsx"),
                           (tr("掛號郵件清單 PDF…"), "list_pdf"),
                           (tr("窗型信封校正頁 PDF…"), "calibration")):
            menu.addAction(text, lambda k=kind: self.export_dialog(k))
        menu.addSeparator()
        menu.addAction(tr("匯入郵局掛號號碼清單…"), self.import_registered_dialog)
        self.outputs_button.setMenu(menu)
        self.sent_button = QPushButton(tr("登記寄出…"), self)
        self.reply_button = QPushButton(tr("登記回覆…"), self)
        self.returned_button = QPushButton(tr("登記退件…"), self)
        self.resend_button = QPushButton(tr("新地址重寄…"), self)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.cancel_button = QPushButton(tr("取消"), self)
        self.cancel_button.hide()
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.preview = PreviewPane(self)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(scan_label)
        top.addWidget(self.scan_edit)
        pick = QHBoxLayout()
        pick.addWidget(add_label)
        pick.addWidget(self.add_edit)
        pick.addWidget(self.remove_button)
        pick.addStretch(1)
        pick.addWidget(deadline_label)
        pick.addWidget(self.deadline_edit)
        actions = QHBoxLayout()
        for w in (self.generate_button, self.reprint_button, self.print_button,
                  self.save_button, self.outputs_button):
            actions.addWidget(w)
        actions.addStretch(1)
        for w in (self.sent_button, self.reply_button, self.returned_button, self.resend_button):
            actions.addWidget(w)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        left = QWidget(self)
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.view, 1)
        left_box.addWidget(self.summary)
        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(self.preview)
        split.setSizes([700, 560])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(pick)
        layout.addWidget(split, 1)
        layout.addLayout(running)
        layout.addWidget(self.message)
        layout.addLayout(actions)

        self.add_edit.returnPressed.connect(self.add_from_edit)
        self.scan_edit.returnPressed.connect(self.scan)
        self.remove_button.clicked.connect(self.remove_selected)
        self.generate_button.clicked.connect(self.generate)
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button.clicked.connect(self.save_dialog)
        self.reprint_button.clicked.connect(self.reprint_selected)
        QShortcut(QKeySequence("Ctrl+Shift+P"), self, activated=self.reprint_selected)
        self.cancel_button.clicked.connect(self.cancel)
        self.sent_button.clicked.connect(self.sent_dialog)
        self.reply_button.clicked.connect(lambda: self.reply_dialog(self.selected_notice()))
        self.returned_button.clicked.connect(self.returned_dialog)
        self.resend_button.clicked.connect(self.resend_dialog)
        QShortcut(QKeySequence("Ctrl+G"), self, activated=self.generate)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.print_dialog)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.view, activated=self.remove_selected)
        bus.changed.connect(self._on_changed)
        self._update_buttons()

    # --- the list ----------------------------------------------------------------------------
    def set_term(self, term: tuple[int, int] | None) -> None:
        new = Term(*term) if term else None
        if new != self.term:
            self.added.clear()
            self.removed.clear()
        self.term = new
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if getattr(self, "_stale", True):
            self.reload()

    def reload(self) -> None:
        self._stale = False
        if self.term is None:
            self.heading.setText(tr("請先在工具列選擇學期，才能寄發該學期的紙本通知。"))
            self.model.set_rows([])
            self.summary.setText("")
            self._update_buttons()
            return
        with self.workspace.read() as session:
            rows = notices.candidates(session, self.term, self.added)
        rows = [r for r in rows if r.student_id not in self.removed]
        self.model.set_rows(rows)
        self.heading.setText(tr("%1 離校學生的紙本收訖明細確認通知").replace("%1", self.term.label))
        counts: dict[str, int] = {}
        for r in rows:
            counts[r.state or tr("未產生")] = counts.get(r.state or tr("未產生"), 0) + 1
        self.summary.setText(tr("共 %n 位：").replace("%n", str(len(rows))) + "、".join(
            f"{k} {v}" for k, v in counts.items()))
        self._update_buttons()

    def _on_changed(self, tables: frozenset[str]) -> None:
        if tables & {"student", "notice", "enrolment", "cadre_record", "outcome",
                     "performance"}:
            self.reload()

    def add_from_edit(self) -> None:
        no = self.add_edit.text().strip().upper()
        if not no or self.term is None:
            return
        with self.workspace.read() as session:
            student = find_student(session, no)
        if student is None or student.deleted:
            self._show(tr("找不到學號 %1 的學生。").replace("%1", no), True)
            return
        self.removed.discard(student.id)
        if student.id not in self.added:
            self.added.append(student.id)
        self.add_edit.clear()
        self.reload()
        self._show(tr("已加入 %1 %2。").replace("%1", no).replace("%2", student.name), False)

    def selected_rows(self) -> list[Candidate]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows]

    def remove_selected(self) -> None:
        for row in self.selected_rows():
            self.removed.add(row.student_id)
            if row.student_id in self.added:
                self.added.remove(row.student_id)
        self.reload()

    def selected_notice(self) -> uuid.UUID | None:
        rows = self.selected_rows()
        return rows[0].notice_id if rows else None

    def _update_buttons(self) -> None:
        busy = self.job is not None and not self.job.done
        self.generate_button.setEnabled(not busy and bool(self.model.rows))
        self.print_button.setEnabled(self.last_pdf is not None)
        self.save_button.setEnabled(self.last_pdf is not None)
        self.reprint_button.setEnabled(not busy and any(r.notice_id for r in self.model.rows))
        self.outputs_button.setEnabled(True)

    def _show(self, text: str, error: bool) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")
        self.message.setText(text)

    # --- the batch ---------------------------------------------------------------------------
    def generate(self) -> JobHandle | None:
        """Check, log and print the batch off the UI thread; cancel leaves nothing behind."""
        if self.term is None or not self.model.rows or (self.job and not self.job.done):
            return None
        deadline = None
        if self.deadline_edit.text().strip():
            try:
                deadline = parse_date(self.deadline_edit.text())
            except ValueError as exc:
                self._show(tr("回覆期限：") + str(exc), True)
                return None
        ids = [r.student_id for r in self.model.rows]
        term, ws = self.term, self.workspace
        with ws.read() as session:
            live = mailing.live_notices(session, term, ids)
        choice = mailing.ASK
        if live:
            choice = self.ask_live(len(live))
            if choice is None:
                self._show(tr("已取消，沒有產生任何通知。"), True)
                return None
        folder = paths.private_dir(paths.data_dir() / "notices")
        today = date.today()
        out = folder / f"{today:%Y%m%d}-{term.code}-{uuid.uuid4().hex[:8]}.pdf"

        def job(progress: Any) -> tuple[Path, list[uuid.UUID], list[tuple[str, list[str]]],
                                        mailing.IssueResult]:
            with ws.write("紙本通知") as (session, actor):
                result = mailing.issue_batch(session, actor, term, ids, out, today=today,
                                             deadline=deadline, live=choice, progress=progress)
            return out, result.notice_ids, result.fallback, result

        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self._show(tr("產生中…"), False)
        self.job = self.runner.start(job, done=self._generated, failed=self._failed,
                                     progress=self._progressed)
        self._update_buttons()
        return self.job

    def _progressed(self, done: int, total: int, _text: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _finish_job(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def _generated(self, result: Any) -> None:
        self._finish_job()
        path, ids, fallback, issued = result
        self.last_pdf, self.last_notice_ids = path, ids
        text = tr("已產生 %n 份通知：").replace("%n", str(len(ids))) + str(path)
        if issued.reprinted:
            text += "\n" + tr("其中 %n 份是重印的原通知（參考編號不變）。").replace(
                "%n", str(len(issued.reprinted)))
        if issued.voided:
            text += "\n" + tr("已作廢的原通知：") + "、".join(issued.voided)
        if fallback:
            text += "\n" + tr("使用備用字型印出罕用字：") + "；".join(
                f"{who}（{'、'.join(chars)}）" for who, chars in fallback)
        self._show(text, False)
        self.preview.show_pdf(path)
        self.bus.notify("notice")
        self._update_buttons()

    def _failed(self, exc: BaseException, _tb: str) -> None:
        self._finish_job()
        if isinstance(exc, Cancelled):
            self._show(tr("已取消，沒有產生任何通知。"), True)
        elif isinstance(exc, ValidationFailed):
            self._show(tr("無法產生通知，請先處理：") + "\n" + "\n".join(
                e.message for e in exc.errors), True)
        else:
            self._show(tr("產生通知時發生錯誤：") + str(exc), True)
        self._update_buttons()

    def ask_live(self, count: int) -> str | None:
        """Students with a live notice: reprint it, or void it and issue a new one?"""
        box = QMessageBox(QMessageBox.Icon.Question, tr("已有通知"), tr(
            "%n 位學生已有本學期尚未回覆的通知。\n\n「重印原通知」：印出同一份通知（參考編號與回條不變）。\n"
            "「作廢並發新通知」：原通知作廢，它的回條掃描時會顯示「已作廢」。").replace(
            "%n", str(count)), QMessageBox.StandardButton.NoButton, self)
        reprint = box.addButton(tr("重印原通知"), QMessageBox.ButtonRole.AcceptRole)
        reissue = box.addButton(tr("作廢並發新通知"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(reprint)
        box.exec()
        clicked = box.clickedButton()
        return (mailing.REPRINT if clicked is reprint else
                mailing.REISSUE if clicked is reissue else None)

    def reprint_selected(self) -> Path | None:
        """The selected students' notices again, as they were (logged); preview, print, save."""
        ids = [r.notice_id for r in self.selected_rows() if r.notice_id]
        if not ids:
            self._show(tr("請先選擇已產生通知的學生（可多選），再按「重印選取」。"), True)
            return None
        folder = paths.data_dir() / "notices"
        folder.mkdir(parents=True, exist_ok=True)
        out = folder / f"{date.today():%Y%m%d}-重印-{uuid.uuid4().hex[:8]}.pdf"
        try:
            with self.workspace.write("紙本通知") as (session, actor):
                mailing.reprint(session, actor, ids, out)
                ordered = [n.id for n in mailing.notices_of(session, ids)]
        except ValidationFailed as exc:
            self._show(str(exc), True)
            return None
        self.last_pdf, self.last_notice_ids = out, ordered
        self.preview.show_pdf(out)
        self._show(tr("已重印 %n 份通知（參考編號不變）：").replace("%n", str(len(ids)))
                   + str(out), False)
        self._update_buttons()
        return out

    # --- print and save --------------------------------------------------------------------
    def print_dialog(self) -> QDialog | None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.last_pdf is None:
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.accepted.connect(lambda: self.print_to(printer))
        dialog.open()
        self.dialog = dialog
        return dialog

    def print_to(self, printer: Any) -> int:
        """Paint every page at the printer's resolution; returns the pages sent."""
        import pypdfium2 as pdfium
        from PySide6.QtGui import QPageSize

        assert self.last_pdf is not None
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setFullPage(True)  # the letter's own margins; the window frame must not move

        painter = QPainter()
        if not painter.begin(printer):
            self._show(tr("無法開始列印，請檢查印表機。"), True)
            return 0
        doc = pdfium.PdfDocument(str(self.last_pdf))
        try:
            dpi = min(printer.resolution(), 300)
            for i in range(len(doc)):
                if i:
                    printer.newPage()
                image = _page_image(doc[i], width=None, dpi=dpi)
                target = painter.viewport()
                painter.drawImage(target, image)
            return len(doc)
        finally:
            doc.close()
            painter.end()

    def save_dialog(self) -> Path | None:
        if self.last_pdf is None:
            return None
        name, _f = QFileDialog.getSaveFileName(self, tr("另存 PDF"), self.last_pdf.name,
                                               tr("PDF 檔 (*.pdf)"))
        if not name:
            return None
        shutil.copyfile(self.last_pdf, name)
        self._show(tr("已存檔：") + name, False)
        return Path(name)

    def _notices_for_output(self, session: Any) -> list[Any]:
        ids = self.last_notice_ids or [r.notice_id for r in self.model.rows if r.notice_id]
        return [notices.get_notice(session, i) for i in ids]

    def export_dialog(self, kind: str) -> Path | None:
        suffix = ".xlsx" if kind == "list_xlsx" else ".pdf"
        name, _f = QFileDialog.getSaveFileName(
            self, tr("輸出"), f"{kind}{suffix}",
            tr("Excel 活頁簿 (*.xlsx)") if suffix == ".xlsx" else tr("PDF 檔 (*.pdf)"))
        if not name:
            return None
        return self.export(kind, Path(name))

    def export(self, kind: str, path: Path) -> Path | None:
        from lxp_desktop.io.mail_list import write_mail_list
        from lxp_desktop.printing import mail

        with self.workspace.read() as session:
            if kind == "calibration":
                mail.render_calibration(path, notices.window_frame(session))
                self._show(tr("已存檔：") + str(path), False)
                return path
            chosen = self._notices_for_output(session)
            if not chosen:
                self._show(tr("還沒有產生通知，請先按「產生通知單」。"), True)
                return None
            school, grid = notices.school_header(session), notices.label_grid(session)
            rows = notices.mail_rows(chosen, notices.postage(session))
            addrs = notices.addresses(chosen)
        try:
            if kind == "labels":
                mail.render_labels(addrs, path, grid)
            elif kind in ("horizontal", "vertical"):
                mail.render_envelopes(addrs, path, school, kind)
            elif kind == "list_xlsx":
                write_mail_list(rows, path)
            else:
                mail.render_mail_list(rows, path, school)
        except ValueError as exc:
            self._show(str(exc), True)
            return None
        self._show(tr("已存檔：") + str(path), False)
        return path

    # --- the mailing log -------------------------------------------------------------------
    def scan(self) -> FieldsDialog | None:
        """A reply slip's code typed by the scanner: find the notice, open its reply form."""
        text = self.scan_edit.text()
        self.scan_edit.clear()
        with self.workspace.read() as session:
            found = mailing.scan(session, text)
        if found.notice_id is None:
            self._show(found.message, True)  # unknown, or 已作廢: its slip does not count
            return None
        return self.reply_dialog(found.notice_id)

    def _open(self, dialog: FieldsDialog, save: Any) -> FieldsDialog:
        def accept() -> None:
            try:
                with self.workspace.write("紙本通知") as (session, actor):
                    save(session, actor, dialog)
            except ValidationFailed as exc:
                dialog.show_error(str(exc))
                return
            except ValueError as exc:
                dialog.show_error(str(exc))
                return
            QDialog.accept(dialog)
            self.bus.notify("notice", "student")

        dialog.accept = accept  # type: ignore[method-assign]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _notice_title(self, notice_id: uuid.UUID) -> str:
        with self.workspace.read() as session:
            n = notices.get_notice(session, notice_id)
            return f"{n.reference}　{n.recipient}"

    def reply_dialog(self, notice_id: uuid.UUID | None) -> FieldsDialog | None:
        if notice_id is None:
            self._show(tr("請先選一位已產生通知的學生。"), True)
            return None
        dialog = FieldsDialog(tr("登記回覆：") + self._notice_title(notice_id), [
            ("reply", tr("回覆"), "choice", [notices.CONFIRMED, notices.OBJECTED]),
            ("replied_on", tr("收到日期"), "text", format_roc(date.today())),
            ("objection", tr("疑義內容"), "multiline", ""),
        ], self)

        def save(session: Any, actor: Any, d: FieldsDialog) -> None:
            notices.record_reply(session, actor, notice_id, d.value("reply"),
                                 parse_date(d.value("replied_on")), d.value("objection"))

        return self._open(dialog, save)

    def _batch_scope(self) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
        """(the selected rows' notices, the whole batch of the first of them — or of the
        newest batch when nothing is selected)."""
        chosen = [r.notice_id for r in self.selected_rows() if r.notice_id]
        with self.workspace.read() as session:
            if chosen:
                batch = notices.get_notice(session, chosen[0]).batch
            elif self.term is not None and mailing.batches(session, self.term):
                batch = mailing.batches(session, self.term)[0][0]
            else:
                return chosen, []
            whole = [n.id for n in notices.notices_of_batch(session, batch)
                     if n.state in mailing.LIVE]
        return chosen, whole

    def sent_dialog(self) -> FieldsDialog | None:
        """登記寄出 for the selected notices or a whole batch, with the date and (optionally)
        the 掛號號碼 in mail-list order: one a line, or the first of a run of labels."""
        chosen, whole = self._batch_scope()
        if not chosen and not whole:
            self._show(tr("還沒有可登記寄出的通知；請先產生通知單。"), True)
            return None
        scopes = ([tr("選取的 %n 份").replace("%n", str(len(chosen)))] if chosen else []) + (
            [tr("整批 %n 份").replace("%n", str(len(whole)))] if whole else [])
        dialog = FieldsDialog(tr("登記寄出"), [
            ("scope", tr("範圍"), "choice", scopes),
            ("sent_on", tr("寄出日期"), "text", format_roc(date.today())),
            ("registered_no", tr("掛號號碼（依掛號清單順序，每行一個；\n只填第一個則往下連號）"),
             "multiline", ""),
        ], self)

        def save(session: Any, actor: Any, d: FieldsDialog) -> None:
            ids = chosen if chosen and d.editors["scope"].currentIndex() == 0 else whole
            text = d.value("registered_no")
            numbers = mailing.number_sequence(text, len(ids)) if text else None
            mailing.mark_sent(session, actor, ids, parse_date(d.value("sent_on")), numbers)

        return self._open(dialog, save)

    def returned_dialog(self) -> FieldsDialog | None:
        """退件 for every selected notice that was sent, with the date and the reason."""
        rows = [r for r in self.selected_rows() if r.notice_id]
        if not rows:
            self._show(tr("請先選擇被退回的通知（可多選）。"), True)
            return None
        ids = [r.notice_id for r in rows if r.notice_id]
        title = (self._notice_title(ids[0]) if len(ids) == 1
                 else tr("%n 份通知").replace("%n", str(len(ids))))
        dialog = FieldsDialog(tr("登記退件：") + title, [
            ("returned_on", tr("退回日期"), "text", format_roc(date.today())),
            ("reason", tr("退件原因"), "text", ""),
        ], self)

        def save(session: Any, actor: Any, d: FieldsDialog) -> None:
            mailing.mark_returned(session, actor, ids, parse_date(d.value("returned_on")),
                                  d.value("reason"))

        return self._open(dialog, save)

    def import_registered_dialog(self) -> int:
        name, _f = QFileDialog.getOpenFileName(
            self, tr("匯入郵局掛號號碼清單"), "", tr("Excel 或 CSV (*.xlsx *.csv)"))
        return self.import_registered(Path(name)) if name else 0

    def import_registered(self, path: Path) -> int:
        """The post office's list (參考編號 + 掛號號碼): each notice gets its number."""
        try:
            pairs = mailing.registered_numbers_from_file(path)
            with self.workspace.write("紙本通知") as (session, actor):
                count = mailing.assign_registered(session, actor, pairs, date.today())
        except ValidationFailed as exc:
            self._show(tr("沒有匯入任何掛號號碼，請先處理：") + "\n" + str(exc), True)
            return 0
        self.bus.notify("notice")
        self._show(tr("已登記 %n 份通知的掛號號碼。").replace("%n", str(count)), False)
        return count

    def resend_dialog(self) -> FieldsDialog | None:
        rows = self.selected_rows()
        if not rows or rows[0].notice_id is None:
            self._show(tr("請先選一位退件的學生。"), True)
            return None
        notice_id = rows[0].notice_id
        dialog = FieldsDialog(tr("新地址重寄：") + self._notice_title(notice_id), [
            ("postal_code", tr("郵遞區號"), "text", rows[0].postal_code),
            ("address", tr("通訊地址"), "text", rows[0].address),
        ], self)

        def save(session: Any, actor: Any, d: FieldsDialog) -> None:
            new = notices.resend(session, actor, notice_id, d.value("postal_code"),
                                 d.value("address"))
            folder = paths.data_dir() / "notices"
            folder.mkdir(parents=True, exist_ok=True)
            out = folder / f"{date.today():%Y%m%d}-{new.reference}.pdf"
            notices.render(session, [new], out)  # one letter: quick enough for the UI thread
            self.last_notice_ids, self.last_pdf = [new.id], out
            self.preview.show_pdf(out)

        return self._open(dialog, save)
