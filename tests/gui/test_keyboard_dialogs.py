"""Keyboard-true dialogs: the clerk types 帳號 Tab 密碼 Enter and is signed in, every morning
and after every idle lock; no hidden widget sits in the Tab order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from lxp_desktop.services.workspace import Workspace
from lxp_desktop.ui.sign_in import LOCK, SETUP, SIGN_IN, SignInDialog
from tests.makers import ADMIN_PASSWORD


def focus_chain(qtbot, count: int = 8) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """The widgets real Tab presses visit, from the one that has the focus."""
    chain = [QApplication.focusWidget()]
    for _ in range(count):
        qtbot.keyClick(chain[-1], Qt.Key.Key_Tab)
        chain.append(QApplication.focusWidget())
    assert all(w is not None and w.isVisible() for w in chain), chain
    qtbot.keyClick(chain[-1], Qt.Key.Key_Backtab)  # back to where it was, then on
    for _ in range(count - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is chain[0]
    return chain


def show_active(qtbot, dialog: QWidget) -> None:  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def type_here(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(QApplication.focusWidget(), text)


def test_sign_in_by_keyboard_alone(app, workspace, qtbot):
    workspace.lock()
    dialog = SignInDialog(workspace, SIGN_IN)
    show_active(qtbot, dialog)
    # nothing the clerk cannot see takes part in the dialog
    assert [w.objectName() for w in (dialog.name, dialog.repeat) if w.isVisible()] == []
    names = [w.objectName() or type(w).__name__ for w in focus_chain(qtbot)]
    assert names[:5] == ["username", "password", "QPushButton", "QPushButton", "username"]
    type_here(qtbot, "admin")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.password
    type_here(qtbot, ADMIN_PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert workspace.signed_in and workspace.actor.name == "系統管理者"


def test_the_idle_lock_opens_from_the_keyboard(app, workspace, qtbot):
    workspace.lock()
    dialog = SignInDialog(workspace, LOCK, username="admin")
    show_active(qtbot, dialog)
    # the name is filled in: the password box has the focus, and the intro is not covered
    assert QApplication.focusWidget() is dialog.password
    assert not dialog.intro.geometry().intersects(dialog.password.geometry())
    names = [w.objectName() or type(w).__name__ for w in focus_chain(qtbot)]
    # password, 登入, back to the name (a lock has no 取消)
    assert names[:4] == ["password", "QPushButton", "username", "password"], names
    type_here(qtbot, ADMIN_PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Enter)
    assert workspace.signed_in


def test_first_start_walks_its_four_boxes_in_order(app, data_dir, qtbot):
    ws = Workspace.open(data_dir)
    try:
        dialog = SignInDialog(ws, SETUP)
        show_active(qtbot, dialog)
        names = [w.objectName() or type(w).__name__ for w in focus_chain(qtbot)]
        assert names[:7] == ["username", "name", "password", "repeat", "QPushButton",
                             "QPushButton", "username"], names
        type_here(qtbot, "boss")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        dialog.name.setText("陳校管")  # CJK cannot be typed by keyClicks offscreen
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        type_here(qtbot, "a-long-password")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        type_here(qtbot, "a-long-password")
        with qtbot.waitSignal(dialog.accepted):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        assert ws.actor.name == "陳校管"
    finally:
        ws.close()
