"""The first-start set-up, the sign-in, and the idle lock.

One dialog does all three: ``SETUP`` creates the first 系統管理者 (no default password exists),
``SIGN_IN`` signs in at start, ``LOCK`` covers a window that was left idle — it cannot be
dismissed without signing in (anyone may sign in: the window then acts as them).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services.workspace import Workspace

SETUP, SIGN_IN, LOCK = "setup", "sign_in", "lock"
DEFAULT_IDLE_MINUTES = 10


def tr(text: str) -> str:
    return QCoreApplication.translate("SignIn", text)


class SignInDialog(QDialog):
    """Set-up, sign-in or unlock; on success ``workspace.actor`` is the person signed in."""

    def __init__(self, workspace: Workspace, mode: str = SIGN_IN,
                 parent: QWidget | None = None, username: str = "") -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.mode = mode
        self.setObjectName(f"sign_in_{mode}")
        self.setModal(True)
        titles = {SETUP: tr("首次設定：建立系統管理者"), SIGN_IN: tr("登入 LXP Desktop"),
                  LOCK: tr("畫面已鎖定")}
        self.setWindowTitle(titles[mode])
        intro = {
            SETUP: tr("這是這個資料庫第一次使用。請建立系統管理者帳號；之後用它新增其他同仁的帳號。\n沒有預設密碼，請設定至少 8 個字元的密碼並妥善保管。"),
            SIGN_IN: tr("請輸入您的帳號與密碼。"),
            LOCK: tr("閒置過久，畫面已鎖定以保護學生個人資料。請重新登入以繼續。"),
        }[mode]
        self.intro = QLabel(intro, self)
        self.intro.setWordWrap(True)
        self.username = QLineEdit(username, self)
        self.username.setObjectName("username")
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setObjectName("repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        if mode != SETUP:
            # the set-up's extra boxes exist (``try_accept`` clears them) but are never shown,
            # so they cannot take the Tab between 帳號 and 密碼 or cover the intro
            for extra in (self.name, self.repeat):
                extra.hide()
                extra.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        form = QFormLayout()
        form.addRow(tr("帳號(&U)："), self.username)
        if mode == SETUP:
            form.addRow(tr("姓名(&N)："), self.name)
        form.addRow(tr("密碼(&P)："), self.password)
        if mode == SETUP:
            form.addRow(tr("再輸入一次(&R)："), self.repeat)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        if mode != LOCK:
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(tr("建立並登入") if mode == SETUP else tr("登入"))
        self.ok, self.form = ok, form
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        self.join_button = None
        if mode == SETUP and workspace.joining:
            # the first copy of the school was cut: finish it, then sign in with the
            # school's account (setting up an administrator of this PC's own is refused)
            self.intro.setText(tr("這台電腦加入學校共用資料庫的第一次同步尚未完成。請按「完成加入學校」"
                                  "完成同步，再以您在學校的帳號登入。"))
            self.join_button = buttons.addButton(tr("完成加入學校(&J)"),
                                                 QDialogButtonBox.ButtonRole.ActionRole)
            self.join_button.setObjectName("finish_joining")
            self.join_button.clicked.connect(self.finish_joining)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.password if username else self.username).setFocus()

    def try_accept(self) -> None:
        try:
            if self.mode == SETUP:
                if self.password.text() != self.repeat.text():
                    raise ValidationFailed(tr("兩次輸入的密碼不同，請重新輸入。"))
                self.workspace.set_up(self.username.text(), self.name.text(),
                                      self.password.text())
            else:
                self.workspace.sign_in(self.username.text(), self.password.text())
        except ValidationFailed as exc:
            self.message.setText(str(exc))
            self.password.clear()
            self.repeat.clear()
            self.password.setFocus()
            return
        self.password.clear()
        self.accept()

    def finish_joining(self) -> None:
        from lxp_desktop.services import sync as sync_service
        from lxp_desktop.services.sync import SyncError

        try:
            sync_service.finish_joining(self.workspace)
        except SyncError as exc:
            self.message.setText(str(exc))
            return
        if self.workspace.joining:  # pragma: no cover - the sync ends the joining state
            return
        # joined: the school's accounts are here; sign in with yours
        self.mode = SIGN_IN
        self.setWindowTitle(tr("登入 LXP Desktop"))
        self.intro.setText(tr("已加入學校的共用資料庫。請以您在學校的帳號與密碼登入。"))
        self.form.setRowVisible(self.name, False)
        self.form.setRowVisible(self.repeat, False)
        self.ok.setText(tr("登入"))
        if self.join_button is not None:
            self.join_button.hide()
        self.message.clear()
        self.username.setFocus()

    def reject(self) -> None:
        if self.mode == LOCK:
            return  # a locked window opens only with a sign-in
        super().reject()


class IdleWatcher(QObject):
    """Emits ``idle`` when no key or mouse input reached the application for ``msec``."""

    idle = Signal()
    _INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
              QEvent.Type.Wheel, QEvent.Type.InputMethod}

    def __init__(self, msec: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_timeout(msec)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_timeout(self, msec: int) -> None:
        """``msec`` ≤ 0 turns the lock off."""
        self.enabled = msec > 0
        self.timer.setInterval(max(msec, 1))
        if self.enabled:
            self.timer.start()
        else:
            self.timer.stop()

    def pause(self) -> None:
        self.timer.stop()

    def resume(self) -> None:
        if self.enabled:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.enabled and self.timer.isActive() and event.type() in self._INPUT:
            self.timer.start()
        return False

    def stop(self) -> None:
        self.timer.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
