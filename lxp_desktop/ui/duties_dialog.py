"""The settings page of duties (承辦項目): responsible staff and ordered proxies (代理人).

A row per duty of the school rules; 課程認證's responsible person is each course's teacher,
and a teacher may have a row of their own proxies (tried before the school's list). Enter
edits the current row, Ctrl+N adds a teacher's own row; proxies are typed as accounts or
names in order, separated by 、 or commas.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lxp_desktop.domain import enums
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import duties
from lxp_desktop.services.duties import DutyView
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.store.models import Staff
from lxp_desktop.ui.list_model import ListModel, list_view


def tr(text: str) -> str:
    return QCoreApplication.translate("DutiesDialog", text)


class DutyModel(ListModel[DutyView]):
    headers = ("承辦項目", "承辦人", "代理人（依順位）", "規定中的承辦人／代理人")
    translate = staticmethod(tr)

    def cell(self, d: DutyView, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return d.name
        if column == 1:
            return d.responsible or tr("（未指定）")
        if column == 2:
            return "、".join(f"{i + 1}. {p}" for i, p in enumerate(d.proxies)) or tr("（未指定）")
        if column == 3:
            return f"{duties.RESPONSIBLE_HINT.get(d.name, '')}／{duties.PROXY_HINT.get(d.name, '')}"
        return None


def split_names(text: str) -> list[str]:
    return [p for p in (x.strip() for x in re.split(r"[、,，;；\n]", text)) if p]


class DutyEditor(QDialog):
    """Edit one duty row (or add a teacher's own 課程認證 row)."""

    def __init__(self, workspace: Workspace, row: DutyView | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DutyEditor")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.workspace, self.row = workspace, row
        self.setWindowTitle(tr("編輯承辦人與代理人") if row else tr("新增教師的代理人"))
        self.name = QComboBox(self)
        self.name.setObjectName("field_name")
        for n in enums.DUTIES:
            self.name.addItem(n, n)
        self.responsible = QLineEdit(self)
        self.responsible.setObjectName("field_responsible")
        self.proxies = QLineEdit(self)
        self.proxies.setObjectName("field_proxies")
        self.proxies.setPlaceholderText(tr("帳號或姓名，依順位以「、」或逗號分開"))
        if row is not None:
            self.name.setCurrentIndex(self.name.findData(row.name))
            self.name.setEnabled(False)
            with workspace.read() as session:
                names = {s.id: s.username for s in session.query(Staff)}
            self.responsible.setText(names.get(row.responsible_id, "") if row.responsible_id
                                     else "")
            self.proxies.setText("、".join(names.get(i, "") for i in row.proxy_ids))
        else:
            self.name.setCurrentIndex(self.name.findData(duties.CERTIFICATION))
            self.responsible.setPlaceholderText(tr("任課教師的帳號或姓名"))
        if row is not None and row.name == duties.CERTIFICATION and row.responsible_id is None:
            self.responsible.setPlaceholderText(tr("空白＝各課程的任課教師"))
            self.responsible.setEnabled(False)
        form = QFormLayout()
        form.addRow(tr("承辦項目"), self.name)
        form.addRow(tr("承辦人(&P)"), self.responsible)
        form.addRow(tr("代理人(&X)"), self.proxies)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("儲存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.try_save)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.activateWindow()
        first = self.responsible if self.responsible.isEnabled() else self.proxies
        first.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def try_save(self) -> bool:
        try:
            with self.workspace.write("代理人設定") as (session, actor):
                duties.save_duty(session, actor, str(self.name.currentData()),
                                 self.responsible.text(), split_names(self.proxies.text()),
                                 self.row.id if self.row else None,
                                 self.row.version if self.row else None)
        except ValidationFailed as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.accept()
        return True


class DutiesDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DutiesDialog")
        self.setWindowTitle(tr("承辦人與代理人"))
        self.workspace = workspace
        self.model = DutyModel(self)
        self.view = list_view(self, self.model, "duties", (90, 110, 260, 180))
        self.view.installEventFilter(self)
        self.edit_button = QPushButton(tr("編輯(&E)"), self)
        self.add_button = QPushButton(tr("新增教師代理人(&N)"), self)
        self.seed_button = QPushButton(tr("依補充規定建立項目"), self)
        close = QPushButton(tr("關閉"), self)
        note = QLabel(tr("代理人依順位代理；以代理人身分所做的每一筆修改，稽核紀錄都會記下「代理誰」。"),
                      self)
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.seed_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(note)
        layout.addLayout(buttons)
        self.edit_button.clicked.connect(self.edit_current)
        self.add_button.clicked.connect(lambda: self._open(DutyEditor(self.workspace, None, self)))
        self.seed_button.clicked.connect(self.seed)
        close.clicked.connect(self.reject)
        for b in (self.edit_button, self.add_button, self.seed_button, close):
            b.setAutoDefault(False)
        QShortcut(QKeySequence("Ctrl+N"), self,
                  activated=lambda: self._open(DutyEditor(self.workspace, None, self)))
        self.resize(720, 400)
        self.reload()

    def reload(self) -> None:
        current = self.view.currentIndex().row()
        with self.workspace.read() as session:
            self.model.set_rows(duties.list_duties(session))
        self.seed_button.setVisible(not any(
            d.responsible_id is None for d in self.model.rows))
        if self.model.rows:
            self.view.selectRow(max(0, min(current, len(self.model.rows) - 1)))

    def seed(self) -> None:
        with self.workspace.write("代理人設定") as (session, actor):
            duties.seed_default_duties(session, actor)
        self.reload()

    def edit_current(self) -> DutyEditor | None:
        row = self.view.currentIndex().row()
        if not 0 <= row < len(self.model.rows):
            return None
        return self._open(DutyEditor(self.workspace, self.model.rows[row], self))

    def _open(self, editor: DutyEditor) -> DutyEditor:
        editor.accepted.connect(self.reload)
        editor.open()
        return editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
                self.edit_current()
                return True
        return super().eventFilter(watched, event)
