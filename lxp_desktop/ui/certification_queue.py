"""A teacher's certification queue: every pending outcome of their courses (and of the
teachers they are proxy for), certified or returned from the keyboard.

Keys: arrows move, Shift+arrows / Ctrl+A select many, Enter certifies the selected items,
Ctrl+R returns them with a reason, Space opens the current item's file (its first page
or image is shown beside the list), Esc closes. Overdue items (past the term's
certification deadline) are marked 逾期 and coloured. The service decides who may certify.
"""

from __future__ import annotations

import tempfile
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QObject,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDesktopServices,
    QKeyEvent,
    QKeySequence,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.roc import format_roc
from lxp_desktop.services import certification
from lxp_desktop.services.certification import QueueItem
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.ui.changes import ChangeBus
from lxp_desktop.ui.list_model import ListModel, list_view

ItemIdRole = Qt.ItemDataRole.UserRole + 1
OVERDUE_BG = QColor("#fde2e1")
OVERDUE_FG = QColor("#a40000")


def tr(text: str) -> str:
    return QCoreApplication.translate("CertificationQueue", text)


COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("deadline", "認證期限", 110), ("class_code", "班級", 50), ("seat_no", "座號", 40),
    ("student_no", "學號", 70), ("student_name", "姓名", 70), ("course_name", "科目", 90),
    ("teacher_name", "任課教師", 70), ("title", "成果名稱", 150), ("summary", "成果簡述", 220),
    ("files", "檔案", 40),
)


