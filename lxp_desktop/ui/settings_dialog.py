"""學校設定: the school's own limits, retention, backups and how notices and labels print.

Every setting of ``services.settings.SCHOOL_SETTINGS`` with its range; the values are shared by
every PC (they sync). Those who may not change them (everyone but 註冊組 and the
administrator) see them read-only. OK writes the changed values in one transaction.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import settings
from lxp_desktop.services.permissions import may_write
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.ui.fit import fit_to_screen, scrolled

#: the groups of the page: a heading and the keys under it, in order
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("件數上限", ("outcomes_per_term", "outcomes_selected_per_year", "performances_per_year")),
    ("保存與備份", ("retention_years", "backups_keep")),
    ("紙本通知與窗型信封", ("notice_reply_days", "notice_to_guardian", "notice_postage",
                            "notice_window_left_mm", "notice_window_top_mm",
                            "notice_window_width_mm", "notice_window_height_mm")),
    ("地址標籤", ("label_columns", "label_rows", "label_width_mm", "label_height_mm",
                  "label_left_mm", "label_top_mm")),
)

#: the heading of settings no group names yet
OTHER = "其他"


def tr(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


class SettingsDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("school_settings")
        self.setWindowTitle(tr("學校設定"))
        self.workspace = workspace
        self.editable = may_write(workspace.actor, "setting")
        with workspace.read() as s:
            self.values = {key: settings.get(s, key) for key in settings.SCHOOL_SETTINGS}
        self.editors: dict[str, QSpinBox | QDoubleSpinBox] = {}
        layout = QVBoxLayout(self)
        page = QWidget(self)
        groups = QVBoxLayout(page)
        groups.setContentsMargins(0, 0, 0, 0)
        grouped = {k for _heading, keys in GROUPS for k in keys}
        rest = tuple(k for k in settings.SCHOOL_SETTINGS if k not in grouped)
        for heading, keys in (*GROUPS, *(((OTHER, rest),) if rest else ())):
            box = QGroupBox(tr(heading), page)
            form = QFormLayout(box)
            for key in keys:
                spec = settings.SCHOOL_SETTINGS[key]
                editor: QSpinBox | QDoubleSpinBox
                if isinstance(spec.default, int):
                    editor = QSpinBox(box)
                    editor.setRange(int(spec.minimum), int(spec.maximum))
                else:
                    editor = QDoubleSpinBox(box)
                    editor.setDecimals(1)
                    editor.setSingleStep(0.5)
                    editor.setRange(spec.minimum, spec.maximum)
                editor.setObjectName(key)
                editor.setValue(self.values[key])
                editor.setReadOnly(not self.editable)
                if not self.editable:
                    editor.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
                form.addRow(tr(spec.label), editor)
                self.editors[key] = editor
            groups.addWidget(box)
        groups.addStretch(1)
        # 802 px of groups do not fit a 768-px screen: they scroll, 確定/取消 stay in view
        self.scroll_area = scrolled(page, self)
        layout.addWidget(self.scroll_area, 1)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        if not self.editable:
            self.message.setText(tr("只有註冊組與系統管理者可以變更學校設定。"))
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            if self.editable else QDialogButtonBox.StandardButton.Close, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self)

    def save(self) -> list[str]:
        """Write what changed (all or nothing); the keys written."""
        wanted = {key: editor.value() for key, editor in self.editors.items()
                  if editor.value() != self.values[key]}
        try:
            with self.workspace.write("學校設定") as (s, a):
                changed = settings.put_many(s, a, wanted)
        except ValidationFailed as exc:
            self.message.setText(str(exc))
            return []
        self.accept()
        return changed
