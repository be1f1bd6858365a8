"""工具 › 升級作業: preview the year's promotion, edit the class mapping and any student's
action, then write it in one confirmed step — or undo the last one while the new year has no
record yet. The rules and the writing are ``services.promotion``'s (as the CLI's)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lxp_desktop.domain import promotion as rules
from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.domain.roc import format_roc, parse_date
from lxp_desktop.services import promotion
from lxp_desktop.services.workspace import Workspace

_Index = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate("PromotionDialog", text)


class MappingModel(QAbstractTableModel):
    """原班級 → 新班級, the second column editable."""

    HEADERS = ("原班級", "升到新學年度的班級")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[list[str]] = []

    def set_mapping(self, mapping: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows = [[a, b] for a, b in sorted(mapping.items())]
        self.endResetModel()

    def mapping(self) -> dict[str, str]:
        return {a: b for a, b in self.rows if b}

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.rows[index.row()][index.column()]
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 1 or role != Qt.ItemDataRole.EditRole:
            return False
        self.rows[index.row()][1] = str(value or "").strip()
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == 1 else base

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[section])
        return None


class MovesModel(QAbstractTableModel):
    """Each student of the preview; 處理方式 editable (升級, 畢業, 延修, 重讀)."""

    HEADERS = ("原班級", "座號", "學號", "姓名", "學籍狀態", "處理方式", "新班級", "新座號")
    ACTION = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.moves: list[promotion.Move] = []
        self.overrides: dict[str, str] = {}

    def set_moves(self, moves: list[promotion.Move]) -> None:
        self.beginResetModel()
        self.moves = list(moves)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.moves)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.EditRole):
            return None
        m = self.moves[index.row()]
        values = (m.from_class, m.from_seat, m.student_no, m.name, m.status, m.action,
                  m.to_class or "", m.to_seat)
        value = values[index.column()]
        return "" if value is None else str(value)

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not index.isValid() or index.column() != self.ACTION
                or role != Qt.ItemDataRole.EditRole or value not in rules.ACTIONS):
            return False
        move = self.moves[index.row()]
        self.overrides[move.student_no] = str(value)
        move.action = str(value)
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == self.ACTION else base

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[section])
        return None


class ActionDelegate(QStyledItemDelegate):
    """處理方式 picked from the list (typing picks too)."""

    def createEditor(self, parent: QWidget, option: Any, index: _Index) -> QWidget:
        box = QComboBox(parent)
        box.addItems(list(rules.ACTIONS))
        return box

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class PromotionDialog(QDialog):
    def __init__(self, workspace: Workspace, from_year: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promotion_dialog")
        self.setWindowTitle(tr("升級作業"))
        self.workspace = workspace
        self.plan: promotion.Plan | None = None
        #: called with the tables written after a promotion or an undo (the window's bus)
        self.on_written: Any = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("從"), self))
        self.year = QSpinBox(self)
        self.year.setObjectName("from_year")
        self.year.setRange(100, 200)
        self.year.setValue(from_year)
        top.addWidget(self.year)
        self.to_label = QLabel(self)
        top.addWidget(self.to_label)
        top.addWidget(QLabel(tr("畢業日期"), self))
        self.graduation = QLineEdit(format_roc(date(from_year + 1912, 7, 31)), self)
        self.graduation.setObjectName("graduation_date")
        self.graduation.setPlaceholderText("114/07/31")
        top.addWidget(self.graduation)
        self.preview_button = QPushButton(tr("預覽(&P)"), self)
        self.preview_button.setObjectName("preview")
        self.preview_button.clicked.connect(self.refresh)
        top.addWidget(self.preview_button)
        top.addStretch(1)
        layout.addLayout(top)
        self.year.valueChanged.connect(self._year_changed)
        self._year_changed(from_year)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.mapping_model = MappingModel(self)
        self.mapping_view = QTableView(split)
        self.mapping_view.setObjectName("mapping")
        self.mapping_view.setModel(self.mapping_model)
        self.mapping_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.moves_model = MovesModel(self)
        self.moves_view = QTableView(split)
        self.moves_view.setObjectName("moves")
        self.moves_view.setModel(self.moves_model)
        self.moves_view.setItemDelegateForColumn(MovesModel.ACTION, ActionDelegate(self))
        self.moves_view.horizontalHeader().setStretchLastSection(True)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        layout.addWidget(split, 1)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.undo_button = QPushButton(tr("復原上次升級(&U)"), self)
        self.undo_button.setObjectName("undo")
        self.undo_button.clicked.connect(self.undo)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        self.run_button = QPushButton(tr("執行升級(&R)…"), self)
        self.run_button.setObjectName("run")
        self.run_button.clicked.connect(self.run)
        buttons.addWidget(self.run_button)
        close = QPushButton(tr("關閉"), self)
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        #: what a confirmation asks (tests replace it)
        self.confirm: Callable[[str], bool] = self._ask
        self.resize(1100, 620)
        self.refresh()

    def _ask(self, text: str) -> bool:
        return QMessageBox.question(self, tr("升級作業"), text) == QMessageBox.StandardButton.Yes

    def _year_changed(self, year: int) -> None:
        self.to_label.setText(tr("學年度升到 %1 學年度").replace("%1", str(year + 1)))

    def _graduation(self) -> date | None:
        try:
            return parse_date(self.graduation.text())
        except ValueError as exc:
            self.summary.setText(tr("畢業日期：") + str(exc))
            return None

    def refresh(self) -> None:
        """Preview with the mapping and the students' actions as edited."""
        graduation = self._graduation()
        if graduation is None:
            return
        mapping = self.mapping_model.mapping() if self.plan is not None and \
            self.plan.from_year == self.year.value() else None
        actions = self.moves_model.overrides if mapping is not None else {}
        try:
            with self.workspace.read() as s:
                self.plan = promotion.preview(s, self.year.value(), graduation,
                                              mapping=mapping, actions=actions)
                blocker = promotion.undo_blocker(s, self.year.value() + 1)
        except ValidationFailed as exc:
            self.plan = None
            self.mapping_model.set_mapping({})
            self.moves_model.set_moves([])
            self.summary.setText(str(exc))
            self.run_button.setEnabled(False)
            return
        if mapping is None:
            self.moves_model.overrides = {}
        self.mapping_model.set_mapping(self.plan.mapping)
        self.moves_model.set_moves(self.plan.moves)
        self.moves_view.resizeColumnsToContents()
        counts = self.plan.counts()
        text = "、".join(f"{a} {counts[a]} 人" for a in rules.ACTIONS if a in counts)
        if self.plan.new_classes:
            text += tr("；將建立班級：") + "、".join(sorted(self.plan.new_classes))
        if self.plan.kept:
            text += tr("；已有新學年度班級而不變動：%1 人").replace("%1", str(self.plan.kept))
        self.summary.setText(text or tr("沒有需要升級的學生。"))
        self.run_button.setEnabled(bool(self.plan.moves))
        self.undo_button.setEnabled(blocker is None)
        self.undo_button.setToolTip(blocker or "")

    def run(self) -> bool:
        """Confirm, then write the plan as previewed (preview again first, so edits count)."""
        self.refresh()
        if self.plan is None or not self.plan.moves:
            return False
        counts = self.plan.counts()
        question = (tr("升級 %1 學年度 → %2 學年度：").replace("%1", str(self.plan.from_year))
                    .replace("%2", str(self.plan.to_year))
                    + "、".join(f"{a} {n} 人" for a, n in counts.items())
                    + tr("。確定執行？（新學年度寫入第一筆紀錄前都可以復原。）"))
        if not self.confirm(question):
            return False
        graduation = self.plan.graduation_date
        try:
            with self.workspace.write("升級作業") as (s, a):
                plan = promotion.preview(s, self.plan.from_year, graduation,
                                         mapping=self.mapping_model.mapping(),
                                         actions=self.moves_model.overrides)
                result = promotion.promote(s, a, plan)
        except ValidationFailed as exc:
            self.summary.setText(str(exc))
            return False
        self.summary.setText(tr("升級作業完成：") + "、".join(
            f"{k} {v} 人" for k, v in result.counts.items()))
        self.run_button.setEnabled(False)
        self.undo_button.setEnabled(True)
        self._written()
        return True

    def _written(self) -> None:
        if self.on_written is not None:
            self.on_written("student", "class_membership", "school_class")

    def undo(self) -> bool:
        to_year = self.year.value() + 1
        if not self.confirm(tr("復原升到 %1 學年度的升級作業？").replace("%1", str(to_year))):
            return False
        try:
            with self.workspace.write("復原升級作業") as (s, a):
                n = promotion.undo(s, a, to_year)
        except ValidationFailed as exc:
            self.summary.setText(str(exc))
            return False
        self.plan = None
        self.refresh()
        self.summary.setText(tr("已復原：%1 位學生回到升級前的班級與學籍狀態。").replace("%1", str(n)))
        self._written()
        return True