class QueueModel(ListModel[QueueItem]):
    """The queue's rows (a teacher's queue is short: loaded whole)."""

    headers = tuple(column[1] for column in COLUMNS)
    translate = staticmethod(tr)

    def cell(self, item: QueueItem, column: int, role: int) -> Any:
        key = COLUMNS[column][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "deadline":
                text = format_roc(item.deadline) if item.deadline else tr("未定")
                return tr("逾期 ") + text if item.overdue else text
            value = getattr(item, key)
            return "" if value is None else str(value)
        if role == ItemIdRole:
            return item.id
        if role == Qt.ItemDataRole.BackgroundRole and item.overdue:
            return QBrush(OVERDUE_BG)
        if role == Qt.ItemDataRole.ForegroundRole and item.overdue:
            return QBrush(OVERDUE_FG)
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.summary
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("seat_no", "files"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ReasonDialog(QDialog):
    """Ask for the reason of a return (the student reads it). Ctrl+Enter or Enter on OK."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReasonDialog")
        self.setWindowTitle(tr("退回課程學習成果"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("退回 %n 件。請寫下原因（學生會看到，最多 200 字）：").replace(
            "%n", str(count)), self))
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName("reason")
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(80)
        layout.addWidget(self.edit)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("退回"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
                self._accept()
                return True
        return super().eventFilter(watched, event)

    def reason(self) -> str:
        return self.edit.toPlainText().strip()

    def _accept(self) -> None:
        if not self.reason():
            self.error.setText(tr("請寫下退回原因，學生才知道要修改什麼。"))
            self.error.show()
            return
        self.accept()


class CertificationQueue(QDialog):
    """The queue window; ``term`` is (學年度, 學期) or None for every term."""

    def __init__(self, workspace: Workspace, bus: ChangeBus | None,
                 term: tuple[int, int] | None = None, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CertificationQueue")
        self.setWindowTitle(tr("課程學習成果認證"))
        self.workspace, self.bus, self.term = workspace, bus, term
        self.today = today
        self.reason_dialog: ReasonDialog | None = None

        self.who = QLabel(self)
        self.teacher_box = QComboBox(self)
        self.teacher_box.setObjectName("teacher")
        teacher_label = QLabel(tr("任課教師(&T)："), self)
        teacher_label.setBuddy(self.teacher_box)
        self.model = QueueModel(self)
        self.view = list_view(self, self.model, "queue", [c[2] for c in COLUMNS], many=True)
        self.view.installEventFilter(self)
        self.certify_button = QPushButton(tr("認證（Enter）"), self)
        self.return_button = QPushButton(tr("退回…（Ctrl+R）"), self)
        self.close_button = QPushButton(tr("關閉"), self)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()
        help_text = QLabel(tr("Enter：認證選取的項目　空白鍵：開啟檔案　Shift+方向鍵／Ctrl+A：多選　"
                              "Ctrl+R：退回　認證只確認成果出自本課程，不評定優劣。"), self)
        help_text.setWordWrap(True)
        help_text.setStyleSheet("color: #555;")

        top = QHBoxLayout()
        top.addWidget(self.who, 1)
        top.addWidget(teacher_label)
        top.addWidget(self.teacher_box)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.certify_button)
        bottom.addWidget(self.return_button)
        bottom.addWidget(self.close_button)
        # the selected item's file beside the list: its first page or the image (Space opens it)
        self.file_label = QLabel(tr("選取一件成果，這裡會顯示它的檔案。"), self)
        self.file_label.setObjectName("file_label")
        self.file_label.setWordWrap(True)
        self.file_view = QLabel(self)
        self.file_view.setObjectName("file_view")
        self.file_view.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.file_view.setMinimumWidth(260)
        self.open_button = QPushButton(tr("開啟檔案（空白鍵）"), self)
        self.open_button.setObjectName("open_file")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_file)
        side = QWidget(self)
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(0, 0, 0, 0)
        side_box.addWidget(self.file_label)
        side_box.addWidget(self.file_view, 1)
        side_box.addWidget(self.open_button)
        split = QSplitter(self)
        split.addWidget(self.view)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        self.file_ids: list[uuid.UUID] = []
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(help_text)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

        self.certify_button.clicked.connect(self.certify_selected)
        self.return_button.clicked.connect(self.return_selected)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+R"), self, activated=self.return_selected)
        self.certify_button.setAutoDefault(False)
        self.return_button.setAutoDefault(False)
        self.close_button.setAutoDefault(False)
        self.resize(1100, 560)
        self._load_teachers()
        self.teacher_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.reload()
        self.view.selectionModel().currentChanged.connect(self.show_file)
        self.model.modelReset.connect(self.show_file)
        self.show_file()

    def _load_teachers(self) -> None:
        actor = self.workspace.actor
        term = f"{self.term[0]}學年度第{self.term[1]}學期" if self.term else tr("全部學期")
        with self.workspace.read() as session:
            teachers = certification.teachers_for(session, actor)
        self.who.setText(tr("認證者：%1　%2").replace("%1", actor.name).replace("%2", term))
        self.teacher_box.clear()
        self.teacher_box.addItem(tr("全部"), None)
        for teacher_id, name in teachers:
            self.teacher_box.addItem(name, teacher_id)

    def reload(self, keep_row: int | None = None) -> None:
        teacher_id = self.teacher_box.currentData()
        with self.workspace.read() as session:
            items = certification.queue(
                session, self.workspace.actor, self.term[0] if self.term else None,
                self.term[1] if self.term else None, teacher_id=teacher_id, today=self.today)
        self.model.set_rows(items)
        overdue = sum(1 for i in items if i.overdue)
        text = tr("待認證 %n 件").replace("%n", str(len(items)))
        if overdue:
            text += tr("，其中逾期 %n 件").replace("%n", str(overdue))
        if not items and self.teacher_box.count() <= 1:
            text = tr("沒有可認證的項目：您不是任何課程的任課教師，也不是其代理人。")
        self.summary.setText(text)
        if items:
            row = min(keep_row if keep_row is not None else 0, len(items) - 1)
            flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
            self.view.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)

    def selected_ids(self) -> list[uuid.UUID]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.rows[r].id for r in rows]

    def _first_selected_row(self) -> int:
        rows = [i.row() for i in self.view.selectionModel().selectedRows()]
        return min(rows) if rows else 0

    def _show(self, text: str, error: bool) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")
        self.message.setText(text)
        self.message.show()

    def certify_selected(self) -> int:
        ids = self.selected_ids()
        if not ids:
            return 0
        row = self._first_selected_row()
        try:
            with self.workspace.write("認證佇列") as (session, _a):
                certification.certify(session, self.workspace.actor, ids)
        except ValidationFailed as exc:
            self._show(str(exc), True)
            return 0
        self._show(tr("已認證 %n 件。").replace("%n", str(len(ids))), False)
        self._after_write(row)
        return len(ids)

    def return_selected(self) -> ReasonDialog | None:
        """Ask for the reason (window-modal), then return the selected items."""
        ids = self.selected_ids()
        if not ids:
            return None
        row = self._first_selected_row()
        dialog = ReasonDialog(len(ids), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reason_dialog = dialog

        def done() -> None:
            try:
                with self.workspace.write("認證佇列") as (session, _a):
                    certification.return_outcomes(session, self.workspace.actor, ids,
                                                  dialog.reason())
            except ValidationFailed as exc:
                self._show(str(exc), True)
                return
            self._show(tr("已退回 %n 件。").replace("%n", str(len(ids))), False)
            self._after_write(row)

        dialog.accepted.connect(done)
        dialog.finished.connect(lambda _r: setattr(self, "reason_dialog", None))
        dialog.open()
        return dialog

    def _after_write(self, row: int) -> None:
        self.reload(keep_row=row)
        self.view.setFocus()
        if self.bus is not None:
            self.bus.notify("outcome")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                    event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
                self.certify_selected()
                return True
            if event.key() == Qt.Key.Key_Space and not event.modifiers():
                self.open_file()
                return True
        return super().eventFilter(watched, event)

    # --- the file in view ----------------------------------------------------------------
    def _current_item(self) -> QueueItem | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()]

    def show_file(self, *_args: object) -> None:
        """The current item's first file: a picture of its first page, or the image."""
        from lxp_desktop.services import attachments
        from lxp_desktop.ui.thumbnails import thumbnail

        item = self._current_item()
        self.file_view.clear()
        self.file_ids = []
        if item is None:
            self.file_label.setText(tr("選取一件成果，這裡會顯示它的檔案。"))
            self.open_button.setEnabled(False)
            return
        with self.workspace.read() as session:
            files = attachments.list_attachments(session, "outcome", item.id)
            self.file_ids = [f.id for f in files]
            if not files:
                self.file_label.setText(tr("這件成果沒有附檔。"))
                self.open_button.setEnabled(False)
                return
            first = files[0]
            try:
                _info, data = attachments.read_attachment(session, first.id)
            except (attachments.BlobError, OSError):
                data = b""
        count = f"（{tr('共 %n 個檔案').replace('%n', str(len(files)))}）" if len(files) > 1 else ""
        self.file_label.setText(f"{first.filename}{count}")
        self.open_button.setEnabled(True)
        width = max(self.file_view.width(), 260)
        image = thumbnail(first.kind, data, size=width) if data else None
        if image is None:
            self.file_view.setText(tr("這個檔案無法預覽（%1）；按空白鍵以系統程式開啟。")
                                   .replace("%1", first.kind or "?") if data else
                                   tr("檔案還不在這台電腦上；同步後再試。"))
        else:
            self.file_view.setPixmap(QPixmap.fromImage(image))

    def open_file(self) -> Path | None:
        """The current item's first file in the PC's own viewer (a copy in a temp folder)."""
        from lxp_desktop.services import attachments

        if not self.file_ids:
            return None
        folder = Path(tempfile.mkdtemp(prefix="lxp-certify-"))
        try:
            with self.workspace.read() as session:
                path = attachments.export_attachment(session, self.file_ids[0], folder)
        except Exception as exc:  # noqa: BLE001 - shown to the teacher, nothing written
            self._show(tr("無法開啟檔案：") + str(exc), True)
            return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.view.setFocus()
