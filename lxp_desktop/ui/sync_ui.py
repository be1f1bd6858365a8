"""Sync in the window: the Tools menu actions, the background timer, the status bar, the dialogs.

The sync runs on the thread pool (``ui/jobs``) with its own sessions; the window only shows
the result. Two instances of the app (two data folders) meet through the shared database.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url

from lxp_desktop.services import conflicts as conflict_service
from lxp_desktop.services import sync as sync_service
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.sync.codec import TABLE_ORDER
from lxp_desktop.sync.server import ServerRestored, ServerUnreachable, SyncError
from lxp_desktop.ui.jobs import ThreadRunner
from lxp_desktop.ui.list_model import ListModel


def tr(text: str) -> str:
    return QCoreApplication.translate("Sync", text)


class SyncController(QObject):
    """Owns the sync of one main window: actions, timer, status label, running job."""

    def __init__(self, window: Any, runner: ThreadRunner | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.workspace: Workspace = window.workspace
        self.runner = runner or ThreadRunner()
        self.job: Any = None
        self.online: bool | None = None
        self.restored = False  # the shared database went back to a backup: recovery waits
        self.last_error = ""
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.sync_now(interactive=False))

        self.sync_action = QAction(tr("立即同步(&S)"), window)
        self.sync_action.setObjectName("action_sync")
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.triggered.connect(lambda: self.sync_now(interactive=True))
        self.settings_action = QAction(tr("共用資料庫設定(&D)…"), window)
        self.settings_action.setObjectName("action_sync_settings")
        self.settings_action.triggered.connect(self.edit_settings)
        self.conflicts_action = QAction(tr("衝突(&C)…"), window)
        self.conflicts_action.setObjectName("action_conflicts")
        self.conflicts_action.triggered.connect(self.show_conflicts)
        for action in (self.sync_action, self.settings_action, self.conflicts_action):
            window.tools_menu.addAction(action)
        self.label: QLabel = window.sync_label
        self._restart_timer()
        self.refresh_label()

    # --- state ---------------------------------------------------------------------------
    def _restart_timer(self) -> None:
        conn = sync_service.get_connection(self.workspace)
        self.timer.stop()
        if conn is not None:
            self.timer.start(conn.interval_minutes * 60_000)

    def refresh_label(self) -> None:
        state = sync_service.status(self.workspace)
        if not state.configured:
            self.label.setText(tr("未設定共用資料庫"))
            return
        if self.job is not None:
            head = tr("同步中…")
        elif self.restored:
            head = tr("已從備份還原，待修復（立即同步）")
        elif self.online is False:
            head = tr("離線")
        elif state.last_sync is not None:
            head = tr("已同步 %1").replace("%1", state.last_sync.astimezone().strftime("%m/%d %H:%M"))
        else:
            head = tr("尚未同步")
        text = (tr("共用資料庫：%1｜待上傳 %2｜衝突 %3").replace("%1", head)
                .replace("%2", str(state.pending)).replace("%3", str(state.open_conflicts)))
        tips = [self.last_error] if self.last_error else []
        if state.missing_files:
            text += tr("｜附件檔案遺失 %1").replace("%1", str(len(state.missing_files)))
            tips.append(tr("這些附件的檔案不在這台電腦上，暫不上傳（其他資料照常同步）：")
                        + "、".join(state.missing_files))
        if state.breaches:
            text += tr("｜超過上限 %1").replace("%1", str(len(state.breaches)))
            tips.append(tr("同步後超過上限（預檢會列出）：") + "\n" + "\n".join(state.breaches))
        self.label.setText(text)
        self.label.setToolTip("\n\n".join(tips))

    # --- sync ----------------------------------------------------------------------------
    def sync_now(self, interactive: bool = True, recover: bool = False) -> None:
        if self.job is not None:
            return
        if sync_service.get_connection(self.workspace) is None:
            if interactive:
                self.edit_settings()
            return
        ws = self.workspace

        def work(progress: Any) -> Any:
            return sync_service.sync_workspace(ws, progress=progress, recover=recover)

        self.job = True  # running, until the handle says otherwise
        handle = self.runner.start(work, done=lambda r: self._done(r, interactive),
                                   failed=lambda e, tb: self._failed(e, tb, interactive))
        if not handle.done:
            self.job = handle
            self.refresh_label()

    def _done(self, report: Any, interactive: bool) -> None:
        self.job = None
        self.online, self.last_error = True, ""
        self.restored = False
        self.window.bus.notify(*TABLE_ORDER)
        self.refresh_label()
        if report.adopted_empty_store:  # a new PC joined the school: sign in with its account
            self.window.lock()
        differences = sync_service.school_differences(report)
        if differences:
            QMessageBox.information(
                self.window, tr("學校資料以共用資料庫為準"),
                tr("這台電腦先前自己填的學校資料與學校的共用資料庫不同，已改用學校的資料：")
                + "\n" + "\n".join(differences))
        if interactive:
            self.window.statusBar().showMessage(
                tr("同步完成：上傳 %1 筆、下載 %2 筆。").replace("%1", str(report.pushed))
                .replace("%2", str(report.pulled)), 8000)

    def _failed(self, exc: BaseException, tb: str, interactive: bool) -> None:
        self.job = None
        self.online = False if isinstance(exc, ServerUnreachable) else self.online
        self.last_error = str(exc) if isinstance(exc, SyncError) else tb
        self.refresh_label()
        if isinstance(exc, ServerRestored):
            self.restored = True
            self.refresh_label()
            if interactive and self.ask_recover(str(exc)):
                self.sync_now(interactive=True, recover=True)
            return
        if interactive:
            from lxp_desktop.ui.errors import describe

            QMessageBox.warning(self.window, tr("同步"), str(exc) if isinstance(exc, SyncError)
                                else describe(exc, tr("同步時發生未預期的錯誤：")))

    def ask_recover(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, tr("共用資料庫已從備份還原"), text,
                          QMessageBox.StandardButton.Cancel, self.window)
        box.setObjectName("ask_recover")
        repair = box.addButton(tr("修復(&R)"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is repair

    # --- dialogs -------------------------------------------------------------------------
    def edit_settings(self) -> None:
        dialog = ConnectionDialog(self.workspace, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._restart_timer()
            self.refresh_label()

    def show_conflicts(self) -> None:
        dialog = ConflictsDialog(self.workspace, self.window)
        dialog.exec()
        self.window.bus.notify(*TABLE_ORDER)
        self.refresh_label()


class ConnectionDialog(QDialog):
    """Host, port, database, account and password (kept in the keyring), sync interval."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("sync_settings")
        self.setWindowTitle(tr("共用資料庫設定"))
        self.setMinimumWidth(560)  # the TLS warning and the CA file path stay readable
        form = QFormLayout()
        self.host = QLineEdit(self)
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit(self)
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.interval = QSpinBox(self)
        self.interval.setRange(1, 240)
        self.interval.setSuffix(tr(" 分鐘"))
        # TLS: the server's certificate is verified against the school's CA file
        self.ca_file = QLineEdit(self)
        self.ca_file.setObjectName("ca_file")
        self.ca_file.setPlaceholderText(tr("學校的 CA 憑證檔（.crt／.pem）"))
        browse = QPushButton(tr("選擇(&B)…"), self)
        browse.clicked.connect(self._browse_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(browse)
        self.no_tls = QCheckBox(tr("不加密、不驗證伺服器（不建議）"), self)
        self.no_tls.setObjectName("no_tls")
        self.tls_warning = QLabel(tr("警告：不加密時，學生個人資料與密碼可能在網路上被竊聽，"
                                     "或被冒充的伺服器取得。只在伺服器本機或測試時使用。"), self)
        self.tls_warning.setStyleSheet("color: #b00020;")
        self.tls_warning.setWordWrap(True)
        self.tls_warning.setVisible(False)
        self.no_tls.toggled.connect(self.tls_warning.setVisible)
        for label, widget in ((tr("主機(&H)："), self.host), (tr("連接埠(&P)："), self.port),
                              (tr("資料庫(&D)："), self.database), (tr("帳號(&U)："), self.user),
                              (tr("密碼(&W)："), self.password),
                              (tr("自動同步間隔(&I)："), self.interval)):
            form.addRow(label, widget)
        form.addRow(tr("CA 憑證檔(&C)："), ca_row)
        form.addRow("", self.no_tls)
        form.addRow("", self.tls_warning)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(tr("密碼存放在作業系統的認證管理員（keyring），不會寫入檔案。"), self))
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._load()

    def _load(self) -> None:
        conn = sync_service.get_connection(self.workspace)
        self.interval.setValue(conn.interval_minutes if conn else sync_service.DEFAULT_INTERVAL)
        if conn is None:
            return
        url = make_url(conn.url)
        self.ca_file.setText(conn.ca_file or "")
        self.no_tls.setChecked(url.query.get("sslmode") == "disable")
        self.host.setText(url.host or str(url.query.get("host", "")))
        self.port.setValue(int(url.port or url.query.get("port", 5432) or 5432))
        self.database.setText(url.database or "")
        self.user.setText(url.username or "")

    def url(self) -> str:
        host = self.host.text().strip()
        user = self.user.text().strip()
        db = self.database.text().strip()
        tls = "sslmode=disable" if self.no_tls.isChecked() else ""
        if host.startswith("/"):  # a unix socket folder
            return (f"postgresql+psycopg://{user}@/{db}?host={host}&port={self.port.value()}"
                    + (f"&{tls}" if tls else ""))
        return f"postgresql+psycopg://{user}@{host}:{self.port.value()}/{db}" + (
            f"?{tls}" if tls else "")

    def _browse_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("學校的 CA 憑證檔"), self.ca_file.text(),
                                              tr("憑證 (*.crt *.pem *.cer);;所有檔案 (*)"))
        if path:
            self.ca_file.setText(path)

    def save(self) -> None:
        if not (self.host.text().strip() and self.database.text().strip()
                and self.user.text().strip()):
            self.error.setText(tr("請填寫主機、資料庫與帳號。"))
            return
        host = self.host.text().strip()
        if not (host.startswith("/") or self.no_tls.isChecked() or self.ca_file.text().strip()):
            self.error.setText(tr("請選擇學校的 CA 憑證檔，用來驗證共用資料庫伺服器；"
                                  "若確實不加密連線，請勾選「不加密」。"))
            return
        try:
            sync_service.save_connection(self.workspace, self.url(),
                                         self.password.text() or None, self.interval.value(),
                                         self.ca_file.text().strip() or None)
        except SyncError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class ConflictModel(ListModel[conflict_service.ConflictView]):
    """The open conflicts, each with the base, the shared database's and this PC's value."""

    headers = ("資料", "紀錄", "欄位", "原本的值", "共用資料庫的值", "本機的值", "說明")
    translate = staticmethod(tr)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.reload()

    def reload(self) -> None:
        with self.workspace.read() as s:
            self.set_rows(conflict_service.list_open(s))

    def cell(self, c: conflict_service.ConflictView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (c.table_label, c.row_label, c.field_label, c.base, c.server, c.local,
                    c.detail)[column]
        if role == Qt.ItemDataRole.UserRole:
            return c
        return None


class ConflictsDialog(QDialog):
    """The 衝突 view: every open conflict with both values; a person decides which stays."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("conflicts")
        self.setWindowTitle(tr("衝突"))
        self.resize(900, 400)
        self.model = ConflictModel(workspace, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.keep_server = QPushButton(tr("保留共用資料庫的值(&K)"), self)
        self.take_local = QPushButton(tr("改用本機的值(&L)"), self)
        self.keep_server.clicked.connect(lambda: self.decide(conflict_service.KEEP_SERVER))
        self.take_local.clicked.connect(lambda: self.decide(conflict_service.TAKE_LOCAL))
        # a new row of this PC the shared database refused (e.g. the same 學號 or class code)
        self.merge = QPushButton(tr("合併為共用資料庫的那一筆(&M)"), self)
        self.rename = QPushButton(tr("改用新的代碼或學號(&R)…"), self)
        self.discard = QPushButton(tr("捨棄本機新增(&X)…"), self)
        self.merge.clicked.connect(lambda: self.decide(conflict_service.MERGE))
        self.rename.clicked.connect(lambda: self.decide(conflict_service.RENAME))
        self.discard.clicked.connect(lambda: self.decide(conflict_service.DISCARD))
        close = QPushButton(tr("關閉"), self)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.keep_server, self.take_local, self.merge, self.rename,
                       self.discard):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        intro = QLabel(tr("兩台電腦改了同一欄位、或一邊刪除一邊修改時，共用資料庫先保留原值，"
                          "請決定要留下哪一個值；決定後會在下次同步送出。\n"
                          "兩台電腦各自新增了同一學號、班級代碼等的不同資料時，本機那筆與依附它的資料"
                          "都保留在這台電腦，請合併、改用新的代碼或學號，或捨棄。"), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        if self.model.rows:
            self.view.selectRow(0)
        self._enable()

    def _enable(self) -> None:
        c = self.current()
        choices = c.choices if c is not None else ()
        for button, choice in ((self.keep_server, conflict_service.KEEP_SERVER),
                               (self.take_local, conflict_service.TAKE_LOCAL),
                               (self.merge, conflict_service.MERGE),
                               (self.rename, conflict_service.RENAME),
                               (self.discard, conflict_service.DISCARD)):
            button.setEnabled(choice in choices)

    def current(self) -> conflict_service.ConflictView | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def decide(self, choice: str) -> None:
        c = self.current()
        if c is None:
            return
        from lxp_desktop.domain.errors import ValidationFailed

        new_value = None
        if choice == conflict_service.RENAME:
            new_value, ok = QInputDialog.getText(
                self, tr("改用新的代碼或學號"),
                tr("本機這筆資料的新%1（共用資料庫已有「%2」）：").replace("%1", c.field_label)
                .replace("%2", c.server), text=c.rename_value)
            if not ok:
                return
        elif choice == conflict_service.DISCARD:
            answer = QMessageBox.question(
                self, tr("捨棄本機新增"),
                tr("捨棄本機新增的這筆資料，以及在本機依附它的資料與待上傳的變更？%1\n"
                   "這些資料從未進入共用資料庫，捨棄後無法復原。").replace("%1", c.detail))
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            conflict_service.resolve(self.workspace, c.id, choice, new_value)
        except ValidationFailed as exc:
            QMessageBox.warning(self, tr("衝突"), str(exc))
        self.model.reload()
        if self.model.rows:
            self.view.selectRow(0)
        self._enable()
