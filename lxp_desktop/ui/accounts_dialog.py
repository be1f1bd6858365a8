"""Account management for 系統管理者: add staff, set roles, deactivate, reset a password."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lxp_desktop.domain.enums import ROLES
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import accounts
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.ui.list_model import ListModel


def tr(text: str) -> str:
    return QCoreApplication.translate("Accounts", text)


class AccountsModel(ListModel[tuple[uuid.UUID, str, str, str, str]]):
    """The accounts: (id, 帳號, 姓名, 角色, 狀態) a line."""

    headers = ("帳號", "姓名", "角色", "狀態")
    translate = staticmethod(tr)

    def __init__(self, workspace: Workspace, parent: Any = None) -> None:
        super().__init__(parent)
        self.workspace = workspace

    def refresh(self) -> None:
        with self.workspace.read() as s:
            self.set_rows([(st.id, st.username, st.name, accounts.role_labels(st.roles),
                            (tr("使用中") if st.active else tr("停用"))
                            + ("" if st.password_hash else tr("（未設密碼）")))
                           for st in accounts.list_accounts(s, self.workspace.actor)])

    def cell(self, row: tuple[uuid.UUID, str, str, str, str], column: int, role: int) -> Any:
        return row[column + 1] if role == Qt.ItemDataRole.DisplayRole else None


class AccountForm(QDialog):
    """Add an account (with its first password) or change one's name, roles and state."""

    def __init__(self, workspace: Workspace, staff_id: uuid.UUID | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("account_form")
        self.workspace, self.staff_id = workspace, staff_id
        self.setWindowTitle(tr("編輯帳號") if staff_id else tr("新增帳號"))
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.active = QCheckBox(tr("使用中"), self)
        self.active.setChecked(True)
        self.roles: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for i, (key, label) in enumerate(ROLES.items()):
            box = QCheckBox(tr(label), self)
            box.setObjectName(f"role_{key}")
            self.roles[key] = box
            grid.addWidget(box, i // 3, i % 3)
        form = QFormLayout()
        form.addRow(tr("帳號："), self.username)
        form.addRow(tr("姓名："), self.name)
        if staff_id is None:
            form.addRow(tr("初始密碼："), self.password)
        form.addRow(tr("角色："), grid)
        if staff_id is not None:
            form.addRow("", self.active)
            with workspace.read() as s:
                staff = s.get(accounts.Staff, staff_id)
                assert staff is not None
                self.username.setText(staff.username)
                self.username.setReadOnly(True)
                self.name.setText(staff.name)
                self.active.setChecked(staff.active)
                for r in staff.roles.split(","):
                    if r in self.roles:
                        self.roles[r].setChecked(True)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def save(self) -> None:
        roles = [k for k, box in self.roles.items() if box.isChecked()]
        try:
            with self.workspace.write("帳號管理") as (s, a):
                if self.staff_id is None:
                    accounts.create_account(s, a, self.username.text(), self.name.text(), roles,
                                            self.password.text())
                else:
                    accounts.update_account(s, a, self.staff_id, name=self.name.text(),
                                            roles=roles, active=self.active.isChecked())
        except ValidationFailed as exc:
            self.message.setText(str(exc))
            return
        self.accept()


class PasswordForm(QDialog):
    def __init__(self, workspace: Workspace, staff_id: uuid.UUID, username: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("password_form")
        self.workspace, self.staff_id = workspace, staff_id
        self.setWindowTitle(tr("重設密碼：") + username)
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(tr("新密碼："), self.password)
        form.addRow(self.message)
        form.addRow(buttons)

    def save(self) -> None:
        try:
            with self.workspace.write("帳號管理") as (s, a):
                accounts.set_password(s, a, self.staff_id, self.password.text())
        except ValidationFailed as exc:
            self.message.setText(str(exc))
            return
        self.accept()


class AccountsDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accounts_dialog")
        self.setWindowTitle(tr("帳號管理"))
        self.resize(640, 420)
        self.workspace = workspace
        self.model = AccountsModel(workspace, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(tr("新增(&N)"), self)
        self.edit_button = QPushButton(tr("編輯(&E)"), self)
        self.password_button = QPushButton(tr("重設密碼(&P)"), self)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.password_button.clicked.connect(self.reset_password)
        self.view.doubleClicked.connect(lambda _i: self.edit())
        bar = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.password_button):
            bar.addWidget(b)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.model.refresh()

    def current(self) -> tuple[uuid.UUID, str] | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        row = self.model.rows[index.row()]
        return row[0], row[1]

    def _open(self, form: QDialog) -> QDialog:
        form.accepted.connect(self.model.refresh)
        form.open()
        return form

    def add(self) -> QDialog:
        return self._open(AccountForm(self.workspace, None, self))

    def edit(self) -> QDialog | None:
        cur = self.current()
        return self._open(AccountForm(self.workspace, cur[0], self)) if cur else None

    def reset_password(self) -> QDialog | None:
        cur = self.current()
        return self._open(PasswordForm(self.workspace, cur[0], cur[1], self)) if cur else None
