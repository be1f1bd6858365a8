"""The tab of a record category: search box, paged table, add/edit form, soft delete.

Every record category (學生基本資料, 幹部經歷, 修課紀錄, 課程諮詢紀錄, 課程學習成果, 多元表現,
課程) is this one tab over its service's description; a category that needs more (the
certification queue, the notices) gets a module of its own next to this one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lxp_desktop.domain.errors import ValidationFailed
from lxp_desktop.services import scope
from lxp_desktop.services.base import ListQuery
from lxp_desktop.services.permissions import may_write, sees_all_students, sees_full_ids
from lxp_desktop.services.registry import Category
from lxp_desktop.services.workspace import Workspace
from lxp_desktop.ui.changes import ChangeBus
from lxp_desktop.ui.columns import ColumnState
from lxp_desktop.ui.record_form import RecordForm
from lxp_desktop.ui.table_model import RecordTableModel


def tr(text: str) -> str:
    return QCoreApplication.translate("RecordTab", text)


class RecordTab(QWidget):
    """A tab listing one category for the selected term."""

    countChanged = Signal(int)

    def __init__(self, category: Category, workspace: Workspace, bus: ChangeBus,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category = category
        self.service = category.service
        self.workspace = workspace
        self.bus = bus
        self.setObjectName(f"tab_{category.key}")
        self._term: tuple[int, int] | None = None
        self._stale = True

        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(
            tr("搜尋：課程代碼或科目名稱") if category.key == "courses"
            else tr("搜尋：學號、姓名、班級或身分證統一編號"))
        self.search.setClearButtonEnabled(True)
        self.add_button = QPushButton(tr("新增(&N)"), self)
        self.edit_button = QPushButton(tr("編輯(&E)"), self)
        self.delete_button = QPushButton(tr("刪除(&D)"), self)
        self.history_button = QPushButton(tr("歷程(&H)"), self)
        self.history_button.setObjectName("history")
        self.history_button.setToolTip(tr("這筆資料的完整異動紀錄：誰、何時、在哪台電腦、改了什麼"))
        self.reveal_button = QPushButton(tr("顯示身分證號"), self)
        self.reveal_button.setObjectName("reveal")
        self.reveal_button.setToolTip(tr("顯示這位學生完整的身分證統一編號（會記錄在稽核紀錄中）"))
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count")

        self.model = RecordTableModel(self.service, workspace.read, self)
        self.view = QTableView(self)
        self.view.setObjectName("table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # no sort column yet: enabling sorting must not query the database while the window
        # is being built (the tab loads when first shown)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        for i, col in enumerate(self.model.columns):
            self.view.setColumnWidth(i, col.width)
        # widths, order and hidden columns per account (right-click the header to choose);
        # without saved ones, the columns are sized to their content on the first load
        self.column_state = ColumnState(self.view, category.key,
                                        lambda: str(self.workspace.actor.staff_id or ""))
        self.column_state.restore()

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        if category.key == "students":
            # 學籍狀態: who is in school by default; departed students on demand, marked grey
            self.status_box = QComboBox(self)
            self.status_box.setObjectName("status_filter")
            for text, value in ((tr("在學"), "在學"), (tr("離校（轉出、休學、退學、畢業）"), "離校"),
                                (tr("全部學籍狀態"), "")):
                self.status_box.addItem(text, value)
            self.status_box.setToolTip(tr("學籍狀態：預設只列在學學生；離校學生以灰字標示"))
            status_label = QLabel(tr("學籍(&R)："), self)
            status_label.setBuddy(self.status_box)
            bar.addWidget(status_label)
            bar.addWidget(self.status_box)
            self.status_box.currentIndexChanged.connect(lambda _i: self.reload())
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.delete_button)
        bar.addWidget(self.history_button)
        bar.addWidget(self.reveal_button)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(0)  # coalesce keystrokes of one event-loop turn
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.view.setFocus)
        self.add_button.clicked.connect(self.add_record)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.history_button.clicked.connect(self.show_history)
        self.reveal_button.clicked.connect(self.reveal_id)
        self.view.doubleClicked.connect(lambda _i: self.edit_current())
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self._focus_search)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.add_record)
        QShortcut(QKeySequence("Insert"), self, activated=self.add_record)
        self.view.installEventFilter(self)
        bus.changed.connect(self._on_changed)
        self.apply_permissions()

    def may_edit(self) -> bool:
        return may_write(self.workspace.actor, self.service.table)

    def apply_permissions(self) -> None:
        """Show only what the signed-in person may do (the services refuse the rest anyway)."""
        editable = self.may_edit()
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setVisible(editable)
        self.reveal_button.setVisible(self.service.table == "student"
                                      and not sees_full_ids(self.workspace.actor))
        # an ID is searched only by the roles that read it whole (services/scope.py)
        self.search.setPlaceholderText(
            tr("搜尋：學號、姓名、班級或身分證統一編號")
            if scope.may_search_ids(self.workspace.actor) else tr("搜尋：學號、姓名或班級"))
        self._stale = True
        if self.isVisible():
            self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the table: Enter or F2 edits the row, Delete deletes it."""
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                return False
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
                self.edit_current()
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.delete_current()
                return True
        return super().eventFilter(watched, event)

    # --- state -----------------------------------------------------------------------
    def set_term(self, term: tuple[int, int] | None) -> None:
        self._term = term
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def query(self) -> ListQuery:
        q = ListQuery(search=self.search.text(), sort=self.model.query.sort,
                      descending=self.model.query.descending, viewer=self.workspace.actor)
        status_box = getattr(self, "status_box", None)
        if status_box is not None and status_box.currentData():
            q.extra["status"] = status_box.currentData()
        if self._term is not None and self.service.scope:
            q.school_year, q.semester = self._term
        elif self._term is not None and not scope.sees_all_students(self.workspace.actor):
            q.school_year = self._term[0]  # a teacher's students are those of the 學年度 shown
        return q

    def reload(self) -> None:
        self._stale = False
        self.model.refresh(self.query())
        self.column_state.fit()
        text = tr("共 %n 筆").replace("%n", str(self.model.total))
        if self.service.student_key() is not None and not sees_all_students(
                self.workspace.actor):
            year = self.query().school_year
            text += (tr("（只列出您任教、導師班或諮詢過的學生）") if year is None else
                     tr("（只列出您 %1 學年度任教、導師班或諮詢的學生）").replace("%1", str(year)))
        self.count_label.setText(text)
        self.countChanged.emit(self.model.total)

    def _on_changed(self, tables: frozenset[str]) -> None:
        if self.service.table in tables or "student" in tables:
            self._stale = True
            if self.isVisible():
                self.reload()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def current_id(self) -> Any:
        index = self.view.currentIndex()
        return self.model.row_id(index.row()) if index.isValid() else None

    def select_record(self, record_id: Any) -> None:
        row = self.model.row_of(record_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))

    # --- actions ---------------------------------------------------------------------
    def _defaults(self) -> dict[str, str]:
        values: dict[str, str] = {}
        if self._term is not None:
            values["school_year"] = str(self._term[0])
            values["semester"] = str(self._term[1])
        return values

    def add_record(self) -> RecordForm | None:
        if not self.may_edit():
            return None
        def save(values: dict[str, str]) -> Any:
            with self.workspace.write("表單") as (session, actor):
                obj = self.service.create(session, actor, values)
                return obj.id

        form = RecordForm(tr("新增") + QCoreApplication.translate("records",
                                                                 self.category.label),
                          self.service.fields(), self._defaults(), save, self)
        form.accepted.connect(lambda: self._saved(form.result_value))
        form.open()
        return form

    def edit_current(self) -> RecordForm | None:
        record_id = self.current_id()
        if record_id is None or not self.may_edit():
            return None
        with self.workspace.read() as session:
            obj = self.service.get(session, record_id)
            values, version = self.service.form_values(session, obj), obj.version

        def save(new_values: dict[str, str]) -> Any:
            with self.workspace.write("表單") as (session, actor):
                self.service.update(session, actor, record_id, new_values, version)
            return record_id

        form = RecordForm(tr("編輯") + QCoreApplication.translate("records",
                                                                 self.category.label),
                          self.service.fields(), values, save, self)
        form.accepted.connect(lambda: self._saved(record_id))
        form.open()
        return form

    def delete_current(self) -> bool:
        record_id = self.current_id()
        if record_id is None or not self.may_edit():
            return False
        row = self.view.currentIndex().row()
        what = " ".join(str(self.model.index(row, c).data() or "")
                        for c in range(min(4, self.model.columnCount())))
        answer = QMessageBox.question(
            self, tr("確認刪除"),
            tr("確定要刪除這筆資料嗎？\n%1\n刪除後仍保留在稽核紀錄中，可由管理者還原。").replace(
                "%1", what.strip()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            with self.workspace.write("表單") as (session, actor):
                self.service.delete(session, actor, record_id)
        except ValidationFailed as exc:
            QMessageBox.warning(self, tr("無法刪除"), str(exc))
            return False
        self.bus.notify(self.service.table)
        return True

    def show_history(self) -> QWidget | None:
        from lxp_desktop.ui.audit_view import AuditDialog

        record_id = self.current_id()
        if record_id is None:
            return None
        dialog = AuditDialog(self.workspace, self.service.table, record_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def reveal_id(self) -> str | None:
        """The selected student's full national ID, shown once and logged."""
        from lxp_desktop.services.privacy import reveal_national_id

        record_id = self.current_id()
        if record_id is None:
            return None
        try:
            with self.workspace.write("顯示身分證號") as (session, actor):
                number = reveal_national_id(session, actor, record_id)
        except ValidationFailed as exc:
            QMessageBox.warning(self, tr("無法顯示"), str(exc))
            return None
        QMessageBox.information(self, tr("身分證統一編號"),
                                tr("%1\n（這次查看已記錄在稽核紀錄中）").replace("%1", number))
        return number

    def _saved(self, record_id: Any) -> None:
        self.bus.notify(self.service.table)
        self.select_record(record_id)
        self.view.setFocus()
