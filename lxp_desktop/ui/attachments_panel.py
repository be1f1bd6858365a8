"""The detail panel's attachment list: thumbnails, add by dialog or drag and drop, open.

Every file goes through ``services.attachments.attach`` (kind by bytes, size limit, stored
once by hash); a rejected file's message is shown under the list. Opening exports a
hash-checked copy to a folder of its own and hands it to the system viewer, so the viewer
never touches the stored file; a file changed or missing on disk is reported, never opened.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPixmap,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from lxp_desktop import paths
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import attachments
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.store.blobs import BlobError
from lxp_desktop.sync.server import SyncError
from lxp_desktop.ui.thumbnails import thumbnail

AttachmentIdRole = Qt.ItemDataRole.UserRole + 1
ProblemRole = Qt.ItemDataRole.UserRole + 2
THUMB = 96


def tr(text: str) -> str:
    return QCoreApplication.translate("AttachmentPanel", text)


def _size_text(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.2f} MB"


class AttachmentPanel(QWidget):
    """The files of one record (``set_owner``); emits ``changed`` after a write."""

    changed = Signal(str)  # the owner's table

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachments")
        self.workspace = workspace
        self.owner: tuple[str, uuid.UUID] | None = None
        self._last_owner: tuple[str, uuid.UUID] | None = None
        self.setAcceptDrops(True)

        self.title = QLabel(tr("附件"), self)
        self.model = QStandardItemModel(self)
        self.view = QListView(self)
        self.view.setObjectName("attachment_list")
        self.view.setModel(self.model)
        self.view.setIconSize(QSize(THUMB, THUMB))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(True)
        self.view.setAcceptDrops(True)
        self.view.viewport().setAcceptDrops(True)
        self.view.installEventFilter(self)
        self.add_button = QPushButton(tr("加入檔案…（Ctrl+O）"), self)
        self.open_button = QPushButton(tr("開啟(&O)"), self)
        self.remove_button = QPushButton(tr("移除附件"), self)
        self.hint = QLabel(tr("可把檔案拖曳到這裡。pdf、jpg、png 每檔 4 MB；mp3、mp4 每檔 10 MB"
                              "（108學年度以前 2 MB／5 MB）。"), self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        self.message = QLabel(self)
        self.message.setObjectName("attachment_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)

        self.add_button.clicked.connect(self.choose_files)
        self.open_button.clicked.connect(self.open_current)
        self.remove_button.clicked.connect(self.remove_current)
        self.view.activated.connect(lambda _i: self.open_current())
        QShortcut(QKeySequence("Ctrl+O"), self, activated=self.choose_files,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.set_owner(None, None)

    # --- which record ---------------------------------------------------------------------
    def set_owner(self, table: str | None, owner_id: Any) -> None:
        owner = (table, owner_id) if table and owner_id else None
        if owner is not None and owner != self._last_owner:
            self.show_message(None)  # a message stays while its record is shown again
            self._last_owner = owner
        self.owner = owner
        for w in (self.add_button, self.open_button, self.remove_button, self.view):
            w.setEnabled(self.owner is not None)
        self.reload()

    def reload(self) -> None:
        self.model.clear()
        if self.owner is None:
            self.title.setText(tr("附件（請先選一筆紀錄）"))
            return
        with self.workspace.read() as session:
            infos = attachments.list_attachments(session, *self.owner)
            for info in infos:
                self.model.appendRow(self._item(session, info))
        self.title.setText(tr("附件：%n 個檔案").replace("%n", str(len(infos))))
        if infos:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _item(self, session: Any, info: attachments.AttachmentInfo) -> QStandardItem:
        item = QStandardItem(f"{info.filename}\n{info.kind.upper()}，{_size_text(info.size)}")
        item.setData(info.id, AttachmentIdRole)
        item.setToolTip(f"{info.filename}\nSHA-256 {info.sha256}")
        try:
            _info, data = attachments.read_attachment(session, info.id)
        except BlobError as exc:
            if exc.problem == "missing" and self._shared():
                item.setText(f"{info.filename}\n" + tr("尚未下載：開啟時從共用資料庫取得"))
                item.setData(exc.problem, ProblemRole)
                return item
            item.setText(f"⚠ {info.filename}\n" + (tr("檔案已被更動") if exc.problem == "altered"
                                                    else tr("檔案遺失")))
            item.setToolTip(str(exc))
            item.setData(exc.problem, ProblemRole)
            item.setForeground(Qt.GlobalColor.darkRed)
            item.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
            return item
        image = thumbnail(info.kind, data, THUMB)
        if image is not None:
            item.setIcon(QIcon(QPixmap.fromImage(image)))
        else:
            pixmap = (QStyle.StandardPixmap.SP_MediaPlay if info.kind in ("mp3", "mp4")
                      else QStyle.StandardPixmap.SP_FileIcon)
            item.setIcon(self.style().standardIcon(pixmap))
        return item

    def show_message(self, text: str | None) -> None:
        self.message.setText(text or "")
        self.message.setVisible(bool(text))

    # --- adding -----------------------------------------------------------------------------
    def choose_files(self) -> None:
        if self.owner is None:
            return
        files, _filter = QFileDialog.getOpenFileNames(
            self, tr("選擇要附加的檔案"), "",
            tr("成果檔案 (*.pdf *.jpg *.jpeg *.png *.mp3 *.mp4);;所有檔案 (*)"))
        if files:
            self.add_files([Path(f) for f in files])

    def add_files(self, files: list[Path]) -> int:
        """Attach each file in its own unit of work; report every refused one with why."""
        if self.owner is None:
            return 0
        table, owner_id = self.owner
        problems: list[str] = []
        added = 0
        with self.workspace.read() as session:  # a certification this resets is said, not silent
            note = attachments.reopens_certification(session, table, owner_id)
        for path in files:
            try:
                with self.workspace.write(f"附件 {path.name}") as (session, actor):
                    attachments.attach(session, actor, table, owner_id, path)
                added += 1
            except ValidationFailed as exc:
                problems.append(str(exc))
        self.reload()
        if added and note:
            problems.append(note)
        self.show_message("\n".join(problems) if problems else None)
        if added:
            self.changed.emit(table)
        return added

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.owner is not None and event.mimeData().hasUrls() and any(
                u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        if self.owner is not None and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if files and self.owner is not None:
            event.acceptProposedAction()
            self.add_files(files)

    # --- the current file -----------------------------------------------------------------------
    def current_id(self) -> uuid.UUID | None:
        index = self.view.currentIndex()
        return index.data(AttachmentIdRole) if index.isValid() else None

    def open_current(self) -> Path | None:
        att_id = self.current_id()
        if att_id is None:
            return None
        folder = paths.data_dir() / "opened" / str(att_id)
        try:
            try:
                with self.workspace.read() as session:
                    path = attachments.export_attachment(session, att_id, folder)
            except BlobError as exc:
                # attached on another PC: its bytes come from the shared database on demand
                if exc.problem != "missing" or not self.download(att_id):
                    raise
                with self.workspace.read() as session:
                    path = attachments.export_attachment(session, att_id, folder)
        except (BlobError, ValidationFailed, SyncError) as exc:
            self.show_message(str(exc))
            return None
        self.show_message(None)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def _shared(self) -> bool:
        """A shared database is configured (files attached elsewhere can be fetched)."""
        from lxp_desktop.services import sync as sync_service

        return sync_service.get_connection(self.workspace) is not None

    def download(self, att_id: uuid.UUID) -> bool:
        """Fetch an attachment's file from the shared database (False: none configured)."""
        from lxp_desktop.services import sync as sync_service

        with self.workspace.read() as session:
            sha256 = attachments.attachment_sha256(session, att_id)
        self.show_message(tr("正在從共用資料庫下載附件…"))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            fetched = sync_service.fetch_attachment(self.workspace, sha256)
        finally:
            QApplication.restoreOverrideCursor()
        if fetched:
            self.reload()  # its thumbnail instead of 「檔案遺失」
        return fetched

    def remove_current(self) -> bool:
        att_id = self.current_id()
        if att_id is None or self.owner is None:
            return False
        name = self.view.currentIndex().data().split("\n")[0]
        answer = QMessageBox.question(
            self, tr("移除附件"), tr("確定要移除附件「%1」嗎？\n移除後仍保留在稽核紀錄中。").replace(
                "%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            with self.workspace.write("表單") as (session, actor):
                attachments.detach(session, actor, att_id)
        except ValidationFailed as exc:
            self.show_message(str(exc))
            return False
        self.reload()
        self.changed.emit(self.owner[0])
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the list: Enter opens the file, Delete removes it (Ctrl+O adds files)."""
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.remove_current()
                return True
        return super().eventFilter(watched, event)
